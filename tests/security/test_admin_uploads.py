"""Issue 7 (uploads): files are checked by their bytes, stored under random names and downloaded only by the readers
of the record they belong to, as attachments with ``nosniff``; nothing is served from ``/media/``."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import translation

from bilim.apps.core.uploads import validate_upload
from bilim.apps.mobility import models as m
from bilim.apps.mobility import services as svc
from tests.mobility.conftest import world  # noqa: F401  (fixture)
from tests.mobility.test_student_flow import TODAY, apply

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 44 + b"\x80\x00\x00\x00" + b"\x00" * 64 + b"PE\x00\x00L\x01"
ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 8 + b"\x02\x00\x3e\x00\x01\x00\x00\x00"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"


def _docx() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        z.writestr("word/document.xml", '<?xml version="1.0"?><w:document/>')
    return buf.getvalue()


@pytest.fixture(autouse=True)
def _media(settings, tmp_path, monkeypatch):  # noqa: ANN001
    settings.MEDIA_ROOT = str(tmp_path / "media")
    monkeypatch.setattr(svc, "today", lambda: TODAY)


# --- content, not extension ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("content", [PE, ELF, PNG, b"", b"just text"], ids=["pe", "elf", "png", "empty", "text"])
def test_content_that_is_not_a_pdf_is_refused_under_a_pdf_name(content: bytes) -> None:
    with pytest.raises(ValidationError) as exc:
        validate_upload(SimpleUploadedFile("transcript.pdf", content, content_type="application/pdf"))
    assert exc.value.error_list[0].code == "content"


def test_refusal_is_translated() -> None:
    messages = set()
    for lang in ("ky", "ru", "en", "tr"):
        with translation.override(lang):
            with pytest.raises(ValidationError) as exc:
                validate_upload(SimpleUploadedFile("cv.pdf", PE))
            message = exc.value.messages[0]
        messages.add(message)
        assert "PDF" in message and "%(" not in message
    assert len(messages) == 4


@pytest.mark.parametrize(("name", "content"), [("a.pdf", PDF), ("a.PNG", PNG), ("a.docx", _docx()), ("a.xml", b'\xef\xbb\xbf<?xml version="1.0"?><x/>')])
def test_genuine_files_of_the_allowed_kinds_pass(name: str, content: bytes) -> None:
    validate_upload(SimpleUploadedFile(name, content))


def test_executable_named_pdf_is_refused_by_the_service_and_nothing_is_written(world) -> None:  # noqa: ANN001, F811
    mob = apply(world)
    with pytest.raises(ValidationError):
        svc.document_upload(actor=world.users["student"], mobility=mob, kind="CV", file=SimpleUploadedFile("cv.pdf", ELF))
    assert not mob.documents.exists()


def test_upload_through_the_page_shows_the_error_beside_the_field(world) -> None:  # noqa: ANN001, F811
    mob = apply(world)
    c = Client()
    c.force_login(world.users["student"])
    r = c.post(f"/mobility/applications/{mob.pk}/act/", {"action": "upload", "kind": "CV", "file": SimpleUploadedFile("cv.pdf", PE)}, follow=True)
    assert r.status_code == 200
    assert "Бул файлдын мазмуну PDF документи эмес" in r.content.decode()  # the reason, in the student's language (Kyrgyz)
    assert not mob.documents.exists()


# --- random names ------------------------------------------------------------------------------------------------------


def test_real_pdf_is_accepted_and_stored_under_a_random_name(world) -> None:  # noqa: ANN001, F811
    mob = apply(world)
    a = svc.document_upload(actor=world.users["student"], mobility=mob, kind="CV", file=SimpleUploadedFile("Асанова_CV.pdf", PDF))
    b = svc.document_upload(actor=world.users["student"], mobility=mob, kind="CV", file=SimpleUploadedFile("Асанова_CV.pdf", PDF))
    pattern = re.compile(r"^mobility/\d{4}/[0-9a-f]{32}\.pdf$")
    assert pattern.match(a.file.name) and pattern.match(b.file.name), (a.file.name, b.file.name)
    assert a.file.name != b.file.name
    with a.file.open("rb") as fh:
        assert fh.read() == PDF


# --- authorised download -------------------------------------------------------------------------------------------------


@pytest.fixture
def document(world):  # noqa: ANN001, F811
    mob = apply(world)
    return svc.document_upload(actor=world.users["student"], mobility=mob, kind="MOTIVATION_LETTER", file=SimpleUploadedFile("letter.pdf", PDF))


def _get(user, url: str):  # noqa: ANN001, ANN202
    c = Client()
    if user is not None:
        c.force_login(user)
    return c.get(url)


@pytest.mark.parametrize("who", ["student", "deputy_dean_ir", "ird_officer", "dean_office"])
def test_owner_and_officers_in_scope_download_as_attachment(world, document, who: str) -> None:  # noqa: ANN001, F811
    r = _get(world.users[who], f"/files/mobility-document/{document.pk}/")
    assert r.status_code == 200
    assert b"".join(r.streaming_content) == PDF
    assert r["Content-Disposition"].startswith("attachment;") and 'filename="motivation_letter-' in r["Content-Disposition"]
    assert r["X-Content-Type-Options"] == "nosniff"
    assert r["Content-Type"] == "application/pdf"


def test_another_student_an_outsider_and_an_other_faculty_officer_cannot(world, document) -> None:  # noqa: ANN001, F811
    from bilim.apps.accounts.models import RoleAssignment, User
    from bilim.apps.org.models import Unit
    from bilim.apps.people.models import Person, Student

    other = User.objects.create(username="other_student")
    RoleAssignment.objects.create(user=other, role="student", institution=world.oshsu)
    p = Person.objects.create(user=other, last_name="Бакиров", first_name="Нурбек")
    Student.objects.create(person=p, institution=world.oshsu, unit=world.fac, programme=world.prog, student_number="S2", level="bachelor",
                           year_of_study=3, semester=5, funding="budget")
    law = Unit.objects.create(institution=world.oshsu, kind="faculty", code="LAW", name_ky="Юридикалык факультет", name_en="Law")
    dean_law = User.objects.create(username="dean_law")
    RoleAssignment.objects.create(user=dean_law, role="dean_office", institution=world.oshsu, unit=law)
    url = f"/files/mobility-document/{document.pk}/"
    for user in (other, world.users["outsider"], dean_law):
        assert _get(user, url).status_code in (403, 404), user
    anonymous = _get(None, url)
    assert anonymous.status_code == 302 and "/accounts/login" in anonymous["Location"]
    assert _get(world.users["student"], f"/files/unknown-kind/{document.pk}/").status_code == 404


def test_media_url_serves_nothing(world, document) -> None:  # noqa: ANN001, F811
    assert _get(world.users["student"], f"/media/{document.file.name}").status_code == 404


def test_officer_opens_the_document_from_the_file_page(world, document) -> None:  # noqa: ANN001, F811
    page = _get(world.users["deputy_dean_ir"], f"/mobility/applications/{document.mobility_id}/")
    assert f'href="/files/mobility-document/{document.pk}/"'.encode() in page.content


def test_trip_invitation_is_downloaded_by_the_traveller_not_by_a_student(world) -> None:  # noqa: ANN001, F811
    trip = svc.trip_create(actor=world.users["staff"], staff=world.staff, host=world.partner, purpose="Lectures",
                           start_date=dt.date(2027, 3, 1), end_date=dt.date(2027, 3, 10), funding_sources=["UNIVERSITY"], substitution_info="Covered",
                           invitation=SimpleUploadedFile("inv.pdf", PDF))
    assert re.match(r"^trips/\d{4}/[0-9a-f]{32}\.pdf$", trip.invitation.name)
    url = f"/files/trip-invitation/{trip.pk}/"
    assert _get(world.users["staff"], url).status_code == 200
    assert _get(world.users["student"], url).status_code == 404
    assert url.encode() in _get(world.users["staff"], f"/mobility/trips/{trip.pk}/").content


def test_files_stored_under_their_own_names_before_are_moved_to_random_names(world) -> None:  # noqa: ANN001, F811
    from django.apps import apps
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    from bilim.apps.core.uploads import rename_stored_uploads

    mob = apply(world)
    old = default_storage.save("mobility/2025/Асанова_паспорт.pdf", ContentFile(PDF))
    doc = m.MobilityDocument.objects.create(mobility=mob, kind="CITIZENSHIP_DOC_COPY", file=old)
    missing = m.MobilityDocument.objects.create(mobility=mob, kind="CV", file="mobility/2025/lost.pdf")
    rename_stored_uploads(apps, [("mobility.MobilityDocument", "file", "mobility")])
    doc.refresh_from_db()
    missing.refresh_from_db()
    assert re.match(r"^mobility/\d{4}/[0-9a-f]{32}\.pdf$", doc.file.name)
    assert not default_storage.exists(old)
    with doc.file.open("rb") as fh:
        assert fh.read() == PDF
    assert missing.file.name == "mobility/2025/lost.pdf"  # nothing to move: left as it was
    renamed = doc.file.name
    rename_stored_uploads(apps, [("mobility.MobilityDocument", "file", "mobility")])
    doc.refresh_from_db()
    assert doc.file.name == renamed  # idempotent


def test_letter_attachment_is_downloaded_by_the_office_not_by_the_student(world, monkeypatch) -> None:  # noqa: ANN001, F811
    from bilim.apps.mobility import services_office as office

    monkeypatch.setattr(office, "today", lambda: TODAY)
    mob = apply(world)
    entry = office.correspondence_add(actor=world.users["deputy_dean_ir"], on=TODAY, direction="IN", subject="Progress", mobility=mob,
                                      attachment=SimpleUploadedFile("progress.pdf", PDF))
    assert re.match(r"^mobility/letters/\d{4}/[0-9a-f]{32}\.pdf$", entry.attachment.name)
    url = f"/files/mobility-letter/{entry.pk}/"
    for who in ("deputy_dean_ir", "ird_officer"):
        r = _get(world.users[who], url)
        assert r.status_code == 200 and r["Content-Disposition"].startswith("attachment;"), who
    for who in ("student", "outsider", "accounting"):
        assert _get(world.users[who], url).status_code == 404, who
    assert url.encode() in _get(world.users["deputy_dean_ir"], f"/mobility/applications/{mob.pk}/").content


def test_decision_attachment_is_downloaded_by_readers_of_the_decision_only(world) -> None:  # noqa: ANN001, F811
    from django.core.files.base import ContentFile

    from bilim.apps.governance.models import Body, Decision, DecisionAttachment
    from bilim.apps.org.models import Institution

    body = Body.objects.create(institution=world.oshsu, kind="senate", code="senate", name_ky="Сенат", name_en="Senate")
    decision = Decision.objects.create(body=body, number="1", date=dt.date(2026, 10, 1), title="Order")
    att = DecisionAttachment(decision=decision, title="Signed order")
    att.file.save("signed order.pdf", ContentFile(PDF), save=True)
    assert re.match(r"^decisions/\d{4}/[0-9a-f]{32}\.pdf$", att.file.name)
    other = Institution.objects.create(code="other", name_ky="Башка", name_en="Other", country="KG", is_home=True)
    from bilim.apps.accounts.models import RoleAssignment, User

    stranger = User.objects.create(username="other_dean")
    RoleAssignment.objects.create(user=stranger, role="rector_office", institution=other)
    url = f"/files/decision-attachment/{att.pk}/"
    assert _get(world.users["rector_office"], url).status_code == 200
    for user in (world.users["student"], world.users["outsider"], stranger):
        assert _get(user, url).status_code == 404, user
    assert url.encode() in _get(world.users["rector_office"], f"/governance/decisions/{decision.pk}/").content
