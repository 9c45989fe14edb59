"""Who may see institutions and units."""

from bilim.apps.accounts.permissions import register
from bilim.apps.core.scopes import ALL_ROLES

# Institutions and units are reference data every member of a university may consult.
register("org.view_institution", ALL_ROLES)
register("org.view_unit", ALL_ROLES)
