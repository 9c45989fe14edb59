"""Only the administrator (and a superuser) may read the outbox: mail holds personal data of many
people, so the verb is not a ``view_*`` one, which keeps it out of the auditor's read-everything."""

from bilim.apps.accounts.models import Role as R
from bilim.apps.accounts.permissions import register

register("outbox.inspect", {R.ADMINISTRATOR})
