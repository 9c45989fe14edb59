"""Students and staff: lists with search (Cyrillic or Latin names, numbers) and filters, CSV, detail pages."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from bilim.apps.accounts.permissions import restrict
from bilim.apps.core.listing import (
    Column,
    Filter,
    ListSpec,
    lang,
    localized_date,
    make_detail_view,
    make_export_view,
    make_list_view,
)
from bilim.apps.org.models import Unit
from bilim.apps.org.views import home_institutions
from bilim.apps.people.models import Level, Staff, Student
from bilim.apps.records.selectors import grades_for_student

NAME_FIELDS = ["last_name", "first_name", "patronymic", "last_name_latin", "first_name_latin"]


def _faculties(user: Any) -> list[tuple[str, str]]:
    qs = restrict(user, "org.view_unit", Unit.objects.filter(kind__in=[Unit.Kind.FACULTY, Unit.Kind.INSTITUTE, Unit.Kind.COLLEGE]))
    return [(str(u.pk), u.name(lang())) for u in qs]


def _units(user: Any) -> list[tuple[str, str]]:
    qs = restrict(user, "org.view_unit", Unit.objects.exclude(kind=Unit.Kind.FIELD_OF_SCIENCE))
    return [(str(u.pk), u.name(lang())) for u in qs[:300]]


STUDENTS = ListSpec(
    import_kind="students",
    action="people.view_student",
    queryset=lambda: Student.objects.select_related("person", "unit", "programme", "institution"),
    title=_("Students"),
    detail_url="people:student",
    export_url="people:students_csv",
    csv_name="students",
    search_fields=[f"person__{f}" for f in NAME_FIELDS] + ["student_number"],
    search_help=_("Name in Cyrillic or Latin letters, or student number"),
    filters=[
        Filter("institution", _("Institution"), "institution_id", home_institutions),
        Filter("level", _("Level"), "level", lambda u: Level.choices),
        Filter("faculty", _("Faculty / institute"), "unit_id", _faculties),
        Filter("funding", _("Funding"), "funding", lambda u: Student.Funding.choices),
        Filter("status", _("Status"), "status", lambda u: Student.Status.choices),
        Filter("year", _("Year of study"), "year_of_study", lambda u: [(str(y), str(y)) for y in range(1, 7)]),
        Filter("debt", _("Tuition debt"), "tuition_debt__gt", lambda u: [("0", _("Owes tuition"))]),  # the dashboard's debtors link
    ],
    columns=[
        Column(_("Student number"), lambda o: o.student_number),
        Column(_("Name"), lambda o: str(o.person), link=True),
        Column(_("Name (Latin)"), lambda o: o.person.latin_name),
        Column(_("Level"), lambda o: o.get_level_display()),
        Column(_("Faculty / institute"), lambda o: o.unit.name(lang())),
        Column(_("Programme"), lambda o: o.programme.name(lang())),
        Column(_("Year"), lambda o: o.year_of_study),
        Column(_("Funding"), lambda o: o.get_funding_display()),
        Column(_("Status"), lambda o: o.get_status_display()),
    ],
)


def _student_fields(o: Student) -> list[tuple[Any, Any]]:
    p = o.person
    return [
        (_("Student number"), o.student_number),
        (_("Name"), str(p)),
        (_("Name (Latin)"), p.latin_name),
        (_("Date of birth"), localized_date(p.birth_date)),
        (_("Citizenship"), p.citizenship),
        (_("E-mail"), p.email),
        (_("Institution"), o.institution.name(lang())),
        (_("Faculty / institute"), o.unit.name(lang())),
        (_("Programme"), o.programme.name(lang())),
        (_("Level"), o.get_level_display()),
        (_("Year of study"), o.year_of_study),
        (_("Semester"), o.semester),
        (_("Funding"), o.get_funding_display()),
        (_("Tuition debt (KGS)"), o.tuition_debt),
        (_("Admitted on"), localized_date(o.admitted_on)),
        (_("Status"), o.get_status_display()),
    ]


def _student_extra(request: HttpRequest, o: Student) -> dict[str, Any]:
    return {"grades": grades_for_student(user=request.user, student=o, lang=lang())}


student_list = make_list_view(STUDENTS)
student_csv = make_export_view(STUDENTS)
student_detail = make_detail_view(
    "people.view_student", STUDENTS.queryset, "people/student_detail.html", _student_fields, _student_extra,
    title=lambda o: str(o.person),
)

STAFF = ListSpec(
    import_kind="staff",
    action="people.view_staff",
    queryset=lambda: Staff.objects.select_related("person", "unit", "institution"),
    title=_("Staff"),
    detail_url="people:staff_member",
    export_url="people:staff_csv",
    csv_name="staff",
    search_fields=[f"person__{f}" for f in NAME_FIELDS] + ["position"],
    search_help=_("Name in Cyrillic or Latin letters, or position"),
    filters=[
        Filter("institution", _("Institution"), "institution_id", home_institutions),
        Filter("unit", _("Unit"), "unit_id", _units),
        Filter("kind", _("Kind"), "kind", lambda u: Staff.Kind.choices),
        Filter("degree", _("Degree"), "degree", lambda u: [c for c in Staff.Degree.choices if c[0]]),
        Filter("title", _("Academic title"), "title", lambda u: [c for c in Staff.Title.choices if c[0]]),
    ],
    columns=[
        Column(_("Name"), lambda o: str(o.person), link=True),
        Column(_("Unit"), lambda o: o.unit.name(lang())),
        Column(_("Kind"), lambda o: o.get_kind_display()),
        Column(_("Position"), lambda o: o.position),
        Column(_("Degree"), lambda o: o.get_degree_display()),
        Column(_("Academic title"), lambda o: o.get_title_display()),
        Column(_("Full-time"), lambda o: o.full_time),
    ],
)


def _staff_fields(o: Staff) -> list[tuple[Any, Any]]:
    p = o.person
    return [
        (_("Name"), str(p)),
        (_("Name (Latin)"), p.latin_name),
        (_("E-mail"), p.email),
        (_("Institution"), o.institution.name(lang())),
        (_("Unit"), o.unit.name(lang())),
        (_("Kind"), o.get_kind_display()),
        (_("Position"), o.position),
        (_("Degree"), o.get_degree_display()),
        (_("Academic title"), o.get_title_display()),
        (_("Full-time"), o.full_time),
        (_("Employed since"), localized_date(o.since)),
    ]


def _staff_extra(request: HttpRequest, o: Staff) -> dict[str, Any]:
    offerings = o.offerings.select_related("course", "term__year").order_by("-term__starts_on")[:50]
    memberships = o.person.memberships.select_related("body").order_by("-starts_on")[:50]
    teaching = o.teaching.select_related("term__year", "course").order_by("-term__starts_on")[:50]
    return {"offerings": offerings, "memberships": memberships, "teaching": teaching, "lang": lang()}


staff_list = make_list_view(STAFF)
staff_csv = make_export_view(STAFF)
staff_detail = make_detail_view(
    "people.view_staff", STAFF.queryset, "people/staff_detail.html", _staff_fields, _staff_extra, title=lambda o: str(o.person)
)
