"""The foundation records under /api/v1/: the generic list/detail factory lives in ``core.api`` (the ground), the
models it serves are named here, in the API's assembly, so that ``core`` imports no domain app."""

from __future__ import annotations

from bilim.apps.core.api import _endpoints as endpoints
from bilim.apps.core.api import router


def register() -> None:
    """The foundation records' list and detail endpoints (institutions, units, students, staff, programmes, courses,
    decisions), built with the ground's generic factory."""
    from bilim.apps.curriculum.models import Course, Programme
    from bilim.apps.governance.models import Decision
    from bilim.apps.org.models import Institution, Unit
    from bilim.apps.people.models import Staff, Student

    names = ["name_ky", "name_ru", "name_en", "name_tr"]
    person = ["person__last_name", "person__first_name", "person__patronymic", "person__last_name_latin", "person__first_name_latin"]
    endpoints("institutions", "org.view_institution", Institution.objects.all, names + ["code", "city"],
              ["code", *names, "country", "city", "website", "erasmus_code", "schac_code", "is_home"])
    endpoints("units", "org.view_unit", Unit.objects.all, names + ["code"], ["code", *names, "kind", "institution_id", "parent_id"])
    endpoints("students", "people.view_student", lambda: Student.objects.select_related("person"), person + ["student_number"],
              ["student_number", *person[:5], "institution_id", "unit_id", "programme_id", "level", "year_of_study", "semester", "funding", "status"])
    endpoints("staff", "people.view_staff", lambda: Staff.objects.select_related("person"), person + ["position"],
              [*person[:5], "institution_id", "unit_id", "kind", "position", "degree", "title", "full_time"])
    endpoints("programmes", "curriculum.view_programme", Programme.objects.all, names + ["code"],
              ["code", *names, "institution_id", "unit_id", "level", "languages", "normative_semesters", "is_active"])
    endpoints("courses", "curriculum.view_course", Course.objects.all, ["code", "title_ky", "title_ru", "title_en", "title_tr"],
              ["code", "title_ky", "title_ru", "title_en", "title_tr", "institution_id", "programme_id", "ects", "kind", "language", "semester"])
    endpoints("decisions", "governance.view_decision", Decision.objects.all, ["number", "title", "text"],
              ["number", "date", "body_id", "title", "text", "subject_type", "subject_id", "status", "supersedes_id", "adopted_at"])




register()

from bilim.apps.api.api import api  # noqa: E402

api.add_router("/", router)
