"""Reads of KTMU programmes, quotas and admission announcements — the interface other apps build on.

Interface for the admissions app (stable; agreed by this docstring)
===================================================================

``open_announcements(on=None, institution=None) -> list[AnnouncementInfo]``
    The admission announcements that are **published** (W-03 state ``ANNOUNCED``: quota approved by
    FoS council → institute board → Senate → Trustees, announcement proposed by the institute board and
    decided by the Senate, then published) and whose application period has not ended on ``on``
    (default: today), i.e. ``application_end >= on``. Use ``accepting_applications(on)`` on an item to
    know whether ``on`` lies inside the application window. Ordered by institute, programme code.

``announcement_for(programme, admission_year) -> AnnouncementInfo | None``
    The published announcement of one programme for one admission year (None if not published).

``quota_for(programme, admission_year) -> int | None``
    The approved quota (places) of a programme for an admission year: set once the Trustees approved it
    (states ``QUOTA_APPROVED`` … ``ANNOUNCED``); None while it is not approved (or was rejected).
    ``international_places_for(programme, admission_year)`` gives the share for international students.

For the registration app (W-02): a new course's ``curriculum.Offering.runs`` is set True/False when add/drop
closes (KTMU-27-1/27-2), by ``services.course_close_add_drop(actor=, course=, on=)`` for one course or
``services.close_add_drop_for_term(actor=, term=, on=)`` for every scheduled new course of a term;
``None`` means not decided yet. Its weekly timetable is ``offering.slots`` (``curriculum.TimetableSlot``).

``AnnouncementInfo`` (frozen dataclass; every date a ``datetime.date``):
    ``announcement_id``, ``quota_id``, ``programme_id``, ``programme_code``, ``institution_id``,
    ``institute_id``, ``level`` (people.Level value), ``admission_year`` (int, the calendar year of the
    autumn intake), ``academic_year`` ("2027-2028"), ``places``, ``places_international``,
    ``application_start``, ``application_end``, ``exam_date``, ``exam_time`` (``datetime.time``),
    ``exam_place``, ``exam_form`` ("written_oral" | "oral" | "online"), ``results_date``,
    ``registration_start``, ``registration_end`` (final registration), ``language_exam_date`` (or None),
    ``published_on``, ``documents``: ``{"application": {"ALL"|"KR"|"TR"|"OTHER": [codes]},
    "final_registration": {...}}`` with codes of :class:`bilim.apps.programmes.models.DocumentCode`
    (``documents_for(stage, citizenship_category)`` merges "ALL" with the category), and
    ``conditions`` (``{"ky"|"tr"|"en"|"ru": text}``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from bilim.apps.programmes import models as m

APPROVED_QUOTA_STATES = ("QUOTA_APPROVED", "ANN_DRAFT", "ANN_PROPOSED", "ANN_APPROVED", "ANNOUNCED")


@dataclass(frozen=True)
class AnnouncementInfo:
    announcement_id: int
    quota_id: int
    programme_id: int
    programme_code: str
    institution_id: int
    institute_id: int
    level: str
    admission_year: int
    academic_year: str
    places: int
    places_international: int
    application_start: dt.date
    application_end: dt.date
    exam_date: dt.date
    exam_time: dt.time
    exam_place: str
    exam_form: str
    results_date: dt.date
    registration_start: dt.date
    registration_end: dt.date
    language_exam_date: dt.date | None
    published_on: dt.date | None
    documents: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    conditions: dict[str, str] = field(default_factory=dict)

    def accepting_applications(self, on: dt.date | None = None) -> bool:
        on = on or timezone.localdate()
        return self.application_start <= on <= self.application_end

    def documents_for(self, stage: str, category: str) -> list[str]:
        by_cat = self.documents.get(stage, {})
        return list(dict.fromkeys([*by_cat.get("ALL", []), *by_cat.get(category, [])]))


def _info(a: m.Announcement) -> AnnouncementInfo:
    q = a.quota
    p = q.programme
    docs: dict[str, dict[str, list[str]]] = {}
    for d in a.documents.all():
        docs.setdefault(d.stage, {}).setdefault(d.category, []).append(d.code)
    return AnnouncementInfo(
        announcement_id=a.pk, quota_id=q.pk, programme_id=p.pk, programme_code=p.code, institution_id=p.institution_id, institute_id=p.unit_id,
        level=p.level, admission_year=q.admission_year, academic_year=f"{q.admission_year}-{q.admission_year + 1}", places=q.places,
        places_international=q.places_international, application_start=a.application_start, application_end=a.application_end,
        exam_date=a.exam_date, exam_time=a.exam_time, exam_place=a.exam_place, exam_form=a.exam_form, results_date=a.results_date,
        registration_start=a.registration_start, registration_end=a.registration_end, language_exam_date=a.language_exam_date,
        published_on=a.published_on, documents=docs,
        conditions={lang: getattr(a, f"conditions_{lang}") for lang in ("ky", "tr", "en", "ru")},
    )


def published_announcements() -> QuerySet[m.Announcement]:
    """Every published announcement (the public page and the public API read these)."""
    return (m.Announcement.objects.filter(quota__state="ANNOUNCED")
            .select_related("quota__programme__unit", "quota__programme__institution").prefetch_related("documents")
            .order_by("-quota__admission_year", "quota__programme__unit__name_en", "quota__programme__code"))


def open_announcements(on: dt.date | None = None, institution: Any = None) -> list[AnnouncementInfo]:
    on = on or timezone.localdate()
    qs = published_announcements().filter(application_end__gte=on)
    if institution is not None:
        qs = qs.filter(quota__programme__institution=institution)
    return [_info(a) for a in qs]


def announcement_for(programme: Any, admission_year: int) -> AnnouncementInfo | None:
    a = published_announcements().filter(quota__programme=programme, quota__admission_year=admission_year).first()
    return _info(a) if a is not None else None


def _approved(programme: Any, admission_year: int) -> m.Quota | None:
    return m.Quota.objects.filter(programme=programme, admission_year=admission_year, state__in=APPROVED_QUOTA_STATES).first()


def quota_for(programme: Any, admission_year: int) -> int | None:
    q = _approved(programme, admission_year)
    return q.places if q is not None else None


def international_places_for(programme: Any, admission_year: int) -> int | None:
    q = _approved(programme, admission_year)
    return q.places_international if q is not None else None


def supervision_load(programme: Any) -> list[dict[str, Any]]:
    """KTMU-8-1 (system): the quota proposal shows the current supervision load of the FoS's instructors."""
    from django.db.models import Count, Q

    from bilim.apps.people.models import Staff

    if programme.field_of_science_id is None:
        return []
    active = Q(pg_supervisions__status="ACTIVE")
    rows = Staff.objects.filter(unit_id=programme.field_of_science_id).annotate(
        load=Count("pg_supervisions", filter=active, distinct=True)).select_related("person").order_by("person__last_name")
    return [{"staff": s, "load": s.load} for s in rows]


def curriculum_versions(programme: Any) -> QuerySet[m.CurriculumVersion]:
    return m.CurriculumVersion.objects.filter(programme=programme).select_related("decision").order_by("-valid_from", "-number")
