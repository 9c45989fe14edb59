"""A record's history in words: each audit event as "field label: before → after" with translated field names,
choice and state labels, names of related records, dates as dd.mm.yyyy and explanations as sentences — never a
Python dict, a storage path or a raw code.

``core`` imports no domain app: apps that store codes outside a field's ``choices`` (workflow states, document
kinds kept in an audit row's own keys) register a *labeller* here (:func:`register_labeller`), called with
``(model label, key, value)`` and returning the label or None.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

Labeller = Callable[[str, str, Any], "str | None"]
LABELLERS: list[Labeller] = []
#: labels of keys that services write into audit rows beside the model's own fields
KEY_LABELS: dict[str, Any] = {
    "document": gettext_lazy("Document"), "file": gettext_lazy("File"), "state": gettext_lazy("State"),
    "approval": gettext_lazy("Approval"), "decision": gettext_lazy("Decision"), "reason": gettext_lazy("Reason"),
    "role": gettext_lazy("Role"), "on": gettext_lazy("Date"), "number": gettext_lazy("Number"), "date": gettext_lazy("Date"),
    "created_by": gettext_lazy("Recorded by"), "uploaded_by": gettext_lazy("Uploaded by"), "decided_by": gettext_lazy("Decided by"),
    "recorded_by": gettext_lazy("Recorded by"), "closed_by": gettext_lazy("Closed by"), "reviewed_by": gettext_lazy("Reviewed by"),
    "answered_by": gettext_lazy("Answered by"), "sent_by": gettext_lazy("Sent by"),
}
#: turn a reason a service wrote for the record (e.g. the transition service's "table: source —action→ target") into words;
#: each returns the sentence or None
REASON_FORMATTERS: list[Callable[[str], str | None]] = []


def register_reason_formatter(fn: Callable[[str], str | None]) -> None:
    if fn not in REASON_FORMATTERS:
        REASON_FORMATTERS.append(fn)
#: keys never worth a line: bookkeeping, not content
HIDDEN_KEYS = frozenset({"id", "version", "password", "last_login", "created_at", "updated_at"})


def register_labeller(fn: Labeller) -> None:
    if fn not in LABELLERS:
        LABELLERS.append(fn)


def _model(label: str) -> type[models.Model] | None:
    try:
        return apps.get_model(label)
    except (LookupError, ValueError):
        return None


def _field(model: type[models.Model] | None, key: str) -> Any:
    if model is None:
        return None
    try:
        return model._meta.get_field(key)
    except FieldDoesNotExist:
        return None


def field_label(model_label: str, key: str) -> str:
    """The field's translated name (its verbose name), or the label of a known audit key, else the key made readable."""
    f = _field(_model(model_label), key)
    name = getattr(f, "verbose_name", None)
    auto = name is not None and str(name) == key.replace("_", " ")  # no verbose name given: Django's English default
    if (name is None or auto) and key in KEY_LABELS:
        name = KEY_LABELS[key]
    elif auto and getattr(f, "related_model", None) is not None:
        name = f.related_model._meta.verbose_name
    if name is None:
        name = key.replace("_", " ")
    text = str(name)
    return text[:1].upper() + text[1:]


def _date(value: Any) -> str | None:
    if isinstance(value, (dt.datetime, dt.date)):
        v = value
    elif isinstance(value, str) and len(value) >= 10 and value[4] == "-" and value[7] == "-":
        try:
            v = dt.datetime.fromisoformat(value) if len(value) > 10 else dt.date.fromisoformat(value)
        except ValueError:
            return None
    else:
        return None
    if isinstance(v, dt.datetime):
        return f"{v:%d.%m.%Y %H:%M}"
    return f"{v:%d.%m.%Y}"


def _explanation(value: Any) -> str | None:
    if not isinstance(value, dict) or "rule" not in value and "rule_ids" not in value and "message_key" not in value:
        return None
    try:
        from bilim.regulations.core.outcome import Explanation

        return str(Explanation.from_dict(value).message((get_language() or "ky")[:2]))
    except Exception:  # noqa: BLE001 - an old or partial explanation falls back to its plain rendering
        return None


def _file(name: Any) -> str:
    """A stored file named by a short reference (its random name says nothing else, and the path is not shown)."""
    stem = str(name).rsplit("/", 1)[-1].split(".", 1)[0]
    return _("file %(ref)s") % {"ref": stem[:6]} if stem else _("a file")


def value_text(model_label: str, key: str, value: Any) -> str:
    """One value in words."""
    if value is None or value == "" or value == [] or value == {}:
        return "—"
    for fn in LABELLERS:
        label = fn(model_label, key, value)
        if label is not None:
            return str(label)
    model = _model(model_label)
    f = _field(model, key)
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if f is not None:
        if getattr(f, "choices", None):
            return str(dict(f.flatchoices).get(value, value))
        if isinstance(f, models.FileField):
            return _file(value)
        if isinstance(f, models.ForeignKey):
            related = f.related_model._default_manager.filter(pk=value).first() if isinstance(value, (int, str)) else None
            if related is None:
                return "—"
            person = getattr(related, "person", None) if hasattr(related, "get_username") else None
            return str(person) if person is not None else str(related)
        if isinstance(f, models.ManyToManyField) and isinstance(value, list):
            return ", ".join(str(o) for o in f.related_model._default_manager.filter(pk__in=value)) or "—"
    if key == "file" and isinstance(value, str):
        return _file(value)
    date = _date(value)
    if date is not None:
        return date
    expl = _explanation(value)
    if expl is not None:
        return expl
    if isinstance(value, list):
        parts = [_explanation(v) or value_text(model_label, key, v) for v in value]
        return "; ".join(parts) if parts else "—"
    if isinstance(value, dict):
        return "; ".join(f"{field_label(model_label, str(k))}: {value_text(model_label, str(k), v)}" for k, v in value.items()
                         if k not in HIDDEN_KEYS)
    return str(value)


def changes(event: Any) -> list[dict[str, str]]:
    """The event's changes, one line per field: ``{"field", "label", "before", "after"}``."""
    before, after = event.before or {}, event.after or {}
    if not isinstance(before, dict) or not isinstance(after, dict):
        return []
    keys = sorted(k for k in set(before) | set(after) if before.get(k) != after.get(k) and k not in HIDDEN_KEYS)
    label = event.object_type
    return [{"field": k, "label": field_label(label, k),
             "before": value_text(label, k, before.get(k)) if k in before else "—",
             "after": value_text(label, k, after.get(k)) if k in after else "—"} for k in keys]


def reason_text(reason: str) -> str:
    """A reason written by a service in English for the catalogue (``gettext_noop``) is shown translated; a person's
    own words are shown as written."""
    if not reason:
        return ""
    for fn in REASON_FORMATTERS:
        text = fn(reason)
        if text is not None:
            return text
    return _(reason)


def record_type_label(model_label: str) -> str:
    """``mobility.studentmobility`` → the model's translated name ("Student mobility")."""
    model = _model(model_label)
    if model is None:
        return model_label
    text = str(model._meta.verbose_name)
    return text[:1].upper() + text[1:]
