"""Office support of mobility: the system side of OshSU rules marked `no` (tasks, consultations, correspondence,
arrival, LA changes, commission, partner-list mailing, programmes and events, rector's reading access, finance)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from bilim.apps.accounts.permissions import can, restrict
from bilim.apps.audit.services import history
from bilim.apps.mobility import models as m
from bilim.apps.mobility import services as svc
from bilim.apps.mobility import services_office as office
from bilim.apps.workflow.services import TransitionRefused

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 21)


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    monkeypatch.setattr(svc, "today", lambda: TODAY)
    monkeypatch.setattr(office, "today", lambda: TODAY)


def client_for(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


def mobility(w, state="ABROAD", **kw) -> m.StudentMobility:
    data = dict(student=w.student, host=w.partner, purpose="p", language="Turkish", specialty="s", expected_funding="Mevlana", year_of_study=3,
                start_date=dt.date(2026, 9, 15), end_date=dt.date(2027, 1, 31), term="LONG", scope="EXTERNAL", state=state, call=w.call)
    data.update(kw)
    return m.StudentMobility.objects.create(**data)


def approved_isp(w, mob) -> m.IspVersion:
    isp = m.IspVersion.objects.create(mobility=mob, number=1, status="SUBMITTED_TO_IRD", pl_agreed_on=TODAY, vdaa_agreed_on=TODAY,
                                      dean_approved_on=TODAY, submitted_to_ird_on=TODAY)
    m.IspItem.objects.create(isp=isp, kind="HOST", host_code="MAT201", title="Lineer Cebir", credits=Decimal(6), home_course=w.course)
    return isp


# --- OSU-4.8-IRD-1 / OSU-4.8-VDIR-12 ----------------------------------------------------------------------------------


@pytest.mark.rule("OSU-4.8-IRD-1", "OSU-4.8-VDIR-12")
def test_ird_assigns_tasks_to_units_and_faculty_tasks_default_to_the_vdir(world):
    from bilim.apps.org.models import Unit

    acc = Unit.objects.create(institution=world.oshsu, kind="office", code="ACC", name_ky="Бухгалтерия", name_en="Accounting")
    ird = world.users["ird_officer"]
    t1 = office.task_create(actor=ird, unit=world.fac, title="Collect Mevlana nominations", due_on=TODAY + dt.timedelta(days=10))
    t2 = office.task_create(actor=ird, unit=acc, title="Pay the Mevlana stipends", assignee=world.users["accounting"])
    assert t1.assignee == world.users["deputy_dean_ir"]  # faculty-level task → the faculty's VDIR
    assert t2.assignee == world.users["accounting"] and t2.unit == acc
    # the task list per unit: the faculty sees its own tasks, the accountant the one assigned to him
    assert list(restrict(world.users["dean_office"], "mobility.view_tasks", m.Task.objects.all())) == [t1]
    assert list(restrict(world.users["accounting"], "mobility.view_tasks", m.Task.objects.all())) == [t2]
    c = client_for(ird)
    page = c.get(f"/mobility/tasks/?unit={acc.pk}").content.decode()
    assert "Pay the Mevlana stipends" in page and "Collect Mevlana nominations" not in page
    # only IRD assigns; a past due date is refused beside the field and nothing is written
    with pytest.raises(PermissionDenied):
        office.task_create(actor=world.users["dean_office"], unit=acc, title="x")
    r = c.post("/mobility/tasks/new/", {"unit": world.fac.pk, "title": "Late", "due_on": "2026-01-01"})
    assert r.status_code == 200 and "errorlist" in r.content.decode()
    assert m.Task.objects.count() == 2
    # the assignee closes the task; the change is in its history
    office.task_set_status(actor=world.users["deputy_dean_ir"], task=t1, status="DONE")
    t1.refresh_from_db()
    assert t1.status == "DONE" and t1.closed_at is not None
    assert {h.action for h in history(t1)} == {"create", "update"}
    assert "Collect Mevlana nominations" in client_for(world.users["deputy_dean_ir"]).get(f"/mobility/tasks/{t1.pk}/").content.decode()
    assert client_for(world.users["outsider"]).get(f"/mobility/tasks/{t1.pk}/").status_code in (403, 404)


@pytest.mark.rule("OSU-4.8-VDIR-12", "OSU-4.8-STU-12")
def test_overdue_documents_alert_goes_to_the_faculty_vdir_once(world):
    mob = mobility(world, state="RETURNED", start_date=dt.date(2026, 2, 1), end_date=dt.date(2026, 6, 30), returned_on=dt.date(2026, 7, 1))
    mobility(world, state="RETURNED", start_date=dt.date(2026, 9, 1), end_date=dt.date(2026, 11, 15), call=None)  # not yet due
    from django.core.management import call_command

    call_command("mobility_reminders", "--date", "2026-11-21")  # the daily command raises the alerts
    assert m.Task.objects.count() == 1
    alert = m.Task.objects.get()
    assert alert.kind == "ALERT" and alert.mobility == mob and alert.unit == world.fac and alert.assignee == world.users["deputy_dean_ir"]
    assert alert.description  # the rule's explanation in the default language
    assert office.overdue_alerts_raise(on=TODAY) == []  # idempotent


# --- OSU-4.8-IRD-2 ------------------------------------------------------------------------------------------------------


@pytest.mark.rule("OSU-4.8-IRD-2")
def test_consultation_request_answered_by_ird(world):
    student, ird = world.users["student"], world.users["ird_officer"]
    c = client_for(student)
    r = c.post("/mobility/consultations/new/", {"topic": "FUNDING", "question": ""})
    assert r.status_code == 200 and "errorlist" in r.content.decode()  # error beside the field
    assert m.Consultation.objects.count() == 0
    r = c.post("/mobility/consultations/new/", {"topic": "FUNDING", "question": "Is the Mevlana stipend paid monthly?"})
    q = m.Consultation.objects.get()
    assert r.status_code == 302 and q.status == "OPEN" and q.author == student
    # the list links the public catalogue of calls
    assert "/mobility/calls/" in c.get("/mobility/consultations/").content.decode()
    # another student does not see it; staff may ask too
    assert not restrict(world.users["staff"], "mobility.view_consultations", m.Consultation.objects.all()).exists()
    assert can(world.users["staff"], "mobility.ask_consultation")
    with pytest.raises(PermissionDenied):
        office.consultation_answer(actor=student, consultation=q, answer="self")
    r = client_for(ird).post(f"/mobility/consultations/{q.pk}/", {"answer": ""})
    assert 'data-testid="error-answer"' in r.content.decode() and m.Consultation.objects.get().status == "OPEN"
    client_for(ird).post(f"/mobility/consultations/{q.pk}/", {"answer": "Yes, monthly."})
    q.refresh_from_db()
    assert q.status == "ANSWERED" and q.answered_by == ird
    assert "Yes, monthly." in c.get(f"/mobility/consultations/{q.pk}/").content.decode()
    assert len(history(q)) == 2


# --- OSU-4.8-IRD-3 / OSU-4.8-VDIR-11 --------------------------------------------------------------------------------------


@pytest.mark.rule("OSU-4.8-IRD-3")
def test_correspondence_log_per_partner(world):
    ird = world.users["ird_officer"]
    c = client_for(ird)
    r = c.post("/mobility/correspondence/new/", {"partner": world.partner.pk, "on": "2026-11-20", "direction": "OUT", "subject": "Quota 2027",
                                                 "note": "Asked for 3 places", "attachment": SimpleUploadedFile("l.pdf", b"%PDF-1.4", content_type="application/pdf")})
    assert r.status_code == 302
    e = m.Correspondence.objects.get()
    assert e.partner == world.partner and e.direction == "OUT" and e.attachment
    r = c.post("/mobility/correspondence/new/", {"partner": world.partner.pk, "on": "2026-12-31", "direction": "IN", "subject": "Future"})
    assert "errorlist" in r.content.decode() and m.Correspondence.objects.count() == 1
    page = c.get(f"/mobility/correspondence/?partner={world.partner.pk}&q=Quota").content.decode()
    assert "Quota 2027" in page
    with pytest.raises(PermissionDenied):
        office.correspondence_add(actor=world.users["student"], partner=world.partner, on=TODAY, direction="IN", subject="x")


@pytest.mark.rule("OSU-4.8-VDIR-11")
def test_student_correspondence_with_the_host_by_topic(world):
    mob = mobility(world)
    vdir = world.users["deputy_dean_ir"]
    c = client_for(vdir)
    c.post(f"/mobility/applications/{mob.pk}/act/", {"action": "letter", "on": "2026-11-10", "direction": "IN", "topic": "LIVING_CONDITIONS",
                                                     "subject": "Dormitory", "note": "Room assigned"})
    r = c.post(f"/mobility/applications/{mob.pk}/act/", {"action": "letter", "on": "2026-11-12", "direction": "OUT", "topic": "NOPE", "subject": "x",
                                                         "attachment": SimpleUploadedFile("x.exe", b"MZ")}, follow=True)
    assert 'data-testid="error-letter-topic"' in r.content.decode()
    entries = list(mob.letters.all())
    assert [(e.topic, e.partner) for e in entries] == [("LIVING_CONDITIONS", world.partner)]
    page = c.get(f"/mobility/applications/{mob.pk}/").content.decode()
    assert "Dormitory" in page and 'data-code="LIVING_CONDITIONS"' in page
    assert any("correspondence" in h.reason for h in history(mob))
    with pytest.raises(PermissionDenied):  # the programme leader does not keep this log
        office.correspondence_add(actor=world.users["programme_leader"], mobility=mob, on=TODAY, direction="IN", subject="x", topic="PROGRESS")


# --- OSU-4.8-STU-6 / OSU-4.8-STU-7 ----------------------------------------------------------------------------------------


@pytest.mark.rule("OSU-4.8-STU-6")
def test_optional_host_admission_confirmation_upload(world):
    mob = mobility(world)
    doc = svc.document_upload(actor=world.users["student"], mobility=mob, kind="HOST_ADMISSION",
                              file=SimpleUploadedFile("adm.pdf", b"%PDF-1.4", content_type="application/pdf"))
    assert mob.documents.filter(kind="HOST_ADMISSION").count() == 1 and doc.get_kind_display() != "HOST_ADMISSION"
    assert any(h.after.get("document") == "HOST_ADMISSION" for h in history(mob))
    assert 'data-testid="arrived-on"' in client_for(world.users["student"]).get(f"/mobility/applications/{mob.pk}/").content.decode()


@pytest.mark.rule("OSU-4.8-STU-7", "OSU-4.8-STU-9")
def test_arrival_confirmation_and_isp_change_application(world):
    mob = mobility(world)
    student = world.users["student"]
    # without an approved ISP the change application is refused by OSU-4.8-STU-9 and nothing is written
    with pytest.raises(TransitionRefused) as e:
        office.arrival_confirm(actor=student, mobility=mob, met_on=dt.date(2026, 9, 16), plan_changes=True, change_reason="Topoloji not offered")
    assert "OSU-4.8-STU-9" in e.value.explanations[0].rule_ids
    mob.refresh_from_db()
    assert mob.arrived_on is None and m.Task.objects.count() == 0
    with pytest.raises(ValidationError) as e:
        office.arrival_confirm(actor=student, mobility=mob, met_on=dt.date(2026, 12, 1))
    assert "met_on" in e.value.message_dict
    approved_isp(world, mob)
    task = office.arrival_confirm(actor=student, mobility=mob, met_on=dt.date(2026, 9, 16), plan_changes=True, change_reason="Topoloji not offered")
    mob.refresh_from_db()
    assert mob.arrived_on == dt.date(2026, 9, 16)
    assert task.unit == world.fac and task.assignee == world.users["dean_office"] and task.mobility == mob
    # before departure there is nothing to confirm
    early = mobility(world, state="BRIEFED", call=None)
    with pytest.raises(ValidationError):
        office.arrival_confirm(actor=student, mobility=early, met_on=TODAY)


# --- OSU-4.8-VDIR-6 ---------------------------------------------------------------------------------------------------------


@pytest.mark.rule("OSU-4.8-VDIR-6")
def test_learning_agreement_changes_reviewed_by_the_vdir(world):
    mob = mobility(world)
    isp = approved_isp(world, mob)
    c = client_for(world.users["student"])
    # no LA yet: refused, nothing written
    c.post(f"/mobility/applications/{mob.pk}/act/", {"action": "la_change", "change": "ADDED", "title": "Sayısal Analiz", "credits": "5",
                                                     "reason": "Topology cancelled", "changed_on": "2026-10-01"})
    assert m.LaChange.objects.count() == 0
    m.LearningAgreement.objects.create(mobility=mob, isp=isp, number=1, student_signed_on=TODAY, home_signed_on=TODAY, host_signed_on=TODAY)
    r = c.post(f"/mobility/applications/{mob.pk}/la-changes/", {
        "changes-TOTAL_FORMS": "1", "changes-INITIAL_FORMS": "0", "changes-0-change": "ADDED", "changes-0-title": "Sayısal Analiz",
        "changes-0-credits": "5", "changes-0-reason": "", "changes-0-changed_on": "2026-10-01"})
    assert m.LaChange.objects.count() == 0  # a change needs its reason: shown beside the field, nothing written
    assert 'data-testid="cell-error"' in r.content.decode().split('name="changes-0-reason"')[1].split("</td>")[0]
    assert 'value="Sayısal Analiz"' in r.content.decode()  # and what was typed is kept
    c.post(f"/mobility/applications/{mob.pk}/act/", {"action": "la_change", "change": "REMOVED", "host_code": "MAT203", "title": "Topoloji",
                                                     "credits": "10", "reason": "Not offered this term", "changed_on": "2026-10-01"})
    ch = m.LaChange.objects.get()
    assert ch.status == "PROPOSED" and ch.change == "REMOVED"
    with pytest.raises(PermissionDenied):  # the dean's office records but does not sign for the faculty here
        office.la_change_review(actor=world.users["dean_office"], change=ch, approve=True)
    with pytest.raises(ValidationError):
        office.la_change_review(actor=world.users["deputy_dean_ir"], change=ch, approve=False, note="")
    client_for(world.users["deputy_dean_ir"]).post(f"/mobility/applications/{mob.pk}/act/", {"action": "la_review", "change_id": ch.pk, "decision": "approve"})
    ch.refresh_from_db()
    assert ch.status == "APPROVED" and ch.reviewed_by == world.users["deputy_dean_ir"] and ch.reviewed_on == TODAY
    page = client_for(world.users["deputy_dean_ir"]).get(f"/mobility/applications/{mob.pk}/").content.decode()
    assert 'data-testid="la-change"' in page and "Topoloji" in page
    assert len(history(ch)) == 2


# --- OSU-4.8-VDIR-3 ---------------------------------------------------------------------------------------------------------


@pytest.mark.rule("OSU-4.8-VDIR-3")
def test_vdir_of_the_faculty_sits_on_the_selection_commission(world):
    from bilim.apps.accounts.models import RoleAssignment, User
    from bilim.apps.org.models import Unit

    other_fac = Unit.objects.create(institution=world.oshsu, kind="faculty", code="FL", name_ky="Филология", name_en="Philology")
    other_vdir = User.objects.create(username="vdir2")
    RoleAssignment.objects.create(user=other_vdir, role="deputy_dean_ir", institution=world.oshsu, unit=other_fac)
    c = client_for(world.users["ird_officer"])
    c.post(f"/mobility/calls/{world.call.pk}/commission/", {"user": world.users["deputy_dean_ir"].pk, "op": "add"})
    c.post(f"/mobility/calls/{world.call.pk}/commission/", {"user": other_vdir.pk, "op": "add"})
    c.post(f"/mobility/calls/{world.call.pk}/commission/", {"user": world.users["student"].pk, "op": "add"})
    assert list(world.call.commission.all()) == [world.users["deputy_dean_ir"]]
    assert 'data-testid="commission-member"' in c.get(f"/mobility/calls/{world.call.pk}/").content.decode()
    assert any(h.reason == "commission member added" for h in history(world.call))
    assert client_for(world.users["student"]).post(f"/mobility/calls/{world.call.pk}/commission/", {"user": world.users["student"].pk}).status_code == 403


# --- OSU-5.4-2 ------------------------------------------------------------------------------------------------------------


@pytest.mark.rule("OSU-5.4-2")
def test_partner_list_sent_to_staff_email_with_a_log(world, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    c = client_for(world.users["ird_officer"])
    assert c.get("/mobility/partners/mailing/").status_code == 200
    r = c.post("/mobility/partners/mailing/")
    assert r.status_code == 302
    log = m.PartnerListMailing.objects.get()
    assert log.recipients == 2 and log.partners == 1 and log.sent_by == world.users["ird_officer"]
    assert len(mail.outbox) == 1 and mail.outbox[0].bcc == ["nurlan@oshsu.kg", "staff@oshsu.kg"] and world.partner.name_ky in mail.outbox[0].body
    assert 'data-testid="mailing"' in c.get("/mobility/partners/mailing/").content.decode()
    assert client_for(world.users["dean_office"]).post("/mobility/partners/mailing/").status_code == 403
    assert m.PartnerListMailing.objects.count() == 1


# --- OSU-3.5-1 / OSU-2.2-3 -------------------------------------------------------------------------------------------------


@pytest.mark.rule("OSU-3.5-1")
def test_faculty_writes_the_academic_content_of_a_programme(world):
    from bilim.apps.org.models import Unit

    pl = client_for(world.users["programme_leader"])
    data = {"kind": "EXCHANGE", "title": "Mevlana mathematics exchange", "faculty": world.fac.pk, "partner": world.partner.pk,
            "disciplines": "Lineer Cebir\nAnaliz", "correspondence": "MAT201 | Lineer Cebir | 6 | MATH301\nMAT202 | Analiz | 6 | NOPE"}
    r = pl.post("/mobility/programmes/new/", data)
    assert "NOPE" in r.content.decode() and "errorlist" in r.content.decode() and m.MobilityProgramme.objects.count() == 0
    data["correspondence"] = "MAT201 | Lineer Cebir | 6 | MATH301\nMAT202 | Analiz | 6 | MATH302"
    r = pl.post("/mobility/programmes/new/", data)
    p = m.MobilityProgramme.objects.get()
    assert r.status_code == 302 and [(c.host_code, c.home_course.code) for c in p.courses.all()] == [("MAT201", "MATH301"), ("MAT202", "MATH302")]
    data["correspondence"] = "MAT201 | Lineer Cebir | 6 | MATH301"
    client_for(world.users["dean_office"]).post(f"/mobility/programmes/{p.pk}/edit/", data)
    assert p.courses.count() == 1 and len(history(p)) == 2
    assert "Lineer Cebir" in client_for(world.users["student"]).get(f"/mobility/programmes/{p.pk}/").content.decode()  # students read it
    assert client_for(world.users["outsider"]).get(f"/mobility/programmes/{p.pk}/").status_code == 403
    # another faculty's staff and the student cannot edit it
    other = Unit.objects.create(institution=world.oshsu, kind="faculty", code="FL", name_ky="Филология", name_en="Philology")
    from bilim.apps.accounts.models import RoleAssignment, User

    u = User.objects.create(username="pl2")
    RoleAssignment.objects.create(user=u, role="programme_leader", institution=world.oshsu, unit=other)
    assert client_for(u).get(f"/mobility/programmes/{p.pk}/edit/").status_code == 404
    with pytest.raises(ValidationError):
        office.programme_save(actor=u, data={"title": "x", "faculty": world.fac, "kind": "EXCHANGE"})
    assert client_for(world.users["student"]).get("/mobility/programmes/new/").status_code == 403


@pytest.mark.rule("OSU-2.2-3")
def test_oshsu_event_receives_incoming_participants(world):
    ird = world.users["ird_officer"]
    event = office.programme_save(actor=ird, data={"kind": "SUMMER_SCHOOL", "title": "Osh Summer School 2027", "faculty": world.fac,
                                                   "starts_on": dt.date(2027, 7, 1), "ends_on": dt.date(2027, 7, 14)})
    c = client_for(ird)
    r = c.post("/mobility/incoming/new/", {"kind": "STUDENT", "last_name": "Yılmaz", "first_name": "Ayşe", "citizenship": "TR", "home": world.partner.pk,
                                           "faculty": world.fac.pk, "level": "BACHELOR", "start_date": "2027-07-01", "end_date": "2027-07-14",
                                           "event": event.pk})
    assert r.status_code == 302
    inc = m.IncomingMobility.objects.get()
    assert inc.event == event and inc.term == "SHORT"
    assert "Yılmaz" in c.get(f"/mobility/programmes/{event.pk}/").content.decode()
    page = client_for(world.users["student"]).get(f"/mobility/programmes/{event.pk}/").content.decode()
    assert "Osh Summer School 2027" in page and "Yılmaz" not in page  # participants are not shown to students


# --- OSU-4.1-1 ----------------------------------------------------------------------------------------------------------------


@pytest.mark.rule("OSU-4.1-1")
def test_rector_office_reads_every_record_and_issues_orders(world):
    from bilim.apps.org.models import Unit
    from bilim.apps.people.models import Person, Student

    other = Unit.objects.create(institution=world.oshsu, kind="faculty", code="FL", name_ky="Филология", name_en="Philology")
    st2 = Student.objects.create(person=Person.objects.create(last_name="Бекова", first_name="Нуриза"), institution=world.oshsu, unit=other,
                                 programme=world.prog, student_number="S2", level="bachelor", year_of_study=3, semester=5, funding="budget")
    a, b = mobility(world), mobility(world, student=st2, call=None)
    inc = m.IncomingMobility.objects.create(last_name="Y", first_name="A", citizenship="TR", home=world.partner, faculty=other,
                                            start_date=TODAY, end_date=TODAY)
    rector = world.users["rector_office"]
    assert set(restrict(rector, "mobility.view_application", m.StudentMobility.objects.all())) == {a, b}
    assert list(restrict(rector, "mobility.view_incoming", m.IncomingMobility.objects.all())) == [inc]
    for action in ("mobility.view_trip", "mobility.view_statistics", "mobility.export_statistics", "mobility.view_tasks",
                   "mobility.view_consultations", "mobility.view_correspondence", "mobility.issue_orders"):
        assert can(rector, action), action
    c = client_for(rector)
    for url in (f"/mobility/applications/{b.pk}/", f"/mobility/incoming/{inc.pk}/", "/mobility/tasks/", "/mobility/correspondence/",
                "/mobility/consultations/", "/mobility/statistics/"):
        assert c.get(url).status_code == 200, url
    # the dean's office of one faculty does not see the other faculty's file
    assert not restrict(world.users["dean_office"], "mobility.view_application", m.StudentMobility.objects.filter(pk=b.pk)).exists()


# --- OSU-1.1-3 ----------------------------------------------------------------------------------------------------------------


@pytest.mark.rule("OSU-1.1-3")
def test_funding_fees_and_stipends_recorded_and_shown_by_funding(world):
    from bilim.apps.mobility import selectors as sel

    mob = mobility(world)
    c = client_for(world.users["ird_officer"])
    c.post(f"/mobility/applications/{mob.pk}/act/", {"action": "finance", "funding_programme": "ERASMUS_PLUS", "fee_amount": "-5",
                                                     "stipend_amount": "850", "currency": "EUR"})
    mob.refresh_from_db()
    assert mob.funding_programme == "" and mob.stipend_amount is None  # bad input: nothing changed
    c.post(f"/mobility/applications/{mob.pk}/act/", {"action": "finance", "funding_programme": "ERASMUS_PLUS", "fee_amount": "0",
                                                     "stipend_amount": "850", "currency": "eur"})
    mob.refresh_from_db()
    assert (mob.funding_programme, mob.stipend_amount, mob.currency) == ("ERASMUS_PLUS", Decimal("850.00"), "EUR")
    s = sel.statistics(None, "en")
    assert ("Erasmus+", 1) in s["by_funding"]
    assert s["finance_by_funding"] == [{"funding": "Erasmus+", "currency": "EUR", "files": 1, "fees": Decimal("0.00"), "stipends": Decimal("850.00")}]
    assert 'data-testid="finance-by-funding"' in c.get("/mobility/statistics/").content.decode()
    assert any(h.reason == "financial data" for h in history(mob))
    with pytest.raises(PermissionDenied):
        office.finance_update(actor=world.users["student"], mobility=mob, funding_programme="", fee_amount=None, stipend_amount=None)
