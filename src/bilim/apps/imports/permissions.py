"""Who may bring records in: a registrar's roles — the dean's office in its faculty, the administrator everywhere.

One action per direction; the scope is the unit a row belongs to (a student's or a programme's faculty, a staff
member's unit, a course's or an offering's programme's faculty, a grade's student's faculty): every row of a file
is checked against the units :func:`~bilim.apps.accounts.permissions.restrict_targets` opens to the actor.
"""

from bilim.apps.accounts.models import Role as R
from bilim.apps.accounts.permissions import register
from bilim.apps.core import scopes as s

_scope = {R.DEAN_OFFICE: s.unit("unit")}
register("imports.import", {R.DEAN_OFFICE}, scope=_scope)
register("imports.export", {R.DEAN_OFFICE}, scope=_scope)
