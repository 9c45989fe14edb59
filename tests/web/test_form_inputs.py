"""Every form of the product takes Kyrgyz-locale input (issue 11).

- a date field is a browser date picker whose value is ISO in ky, ru, tr and en (a localized value such as
  ``07.12.2026`` is rejected by ``<input type="date">``, which then shows an empty box: the date typed was lost
  when the form came back with an error), and ISO is parsed in every language;
- a time field likewise (``HH:MM``);
- a number field parses through the one path (``NumberField``: decimal comma accepted, domain checked); a plain
  ``DecimalField``/``FloatField`` would refuse "3,5" in English and accept "NaN".

The forms are found by importing every ``forms`` and ``views`` module of the product's apps.
"""

from __future__ import annotations

import datetime as dt
import importlib
import pkgutil
from collections.abc import Iterator

import pytest
from django import forms
from django.utils import translation

import bilim.apps
from bilim.apps.core.numbers import NumberField

LANGS = ["ky", "ru", "tr", "en"]


def _load_modules() -> None:
    for app in pkgutil.iter_modules(bilim.apps.__path__):
        pkg = f"bilim.apps.{app.name}"
        try:
            package = importlib.import_module(pkg)
        except ImportError:  # pragma: no cover
            continue
        for mod in pkgutil.iter_modules(getattr(package, "__path__", [])):
            if mod.name == "forms" or mod.name.startswith("views") or mod.name.endswith("views") or mod.name == "forms_office":
                importlib.import_module(f"{pkg}.{mod.name}")


def _subclasses(cls: type) -> Iterator[type]:
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def product_forms() -> list[type[forms.BaseForm]]:
    _load_modules()
    found = {c for c in _subclasses(forms.BaseForm) if c.__module__.startswith("bilim.") and getattr(c, "base_fields", None)}
    return sorted(found, key=lambda c: f"{c.__module__}.{c.__qualname__}")


def _fields(kind: type) -> list[tuple[str, str, forms.Field]]:
    return [(f"{c.__module__}.{c.__qualname__}", name, field) for c in product_forms() for name, field in c.base_fields.items()
            if isinstance(field, kind) and not isinstance(field, forms.DateTimeField)]


def test_the_harvest_finds_the_forms() -> None:
    names = {c.__qualname__ for c in product_forms()}
    assert {"ApplicationForm", "IspRowForm", "LaChangeRowForm", "HostResultRowForm", "PlanRowForm", "PlanForm", "CallForm"} <= names
    assert len(_fields(forms.DateField)) > 40


@pytest.mark.parametrize("lang", LANGS)
def test_every_date_field_renders_and_parses_iso_in_every_language(lang: str) -> None:
    day = dt.date(2026, 12, 7)
    bad = []
    with translation.override(lang):
        for owner, name, field in _fields(forms.DateField):
            widget = field.widget
            if getattr(widget, "input_type", "") != "date":
                bad.append(f"{owner}.{name}: not a date input ({type(widget).__name__})")
                continue
            if widget.format_value(day) != "2026-12-07":
                bad.append(f"{owner}.{name}: renders {widget.format_value(day)!r}")
            if field.to_python("2026-12-07") != day:
                bad.append(f"{owner}.{name}: does not parse ISO")
    assert not bad, "\n".join(bad)


@pytest.mark.parametrize("lang", LANGS)
def test_every_time_field_renders_hh_mm(lang: str) -> None:
    bad = []
    with translation.override(lang):
        for owner, name, field in _fields(forms.TimeField):
            widget = field.widget
            if getattr(widget, "input_type", "") != "time" or widget.format_value(dt.time(9, 5)) != "09:05":
                bad.append(f"{owner}.{name}")
            if field.to_python("09:05") != dt.time(9, 5):
                bad.append(f"{owner}.{name}: does not parse 09:05")
    assert not bad, bad


def test_every_number_a_person_types_goes_through_number_field() -> None:
    bad = [f"{owner}.{name}" for owner, name, field in _fields(forms.DecimalField) + _fields(forms.FloatField) if not isinstance(field, NumberField)]
    assert not bad, bad


@pytest.mark.parametrize("lang", LANGS)
def test_number_fields_accept_a_decimal_comma_in_every_language(lang: str) -> None:
    from bilim.apps.core.numbers import ISP_CREDITS

    with translation.override(lang):
        assert NumberField(ISP_CREDITS).clean("7,5") == NumberField(ISP_CREDITS).clean("7.5")
        with pytest.raises(forms.ValidationError):
            NumberField(ISP_CREDITS).clean("NaN")
