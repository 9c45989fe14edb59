"""``bilim regrade --decision NUMBER --table-on DATE [--grade ID …] [--apply] [--actor USERNAME]``.

A grade keeps the letter and coefficient it was given under the grading table in force on its exam date; a
later amendment of Table 1 never recomputes it (nor any GPA: the GPA reads the stored coefficient). Re-evaluating
history under another table is a deliberate act: this command needs an **adopted decision** (its number) that
authorises it, shows what would change (a dry run by default), and with ``--apply`` writes the new result while
keeping the previous one beside it in the grade's explanation (``regraded``: decision, table date, before) and an
audit row per grade (who, when, before, after, the decision).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from bilim.apps.audit import services as audit
from bilim.apps.audit.models import AuditEvent
from bilim.apps.governance.models import Decision
from bilim.apps.records.models import Grade
from bilim.regulations.core.outcome import to_jsonable
from bilim.regulations.core.params import NotCovered
from bilim.regulations.postgrad import grading


def _level(grade: Grade) -> str | None:
    from bilim.apps.postgrad.selectors import pg_level

    try:
        return pg_level(grade.enrolment.student)
    except Exception:  # noqa: BLE001 — a student outside the postgraduate levels has no KTMU table
        return None


def regrade(*, grades: Any, decision: Decision, table_on: dt.date, apply: bool, actor: Any) -> list[dict[str, Any]]:
    """Re-evaluate ``grades`` under the table in force on ``table_on``; return the changes (written when ``apply``)."""
    changes: list[dict[str, Any]] = []
    for g in grades:
        level = _level(g)
        if g.score is None or level is None:
            continue
        outcome = grading.grade_for_score(g.score, level, table_on)
        new = outcome.value
        before = {"letter": g.letter, "coefficient": str(g.coefficient) if g.coefficient is not None else None,
                  "passed": g.passed, "table_version": g.table_version.isoformat() if g.table_version else None}
        after = {"letter": new.letter, "coefficient": str(new.coefficient), "passed": new.passed,
                 "table_version": outcome.explanation.params[0].since.isoformat() if outcome.explanation.params else None}
        if before == after:
            continue
        changes.append({"grade": g.pk, "before": before, "after": after})
        if not apply:
            continue
        with transaction.atomic():
            locked = Grade.objects.select_for_update().get(pk=g.pk)
            snap = audit.snapshot(locked)
            history = list((locked.explanation or {}).get("regraded", []))
            history.append({"decision": decision.number, "decision_date": decision.date.isoformat(), "table_on": table_on.isoformat(),
                            "before": {**before, "explanation": locked.explanation}})
            locked.letter, locked.coefficient, locked.passed = new.letter, new.coefficient, new.passed
            locked.table_version = dt.date.fromisoformat(after["table_version"]) if after["table_version"] else None
            locked.explanation = {**to_jsonable(outcome.explanation.to_dict()), "regraded": history}
            locked.save(update_fields=["letter", "coefficient", "passed", "table_version", "explanation"])
            audit.record(actor=actor, action=AuditEvent.Action.UPDATE, obj=locked, before=snap,
                         reason=f"regrade under decision {decision.number} ({decision.date.isoformat()}), table of {table_on.isoformat()}")
    return changes


class Command(BaseCommand):
    help = "Re-evaluate stored grades under another grading table, authorised by an adopted decision (dry run unless --apply)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--decision", required=True, help="number of the adopted decision that authorises the regrade")
        parser.add_argument("--table-on", required=True, help="the date whose grading table is applied (YYYY-MM-DD)")
        parser.add_argument("--grade", type=int, action="append", help="a grade id (repeat); default: every graded score")
        parser.add_argument("--apply", action="store_true", help="write the new results (keeping the previous ones)")
        parser.add_argument("--actor", help="username recorded in the audit rows")

    def handle(self, *args: Any, **opts: Any) -> None:
        try:
            table_on = dt.date.fromisoformat(opts["table_on"])
        except ValueError:
            raise CommandError(f"--table-on {opts['table_on']!r} is not a date (YYYY-MM-DD)") from None
        decision = Decision.objects.filter(number=opts["decision"], status=Decision.Status.ADOPTED).order_by("-date").first()
        if decision is None:
            raise CommandError(f"no adopted decision numbered {opts['decision']!r}: a regrade needs one")
        actor = None
        if opts.get("actor"):
            actor = get_user_model().objects.filter(username=opts["actor"]).first()
            if actor is None:
                raise CommandError(f"unknown user {opts['actor']!r}")
        grades = Grade.objects.select_related("enrolment__student").exclude(score=None).order_by("pk")
        if opts.get("grade"):
            grades = grades.filter(pk__in=opts["grade"])
        try:
            changes = regrade(grades=grades, decision=decision, table_on=table_on, apply=opts["apply"], actor=actor)
        except NotCovered as exc:
            raise CommandError(str(exc)) from None
        for c in changes:
            self.stdout.write(f"grade {c['grade']}: {c['before']['letter']} ({c['before']['coefficient']}) → "
                              f"{c['after']['letter']} ({c['after']['coefficient']})")
        verb = "regraded" if opts["apply"] else "would change (dry run; --apply writes)"
        self.stdout.write(f"{len(changes)} grade(s) {verb}; decision {decision.number} of {decision.date.isoformat()}")
