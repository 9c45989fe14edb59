"""Programmes, courses, offerings, terms and the academic calendar."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from bilim.apps.accounts.permissions import restrict
from bilim.apps.core.listing import (
    Column,
    Filter,
    ListSpec,
    in_language,
    lang,
    localized_date,
    make_detail_view,
    make_export_view,
    make_list_view,
)
from bilim.apps.curriculum.models import LANGUAGES_OF_INSTRUCTION, Course, Offering, Programme, Term
from bilim.apps.org.views import home_institutions
from bilim.apps.people.models import Level

PROGRAMMES = ListSpec(
    import_kind="programmes",
    action="curriculum.view_programme",
    queryset=lambda: Programme.objects.select_related("institution", "unit"),
    title=_("Programmes"),
    detail_url="curriculum:programme",
    export_url="curriculum:programmes_csv",
    csv_name="programmes",
    search_fields=["code", "name_ky", "name_ru", "name_en", "name_tr"],
    filters=[
        Filter("institution", _("Institution"), "institution_id", home_institutions),
        Filter("level", _("Level"), "level", lambda u: Level.choices),
        Filter("active", _("Active"), "is_active", lambda u: [("True", _("Yes")), ("False", _("No"))]),
    ],
    columns=[
        Column(_("Code"), lambda o: o.code),
        Column(_("Name"), lambda o: o.name(lang()), link=True),
        Column(_("Level"), lambda o: o.get_level_display()),
        Column(_("Faculty / institute"), lambda o: o.unit.name(lang())),
        Column(_("Languages"), lambda o: o.languages),
        Column(_("Semesters"), lambda o: o.normative_semesters),
    ],
)


def _programme_fields(o: Programme) -> list[tuple[Any, Any]]:
    return [
        (_("Code"), o.code),
        (_("Name"), o.name(lang())),
        (_("Institution"), o.institution.name(lang())),
        (_("Faculty / institute"), o.unit.name(lang())),
        (_("Field of science / arts"), o.field_of_science.name(lang()) if o.field_of_science else None),
        (_("Level"), o.get_level_display()),
        (_("Languages of instruction"), o.languages),
        (_("Normative duration (semesters)"), o.normative_semesters),
        (_("With thesis"), o.with_thesis),
        (_("Active"), o.is_active),
    ]


def _programme_extra(request: HttpRequest, o: Programme) -> dict[str, Any]:
    courses = restrict(request.user, "curriculum.view_course", o.courses.all())
    return {"courses": [(c.pk, c.code, c.title(lang()), c.ects, c.semester) for c in courses[:200]]}


programme_list = make_list_view(PROGRAMMES)
programme_csv = make_export_view(PROGRAMMES)
programme_detail = make_detail_view(
    "curriculum.view_programme", PROGRAMMES.queryset, "curriculum/programme_detail.html", _programme_fields, _programme_extra,
    title=lambda o: o.name(lang()),
)

COURSES = ListSpec(
    import_kind="courses",
    action="curriculum.view_course",
    queryset=lambda: Course.objects.select_related("institution", "programme"),
    title=_("Courses"),
    detail_url="curriculum:course",
    export_url="curriculum:courses_csv",
    csv_name="courses",
    search_fields=["code", "title_ky", "title_ru", "title_en", "title_tr"],
    filters=[
        Filter("institution", _("Institution"), "institution_id", home_institutions),
        Filter("kind", _("Kind"), "kind", lambda u: Course.Kind.choices),
        Filter("language", _("Language"), "language", lambda u: LANGUAGES_OF_INSTRUCTION),
    ],
    columns=[
        Column(_("Code"), lambda o: o.code),
        Column(_("Title"), lambda o: o.title(lang()), link=True),
        Column(_("ECTS"), lambda o: o.ects),
        Column(_("Kind"), lambda o: o.get_kind_display()),
        Column(_("Language"), lambda o: o.get_language_display()),
        Column(_("Semester"), lambda o: o.semester),
        Column(_("Programme"), lambda o: o.programme.name(lang()) if o.programme else ""),
    ],
)


def _course_fields(o: Course) -> list[tuple[Any, Any]]:
    return [
        (_("Code"), o.code),
        (_("Title (Kyrgyz)"), o.title_ky),
        (_("Title (Russian)"), in_language(o.title_ru, "ru")),
        (_("Title (English)"), in_language(o.title_en, "en")),
        (_("Title (Turkish)"), in_language(o.title_tr, "tr")),
        (_("Institution"), o.institution.name(lang())),
        (_("Programme"), o.programme.name(lang()) if o.programme else None),
        (_("ECTS"), o.ects),
        (_("Local credits"), o.local_credits),
        (_("Kind"), o.get_kind_display()),
        (_("Theory hours per week"), o.theory_hours),
        (_("Practice hours per week"), o.practice_hours),
        (_("Language"), o.get_language_display()),
        (_("Semester"), o.semester),
    ]


course_list = make_list_view(COURSES)
course_csv = make_export_view(COURSES)
course_detail = make_detail_view("curriculum.view_course", COURSES.queryset, "core/detail.html", _course_fields, title=lambda o: o.title(lang()))


def _terms(user: Any) -> list[tuple[str, str]]:
    qs = restrict(user, "curriculum.view_term", Term.objects.select_related("year__institution"))
    return [(str(t.pk), f"{t.year.institution.code} {t}") for t in qs[:60]]


OFFERINGS = ListSpec(
    import_kind="offerings",
    action="curriculum.view_offering",
    queryset=lambda: Offering.objects.select_related("course", "term__year"),
    title=_("Offerings"),
    detail_url="curriculum:offering",
    export_url="curriculum:offerings_csv",
    csv_name="offerings",
    search_fields=["course__code", "course__title_ky", "course__title_ru", "course__title_en", "course__title_tr"],
    filters=[
        Filter("term", _("Term"), "term_id", _terms),
        Filter("language", _("Language"), "language", lambda u: LANGUAGES_OF_INSTRUCTION),
    ],
    columns=[
        Column(_("Course"), lambda o: f"{o.course.code} {o.course.title(lang())}", link=True),
        Column(_("Term"), lambda o: str(o.term)),
        Column(_("Section"), lambda o: o.section),
        Column(_("Capacity"), lambda o: o.capacity),
        Column(_("Language"), lambda o: o.get_language_display()),
    ],
)


def _offering_fields(o: Offering) -> list[tuple[Any, Any]]:
    return [
        (_("Course"), f"{o.course.code} {o.course.title(lang())}"),
        (_("Term"), str(o.term)),
        (_("Section"), o.section),
        (_("Capacity"), o.capacity),
        (_("Registered"), o.enrolments.filter(status="registered").count()),
        (_("Language"), o.get_language_display()),
        (_("Instructors"), ", ".join(str(s) for s in o.instructors.select_related("person"))),
    ]


offering_list = make_list_view(OFFERINGS)
offering_csv = make_export_view(OFFERINGS)
offering_detail = make_detail_view("curriculum.view_offering", OFFERINGS.queryset, "core/detail.html", _offering_fields, title=str)

TERMS = ListSpec(
    action="curriculum.view_term",
    queryset=lambda: Term.objects.select_related("year__institution"),
    title=_("Terms and academic calendar"),
    detail_url="curriculum:term",
    export_url="curriculum:terms_csv",
    csv_name="terms",
    search_fields=["year__code"],
    filters=[
        Filter("institution", _("Institution"), "year__institution_id", home_institutions),
        Filter("kind", _("Term"), "kind", lambda u: Term.Kind.choices),
    ],
    columns=[
        Column(_("Term"), lambda o: str(o), link=True),
        Column(_("Institution"), lambda o: o.year.institution.name(lang())),
        Column(_("Starts on"), lambda o: localized_date(o.starts_on)),
        Column(_("Ends on"), lambda o: localized_date(o.ends_on)),
    ],
)


def _term_fields(o: Term) -> list[tuple[Any, Any]]:
    return [
        (_("Institution"), o.year.institution.name(lang())),
        (_("Academic year"), o.year.code),
        (_("Term"), o.get_kind_display()),
        (_("Starts on"), localized_date(o.starts_on)),
        (_("Ends on"), localized_date(o.ends_on)),
    ]


def _term_extra(request: HttpRequest, o: Term) -> dict[str, Any]:
    return {"periods": o.periods.order_by("starts_on")}


term_list = make_list_view(TERMS)
term_csv = make_export_view(TERMS)
term_detail = make_detail_view("curriculum.view_term", TERMS.queryset, "curriculum/term_detail.html", _term_fields, _term_extra, title=str)
