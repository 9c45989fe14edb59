"""Issue 7 (admin): service-owned records are read-only in the admin, adopted decisions cannot be deleted by any
path (instance, queryset, admin), and whatever the admin may still change writes an audit row with before/after."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone

from bilim.apps.audit.models import AuditEvent
from bilim.apps.curriculum.models import AcademicYear
from bilim.apps.governance.models import AdoptedDecisionProtected, Body, Decision
from tests.mobility.conftest import world  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db


@pytest.fixture
def body(world):  # noqa: ANN001, F811
    return Body.objects.create(institution=world.oshsu, kind="senate", code="senate", name_ky="Сенат", name_en="Senate")


def _decision(body: Body, number: str, status: str = "draft") -> Decision:
    adopted = timezone.now() if status in ("adopted", "superseded") else None
    return Decision.objects.create(body=body, number=number, date=dt.date(2026, 10, 1), title=f"Decision {number}", status=status, adopted_at=adopted)


@pytest.fixture
def admin_client(world) -> Client:  # noqa: ANN001, F811
    from bilim.apps.accounts.models import User

    root = User.objects.create_superuser(username="root", email="root@oshsu.kg", password="x")
    c = Client()
    c.force_login(root)
    return c


# --- adopted decisions cannot be deleted -----------------------------------------------------------------------------


@pytest.mark.parametrize("status", ["adopted", "superseded"])
def test_adopted_decision_delete_raises_and_keeps_the_row(body: Body, status: str) -> None:
    d = _decision(body, "1", status)
    with pytest.raises(AdoptedDecisionProtected):
        d.delete()
    assert Decision.objects.filter(pk=d.pk).exists()


def test_stale_draft_instance_of_an_adopted_decision_cannot_be_deleted(body: Body) -> None:
    d = _decision(body, "1")
    Decision.objects.filter(pk=d.pk).update(status="adopted", adopted_at=timezone.now())
    with pytest.raises(AdoptedDecisionProtected):
        d.delete()  # the instance in memory still says "draft"
    assert Decision.objects.filter(pk=d.pk).exists()


def test_queryset_delete_refuses_when_one_adopted_decision_is_in_it(body: Body) -> None:
    draft, adopted = _decision(body, "1"), _decision(body, "2", "adopted")
    with pytest.raises(AdoptedDecisionProtected):
        Decision.objects.filter(body=body).delete()
    assert set(Decision.objects.values_list("pk", flat=True)) == {draft.pk, adopted.pk}  # nothing deleted


def test_drafts_can_still_be_deleted(body: Body) -> None:
    draft = _decision(body, "1")
    _decision(body, "2", "adopted")
    Decision.objects.filter(status="draft").delete()
    draft2 = _decision(body, "3")
    draft2.delete()
    assert list(Decision.objects.values_list("number", flat=True)) == ["2"]
    assert not Decision.objects.filter(pk=draft.pk).exists()


def test_admin_cannot_delete_an_adopted_decision(admin_client: Client, body: Body) -> None:
    d = _decision(body, "1", "adopted")
    assert admin_client.post(f"/admin/governance/decision/{d.pk}/delete/", {"post": "yes"}).status_code == 403
    r = admin_client.post("/admin/governance/decision/", {"action": "delete_selected", "_selected_action": [d.pk], "post": "yes"})
    assert r.status_code == 200  # the confirmation page lists it as protected
    assert Decision.objects.filter(pk=d.pk).exists()


def test_admin_cannot_change_an_adopted_decision(admin_client: Client, body: Body) -> None:
    d = _decision(body, "1", "adopted")
    r = admin_client.post(f"/admin/governance/decision/{d.pk}/change/", {"title": "Rewritten", "number": "1", "date": "2026-10-01", "body": body.pk})
    assert r.status_code == 403
    assert Decision.objects.get(pk=d.pk).title == "Decision 1"


def test_admin_deletion_of_a_draft_is_audited(admin_client: Client, body: Body) -> None:
    d = _decision(body, "1")
    r = admin_client.post(f"/admin/governance/decision/{d.pk}/delete/", {"post": "yes"})
    assert r.status_code == 302
    assert not Decision.objects.filter(pk=d.pk).exists()
    ev = AuditEvent.objects.get(object_type="governance.decision", object_id=str(d.pk))
    assert ev.action == "delete" and ev.before["title"] == "Decision 1" and ev.after is None and ev.actor.username == "root"


# --- service-owned records are read-only -------------------------------------------------------------------------------


@pytest.fixture
def grade(world):  # noqa: ANN001, F811
    from bilim.apps.curriculum.models import Offering, Term
    from bilim.apps.records.models import Enrolment, Grade

    offering = Offering.objects.create(course=world.course, term=Term.objects.get(kind="fall"))
    enrolment = Enrolment.objects.create(student=world.student, offering=offering)
    return Grade.objects.create(enrolment=enrolment, score=Decimal("55"), letter="DD", coefficient=Decimal("1.00"), passed=True, graded_on=dt.date(2027, 1, 20))


def test_grade_change_page_is_readable_but_a_post_changes_nothing(admin_client: Client, grade) -> None:  # noqa: ANN001
    page = admin_client.get(f"/admin/records/grade/{grade.pk}/change/")
    assert page.status_code == 200
    assert b'name="score"' not in page.content and b'name="_save"' not in page.content  # shown, not editable
    r = admin_client.post(f"/admin/records/grade/{grade.pk}/change/", {
        "enrolment": grade.enrolment_id, "score": "99", "letter": "AA", "coefficient": "4.00", "passed": "true", "graded_on": "2027-01-20"})
    assert r.status_code == 403
    grade.refresh_from_db()
    assert (grade.score, grade.letter) == (Decimal("55.00"), "DD")
    assert admin_client.post(f"/admin/records/grade/{grade.pk}/delete/", {"post": "yes"}).status_code == 403
    assert admin_client.get("/admin/records/grade/add/").status_code == 403
    assert type(grade).objects.filter(pk=grade.pk).exists()


@pytest.mark.parametrize("path", [
    "records/enrolment", "records/grade", "mobility/studentmobility", "mobility/call", "mobility/stafftrip", "mobility/incomingmobility",
    "mobility/ispversion", "mobility/hostresult", "mobility/recognition", "mobility/learningagreement", "mobility/dltresult",
    "workflow/transition", "audit/auditevent",
])
def test_service_owned_models_cannot_be_added_in_the_admin(admin_client: Client, path: str) -> None:
    assert admin_client.get(f"/admin/{path}/add/").status_code == 403
    assert admin_client.get(f"/admin/{path}/").status_code == 200  # still readable


def test_student_file_change_page_does_not_save(admin_client: Client, world, monkeypatch) -> None:  # noqa: ANN001, F811
    from bilim.apps.mobility import services as svc
    from tests.mobility.test_student_flow import TODAY, apply

    monkeypatch.setattr(svc, "today", lambda: TODAY)
    mob = apply(world)
    assert admin_client.get(f"/admin/mobility/studentmobility/{mob.pk}/change/").status_code == 200
    r = admin_client.post(f"/admin/mobility/studentmobility/{mob.pk}/change/", {"state": "CLOSED", "student": world.student.pk, "host": world.partner.pk})
    assert r.status_code == 403
    mob.refresh_from_db()
    assert mob.state != "CLOSED"


# --- what the admin may still change is audited ----------------------------------------------------------------------------


def test_admin_edit_of_an_editable_record_writes_before_and_after(admin_client: Client, world) -> None:  # noqa: ANN001, F811
    # meetings are run by the governance services now (read-only in the admin); an academic year is still edited there
    year = AcademicYear.objects.create(institution=world.oshsu, code="2030-2031", starts_on=dt.date(2030, 9, 1), ends_on=dt.date(2031, 8, 31))
    r = admin_client.post(f"/admin/curriculum/academicyear/{year.pk}/change/",
                          {"institution": world.oshsu.pk, "code": "2030-2031", "starts_on": "2030-09-02", "ends_on": "2031-08-31", "_save": "1"})
    assert r.status_code == 302, r.content[:2000]
    ev = AuditEvent.objects.get(object_type="curriculum.academicyear", object_id=str(year.pk))
    assert ev.action == "update" and ev.reason == "admin" and ev.actor.username == "root"
    assert ev.before["starts_on"] == "2030-09-01" and ev.after["starts_on"] == "2030-09-02"


def test_admin_creation_and_deletion_are_audited(admin_client: Client, world) -> None:  # noqa: ANN001, F811
    r = admin_client.post("/admin/curriculum/academicyear/add/",
                          {"institution": world.oshsu.pk, "code": "2031-2032", "starts_on": "2031-09-01", "ends_on": "2032-08-31", "_save": "1"})
    assert r.status_code == 302
    year = AcademicYear.objects.get(code="2031-2032")
    created = AuditEvent.objects.get(object_type="curriculum.academicyear", object_id=str(year.pk))
    assert created.action == "create" and created.before is None and created.after["code"] == "2031-2032"
    r = admin_client.post("/admin/curriculum/academicyear/", {"action": "delete_selected", "_selected_action": [year.pk], "post": "yes"})
    assert r.status_code == 302 and not AcademicYear.objects.filter(pk=year.pk).exists()
    deleted = AuditEvent.objects.filter(object_type="curriculum.academicyear", object_id=str(year.pk), action="delete").get()
    assert deleted.before["code"] == "2031-2032"


def test_admin_inline_change_is_audited(admin_client: Client, world, body: Body) -> None:  # noqa: ANN001, F811
    from bilim.apps.accounts.models import RoleAssignment

    ra = RoleAssignment.objects.get(user=world.users["dean_office"])
    r = admin_client.post(f"/admin/accounts/roleassignment/{ra.pk}/change/", {
        "user": ra.user_id, "role": "dean_office", "institution": world.oshsu.pk, "unit": world.fac.pk, "programme": "", "body": "",
        "starts_on": "2026-09-01", "ends_on": "2027-08-31", "_save": "1"})
    assert r.status_code == 302, r.content[:3000]
    ev = AuditEvent.objects.get(object_type="accounts.roleassignment", object_id=str(ra.pk))
    assert ev.before["ends_on"] is None and ev.after["ends_on"] == "2027-08-31"


def test_admin_password_change_is_audited_without_the_hash(admin_client: Client, world) -> None:  # noqa: ANN001, F811
    user = world.users["student"]
    r = admin_client.post(f"/admin/accounts/user/{user.pk}/password/", {"password1": "Kyrgyz-2026-long!", "password2": "Kyrgyz-2026-long!",
                                                                        "usable_password": "true"})
    assert r.status_code == 302, r.content[:2000]
    ev = AuditEvent.objects.get(object_type="accounts.user", object_id=str(user.pk))
    assert ev.action == "update" and ev.reason == "admin" and "pbkdf2" not in str(ev.after)


def test_admin_shows_documents_through_the_download_view_not_media(admin_client: Client, world, monkeypatch, settings, tmp_path) -> None:  # noqa: ANN001, F811
    from django.core.files.uploadedfile import SimpleUploadedFile

    from bilim.apps.mobility import services as svc
    from tests.mobility.test_student_flow import TODAY, apply

    settings.MEDIA_ROOT = str(tmp_path)
    monkeypatch.setattr(svc, "today", lambda: TODAY)
    mob = apply(world)
    doc = svc.document_upload(actor=world.users["student"], mobility=mob, kind="CV", file=SimpleUploadedFile("cv.pdf", b"%PDF-1.4\n%%EOF\n"))
    page = admin_client.get(f"/admin/mobility/studentmobility/{mob.pk}/change/").content.decode()
    assert f'href="/files/mobility-document/{doc.pk}/"' in page and "/media/" not in page
