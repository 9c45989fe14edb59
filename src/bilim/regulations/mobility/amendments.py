"""OshSU mobility — amendments of the regulation's parameters (1.6; ERRATA 20).

«Бул Жобого өзгөртүүлөр, толуктоолор ОшМУнун административдик кеңешинин чечиминин негизинде ректордун
буйругу менен киргизилет». ERRATA 20: both references are required only to change a value the regulation
itself states (``osu.regulation_stated_parameters``, catalogue §3 "Value in the regulation"); values it
leaves open (A-43) and per-call settings are set by the responsible unit (IRD, FD) with an ordinary
change-log entry.

Public functions for the apps::

    amendment_check(AmendmentFacts) -> Verdict
    amend_parameter(store, name, since, value, ...) -> ParameterStore (adds a dated version after the check)
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from bilim.regulations.core import Ctx, Facts, Outcome, RuleError, Verdict, rule
from bilim.regulations.core.params import ParameterStore


class AmendmentFacts(Facts):
    """A proposed change of a parameter and the acts it rests on."""

    parameter: str
    effective_from: dt.date
    admin_council_decision_ref: str | None = None
    rector_order_ref: str | None = None
    change_log_entry: str | None = None
    responsible_unit: str | None = None


def _filled(v: str | None) -> bool:
    return bool(v and v.strip())


@rule("OSU-1.6-1")
def amendment_check(f: AmendmentFacts, ctx: Ctx) -> Outcome:
    """«Бул Жобого өзгөртүүлөр, толуктоолор ОшМУнун административдик кеңешинин чечиминин негизинде
    ректордун буйругу менен киргизилет»

    A value the regulation states: PASS only with both the administrative-council decision and the
    rector's order references (FAIL otherwise). Any other parameter (left open by the regulation):
    PASS with a change-log entry naming the responsible unit (ERRATA 20), FAIL without one.
    """
    stated = ctx.param("osu.regulation_stated_parameters")
    if f.parameter in stated:
        missing = [
            n
            for n, v in (("admin_council_decision", f.admin_council_decision_ref), ("rector_order", f.rector_order_ref))
            if not _filled(v)
        ]
        if missing:
            return ctx.fail("osu.amendment.refs_missing", parameter=f.parameter, missing=missing)
        return ctx.passed(
            "osu.amendment.regulation_ok",
            parameter=f.parameter,
            decision=f.admin_council_decision_ref,
            order=f.rector_order_ref,
            since=f.effective_from,
        )
    if not (_filled(f.change_log_entry) and _filled(f.responsible_unit)):
        return ctx.fail("osu.amendment.log_missing", parameter=f.parameter)
    return ctx.passed("osu.amendment.unit_ok", parameter=f.parameter, unit=f.responsible_unit, since=f.effective_from)


def amend_parameter(
    store: ParameterStore,
    name: str,
    since: dt.date,
    value: Any,
    *,
    admin_council_decision_ref: str | None = None,
    rector_order_ref: str | None = None,
    change_log_entry: str | None = None,
    responsible_unit: str | None = None,
    as_of: dt.date | None = None,
) -> ParameterStore:
    """Add a dated version of ``name`` to a copy of ``store`` after :func:`amendment_check` passes.

    The version's ``decided_by`` names the acts (council decision + rector's order, or the unit's log).
    Raises :class:`RuleError` (with the rendered English message) when the check fails.
    """
    from bilim.regulations.core import params as _params

    facts = AmendmentFacts(
        parameter=name,
        effective_from=since,
        admin_council_decision_ref=admin_council_decision_ref,
        rector_order_ref=rector_order_ref,
        change_log_entry=change_log_entry,
        responsible_unit=responsible_unit,
    )
    with _params.using(store):
        outcome = amendment_check(facts, as_of or since)
    if outcome.value == Verdict.FAIL:
        raise RuleError(outcome.message("en"))
    if _filled(admin_council_decision_ref) and _filled(rector_order_ref):
        decided_by = f"OshSU administrative council decision {admin_council_decision_ref}; rector's order {rector_order_ref}"
    else:
        decided_by = f"{responsible_unit}: {change_log_entry}"
    return store.with_version(name, since, value, decided_by=decided_by)
