"""The foundation apps' dashboard entries (action needed, title, url name), first in the list as before the move."""

from django.utils.translation import gettext_lazy as _

from bilim.apps.core.selectors import DASHBOARD_LINKS

DASHBOARD_LINKS[0:0] = (
    [
        ("people.view_student", _("Students"), "people:students"),
        ("people.view_staff", _("Staff"), "people:staff"),
        ("records.view_grade", _("Grades"), "records:grades"),
        ("curriculum.view_programme", _("Programmes"), "curriculum:programmes"),
        ("curriculum.view_course", _("Courses"), "curriculum:courses"),
        ("curriculum.view_offering", _("Offerings"), "curriculum:offerings"),
        ("curriculum.view_term", _("Terms and academic calendar"), "curriculum:terms"),
        ("org.view_institution", _("Institutions"), "org:institutions"),
        ("org.view_unit", _("Units"), "org:units"),
        ("governance.view_body", _("Bodies"), "governance:bodies"),
        ("governance.view_decision", _("Decisions and orders"), "governance:decisions"),
        ("audit.view_event", _("Audit trail"), "audit:events"),
    ]
)
