"""Programmes, courses, offerings and the calendar: every member sees their own institution's."""

from bilim.apps.accounts.permissions import register
from bilim.apps.core import scopes as s

register("curriculum.view_programme", s.ALL_ROLES, scope=s.scoped(s.ALL_ROLES, s.institution("institution")))
register("curriculum.view_course", s.ALL_ROLES, scope=s.scoped(s.ALL_ROLES, s.institution("institution")))
register("curriculum.view_offering", s.ALL_ROLES, scope=s.scoped(s.ALL_ROLES, s.institution("course__institution")))
register("curriculum.view_term", s.ALL_ROLES, scope=s.scoped(s.ALL_ROLES, s.institution("year__institution")))
