"""Who may see institutions and units."""

from bilim.apps.accounts.permissions import register
from bilim.apps.core.scopes import ALL_ROLES, reference_data, scoped

# Institutions and units are reference data every member of a university may consult: registered as such
# explicitly (scopes fail closed, a role without a scope would see none).
register("org.view_institution", ALL_ROLES, scope=scoped(ALL_ROLES, reference_data()))
register("org.view_unit", ALL_ROLES, scope=scoped(ALL_ROLES, reference_data()))
