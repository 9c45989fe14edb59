"""Translation catalogues without GNU gettext.

    bilim i18n extract   collect gettext/_()/gettext_lazy/pgettext/ngettext strings from src/bilim/**/*.py and
                         {% translate %}/{% blocktranslate %}/_("…") strings from templates, and merge them
                         into every django.po (project catalogue: src/bilim/locale/<lang>; an app that has its
                         own locale/ directory keeps its strings there)
    bilim i18n compile   .po → .mo with polib
    bilim i18n check     exit 1 if a string is untranslated/fuzzy or a .mo is out of date
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

SRC = Path(settings.BASE_DIR)  # src/bilim
PROJECT_LOCALE = SRC / "locale"
LANGS = [code for code, _ in settings.LANGUAGES]
PLURAL_FORMS = {
    "ky": "nplurals=2; plural=(n != 1);",
    "ru": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);",
    "en": "nplurals=2; plural=(n != 1);",
    "tr": "nplurals=2; plural=(n != 1);",
}
GETTEXT_FUNCS = {
    "gettext": "s", "gettext_lazy": "s", "gettext_noop": "s", "ugettext": "s", "ugettext_lazy": "s", "_": "s",
    "pgettext": "cs", "pgettext_lazy": "cs",
    "ngettext": "sp", "ngettext_lazy": "sp", "npgettext": "csp", "npgettext_lazy": "csp",
}
SKIP_DIRS = {"regulations", "migrations", "__pycache__", "static"}
# Apps that keep their strings in their own catalogue (src/bilim/apps/<app>/locale), besides any app
# that already has a locale/ directory.
OWN_CATALOGUE_APPS = {"mobility"}


@dataclass(frozen=True)
class Message:
    msgid: str
    plural: str = ""
    context: str = ""


def _aliases(tree: ast.AST) -> dict[str, str]:
    """Local names bound to gettext functions (``from django.utils.translation import gettext as _g``)."""
    names = {"_": "_"}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "django.utils.translation":
            for a in node.names:
                if a.name in GETTEXT_FUNCS:
                    names[a.asname or a.name] = a.name
    return names


def _call_messages(call: ast.Call, kind: str) -> Message | None:
    args = call.args
    try:
        values = [ast.literal_eval(a) for a in args[: len(kind)]]
    except ValueError:
        return None
    if len(values) < len(kind) or not all(isinstance(v, str) for v in values):
        return None
    parts = dict(zip(kind, values, strict=True))
    return Message(parts["s"], parts.get("p", ""), parts.get("c", ""))


def python_messages(path: Path) -> Iterator[Message]:
    try:
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    except SyntaxError:
        return
    aliases = _aliases(tree)
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        fn = node.func
        name = fn.id if isinstance(fn, ast.Name) else (fn.attr if isinstance(fn, ast.Attribute) else None)
        if name is None:
            continue
        real = aliases.get(name) if isinstance(fn, ast.Name) else (name if name in GETTEXT_FUNCS and name != "_" else None)
        if real is None:
            continue
        msg = _call_messages(node, GETTEXT_FUNCS[real])
        if msg is not None and msg.msgid:
            yield msg


_TPL_CALL = re.compile(r"\b(npgettext|ngettext|pgettext|gettext|_)\(")


def _balanced(text: str, start: int) -> int:
    """Index just after the parenthesis closing the call opened at ``start`` (which is just after "(")."""
    depth, i, quote = 1, start, ""
    while i < len(text):
        ch = text[i]
        if quote:
            if ch == "\\":
                i += 2
                continue
            if ch == quote:
                quote = ""
        elif ch in "'\"":
            quote = ch
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return -1


def template_messages(path: Path) -> Iterator[Message]:
    from django.utils.translation.template import templatize

    text = templatize(path.read_text(encoding="utf-8"), origin=str(path))
    for m in _TPL_CALL.finditer(text):
        end = _balanced(text, m.end())
        if end < 0:
            continue
        try:
            call = ast.parse(f"f({text[m.end():end]}", mode="eval").body
        except SyntaxError:
            continue
        assert isinstance(call, ast.Call)
        kind = GETTEXT_FUNCS[m.group(1)]
        msg = _call_messages(call, kind)
        if msg is not None and msg.msgid:
            yield msg


def source_files(root: Path, exclude: set[Path]) -> Iterator[Path]:
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(SRC)
        if any(part in SKIP_DIRS for part in rel.parts[:-1]) or any(path.is_relative_to(e) for e in exclude):
            continue
        if path.suffix == ".py" or (path.suffix in {".html", ".txt"} and "templates" in rel.parts):
            yield path


def messages_in(root: Path, exclude: set[Path] | None = None) -> dict[Message, list[str]]:
    found: dict[Message, list[str]] = {}
    for path in source_files(root, exclude or set()):
        it = python_messages(path) if path.suffix == ".py" else template_messages(path)
        for msg in it:
            found.setdefault(msg, []).append(str(path.relative_to(SRC)))
    return found


def app_locale_dirs() -> list[Path]:
    found = {p for p in (SRC / "apps").glob("*/locale") if p.is_dir()}
    found |= {SRC / "apps" / app / "locale" for app in OWN_CATALOGUE_APPS if (SRC / "apps" / app).is_dir()}
    return sorted(found)


def catalogue_sources() -> list[tuple[Path, Path, set[Path]]]:
    """(locale dir, source root, excluded roots): the project catalogue covers all but apps with their own."""
    app_dirs = app_locale_dirs()
    out = [(PROJECT_LOCALE, SRC, {d.parent for d in app_dirs})]
    out += [(d, d.parent, set()) for d in app_dirs]
    return out


def po_files(locale_dir: Path) -> list[Path]:
    """Every language's catalogue of this locale dir, existing or not (a new app's catalogue is created by extract,
    and ``check`` reports it missing instead of silently skipping its strings)."""
    return sorted({*locale_dir.glob("*/LC_MESSAGES/django.po"), *(locale_dir / lang / "LC_MESSAGES" / "django.po" for lang in LANGS)})


def merge(po_path: Path, msgs: dict[Message, list[str]], lang: str) -> tuple[int, int]:
    import polib

    po = polib.pofile(str(po_path)) if po_path.exists() else polib.POFile()
    po.metadata.update({
        "Project-Id-Version": "bilim",
        "Language": lang,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": PLURAL_FORMS.get(lang, "nplurals=2; plural=(n != 1);"),
    })
    existing = {(e.msgctxt or "", e.msgid): e for e in po}
    added = 0
    for msg, where in sorted(msgs.items(), key=lambda kv: (kv[0].context, kv[0].msgid)):
        entry = existing.get((msg.context, msg.msgid))
        refs = [(w, "") for w in sorted(set(where))[:5]]
        if entry is None:
            entry = polib.POEntry(msgid=msg.msgid, msgctxt=msg.context or None, occurrences=refs)
            if msg.plural:
                entry.msgid_plural = msg.plural
                n = int(re.search(r"nplurals=(\d+)", po.metadata["Plural-Forms"]).group(1))  # type: ignore[union-attr]
                entry.msgstr_plural = {i: "" for i in range(n)}
            po.append(entry)
            added += 1
        else:
            entry.occurrences = refs
            entry.obsolete = False
            if msg.plural and not entry.msgid_plural:
                entry.msgid_plural = msg.plural
    obsolete = 0
    wanted = {(m.context, m.msgid) for m in msgs}
    for entry in po:
        if (entry.msgctxt or "", entry.msgid) not in wanted and not entry.obsolete:
            entry.obsolete = True
            obsolete += 1
    po_path.parent.mkdir(parents=True, exist_ok=True)
    po.save(str(po_path))
    return added, obsolete


def compile_po(po_path: Path) -> Path:
    import polib

    mo_path = po_path.with_suffix(".mo")
    polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
    return mo_path


def untranslated(po_path: Path) -> list[str]:
    import polib

    out = []
    for e in polib.pofile(str(po_path)):
        if e.obsolete:
            continue
        missing = not all(e.msgstr_plural.values()) if e.msgid_plural else not e.msgstr
        if missing or "fuzzy" in e.flags:
            out.append(e.msgid)
    return out


def mo_up_to_date(po_path: Path) -> bool:
    import polib

    mo_path = po_path.with_suffix(".mo")
    if not mo_path.exists():
        return False

    def table(entries: Any) -> dict[tuple[str, str], Any]:
        return {
            (e.msgctxt or "", e.msgid): (tuple(sorted(e.msgstr_plural.items())) if e.msgid_plural else e.msgstr)
            for e in entries
            if not e.obsolete and "fuzzy" not in e.flags and (e.msgstr or any(e.msgstr_plural.values()))
        }

    return table(polib.pofile(str(po_path))) == table(polib.mofile(str(mo_path)))


class Command(BaseCommand):
    help = "Extract, compile and check translation catalogues (pure Python, polib)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("action", choices=["extract", "compile", "check"])

    def handle(self, *args: Any, action: str, **options: Any) -> None:
        if action == "extract":
            for locale_dir, root, exclude in catalogue_sources():
                msgs = messages_in(root, exclude)
                targets = po_files(locale_dir)
                if locale_dir == PROJECT_LOCALE:
                    targets = [locale_dir / lang / "LC_MESSAGES" / "django.po" for lang in LANGS]
                for po_path in targets:
                    lang = po_path.parent.parent.name
                    added, obsolete = merge(po_path, msgs, lang)
                    self.stdout.write(f"{po_path.relative_to(SRC)}: {len(msgs)} strings, {added} new, {obsolete} obsolete")
        elif action == "compile":
            for locale_dir, _root, _ex in catalogue_sources():
                for po_path in po_files(locale_dir):
                    if po_path.exists():
                        self.stdout.write(str(compile_po(po_path).relative_to(SRC)))
        else:
            bad = []
            for locale_dir, _root, _ex in catalogue_sources():
                for po_path in po_files(locale_dir):
                    if not po_path.exists():
                        bad.append(f"{po_path.relative_to(SRC)}: missing (run bilim i18n extract)")
                        continue
                    missing = untranslated(po_path)
                    if missing:
                        bad.append(f"{po_path.relative_to(SRC)}: {len(missing)} untranslated, e.g. {missing[:3]}")
                    if not mo_up_to_date(po_path):
                        bad.append(f"{po_path.relative_to(SRC)}: .mo out of date (run bilim i18n compile)")
            if bad:
                raise CommandError("\n".join(bad))
            self.stdout.write("all catalogues complete and compiled")
