"""Who may take a step, in words: the role or body a table's authority code names, in the reader's language.

Tables name authority by code (``role:ird_officer``, ``body:rector_office``); a person reads the role's or the
body's name (the same words as the role and body lists), never the code.
"""

from __future__ import annotations

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

#: relational roles and table-only role codes (the others are ``accounts.Role`` labels, via the aliases)
EXTRA_ROLES = {
    "project_leader": _("Project leader of the trip"),
    "supervisor": _("Supervisor"),
    "instructor": _("Instructor of the course"),
    "candidate": _("The candidate"),
    "applicant": _("The applicant"),
    "any_person": _("Any person"),
    "bt_chair": _("Chair of the Board of Trustees"),
    "former_student": _("The former student"),
    "junior_researcher": _("The junior researcher"),
    "mspc": _("Member of the scientific preparation commission"),
    "fos_head": _("Head of the field of science"),
    "institute_officer": _("Institute officer"),
    "student": _("The student"),
    "staff": _("The staff member"),
}


def authority_label(code: str) -> str:
    """``role:ird_officer`` → “International Relations Department officer”; ``body:senate`` → “Senate”."""
    from bilim.apps.accounts.models import Role
    from bilim.apps.governance.models import Body
    from bilim.apps.workflow.services import BODY_ALIASES, ROLE_ALIASES

    if code == "system":
        return gettext("the system")
    kind, _sep, name = code.partition(":")
    if kind == "role":
        if name in EXTRA_ROLES:
            return str(EXTRA_ROLES[name])
        value = ROLE_ALIASES.get(name, name)
        labels = dict(Role.choices)
        return str(labels.get(value, name.replace("_", " ")))
    if kind == "body":
        value = BODY_ALIASES.get(name, name)
        labels = dict(Body.Kind.choices)
        return str(labels.get(value, name.replace("_", " ")))
    return code
