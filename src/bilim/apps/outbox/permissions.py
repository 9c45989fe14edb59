"""The administrator (and a superuser) reads the outbox; the auditor, who reads every read page
read-only (issue 7), reads it too. Nobody else: mail holds personal data of many people."""

from bilim.apps.accounts.models import Role as R
from bilim.apps.accounts.permissions import register

register("outbox.view_messages", {R.ADMINISTRATOR})
