"""Notifications: created for the people concerned when a step is applied (after commit), in each recipient's
language, with a link to the record; the bell counts the unread; one or all are marked read; a person who chose the
daily digest gets one e-mail a day with the day's unread items instead of one per event."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.utils import timezone, translation

from bilim.apps.desk.models import Notification, NotificationSetting
from bilim.apps.desk.notifications import notification_mark_all_read, notification_mark_read, send_digests, unread_count
from bilim.apps.mobility import models as m
from bilim.apps.mobility import services as svc
from bilim.apps.workflow.labels import state_label
from tests.mobility.conftest import world  # noqa: F401  (the OshSU persona fixture)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _locmem(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def _draft(world) -> m.StudentMobility:  # noqa: F811
    return m.StudentMobility.objects.create(
        student=world.student, call=world.call, host=world.partner, purpose="p", language="tr", specialty="s", expected_funding="f",
        intended_disciplines="A", year_of_study=3, start_date=dt.date(2027, 2, 1), end_date=dt.date(2027, 6, 30), term="LONG",
        scope="EXTERNAL")


def _submit(world, capture) -> m.StudentMobility:  # noqa: F811
    mob = _draft(world)
    with capture(execute=True):
        svc.application_submit(actor=world.users["student"], mobility=mob)
    return mob


@pytest.mark.workflow("osu.student_outgoing")
def test_a_step_notifies_each_person_concerned_in_their_language_after_commit(world, django_capture_on_commit_callbacks):  # noqa: F811
    world.users["ird_officer"].language = "ru"
    world.users["ird_officer"].save(update_fields=["language"])
    mob = _draft(world)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        svc.application_submit(actor=world.users["student"], mobility=mob)
        assert Notification.objects.count() == 0  # nothing before the commit
    for cb in callbacks:
        cb()
    by_user = {n.user.username: n for n in Notification.objects.select_related("user")}
    assert set(by_user) == {"student", "ird_officer", "deputy_dean_ir"}  # the ones the app names; one each
    with translation.override("ky"):
        ky = state_label("osu.student_outgoing", "APPLIED")
    with translation.override("ru"):
        ru = state_label("osu.student_outgoing", "APPLIED")
    assert ky != ru
    assert ky in by_user["student"].title and ru in by_user["ird_officer"].title
    assert "APPLIED" not in by_user["student"].title + by_user["student"].body and "DRAFT" not in by_user["student"].body
    assert by_user["student"].link == f"/mobility/applications/{mob.pk}/"
    assert all(n.emailed_at is not None for n in by_user.values())  # each e-mailed at once (no digest chosen)


@pytest.mark.workflow("osu.student_outgoing")
def test_bell_counts_unread_and_reading_lowers_it(world, django_capture_on_commit_callbacks):  # noqa: F811
    student = world.users["student"]
    _submit(world, django_capture_on_commit_callbacks)
    Notification.objects.create(user=student, title="second", link="/dashboard/")
    assert unread_count(student) == 2
    c = Client()
    c.force_login(student)
    html = c.get("/dashboard/").content.decode()
    assert 'data-testid="bell" data-count="2"' in html
    first = Notification.objects.filter(user=student).order_by("pk").first()
    r = c.post(f"/desk/notifications/{first.pk}/read/", {"open": "1"})
    assert r.status_code == 302 and r["Location"] == first.link  # opens the record
    assert unread_count(student) == 1
    # another person's notification cannot be read through this account
    other = Notification.objects.filter(user=world.users["ird_officer"]).first()
    assert c.post(f"/desk/notifications/{other.pk}/read/").status_code == 404
    assert Notification.objects.get(pk=other.pk).read_at is None
    c.post("/desk/notifications/read-all/")
    assert unread_count(student) == 0 and 'data-count="0"' in c.get("/desk/notifications/").content.decode()
    assert unread_count(world.users["ird_officer"]) == 1  # only one's own


def test_mark_read_is_idempotent_and_personal(world):  # noqa: F811
    n = Notification.objects.create(user=world.users["student"], title="t")
    first = notification_mark_read(actor=world.users["student"], pk=n.pk).read_at
    assert first is not None and notification_mark_read(actor=world.users["student"], pk=n.pk).read_at == first
    with pytest.raises(Notification.DoesNotExist):
        notification_mark_read(actor=world.users["outsider"], pk=n.pk)
    assert notification_mark_all_read(actor=world.users["student"]) == 0


@pytest.mark.workflow("osu.student_outgoing")
def test_digest_instead_of_one_mail_per_event(world, django_capture_on_commit_callbacks):  # noqa: F811
    student = world.users["student"]
    NotificationSetting.objects.create(user=student, email=NotificationSetting.Email.DIGEST)
    _submit(world, django_capture_on_commit_callbacks)
    assert not any("aigul@oshsu.kg" in x.to or "student@oshsu.kg" in x.to for x in mail.outbox)  # no mail per event
    assert any("ird_officer@oshsu.kg" in x.to for x in mail.outbox)  # the others still get theirs
    Notification.objects.create(user=student, title="Екинчи билдирүү", link="/desk/")
    read = Notification.objects.create(user=student, title="already read", read_at=timezone.now())
    old = Notification.objects.create(user=student, title="yesterday's")
    Notification.objects.filter(pk=old.pk).update(created_at=timezone.now() - dt.timedelta(days=1))
    mail.outbox.clear()
    assert send_digests() == 1
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["student@oshsu.kg"]
    digest = mail.outbox[0]
    with translation.override("ky"):
        assert state_label("osu.student_outgoing", "APPLIED") in digest.body
    assert "Екинчи билдирүү" in digest.body and "/desk/" in digest.body
    assert "already read" not in digest.body and "yesterday's" not in digest.body
    assert " 2 " in digest.subject  # two unread items of the day
    assert Notification.objects.get(pk=read.pk).emailed_at is None
    # run again: nothing new to send
    mail.outbox.clear()
    call_command("notifications_digest")
    assert mail.outbox == []


def test_profile_page_sets_the_digest(world):  # noqa: F811
    c = Client()
    c.force_login(world.users["student"])
    assert c.get("/desk/profile/").status_code == 200
    assert c.post("/desk/profile/", {"email": "DIGEST"}).status_code == 302
    assert NotificationSetting.objects.get(user=world.users["student"]).email == "DIGEST"
    r = c.post("/desk/profile/", {"email": "HOURLY"})
    assert r.status_code == 200 and NotificationSetting.objects.get(user=world.users["student"]).email == "DIGEST"
