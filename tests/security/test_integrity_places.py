"""Quota places follow the file (issue 7): every way into SELECTED takes a place and marks it on the file in the same
transaction; every end before the mobility happens (withdrawal, the host's refusal, cancellation) gives it back; a
mobility that took place keeps it for the year's count. Places used = files holding a place, checked by a selector,
the ``mobility_check_places`` command and CHECK constraints."""

from __future__ import annotations

import datetime as dt
import importlib
from decimal import Decimal

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import IntegrityError, transaction

from bilim.apps.mobility import models as m
from bilim.apps.mobility import selectors as sel
from bilim.apps.mobility import services as svc
from bilim.apps.workflow.services import TransitionRefused
from bilim.regulations.workflows.core import get_workflow
from tests.mobility.conftest import world  # noqa: F401  (the mobility personas)

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 21)
# the terminal states in which a mobility has taken place: the place stays counted for the year
KEEPS_PLACE = {"CLOSED", "EXPULSION_PROCEDURE"}


@pytest.fixture(autouse=True)
def _today(monkeypatch):  # noqa: ANN001, ANN202
    monkeypatch.setattr(svc, "today", lambda: TODAY)


def _file(w, state: str, *, call=True, holds=False, **kw):  # noqa: ANN001, ANN202
    data = dict(student=w.student, call=w.call if call else None, agreement=w.agreement, host=w.partner, purpose="Study", language="tr",
                specialty="Mathematics", expected_funding="Mevlana", intended_disciplines="A", year_of_study=3, start_date=dt.date(2027, 2, 1),
                end_date=dt.date(2027, 6, 30), term="LONG", scope="EXTERNAL", state=state, gpa=Decimal("3.5"), quota_taken=holds)
    data.update(kw)
    return m.StudentMobility.objects.create(**data)


def _holding(w, state: str):  # noqa: ANN001, ANN202
    """A file of the call holding its one place, counters consistent."""
    mob = _file(w, state, holds=True)
    m.Call.objects.filter(pk=w.call.pk).update(quota_used=1)
    return mob


@pytest.mark.rule_table("OSU-4.8-IRD-13", "OSU-4.8-IRD-4")  # driven here, evaluated elsewhere
def test_individual_selection_marks_the_place_and_withdrawal_gives_it_back(world):
    w = world
    mob = _file(w, "DOCS_COMPLETE")
    svc.select_individual(actor=w.users["ird_officer"], mobility=mob)
    mob.refresh_from_db()
    w.call.refresh_from_db()
    assert (mob.state, mob.quota_taken, w.call.quota_used) == ("SELECTED", True, 1)
    assert sel.place_inconsistencies() == []
    m.StudentMobility.objects.filter(pk=mob.pk).update(state="NOMINATED")
    mob.refresh_from_db()
    svc.withdraw(actor=w.users["student"], mobility=mob, reason="Family reasons")
    mob.refresh_from_db()
    w.call.refresh_from_db()
    assert (mob.state, mob.quota_taken, w.call.quota_used) == ("WITHDRAWN", False, 0)
    assert mob.withdrawal_reason == "Family reasons"
    # the place is really free again: another candidate can take it
    other = _file(w, "DOCS_COMPLETE", student=_student(w, "S2"))
    svc.select_individual(actor=w.users["ird_officer"], mobility=other)
    w.call.refresh_from_db()
    assert w.call.quota_used == 1 and sel.place_inconsistencies() == []


def _student(w, number: str):  # noqa: ANN001, ANN202
    from bilim.apps.people.models import Person, Student

    p = Person.objects.create(last_name="Бакиров", first_name=number)
    return Student.objects.create(person=p, institution=w.oshsu, unit=w.fac, programme=w.prog, student_number=number, level="bachelor",
                                  year_of_study=3, semester=5)


@pytest.mark.rule("OSU-4.8-IRD-4")
def test_a_full_call_refuses_individual_selection_and_writes_nothing(world):
    w = world
    _holding(w, "SELECTED")
    mob = _file(w, "DOCS_COMPLETE", student=_student(w, "S3"))
    with pytest.raises(TransitionRefused) as e:
        svc.select_individual(actor=w.users["ird_officer"], mobility=mob)
    assert e.value.code == "quota"
    mob.refresh_from_db()
    w.call.refresh_from_db()
    assert (mob.state, mob.quota_taken, w.call.quota_used) == ("DOCS_COMPLETE", False, 1)


@pytest.mark.rule_table("OSU-4.8-IRD-13")  # driven here, evaluated elsewhere
@pytest.mark.parametrize("state", ["NOMINATED", "REFERRED", "INVITED", "ISP_APPROVED", "LA_SIGNED", "BRIEFED"])
def test_withdrawal_frees_the_place_from_every_state_it_is_allowed_in(world, state):
    w = world
    mob = _holding(w, state)
    svc.withdraw(actor=w.users["student"], mobility=mob, reason="Changed my mind")
    mob.refresh_from_db()
    w.call.refresh_from_db()
    assert (mob.state, mob.quota_taken, w.call.quota_used) == ("WITHDRAWN", False, 0)
    assert sel.place_inconsistencies() == []


def test_the_hosts_refusal_frees_the_place(world):
    w = world
    mob = _holding(w, "REFERRED")
    with pytest.raises(Exception):  # noqa: B017, PT011  the reason is required
        svc.host_decline(actor=w.users["ird_officer"], mobility=mob, reason=" ")
    svc.host_decline(actor=w.users["ird_officer"], mobility=mob, reason="No places in the host's programme")
    mob.refresh_from_db()
    w.call.refresh_from_db()
    assert (mob.state, mob.quota_taken, w.call.quota_used) == ("HOST_DECLINED", False, 0)


def test_withdrawal_after_the_order_is_not_a_way_out():
    """The table allows withdrawal only until ORDER_ISSUED (§4.1): once ordered, the place cannot be freed by one."""
    wf = get_workflow("osu.student_outgoing")
    withdraw_from = {t.source for t in wf.transitions if t.target == "WITHDRAWN"}
    assert "ORDER_ISSUED" not in withdraw_from and "ABROAD" not in withdraw_from


@pytest.mark.parametrize("code", ["osu.student_outgoing", "osu.student_outgoing_short", "osu.student_outgoing_virtual",
                                  "osu.student_outgoing_domestic"])
def test_every_terminal_state_of_the_tables_either_frees_or_keeps_the_place(code):
    """A new terminal state in a workflow table must be classified here before it ships."""
    wf = get_workflow(code)
    for final in wf.final:
        assert final in m.StudentMobility.PLACE_FREEING or final in KEEPS_PLACE or final == "NOT_SELECTED", final
    assert set(m.StudentMobility.PLACE_FREEING) <= set(m.StudentMobility.NO_PLACE)
    assert not (KEEPS_PLACE & set(m.StudentMobility.NO_PLACE))


@pytest.mark.rule("OSU-4.8-STU-17")
def test_a_completed_mobility_keeps_its_place(world):
    w = world
    mob = _holding(w, "ACADEMIC_CLOSED")
    svc.mobility_close(actor=w.users["ird_officer"], mobility=mob, report_text="Report", interview_on=TODAY)
    mob.refresh_from_db()
    w.call.refresh_from_db()
    assert (mob.state, mob.quota_taken, w.call.quota_used) == ("CLOSED", True, 1)
    assert sel.place_inconsistencies() == []


@pytest.mark.rule("OSU-4.8-FD-5")
def test_an_expulsion_procedure_keeps_the_place(world):
    w = world
    mob = _holding(w, "DOCS_RETURNED")
    r = svc.host_result_add(actor=w.users["dean_office"], mobility=mob, title="Analiz", host_code="X", credits=Decimal(16), grade="FF",
                            grade_scale="TR_4", outcome="UNSATISFACTORY")
    svc.recognition_decide(actor=w.users["dean_office"], host_result=r, decision="REFUSED", reason="unsatisfactory")
    svc.recognition_close(actor=w.users["dean_office"], mobility=mob)
    mob.refresh_from_db()
    w.call.refresh_from_db()
    assert (mob.state, mob.quota_taken, w.call.quota_used) == ("EXPULSION_PROCEDURE", True, 1)


def test_not_selected_never_holds_a_place(world):
    w = world
    mob = _file(w, "IN_SELECTION", gpa=Decimal("2.5"), scores={"LANGUAGE": "90"})
    svc.call_rank(actor=w.users["ird_officer"], call=w.call)
    mob.refresh_from_db()
    w.call.refresh_from_db()
    assert (mob.state, mob.quota_taken, w.call.quota_used) == ("NOT_SELECTED", False, 0)


@pytest.mark.rule("OSU-4.8-IRD-4")
def test_a_file_without_a_call_draws_on_the_agreements_yearly_quota(world):
    w = world
    quota = m.AgreementQuota.objects.create(agreement=w.agreement, academic_year="2026-2027", level="BACHELOR", capacity=1)
    first = _file(w, "DOCS_COMPLETE", call=False)
    svc.select_individual(actor=w.users["ird_officer"], mobility=first)
    first.refresh_from_db()
    quota.refresh_from_db()
    assert (first.quota_taken, first.quota_place_id, quota.used) == (True, quota.pk, 1)
    second = _file(w, "DOCS_COMPLETE", call=False, student=_student(w, "S4"))
    with pytest.raises(TransitionRefused):
        svc.select_individual(actor=w.users["ird_officer"], mobility=second)
    m.StudentMobility.objects.filter(pk=first.pk).update(state="NOMINATED")
    svc.withdraw(actor=w.users["student"], mobility=first, reason="Illness")
    first.refresh_from_db()
    quota.refresh_from_db()
    assert (first.quota_taken, first.quota_place_id, quota.used) == (False, None, 0)
    svc.select_individual(actor=w.users["ird_officer"], mobility=second)
    quota.refresh_from_db()
    assert quota.used == 1 and sel.place_inconsistencies() == []


def test_no_agreement_quota_for_the_year_means_no_place_taken(world):
    w = world
    m.AgreementQuota.objects.create(agreement=w.agreement, academic_year="2025-2026", level="BACHELOR", capacity=1)
    mob = _file(w, "DOCS_COMPLETE", call=False)
    svc.select_individual(actor=w.users["ird_officer"], mobility=mob)
    mob.refresh_from_db()
    assert (mob.state, mob.quota_taken, mob.quota_place_id) == ("SELECTED", False, None)


@pytest.mark.parametrize("state", ["DOCS_COMPLETE", "IN_SELECTION", "NOT_SELECTED", "WITHDRAWN", "HOST_DECLINED", "CANCELLED"])
def test_the_database_refuses_a_place_outside_the_selected_states(world, state):
    with pytest.raises(IntegrityError), transaction.atomic():
        _file(world, state, holds=True)


def test_the_database_refuses_a_place_in_no_quota_or_in_two(world):
    w = world
    quota = m.AgreementQuota.objects.create(agreement=w.agreement, academic_year="2026-2027", level="BACHELOR", capacity=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        _file(w, "SELECTED", call=False, holds=True)  # a place in no quota
    with pytest.raises(IntegrityError), transaction.atomic():
        _file(w, "SELECTED", holds=True, quota_place=quota)  # the call's and the agreement's
    _file(w, "SELECTED", call=False, holds=True, quota_place=quota)


def test_the_check_lists_every_disagreement_and_the_command_exits_1(world, capsys):
    w = world
    call_command("mobility_check_places")
    assert "consistent" in capsys.readouterr().out
    quota = m.AgreementQuota.objects.create(agreement=w.agreement, academic_year="2026-2027", level="BACHELOR", capacity=3, used=2)
    _file(w, "NOMINATED")  # a file of the call past selection holding no place (the old individual-selection leak)
    m.Call.objects.filter(pk=w.call.pk).update(quota_used=1)  # a counter with no holder
    problems = {(p.kind, p.counted, p.holders) for p in sel.place_inconsistencies()}
    assert problems == {("call", 1, 0), ("agreement_quota", 2, 0), ("unmarked_file", 0, 1)}
    with pytest.raises(SystemExit) as e:
        call_command("mobility_check_places")
    assert e.value.code == 1
    out = capsys.readouterr().out
    assert f"call #{w.call.pk}" in out and f"agreement_quota #{quota.pk}" in out


def test_the_data_migration_marks_existing_holders_and_recovers_leaked_places(world):
    w = world
    m.Call.objects.filter(pk=w.call.pk).update(quota=3, quota_used=3)
    selected_individually = _file(w, "NOMINATED")  # took a place, never marked
    _file(w, "WITHDRAWN", student=_student(w, "S5"))  # took a place, never marked, never gave it back
    _file(w, "ABROAD", student=_student(w, "S6"), holds=True)  # marked by the ranking
    mig = importlib.import_module("bilim.apps.mobility.migrations.0004_student_mobility_quota_place")
    mig.mark_places(apps, None)
    w.call.refresh_from_db()
    selected_individually.refresh_from_db()
    assert selected_individually.quota_taken and w.call.quota_used == 2
    assert sel.place_inconsistencies() == []
