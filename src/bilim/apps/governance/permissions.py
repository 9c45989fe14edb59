"""Bodies, memberships and decisions. Secretaries of a body and the rector's office record decisions."""

from django.db.models import Q

from bilim.apps.accounts.models import Role as R
from bilim.apps.accounts.permissions import register
from bilim.apps.core import scopes as s


def _secretary(body_path: str) -> s.ScopeFn:
    """A board secretary records for their body; without one, for the bodies of their unit; only a secretary
    held in a whole institution (no unit) for the institution's bodies."""
    pre = f"{body_path}__" if body_path else ""

    def build(a: s.RoleAssignment, user: object) -> Q:
        if a.body_id:
            return Q(**{f"{pre}pk" if body_path else "pk": a.body_id})
        if a.unit_id:
            return s.unit(f"{pre}unit")(a, user)
        return s.institution(f"{pre}institution")(a, user)

    return build


register("governance.view_body", s.STAFF_ROLES, scope=s.scoped(s.STAFF_ROLES, s.institution("institution")))
register("governance.view_decision", s.STAFF_ROLES, scope=s.scoped(s.STAFF_ROLES, s.institution("body__institution")))
_edit = {
    R.BOARD_SECRETARY: _secretary("body"),
    R.RECTOR_OFFICE: s.institution("body__institution"),
    R.DEAN_OFFICE: s.unit("body__unit"),
}
for action in ("governance.add_decision", "governance.change_decision", "governance.adopt_decision", "governance.supersede_decision"):
    register(action, set(_edit), scope=_edit)
# which bodies a user may record a new decision for
_body_edit = {
    R.BOARD_SECRETARY: _secretary(""),
    R.RECTOR_OFFICE: s.institution("institution"),
    R.DEAN_OFFICE: s.unit("unit"),
}
register("governance.record_decision_for_body", set(_body_edit), scope=_body_edit)
# who sets up a new body of the institution (the page re-checks the institution: meetings.can_create_body)
register("governance.add_body", {R.RECTOR_OFFICE}, scope={R.RECTOR_OFFICE: s.institution("institution")})
