"""Grades list: a student's own grades, a teacher's offerings, a faculty's results (read-only)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from bilim.apps.core.listing import Column, Filter, ListSpec, lang, make_detail_view, make_export_view, make_list_view
from bilim.apps.curriculum.models import Term
from bilim.apps.records.models import Grade
from bilim.apps.records.selectors import explanation_text


def _terms(user: Any) -> list[tuple[str, str]]:
    from bilim.apps.accounts.permissions import restrict

    return [(str(t.pk), f"{t.year.institution.code} {t}") for t in restrict(user, "curriculum.view_term", Term.objects.select_related("year__institution"))[:60]]


GRADES = ListSpec(
    import_kind="grades",
    action="records.view_grade",
    queryset=lambda: Grade.objects.select_related("enrolment__student__person", "enrolment__offering__course", "enrolment__offering__term__year").order_by("-graded_on", "-id"),
    title=_("Grades"),
    detail_url="records:grade",
    export_url="records:grades_csv",
    csv_name="grades",
    search_fields=["enrolment__student__person__last_name", "enrolment__student__person__last_name_latin", "enrolment__student__student_number", "enrolment__offering__course__code"],
    search_help=_("Student name or number, or course code"),
    filters=[
        Filter("term", _("Term"), "enrolment__offering__term_id", _terms),
        Filter("passed", _("Result"), "passed", lambda u: [("True", _("Passed")), ("False", _("Failed"))]),
    ],
    columns=[
        Column(_("Student"), lambda o: str(o.enrolment.student.person), link=True),
        Column(_("Course"), lambda o: f"{o.enrolment.offering.course.code} {o.enrolment.offering.course.title(lang())}"),
        Column(_("Term"), lambda o: str(o.enrolment.offering.term)),
        Column(_("Score"), lambda o: o.score),
        Column(_("Letter"), lambda o: o.letter),
        Column(_("Passed"), lambda o: o.passed),
    ],
)


def _grade_fields(o: Grade) -> list[tuple[Any, Any]]:
    return [
        (_("Student"), str(o.enrolment.student.person)),
        (_("Course"), f"{o.enrolment.offering.course.code} {o.enrolment.offering.course.title(lang())}"),
        (_("Term"), str(o.enrolment.offering.term)),
        (_("Midterm"), o.midterm),
        (_("Final"), o.final),
        (_("Score"), o.score),
        (_("Letter"), o.letter),
        (_("Coefficient"), o.coefficient),
        (_("Passed"), o.passed),
        (_("Graded on"), o.graded_on),
        (_("Grading table in force since"), o.table_version),
        (_("Explanation"), explanation_text(o.explanation, lang())),
    ]


grade_list = make_list_view(GRADES)
grade_csv = make_export_view(GRADES)
grade_detail = make_detail_view("records.view_grade", GRADES.queryset, "core/detail.html", _grade_fields, title=lambda o: str(o.enrolment.offering.course))
