"""Amendment impact with the database: proposals, the background evaluation, the report, XLSX, agenda, CLI."""

from __future__ import annotations

import copy
import datetime as dt
import io
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.test import Client
from openpyxl import load_workbook

from bilim.apps.amendments import models as m
from bilim.apps.amendments import services as svc
from bilim.apps.audit.models import AuditEvent
from bilim.apps.governance import meetings as gov
from bilim.apps.governance.models import Membership
from bilim.apps.people.models import Person
from bilim.apps.records.models import Grade
from bilim.regulations import impact as im
from bilim.regulations.core import params
from tests.postgrad.conftest import pg as _pg  # noqa: F401  (the fixture, reused)

pg = _pg
SINCE = dt.date(2026, 12, 1)


def _table_text(ba_lower: str = "83.00") -> str:
    t = copy.deepcopy(params.get("ktmu.grading_table", SINCE).value)
    t["bands"][1]["lower"] = ba_lower
    t["bands"][2]["upper"] = str(Decimal(ba_lower) - Decimal("0.10"))
    return im.dump_value(t)


@pytest.fixture
def am(pg: SimpleNamespace) -> SimpleNamespace:
    """Two graded master's students (82.40 → BA, 90.00 → AA) and a secretary seated on the institute board."""
    Grade.objects.create(enrolment=pg.e1, score=Decimal("82.40"), letter="BA", coefficient=Decimal("3.50"), passed=True, graded_on=dt.date(2026, 11, 20))
    Grade.objects.create(enrolment=pg.e2, score=Decimal("90.00"), letter="AA", coefficient=Decimal("4.00"), passed=True, graded_on=dt.date(2026, 11, 20))
    me = Person.objects.create(user=pg.secretary, last_name="Ташиева", first_name="Ч")
    Membership.objects.create(body=pg.board, person=me, role=Membership.Role.SECRETARY, starts_on=dt.date(2020, 1, 1), voting=False)
    return SimpleNamespace(pg=pg, board=pg.board, secretary=pg.secretary)


def _propose(am: SimpleNamespace, **kw: Any) -> m.Proposal:
    args = {"actor": am.secretary, "body": am.board, "parameter": "ktmu.grading_table", "value_text": _table_text(), "since": SINCE,
            "note": "Senate draft 2026-12", "enqueue": False}
    args.update(kw)
    return svc.proposal_create(**args)


@pytest.mark.django_db
@pytest.mark.rule("KTMU-T1-1", "KTMU-32(9)-2")
def test_table_change_finds_exactly_the_changed_student_with_both_explanations(am: SimpleNamespace) -> None:
    p = _propose(am)
    assert p.status == "queued"
    p = svc.proposal_evaluate(p.pk)
    assert (p.status, p.total, p.processed, p.changed) == ("done", 2, 2, 1)
    case = p.cases.get()
    assert case.subject_id == str(am.pg.st.pk) and case.number == "K00001"
    assert case.changes == ["letter", "gpa"]
    assert case.before["letters"] == [["CS-MA501", "82.40", "BA"]] and case.after["letters"] == [["CS-MA501", "82.40", "BB"]]
    assert (case.before["gpa"], case.after["gpa"]) == ("3.50", "3.00")
    assert case.explanation_before[0]["result"]["letter"] == "BA" and case.explanation_after[0]["result"]["letter"] == "BB"
    assert case.explanation_after[0]["params"][0]["decided_by"] == f"proposal No. {p.pk} (not adopted)"
    assert case.unit_id == am.pg.inst.pk and case.programme_id == am.pg.prog.pk
    assert p.totals["kinds"] == {"letter": 1, "gpa": 1}
    assert p.totals["unit"] == {str(am.pg.inst.pk): [2, 1]} and p.totals["programme"] == {str(am.pg.prog.pk): [2, 1]}
    # nothing recorded changed: the stored grade keeps its letter, and the parameters in force are untouched
    assert Grade.objects.get(enrolment=am.pg.e1).letter == "BA"
    assert params.get("ktmu.grading_table", SINCE).value["bands"][1]["lower"] == "82.40"
    events = AuditEvent.objects.filter(object_type="amendments.proposal", object_id=str(p.pk)).order_by("pk")
    assert [e.action for e in events] == ["create", "update"] and events[0].actor == am.secretary


@pytest.mark.django_db
@pytest.mark.rule("KTMU-39(1)f-1")
def test_gpa_threshold_change_puts_a_student_on_watch(am: SimpleNamespace) -> None:
    p = _propose(am, parameter="ktmu.grading.graduation_gpa", value_text="{MA: '3.60', PHD: '3.00', AI: '3.00'}")
    p = svc.proposal_evaluate(p.pk)
    case = p.cases.get()
    assert case.subject_id == str(am.pg.st.pk) and case.changes == ["watch"]  # 3.50 < 3.60 before the 4th semester
    assert case.before["watch"] == [] and case.after["watch"] == ["KTMU-39(1)f-1"]
    assert any(e["rule_ids"] == ["KTMU-39(1)f-1"] and e["result"] == "WARN" for e in case.explanation_after)


@pytest.mark.django_db
def test_bad_input_is_refused_beside_the_field_and_nothing_is_written(am: SimpleNamespace) -> None:
    with pytest.raises(ValidationError) as err:
        _propose(am, value_text=_table_text("82.40").replace("82.30", "82.00"))  # a gap below BA
    assert "value_text" in err.value.message_dict
    with pytest.raises(ValidationError) as err:
        _propose(am, value_text=_table_text("82.40"))
    assert err.value.message_dict["value_text"] == [str(svc.ERRORS["unchanged"])]
    with pytest.raises(ValidationError) as err:
        _propose(am, since=None)
    assert "since" in err.value.message_dict
    with pytest.raises(PermissionDenied):
        _propose(am, actor=am.pg.outsider)
    assert not m.Proposal.objects.exists() and not AuditEvent.objects.filter(object_type="amendments.proposal").exists()


@pytest.mark.django_db
def test_report_exports_to_xlsx_and_goes_on_the_agenda(am: SimpleNamespace) -> None:
    p = svc.proposal_evaluate(_propose(am).pk)
    wb = load_workbook(io.BytesIO(svc.proposal_xlsx(p)))
    totals, cases = wb.worksheets
    assert totals["B4"].value == 2 and totals["B5"].value == 1
    rows = list(cases.iter_rows(values_only=True))
    assert len(rows) == 2 and rows[1][0] == "K00001" and "BA" in rows[1][3] and "BB" in rows[1][4]
    assert rows[1][5] and rows[1][6] and rows[1][5] != rows[1][6]
    meeting = gov.meeting_convene(actor=am.secretary, body=am.board, held_on=dt.date(2026, 12, 20), place="105")
    assert svc.convened_meetings(am.secretary) == [meeting]
    item = svc.proposal_attach(actor=am.secretary, proposal=p, meeting=meeting)
    p.refresh_from_db()
    assert p.agenda_item == item and item.meeting == meeting
    assert (item.subject_type, item.subject_id, item.subject_url) == ("amendments.proposal", str(p.pk), f"/amendments/{p.pk}/")
    assert AuditEvent.objects.filter(object_type="amendments.proposal", object_id=str(p.pk), reason__contains="agenda").exists()
    with pytest.raises(ValidationError):
        svc.proposal_attach(actor=am.secretary, proposal=p, meeting=meeting)  # once only
    assert meeting.items.count() == 1


@pytest.mark.django_db
def test_pages_propose_show_both_sides_and_refuse_outsiders(am: SimpleNamespace, settings: Any) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    c = Client()
    c.force_login(am.secretary)
    r = c.get("/amendments/?parameter=ktmu.grading_table", HTTP_ACCEPT_LANGUAGE="ky")
    assert r.status_code == 200 and "82.40" in r.content.decode()
    r = c.post("/amendments/", {"body": am.board.pk, "parameter": "ktmu.grading_table", "since": "2026-12-01", "value_text": "[1,"})
    assert r.status_code == 400 and str(svc.ERRORS["syntax"]) in r.content.decode()
    r = c.post("/amendments/", {"body": am.board.pk, "parameter": "ktmu.grading_table", "since": "2026-12-01", "value_text": _table_text()})
    p = m.Proposal.objects.get()
    assert r.status_code == 302 and r["Location"] == f"/amendments/{p.pk}/"
    assert p.status == "done" and p.changed == 1  # the immediate backend ran the task
    page = c.get(f"/amendments/{p.pk}/").content.decode()
    assert "K00001" in page and "K00002" not in page
    assert page.count('data-testid="before"') == 1 and "BA" in page and "BB" in page
    x = c.get(f"/amendments/{p.pk}/xlsx/")
    assert x.status_code == 200 and x["Content-Type"].startswith("application/vnd.openxmlformats")
    outsider = Client()
    outsider.force_login(am.pg.outsider)
    assert outsider.get(f"/amendments/{p.pk}/").status_code == 404
    assert outsider.get("/amendments/").status_code == 403


@pytest.mark.django_db(transaction=True)  # the worker closes its connection between tasks: the data must be committed
def test_evaluation_runs_in_the_database_worker(am: SimpleNamespace) -> None:
    p = _propose(am, enqueue=True)
    assert p.task_id and p.status == "queued"
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    p.refresh_from_db()
    assert (p.status, p.processed, p.changed) == ("done", 2, 1)
    svc.evaluate_proposal.call(p.pk)  # run twice: nothing changes
    assert m.Proposal.objects.get(pk=p.pk).cases.count() == 1


@pytest.mark.django_db
def test_cli_prints_totals_and_changed_cases(am: SimpleNamespace, tmp_path: Any) -> None:
    f = tmp_path / "t.yaml"
    f.write_text(_table_text(), encoding="utf-8")
    out = io.StringIO()
    call_command("rules_simulate", "--param", "ktmu.grading_table", "--value", f"@{f}", "--since", "2026-12-01", "--lang", "en",
                 "--explain", stdout=out)
    text = out.getvalue()
    assert "K00001" in text and "K00002" not in text
    assert "CS-MA501: 82.40 → BA" in text and "CS-MA501: 82.40 → BB" in text
    assert text.strip().splitlines()[-1] == "Evaluated: 2; Outcome changes: 1; letter: 1, GPA: 1"
    assert not m.Proposal.objects.exists()  # the command writes nothing
