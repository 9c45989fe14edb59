"""Explanation messages in Kyrgyz, Russian, English and Turkish.

Messages live in ``bilim/regulations/messages/*.yaml``, one entry per key::

    osu.term.short:
      ky: "{start} – {end} мөөнөтү кыска мөөнөттүү ..."
      ru: "..."
      en: "..."
      tr: "..."

Values are formatted per language (dates as dd.mm.yyyy outside English, decimal comma in
ky/ru/tr); a value that is a code (``AUTUMN``, ``ID_CARD``) is replaced by its words when the
catalogue has a ``value.<CODE>`` entry (for each code of a value such as ``fos_council:PROPOSE``) (``messages/values.yaml``), so no code reaches a reader. ``tests/regulations/test_messages.py`` fails when a key used by a rule is missing
or lacks one of the four languages.
"""

from __future__ import annotations

import datetime as dt
import re
import string
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

LANGUAGES = ("ky", "ru", "en", "tr")
MESSAGES_DIR = Path(__file__).resolve().parent.parent / "messages"


@lru_cache(maxsize=1)
def catalogue() -> dict[str, dict[str, str]]:
    result: dict[str, dict[str, str]] = {}
    for path in sorted(MESSAGES_DIR.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for key, texts in data.items():
            if key in result:
                raise ValueError(f"message key {key!r} defined twice ({path.name})")
            result[key] = texts
    return result


_CODE = re.compile(r"^[A-Z][A-Z0-9_]*$")
_CODE_TOKEN = re.compile(r"\b[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)*\b")


def term(code: str, lang: str) -> str:
    """The word for ``code`` (a level, a kind, a vote…) in ``lang`` (``messages/terms.yaml``), else the code."""
    texts = catalogue().get(f"term.{code}")
    return (texts.get(lang) or texts.get("en") or code) if texts else code


def skipped_label(day: dt.date, reason: str, lang: str) -> str:
    """Why a deadline skipped ``day``, in ``lang``: a weekend, a public holiday by its name in that language, a
    closure (the stored reason is the calendar's English wording)."""
    if reason == "weekend":
        return render("skip.weekend", {}, lang)
    if reason.startswith("public holiday: "):
        from bilim.regulations.core.calendar import holiday_name

        name = holiday_name(day, lang) or reason.split(": ", 1)[1]
        return render("skip.holiday", {"name": name}, lang)
    if reason == "institution closure":
        return render("skip.closure", {"name": ""}, lang).rstrip(": ")
    return reason


def _fmt(value: Any, lang: str) -> Any:
    if isinstance(value, str) and _CODE.match(value) and f"term.{value}" in catalogue():
        return term(value, lang)
    if isinstance(value, dt.date):
        return value.isoformat() if lang == "en" else value.strftime("%d.%m.%Y")
    if isinstance(value, str) and len(value) == 10 and value[4:5] == "-" and value[7:8] == "-":
        try:
            return _fmt(dt.date.fromisoformat(value), lang)
        except ValueError:
            return value
    if isinstance(value, Decimal):
        return _Num(value, lang)
    if isinstance(value, bool):
        return {"en": ("yes", "no"), "ky": ("ооба", "жок"), "ru": ("да", "нет"), "tr": ("evet", "hayır")}[lang][
            0 if value else 1
        ]
    if isinstance(value, (list, tuple, set, frozenset)):
        return ", ".join(str(_fmt(v, lang)) for v in value)
    if hasattr(value, "value") and not isinstance(value, (int, float)):
        return _fmt(value.value, lang)
    if isinstance(value, str) and _CODE_TOKEN.search(value):
        # a code passed as a value (a season, a document kind, "fos_council:PROPOSE → …") reads as words
        return _CODE_TOKEN.sub(lambda m: _word(m.group(0), lang), value)
    return value


#: the formatting of a number by its kind, named in the message as ``{gpa:gpa}`` (a GPA: two decimals, round half-up)
_KINDS = {"gpa": 2}


class _Num:
    """A number formatted for ``lang``; a format spec naming a kind (``{x:gpa}``) fixes its decimals."""

    def __init__(self, value: Decimal | int, lang: str) -> None:
        self.value = value
        self.lang = lang

    def __format__(self, spec: str) -> str:
        value = Decimal(self.value)
        if spec in _KINDS:
            from bilim.regulations.core.rounding import round_half_up

            value = round_half_up(value, _KINDS[spec])
        elif spec:
            return format(self.value, spec)
        text = format(value, "f")
        return text if self.lang == "en" else text.replace(".", ",")

    def __str__(self) -> str:
        return self.__format__("")


class _Formatter(string.Formatter):
    """``{x:gpa}`` formats any number-like value (a Decimal, an int, the text of a stored explanation) by its kind."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def format_field(self, value: Any, format_spec: str) -> str:
        if format_spec in _KINDS and not isinstance(value, _Num):
            try:
                value = _Num(Decimal(str(value).replace(",", ".")), self.lang)
            except ArithmeticError:
                return str(value)
        return super().format_field(value, format_spec)


def _word(code: str, lang: str) -> str:
    words = catalogue().get(f"value.{code}") or catalogue().get(f"term.{code}")
    return (words.get(lang) or words.get("en") or code) if words else code


class _Lenient(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def render(key: str, values: dict[str, Any] | None, lang: str = "en") -> str:
    """Render message ``key`` in ``lang`` (falls back to English, then to the key itself)."""
    lang = lang if lang in LANGUAGES else "en"
    texts = catalogue().get(key)
    if not texts:
        return key
    template = texts.get(lang) or texts.get("en") or key
    formatted = _Lenient({k: _fmt(v, lang) for k, v in (values or {}).items()})
    return _Formatter(lang).vformat(template, (), formatted)
