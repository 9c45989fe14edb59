"""A grade keeps the coefficient it was given; `bilim regrade` re-evaluates under another table only on an adopted
decision, keeps both results and writes an audit row per grade."""

from __future__ import annotations

import copy
import datetime as dt
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.core.management import CommandError, call_command

from bilim.apps.audit.models import AuditEvent
from bilim.apps.postgrad.gradebook import course_grade_facts
from bilim.apps.records.management.commands.regrade import regrade
from bilim.apps.records.models import Grade
from bilim.regulations.core import params
from bilim.regulations.postgrad import gpa

AMENDED_ON = dt.date(2027, 2, 1)


def _amended_store() -> params.ParameterStore:
    """Table 1 amended from AMENDED_ON: BA starts at 80.00 instead of 82.40 (BB ends at 79.90)."""
    store = params.default_store()
    table = copy.deepcopy(store.get("ktmu.grading_table", dt.date(2026, 9, 1)).value)
    for band in table["bands"]:
        if band["letter"] == "BA":
            band["lower"] = Decimal("80.00")
        if band["letter"] == "BB":
            band["upper"] = Decimal("79.90")
    return store.with_version("ktmu.grading_table", AMENDED_ON, table, decided_by="test amendment")


@pytest.mark.rule("KTMU-T1-1")
def test_regrade_needs_a_decision_keeps_both_results_and_is_audited(pg: SimpleNamespace) -> None:
    g = Grade.objects.create(enrolment=pg.e1, score=Decimal("81.00"), letter="BB", coefficient=Decimal("3.00"), passed=True,
                             graded_on=dt.date(2027, 1, 20), table_version=dt.date(2024, 9, 1), explanation={"message_key": "x"})
    with params.using(_amended_store()):
        # the amendment alone changes nothing stored: the GPA reads the coefficient kept with the grade
        facts = {"courses": [{"course_code": "CS-MA501", "academic_year": 2026, "term": "AUTUMN", "ects": "6", "grade": "BB",
                              "coefficient": g.coefficient, "exam_date": g.graded_on}]}
        assert gpa.cumulative_gpa(facts, dt.date(2027, 3, 1)).value.shown == Decimal("3.00")
        with pytest.raises(CommandError, match="adopted decision"):
            call_command("regrade", "--decision", pg.draft.number, "--table-on", "2027-02-01")
        dry = regrade(grades=Grade.objects.filter(pk=g.pk), decision=pg.adopted, table_on=AMENDED_ON, apply=False, actor=pg.admin)
        assert dry == [{"grade": g.pk, "before": {"letter": "BB", "coefficient": "3.00", "passed": True, "table_version": "2024-09-01"},
                        "after": {"letter": "BA", "coefficient": "3.50", "passed": True, "table_version": "2027-02-01"}}]
        g.refresh_from_db()
        assert g.letter == "BB"  # a dry run writes nothing
        regrade(grades=Grade.objects.filter(pk=g.pk), decision=pg.adopted, table_on=AMENDED_ON, apply=True, actor=pg.admin)
    g.refresh_from_db()
    assert (g.letter, g.coefficient, g.table_version) == ("BA", Decimal("3.50"), AMENDED_ON)
    previous = g.explanation["regraded"][0]
    assert previous["decision"] == pg.adopted.number and previous["before"]["letter"] == "BB"
    assert previous["before"]["explanation"] == {"message_key": "x"}  # the first result kept verbatim
    event = AuditEvent.objects.filter(object_type="records.grade", object_id=str(g.pk)).latest("at")
    assert event.before["letter"] == "BB" and event.after["letter"] == "BA" and pg.adopted.number in event.reason
    assert course_grade_facts(SimpleNamespace(enrolment=pg.e1))["coefficient"] == Decimal("3.50")
