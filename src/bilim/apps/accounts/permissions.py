"""The one permission layer: ``restrict(user, action, queryset)`` and ``require(user, action, obj)``.

Every query a user triggers passes through :func:`restrict`; services re-check with
:func:`require`. Actions are ``<app>.<verb>`` strings (``people.view_student``,
``mobility.decide_application``…). A rule maps an action to the roles that may do it and to how
a role's scope narrows a queryset (``SCOPES``). Apps register their actions in their
``permissions.py`` modules with :func:`register`.

Scopes fail closed (design: "Scopes fail closed"): a role an action lists but gives no scope
function sees no rows; a scope builder whose assignment lacks the scope it needs gives no rows
(:data:`NOTHING`); only the administrator and the auditor (reads) hold everywhere. A role that
really acts institution-wide says so by registering an institution scope. Querysets are narrowed
with ``pk IN (subquery)``, not OR-joins and DISTINCT, so the database can use its indexes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Q

from bilim.apps.accounts.models import Role, RoleAssignment, User

ScopeFn = Callable[[RoleAssignment, Any], Q]
NOTHING = Q(pk__in=[])  # the scope of an assignment that does not reach the rows: no row at all


class PerModel(dict[str, ScopeFn]):
    """A scope for an action checked on several models (``{"mobility.call": fn, ...}``, by ``label_lower``).

    A model the mapping does not name gets no rows.
    """

    def for_model(self, model: type[models.Model]) -> ScopeFn | None:
        return self.get(model._meta.label_lower)


@dataclass
class ActionRule:
    """Who may perform an action and how each role's scope filters the rows."""

    roles: frozenset[str]
    scope: dict[str, ScopeFn | PerModel] = field(default_factory=dict)  # role -> Q builder(assignment, user)
    public: bool = False  # visible to anyone, logged in or not
    own: ScopeFn | None = None  # rows that belong to the user themselves (student's own file)
    # the regulation set (org.RegulationSet) the action belongs to: only roles held in an institution that runs it count
    regulation_set: str | None = None


ACTIONS: dict[str, ActionRule] = {}
READ_ONLY_ROLES = {Role.AUDITOR}


def register(action: str, roles: Iterable[str], *, scope: Mapping[Any, ScopeFn | PerModel] | None = None, public: bool = False,
             own: ScopeFn | None = None, regulation_set: str | None = None) -> None:
    scopes = {str(role): fn for role, fn in (scope or {}).items()}  # role codes (a Role member is its code)
    ACTIONS[action] = ActionRule(frozenset(str(r) for r in roles), scopes, public, own, regulation_set)


def signed_in(request: Any) -> User:
    """The signed-in user of a request (views behind ``login_required``); an anonymous visitor is refused."""
    user = request.user
    if not user.is_authenticated:
        raise PermissionDenied
    return user


def active_roles(user: Any, on: dt.date | None = None) -> list[RoleAssignment]:
    if not getattr(user, "is_authenticated", False):
        return []
    cache = getattr(user, "_bilim_roles", None)
    if cache is None:
        cache = list(RoleAssignment.objects.active(on).filter(user=user).select_related(
            "unit__institution", "institution", "programme__institution", "body__institution"))
        user._bilim_roles = cache
    return cache


def role_codes(user: Any) -> set[str]:
    return {a.role for a in active_roles(user)}


def _institution_of(a: RoleAssignment) -> Any:
    """The institution an assignment is held in: its own, else that of its unit, programme or body."""
    if a.institution_id:
        return a.institution
    for source in ("unit", "programme", "body"):
        if getattr(a, f"{source}_id"):
            return getattr(a, source).institution
    return None


def _acting(user: Any, rule: ActionRule) -> list[RoleAssignment]:
    """The user's assignments that count for ``rule``: a role it lists, held where its regulation set applies."""
    out = []
    for a in active_roles(user):
        if a.role not in rule.roles:
            continue
        if rule.regulation_set is not None:
            inst = _institution_of(a)
            if inst is None or inst.regulation_set != rule.regulation_set:
                continue  # e.g. a dean's office of a university not run by the mobility regulation
        out.append(a)
    return out


def _is_read(action: str) -> bool:
    verb = action.split(".", 1)[-1]
    return verb.startswith(("view", "list", "export", "read"))


def can(user: Any, action: str) -> bool:
    """May the user perform ``action`` at all (in some scope)?"""
    rule = ACTIONS.get(action)
    if rule is None:
        return False
    if rule.public:
        return True
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser:
        return True
    codes = role_codes(user)
    if Role.ADMINISTRATOR in codes:
        return True
    if Role.AUDITOR in codes and _is_read(action):
        return True
    if rule.own is not None and codes:
        return True  # any member of the university may act on their own rows (restrict() narrows to them)
    return bool(_acting(user, rule))


def restrict(user: Any, action: str, queryset: models.QuerySet[Any]) -> models.QuerySet[Any]:
    """The rows of ``queryset`` on which ``user`` may perform ``action`` (none if not allowed)."""
    rule = ACTIONS.get(action)
    if rule is None:
        return queryset.none()
    if rule.public:
        return queryset
    if not getattr(user, "is_authenticated", False):
        return queryset.none()
    codes = role_codes(user)
    if user.is_superuser or Role.ADMINISTRATOR in codes or (Role.AUDITOR in codes and _is_read(action)):
        return queryset
    model = queryset.model
    condition = NOTHING
    reached = False
    for assignment in _acting(user, rule):
        entry = rule.scope.get(assignment.role)
        scope_fn = entry.for_model(model) if isinstance(entry, PerModel) else entry
        if scope_fn is None:
            continue  # fail closed: a role without a scope for these rows sees none of them
        condition |= scope_fn(assignment, user)
        reached = True
    if rule.own is not None:
        condition |= rule.own(None, user)  # type: ignore[arg-type]
        reached = True
    if not reached:
        return queryset.none()
    return queryset.filter(pk__in=model._base_manager.filter(condition).values("pk"))


def _rebase(q: Q, through: str) -> Q:
    """``q`` written for rows that reach a target through ``through`` (``faculty__institution_id=…``), rewritten for
    the targets themselves (``institution_id=…``); a condition that does not go through ``through`` matches nothing."""
    out = Q()
    out.connector, out.negated = q.connector, q.negated
    for child in q.children:
        if isinstance(child, Q):
            out.children.append(_rebase(child, through))
            continue
        key, value = child  # type: ignore[misc]  # a Q's leaf is a (lookup, value) pair
        if key == f"{through}_id" or key.startswith(f"{through}_id__"):
            out.children.append(("pk" + key[len(through) + 3:], value))
        elif key.startswith(f"{through}__"):
            out.children.append((key[len(through) + 2:], value))
        else:
            out.children.append(("pk__in", []))
    return out


def restrict_targets(user: Any, action: str, targets: models.QuerySet[Any], *, model: type[models.Model], through: str) -> models.QuerySet[Any]:
    """The ``targets`` (e.g. faculties) a new ``model`` row pointing at them through ``through`` (e.g. ``faculty``) may
    be created for by ``user`` under ``action``: the same scopes as :func:`restrict`, read on the targets, so a form
    offers only the choices whose record the user could then read and act on (fails closed like ``restrict``)."""
    rule = ACTIONS.get(action)
    if rule is None or not getattr(user, "is_authenticated", False):
        return targets.none()
    if rule.public or user.is_superuser or Role.ADMINISTRATOR in role_codes(user):
        return targets
    condition = NOTHING
    for assignment in _acting(user, rule):
        entry = rule.scope.get(assignment.role)
        scope_fn = entry.for_model(model) if isinstance(entry, PerModel) else entry
        if scope_fn is not None:
            condition |= _rebase(scope_fn(assignment, user), through)
    return targets.filter(condition)


def require(user: Any, action: str, obj: models.Model | None = None) -> None:
    """Raise PermissionDenied unless ``user`` may perform ``action`` (on ``obj``)."""
    if not can(user, action):
        raise PermissionDenied(action)
    if obj is not None:
        qs = type(obj)._default_manager.filter(pk=obj.pk)
        if not restrict(user, action, qs).exists():
            raise PermissionDenied(action)


def assignment_institution_id(a: RoleAssignment) -> int | None:
    """The id of the institution an assignment is held in (:func:`_institution_of`)."""
    if a.institution_id:
        return a.institution_id
    inst = _institution_of(a)
    return inst.pk if inst is not None else None


def unit_scope(field_path: str) -> ScopeFn:
    """Scope rows to the assignment's unit (and units below it) through ``field_path`` (e.g. ``unit``);
    an assignment held in a whole institution reaches that institution's units; none reaches nothing."""

    def build(assignment: RoleAssignment, user: Any) -> Q:
        if assignment.unit_id is not None:
            return Q(**{f"{field_path}_id": assignment.unit_id}) | Q(**{f"{field_path}__parent_id": assignment.unit_id})
        inst = assignment_institution_id(assignment)
        if inst is None:
            return NOTHING
        return Q(**{f"{field_path}__institution_id": inst})

    return build


def institution_scope(field_path: str) -> ScopeFn:
    """Rows of the assignment's institution (reached through ``field_path``); no institution, no rows."""

    def build(assignment: RoleAssignment, user: Any) -> Q:
        inst = assignment_institution_id(assignment)
        if inst is None:
            return NOTHING
        return Q(**{f"{field_path}_id": inst})

    return build
