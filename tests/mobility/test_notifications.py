"""E-mail on every state change (on commit) and the daily reminders command (locmem outbox)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import translation

from bilim.apps.mobility import models as m
from bilim.apps.mobility import services as svc
from bilim.apps.workflow.labels import state_label

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _locmem(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.mark.workflow("osu.student_outgoing")
def test_state_change_sends_mail_on_commit(world, django_capture_on_commit_callbacks):
    mob = m.StudentMobility.objects.create(student=world.student, call=world.call, host=world.partner, purpose="p", language="tr", specialty="s",
                                           expected_funding="f", intended_disciplines="A", year_of_study=3, start_date=dt.date(2027, 2, 1),
                                           end_date=dt.date(2027, 6, 30), term="LONG", scope="EXTERNAL")
    with django_capture_on_commit_callbacks(execute=True):
        svc.application_submit(actor=world.users["student"], mobility=mob)
    to_student = [x for x in mail.outbox if "aigul@oshsu.kg" in x.to]
    assert len(to_student) == 1  # one e-mail per person, though the account and the person record give two addresses
    assert {a for x in mail.outbox for a in x.to} == {"aigul@oshsu.kg", "ird_officer@oshsu.kg", "deputy_dean_ir@oshsu.kg"}
    with translation.override("ky"):  # the recipient's language (the account's default)
        applied = state_label("osu.student_outgoing", "APPLIED")
    assert applied != "Applied" and applied in to_student[0].subject  # the state in words, in Kyrgyz
    assert "APPLIED" not in to_student[0].subject and "DRAFT" not in to_student[0].body


@pytest.mark.rule("OSU-4.8-STU-12", "OSU-4.8-STAFF-5")
def test_reminders_before_and_after_deadlines(world):
    m.StudentMobility.objects.create(student=world.student, host=world.partner, purpose="p", language="tr", specialty="s", expected_funding="f",
                                     year_of_study=3, start_date=dt.date(2027, 2, 1), end_date=dt.date(2027, 6, 30), term="LONG",
                                     scope="EXTERNAL", state="RETURNED", returned_on=dt.date(2027, 7, 1))
    call_command("mobility_reminders", "--date", "2027-07-10")  # due 2027-07-30: not yet
    assert len(mail.outbox) == 0
    call_command("mobility_reminders", "--date", "2027-07-25")  # within a week
    assert len(mail.outbox) == 1 and "aigul@oshsu.kg" in mail.outbox[0].to
    mail.outbox.clear()
    call_command("mobility_reminders", "--date", "2027-08-05")  # overdue: the dean's office is told too
    assert len(mail.outbox) == 1 and "dean_office@oshsu.kg" in mail.outbox[0].to
    mail.outbox.clear()
    m.StaffTrip.objects.create(staff=world.staff, host=world.partner, purpose="c", start_date=dt.date(2027, 3, 1), end_date=dt.date(2027, 3, 5),
                               funding_sources=["UNIVERSITY"], state="RETURNED", returned_on=dt.date(2027, 3, 5))
    call_command("mobility_reminders", "--date", "2027-03-25")
    trip_mails = [x for x in mail.outbox if "nurlan@oshsu.kg" in x.to]
    assert trip_mails and "accounting@oshsu.kg" in trip_mails[0].to
