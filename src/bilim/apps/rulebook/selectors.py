"""Reads for the regulation browser: catalogue text, implementation, tests, parameters, workflows.

Everything here comes from the rules layer (no database): the catalogues, the registry, the
dated parameters and the workflow tables.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from bilim.regulations.core import coverage
from bilim.regulations.core.catalogue_text import RuleText, rule_texts
from bilim.regulations.core.params import Parameter, default_store
from bilim.regulations.core.registry import load_all, registry
from bilim.regulations.workflows.core import WORKFLOWS, Transition, Workflow


@dataclass
class RuleView:
    text: RuleText
    machine_checkable: bool
    kind: str
    status: str
    implemented_by: list[dict[str, str]] = field(default_factory=list)
    tests: list[str] = field(default_factory=list)
    feature: str | None = None
    parameters: list[Parameter] = field(default_factory=list)
    transitions: list[tuple[Workflow, Transition, str]] = field(default_factory=list)


@lru_cache(maxsize=1)
def _report_rows() -> dict[str, dict[str, Any]]:
    return {row["id"]: row for row in coverage.build_report().rows}


def rules(q: str = "", catalogue: str = "", status: str = "", machine_checkable: str = "") -> list[dict[str, Any]]:
    """Rows of the catalogue list, filtered."""
    texts = rule_texts()
    index = coverage.index()
    rows = _report_rows()
    q_low = q.strip().lower()
    out = []
    for rid, entry in index.items():
        text = texts.get(rid)
        row = rows[rid]
        if catalogue and (text is None or text.catalogue != catalogue):
            continue
        if status and row["status"] != status:
            continue
        if machine_checkable in ("yes", "no") and entry.machine_checkable != (machine_checkable == "yes"):
            continue
        if q_low and q_low not in rid.lower() and (text is None or q_low not in text.body.lower()) and q_low not in (text.section.lower() if text else ""):
            continue
        out.append({"id": rid, "catalogue": text.catalogue if text else "", "section": text.section if text else "",
                    "heading": text.heading if text else "", "article": article_label(rid), "kind": entry.kind,
                    "machine_checkable": entry.machine_checkable,
                    "status": row["status"]})
    return out


def rule_detail(rule_id: str) -> RuleView | None:
    load_all()
    text = rule_texts().get(rule_id)
    entry = coverage.index().get(rule_id)
    if text is None or entry is None:
        return None
    row = _report_rows()[rule_id]
    view = RuleView(text=text, machine_checkable=entry.machine_checkable, kind=entry.kind, status=row["status"],
                    tests=row["tests"], feature=row["feature"])
    for spec in registry.for_id(rule_id):
        view.implemented_by.append({"name": f"{spec.module}.{spec.name}", "doc": spec.doc, "ids": ", ".join(spec.ids)})
    store = default_store()
    view.parameters = [store.parameter(n) for n in store.names() if store.parameter(n).ref.split()[0] == rule_id]
    for wf in WORKFLOWS.values():
        for t in wf.transitions:
            if rule_id in t.guards:
                view.transitions.append((wf, t, "guard"))
            elif rule_id in t.refs:
                view.transitions.append((wf, t, "ref"))
    return view


def parameters(q: str = "") -> list[Parameter]:
    store = default_store()
    q_low = q.strip().lower()
    return [
        store.parameter(n)
        for n in store.names()
        if not q_low or q_low in n.lower() or q_low in store.parameter(n).ref.lower() or q_low in store.parameter(n).description.lower()
    ]


def workflows() -> list[Workflow]:
    load_all()
    return sorted(WORKFLOWS.values(), key=lambda w: w.code)


def workflow(code: str) -> Workflow | None:
    load_all()
    return WORKFLOWS.get(code)


# --- the reader's view: the rule in the reader's language, what it means for them, no markdown or code ----------

ORIGINALS_DIR = Path(__file__).resolve().parent / "originals"
ORIGINALS = {"OshSU": "oshsu-academic-mobility.ky.txt", "KTMU": "ktmu-postgraduate.ky.txt"}
_KTMU_ARTICLE = re.compile(r"^\s*(\d+)-берене")
_OSU_CLAUSE = re.compile(r"^\s*(\d+(?:\.\d+)+)\.?\s")
_MARKDOWN = re.compile(r"\*\*|`+|(?<!\w)\*(?=\S)|(?<=\S)\*(?!\w)")
_PLACEHOLDER = re.compile(r"\{[a-z_0-9]+\}")


@dataclass
class ReaderView:
    id: str
    catalogue: str
    article: str  # "32-берене", "Clause 4.8"… in the reader's language
    heading: str  # the catalogue's title (English): shown to English readers only
    statement: str  # the catalogue's English statement, plain text
    original: str  # the Kyrgyz original as quoted by the catalogue, plain text
    outcomes: list[str]  # the sentences Bilim says when it applies the rule, in the reader's language
    original_url_anchor: str  # "art-32" / "p-4.8" in the original text ("" = its top)


def plain(text: str) -> str:
    """Catalogue markdown as plain text: no ``**``, ``*``, backticks or list dashes."""
    return _MARKDOWN.sub("", text).strip().lstrip("-").strip()


def _field(body: str, *labels: str) -> str:
    for line in body.splitlines():
        stripped = line.strip().lstrip("-").strip()
        for label in labels:
            for prefix in (f"{label}:", f"**{label}:**"):
                if stripped.startswith(prefix):
                    return plain(stripped[len(prefix):])
    return ""


@lru_cache(maxsize=2)
def original_lines(catalogue: str) -> list[tuple[str, str]]:
    """The Kyrgyz original of a regulation as (anchor, line): articles (KTMU) and clauses (OshSU) get an anchor."""
    name = ORIGINALS.get(catalogue)
    if name is None:
        return []
    out: list[tuple[str, str]] = []
    seen: set[str] = set()
    for line in (ORIGINALS_DIR / name).read_text(encoding="utf-8").splitlines():
        anchor = ""
        m = _KTMU_ARTICLE.match(line) if catalogue == "KTMU" else _OSU_CLAUSE.match(line)
        if m:
            anchor = ("art-" if catalogue == "KTMU" else "p-") + m.group(1)
            if anchor in seen:
                anchor = ""
            seen.add(anchor)
        out.append((anchor, line.rstrip()))
    return out


def _anchor(rule_id: str, catalogue: str) -> str:
    anchors = {a for a, _line in original_lines(catalogue) if a}
    if catalogue == "KTMU":
        m = re.match(r"KTMU-(\d+)", rule_id)
        return f"art-{m.group(1)}" if m and f"art-{m.group(1)}" in anchors else ""
    m = re.match(r"OSU-(\d+(?:\.\d+)*)", rule_id)
    if not m:
        return ""
    parts = m.group(1).split(".")
    while parts:  # the most precise clause the original numbers (1.3.5, else 1.3, else 1)
        if f"p-{'.'.join(parts)}" in anchors:
            return f"p-{'.'.join(parts)}"
        parts.pop()
    return ""


def article_label(rule_id: str) -> str:
    from django.utils.translation import gettext as _

    m = re.match(r"KTMU-(\d+)", rule_id)
    if m:
        return _("Article %(n)s") % {"n": m.group(1)}
    if rule_id.startswith("KTMU-T"):
        return _("Table %(n)s") % {"n": rule_id.split("-")[1][1:]}
    if rule_id.startswith("KTMU-BT"):
        return _("Board of Trustees procedure, item %(n)s") % {"n": rule_id.split("-")[2]}
    if rule_id.startswith("KTMU-EN"):
        return _("End notes")
    m = re.match(r"OSU-(\d+(?:\.\d+)*)", rule_id)
    if m and m.group(1) != "0":
        return _("Clause %(n)s") % {"n": m.group(1)}
    return _("Preamble")


def message_keys(rule_id: str) -> list[str]:
    """Keys of the explanation messages the rule's implementing functions say (read from their source)."""
    import inspect

    from bilim.regulations.core.messages import catalogue as messages

    known = messages()
    keys: list[str] = []
    for spec in registry.for_id(rule_id):
        try:
            source = inspect.getsource(spec.fn)
        except (OSError, TypeError):  # pragma: no cover - a rule without source
            continue
        found = re.findall(r"[\"']([a-z][a-z0-9_]*(?:\.[a-z0-9_]+)+)[\"']", source)
        fn = getattr(spec.fn, "__wrapped__", spec.fn)
        for name in getattr(getattr(fn, "__code__", None), "co_names", ()):  # keys kept in module constants (_KEYS = {...})
            value = getattr(fn, "__globals__", {}).get(name)
            if isinstance(value, str):
                found.append(value)
            elif isinstance(value, dict):
                found.extend(v for v in value.values() if isinstance(v, str))
            elif isinstance(value, (list, tuple)):
                found.extend(v for v in value if isinstance(v, str))
        for key in found:
            if key in known and key not in keys:
                keys.append(key)
    return keys


def outcome_sentence(key: str, lang: str) -> str:
    """A message as a general sentence: its values (a date, a score…) shown as “…”."""
    from bilim.regulations.core.messages import catalogue as messages

    texts = messages().get(key, {})
    template = texts.get(lang) or texts.get("en") or ""
    return _PLACEHOLDER.sub("…", template)


def reader_view(rule_id: str, lang: str) -> ReaderView | None:
    load_all()
    text = rule_texts().get(rule_id)
    if text is None or rule_id not in coverage.index():
        return None
    outcomes = [s for s in (outcome_sentence(k, lang) for k in message_keys(rule_id)) if s]
    return ReaderView(
        id=rule_id, catalogue=text.catalogue, article=article_label(rule_id), heading=plain(text.heading),
        statement=_field(text.body, "EN", "Rule"), original=_field(text.body, "KY", "Kyrgyz"),
        outcomes=list(dict.fromkeys(outcomes)), original_url_anchor=_anchor(rule_id, text.catalogue),
    )
