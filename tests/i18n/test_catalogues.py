"""Translation completeness: every string in the source is translated (ky, ru, en, tr) and compiled;
no visible text in a template escapes {% translate %}; pages render in the chosen language.

Apps with their own catalogue (e.g. mobility: src/bilim/apps/mobility/locale/<lang>/LC_MESSAGES/django.po)
are checked against that catalogue; everything else against src/bilim/locale.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import polib
import pytest
from django.template.base import Lexer, TokenType

from bilim.apps.core.management.commands import i18n as cmd

LANGS = ["ky", "ru", "en", "tr"]
SRC = cmd.SRC


def _catalogue_groups() -> list[tuple[Path, Path, set[Path]]]:
    return cmd.catalogue_sources()


@pytest.mark.parametrize("lang", LANGS)
def test_every_source_string_is_translated(lang: str) -> None:
    problems = []
    for locale_dir, root, exclude in _catalogue_groups():
        msgs = cmd.messages_in(root, exclude)
        if not msgs:
            continue
        po_path = locale_dir / lang / "LC_MESSAGES" / "django.po"
        if not po_path.exists():
            problems.append(f"{po_path.relative_to(SRC)} is missing ({len(msgs)} strings to translate)")
            continue
        entries = {(e.msgctxt or "", e.msgid): e for e in polib.pofile(str(po_path)) if not e.obsolete}
        for msg, where in msgs.items():
            e = entries.get((msg.context, msg.msgid))
            if e is None:
                problems.append(f"{po_path.relative_to(SRC)}: not in catalogue: {msg.msgid!r} ({where[0]})")
            elif "fuzzy" in e.flags:
                problems.append(f"{po_path.relative_to(SRC)}: fuzzy: {msg.msgid!r}")
            elif (not all(e.msgstr_plural.values())) if e.msgid_plural else not e.msgstr.strip():
                problems.append(f"{po_path.relative_to(SRC)}: untranslated: {msg.msgid!r} ({where[0]})")
    assert not problems, f"{len(problems)} problems (run `bilim i18n extract`, translate, `bilim i18n compile`):\n" + "\n".join(problems[:80])


def test_placeholders_survive_translation() -> None:
    """A translation must use exactly the %(name)s placeholders of its msgid (else a 500 at render time)."""
    ph = re.compile(r"%\(\w+\)[sd]")
    bad = []
    for locale_dir, _root, _ex in _catalogue_groups():
        for po_path in cmd.po_files(locale_dir):
            for e in polib.pofile(str(po_path)):
                if e.obsolete:
                    continue
                strs = list(e.msgstr_plural.values()) if e.msgid_plural else [e.msgstr]
                for s in strs:
                    if s and sorted(set(ph.findall(s))) != sorted(set(ph.findall(e.msgid))):
                        bad.append(f"{po_path.relative_to(SRC)}: {e.msgid!r} → {s!r}")
    assert not bad, "\n".join(bad)


def test_mo_files_are_up_to_date() -> None:
    stale = [
        str(po.relative_to(SRC))
        for locale_dir, _root, _ex in _catalogue_groups()
        for po in cmd.po_files(locale_dir)
        if not cmd.mo_up_to_date(po)
    ]
    assert not stale, f"run `bilim i18n compile`: {stale}"


# --- template lint -----------------------------------------------------------------------------
# International abbreviations and file formats used as they are in all four languages.
ALLOWED_LITERALS = ["Bilim", "ң ө ү", "EWP LA", "EWP ToR", "GPA", "ECTS", "PDF", ".pdf", ".docx"]
VISIBLE_ATTRS = {"aria-label", "placeholder", "title", "alt"}
HOLE = "\x00"


class _Visible(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.texts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"script", "style"}:
            self._skip += 1
        for name, value in attrs:
            if name in VISIBLE_ATTRS and value:
                self.texts.append(value)

    def handle_endtag(self, tag: str) -> None:
        if tag in {"script", "style"} and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.texts.append(data)


def untranslated_text(source: str) -> list[str]:
    """Visible text of a template that is not inside {% translate %}/{% blocktranslate %}."""
    out: list[str] = []
    in_block = 0
    for token in Lexer(source).tokenize():
        if token.token_type == TokenType.BLOCK:
            word = token.contents.split(" ", 1)[0]
            if word in {"blocktranslate", "blocktrans"}:
                in_block += 1
            elif word in {"endblocktranslate", "endblocktrans"}:
                in_block = max(0, in_block - 1)
            out.append(HOLE)
        elif token.token_type == TokenType.TEXT and not in_block:
            out.append(token.contents)
        else:
            out.append(HOLE)
    parser = _Visible()
    parser.feed("".join(out))
    parser.close()
    bad = []
    for text in parser.texts:
        cleaned = text
        for allowed in ALLOWED_LITERALS:
            cleaned = cleaned.replace(allowed, "")
        if any(ch.isalpha() for ch in cleaned):
            bad.append(" ".join(text.replace(HOLE, "…").split()))
    return bad


def template_files() -> list[Path]:
    return sorted(p for p in SRC.rglob("templates/**/*.html"))


def test_lint_catches_raw_text() -> None:
    assert untranslated_text("<p>Hello {{ name }}</p>") == ["Hello …"]
    assert untranslated_text('<p>{% translate "Hello" %} {{ x }}, №{{ n }} — Bilim · ң ө ү</p>') == []
    assert untranslated_text("{% blocktranslate %}Hi {{ x }}{% endblocktranslate %}") == []
    assert untranslated_text('<input placeholder="Search">') == ["Search"]
    assert untranslated_text('<option {% if a %}selected{% endif %}>{{ l }}</option>') == []


def test_templates_have_no_untranslated_text() -> None:
    assert template_files(), "no templates found"
    bad = []
    for path in template_files():
        for text in untranslated_text(path.read_text(encoding="utf-8")):
            bad.append(f"{path.relative_to(SRC)}: {text!r}")
    assert not bad, "visible text outside {% translate %}:\n" + "\n".join(bad)


# --- rendering ---------------------------------------------------------------------------------
EXPECTED = {"ky": ["Башкы бет", "Сиздин ролдоруңуз"], "ru": ["Рабочий стол", "Ваши роли"], "en": ["Dashboard", "Your roles"], "tr": ["Pano", "Rolleriniz"]}


@pytest.mark.django_db
@pytest.mark.parametrize("lang", LANGS)
def test_dashboard_renders_in_language(client, lang: str) -> None:  # type: ignore[no-untyped-def]
    from bilim.apps.accounts.models import User

    user = User.objects.create_user("lang-user", password="x-long-password-1", language=lang)
    client.force_login(user)
    page = client.get("/dashboard/").content.decode()
    assert f'<html lang="{lang}">' in page
    for word in EXPECTED[lang]:
        assert word in page, f"{word!r} missing from the {lang} dashboard"
    others = [w for code, words in EXPECTED.items() if code != lang for w in words[:1]]
    assert not any(w in page for w in others if w not in EXPECTED[lang])


@pytest.mark.django_db
def test_language_switch_persists_for_user(client) -> None:  # type: ignore[no-untyped-def]
    from bilim.apps.accounts.models import User

    user = User.objects.create_user("switcher", password="x-long-password-1")
    client.force_login(user)
    r = client.post("/language/", {"language": "tr", "next": "/dashboard/"})
    assert r.status_code == 302
    user.refresh_from_db()
    assert user.language == "tr"
    assert "Pano" in client.get("/dashboard/").content.decode()
    assert client.post("/language/", {"language": "xx"}).status_code == 400


def test_extractor_reads_templates_and_python(tmp_path: Path) -> None:
    tpl = tmp_path / "t.html"
    tpl.write_text('{% load i18n %}{% translate "One" context "menu" %}{% blocktranslate count counter=n %}{{ counter }} apple{% plural %}{{ counter }} apples{% endblocktranslate %}{{ x|default:_("Dflt") }}')
    msgs = set(cmd.template_messages(tpl))
    assert cmd.Message("One", "", "menu") in msgs
    assert cmd.Message("%(counter)s apple", "%(counter)s apples", "") in msgs
    assert cmd.Message("Dflt") in msgs
    py = tmp_path / "m.py"
    py.write_text('from django.utils.translation import gettext as _g, pgettext_lazy\nA = _g("Hello" " world")\nB = pgettext_lazy("ctx", "Hi")\nC = _g(variable)\n')
    assert set(cmd.python_messages(py)) == {cmd.Message("Hello world"), cmd.Message("Hi", "", "ctx")}


def test_plural_entries_have_every_form_of_their_language() -> None:
    """A missing plural form silently falls back to English (e.g. "0 records" in Kyrgyz)."""
    nplurals = {"ky": 2, "ru": 3, "en": 2, "tr": 2}
    missing = []
    for path in sorted(cmd.SRC.rglob("locale/*/LC_MESSAGES/django.po")):
        lang = path.parent.parent.name
        for entry in polib.pofile(str(path)):
            if entry.msgid_plural and not entry.obsolete:
                forms = entry.msgstr_plural
                if any(not forms.get(i) for i in range(nplurals[lang])):
                    missing.append(f"{path.relative_to(cmd.SRC)}: {entry.msgid!r}")
    assert missing == []
