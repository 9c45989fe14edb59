"""The audit trail: auditors (read-only, everything) and administrators."""

from bilim.apps.accounts.models import Role as R
from bilim.apps.accounts.permissions import register

register("audit.view_event", {R.AUDITOR})
