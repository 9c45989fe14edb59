"""Which mobility files may be downloaded, and by whom: the readers of the record each file belongs to.

Registered with :mod:`bilim.apps.core.uploads` (the one authorised download view); every queryset goes
through ``restrict()`` so the same scopes that show a file's page decide who may open its documents.
"""

from __future__ import annotations

from typing import Any

from django.db import models

from bilim.apps.accounts.permissions import can, restrict
from bilim.apps.core.uploads import register
from bilim.apps.mobility import models as m


def _files(user: Any) -> models.QuerySet[m.StudentMobility]:
    return restrict(user, "mobility.view_application", m.StudentMobility.objects.all())


def _documents(user: Any) -> models.QuerySet[m.MobilityDocument]:
    files = restrict(user, "mobility.view_application", m.StudentMobility.objects.all()).values("pk")
    return m.MobilityDocument.objects.filter(mobility_id__in=files)


def _trips(user: Any) -> models.QuerySet[m.StaffTrip]:
    return restrict(user, "mobility.view_trip", m.StaffTrip.objects.all())


def _letters(user: Any) -> models.QuerySet[m.Correspondence]:
    """As the pages show them: every letter to the readers of the correspondence register (a university-wide
    register), and a student file's letters to those who keep that file's correspondence."""
    if can(user, "mobility.view_correspondence"):
        return m.Correspondence.objects.all()
    files = restrict(user, "mobility.student_correspondence", m.StudentMobility.objects.all()).values("pk")
    return m.Correspondence.objects.filter(mobility_id__in=files)


def register_downloads() -> None:
    from bilim.apps.core.history import register_labeller

    register_labeller(history_labeller)
    register("mobility-document", m.MobilityDocument, "file", _documents, filename=lambda d: d.kind.lower(),
             record=lambda d: d.mobility, record_readable=_files)
    register("trip-invitation", m.StaffTrip, "invitation", _trips, filename=lambda _t: "invitation")
    register("mobility-letter", m.Correspondence, "attachment", _letters, filename=lambda _e: "letter")


def history_labeller(model_label: str, key: str, value: object) -> str | None:
    """Mobility codes in audit rows (document kinds, states, classification codes) as their translated labels."""
    if not model_label.startswith("mobility.") or not isinstance(value, str):
        return None
    if key == "document":
        return str(dict(m.MobilityDocument.Kind.choices).get(value, value))
    from bilim.apps.mobility.labels import LABELS

    label = LABELS.get(value)
    return str(label) if label is not None else None
