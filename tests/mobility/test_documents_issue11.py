"""Issue 11, documents: uploaded files opened in the browser, replaced and removed by those entitled (audited, the old
file kept), duplicates replaced, the limit stated before upload; official documents with letterhead, registration
number, dd.mm.yyyy dates and Kyrgyz month names, the recorded signatures, the language of the link, no order before
it is issued; a history in words."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import translation

from bilim.apps.audit.models import AuditEvent
from bilim.apps.core import official
from bilim.apps.core.history import changes
from bilim.apps.core.models import RetiredFile
from bilim.apps.mobility import models as m
from bilim.apps.mobility import services as svc
from bilim.apps.mobility.documents import render
from tests.mobility.conftest import world  # noqa: F401  (fixture)
from tests.mobility.test_student_flow import TODAY, apply
from tests.security.test_admin_uploads import ELF, PDF, PE, PNG

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path, monkeypatch):  # noqa: ANN001
    settings.MEDIA_ROOT = str(tmp_path / "media")
    monkeypatch.setattr(svc, "today", lambda: TODAY)


def _client(user, lang: str | None = None) -> Client:  # noqa: ANN001
    if lang is not None:  # the interface language is the user's saved choice
        user.language = lang
        user.save(update_fields=["language"])
    c = Client()
    c.force_login(user)
    return c


def _pdf(name: str = "doc.pdf", body: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, body, content_type="application/pdf")


@pytest.fixture
def doc(world):  # noqa: ANN001, F811
    mob = apply(world)
    return svc.document_upload(actor=world.users["student"], mobility=mob, kind="CV", file=_pdf("cv.pdf"))


# --- preview ------------------------------------------------------------------------------------------------------------


def test_officer_opens_the_students_pdf_in_the_browser_from_the_file_page(world, doc) -> None:  # noqa: ANN001, F811
    officer = _client(world.users["deputy_dean_ir"])
    page = officer.get(f"/mobility/applications/{doc.mobility_id}/").content.decode()
    assert f'href="/files/mobility-document/{doc.pk}/view/"' in page
    r = officer.get(f"/files/mobility-document/{doc.pk}/view/")
    assert r.status_code == 200 and b"".join(r.streaming_content) == PDF
    assert r["Content-Disposition"].startswith("inline;")
    assert r["Content-Type"] == "application/pdf"
    assert r["X-Content-Type-Options"] == "nosniff"
    assert r["Content-Security-Policy"] == "sandbox"  # the PDF's own scripts and forms run in an opaque origin
    assert "private" in r["Cache-Control"]


def test_preview_is_refused_to_those_who_may_not_read_the_file(world, doc) -> None:  # noqa: ANN001, F811
    assert _client(world.users["outsider"]).get(f"/files/mobility-document/{doc.pk}/view/").status_code == 404
    assert Client().get(f"/files/mobility-document/{doc.pk}/view/").status_code == 302  # to the log-in page


def test_a_docx_is_downloaded_not_shown_and_an_image_is_shown_without_sandbox_escape(world) -> None:  # noqa: ANN001, F811
    from tests.security.test_admin_uploads import _docx

    mob = apply(world)
    d = svc.document_upload(actor=world.users["student"], mobility=mob, kind="QUESTIONNAIRE", file=SimpleUploadedFile("q.docx", _docx()))
    r = _client(world.users["student"]).get(f"/files/mobility-document/{d.pk}/view/")
    assert r["Content-Disposition"].startswith("attachment;")
    img = svc.document_upload(actor=world.users["student"], mobility=mob, kind="CITIZENSHIP_DOC_COPY", file=SimpleUploadedFile("p.png", PNG))
    r = _client(world.users["student"]).get(f"/files/mobility-document/{img.pk}/view/")
    assert r["Content-Disposition"].startswith("inline;") and r["Content-Type"] == "image/png"
    assert "default-src 'none'" in r["Content-Security-Policy"] and "sandbox" in r["Content-Security-Policy"]


# --- replace and remove ---------------------------------------------------------------------------------------------------


def test_second_upload_of_a_kind_replaces_the_first_and_keeps_it_as_an_earlier_version(world, doc) -> None:  # noqa: ANN001, F811
    first_name = doc.file.name
    second = svc.document_upload(actor=world.users["student"], mobility=doc.mobility, kind="CV", file=_pdf("cv2.pdf", PDF + b"%2"))
    assert second.pk == doc.pk and doc.mobility.documents.filter(kind="CV").count() == 1  # replaced, not piled up
    old = RetiredFile.objects.get()
    assert old.name == first_name and old.action == "replaced" and old.record_id == str(doc.mobility_id)
    ev = AuditEvent.objects.filter(object_type="mobility.studentmobility", reason="document replaced").get()
    assert ev.before["file"] == first_name and ev.after["file"] == second.file.name
    # the old file is still there and its readers may open it
    r = _client(world.users["deputy_dean_ir"]).get(f"/files/earlier/{old.pk}/?inline=1")
    assert r.status_code == 200 and b"".join(r.streaming_content) == PDF and r["Content-Security-Policy"] == "sandbox"
    assert _client(world.users["outsider"]).get(f"/files/earlier/{old.pk}/").status_code == 404
    # an "other" document is not one of a kind: two of them stay two
    svc.document_upload(actor=world.users["student"], mobility=doc.mobility, kind="OTHER", file=_pdf())
    svc.document_upload(actor=world.users["student"], mobility=doc.mobility, kind="OTHER", file=_pdf())
    assert doc.mobility.documents.filter(kind="OTHER").count() == 2


def test_owner_removes_while_the_step_is_open_and_the_removal_is_audited_and_kept(world, doc) -> None:  # noqa: ANN001, F811
    name = doc.file.name
    c = _client(world.users["student"])
    r = c.post(f"/mobility/applications/{doc.mobility_id}/documents/{doc.pk}/remove/", follow=True)
    assert r.status_code == 200
    assert not m.MobilityDocument.objects.filter(pk=doc.pk).exists()
    old = RetiredFile.objects.get()
    assert old.action == "removed" and old.name == name
    assert AuditEvent.objects.filter(object_type="mobility.studentmobility", reason="document removed").exists()
    assert f"/files/earlier/{old.pk}/" in r.content.decode()  # listed under Earlier versions on the file page
    assert c.get(f"/files/earlier/{old.pk}/").status_code == 200


def test_officer_who_checks_may_view_but_not_remove_and_nobody_changes_after_the_check(world, doc) -> None:  # noqa: ANN001, F811
    # a faculty dean's office reads the file but does not upload to it
    dean = world.users["dean_office"]
    assert not svc.document_changeable(dean, doc)
    with pytest.raises(Exception):  # noqa: B017,PT011 - refused by the permission check
        svc.document_remove(actor=dean, document=doc)
    page = _client(dean).get(f"/mobility/applications/{doc.mobility_id}/").content.decode()
    assert 'data-testid="document-view"' in page and 'data-testid="document-remove"' not in page
    # once the file moved past the step that collects it, the owner cannot change it either
    m.StudentMobility.objects.filter(pk=doc.mobility_id).update(state="DOCS_COMPLETE")
    doc.mobility.refresh_from_db()
    doc.refresh_from_db()
    assert not svc.document_changeable(world.users["student"], doc)
    with translation.override("ky"), pytest.raises(ValidationError) as exc:
        svc.document_upload(actor=world.users["student"], mobility=doc.mobility, kind="CV", file=_pdf())
    assert "алмаштырууга" in " ".join(exc.value.messages) or "өчүрүүгө" in " ".join(exc.value.messages)
    assert not RetiredFile.objects.exists() and m.MobilityDocument.objects.get(pk=doc.pk).file.name == doc.file.name


# --- refusal, limits stated ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("content", [PE, ELF], ids=["windows-exe", "linux-elf"])
def test_executable_renamed_pdf_is_refused_beside_the_field_in_kyrgyz(world, content: bytes) -> None:  # noqa: ANN001, F811
    mob = apply(world)
    c = _client(world.users["student"], "ky")
    r = c.post(f"/mobility/applications/{mob.pk}/documents/", {"kind": "CV", "file": SimpleUploadedFile("cv.pdf", content)}, follow=True)
    page = r.content.decode()
    assert 'data-testid="error-file"' in page
    assert "Бул файлдын мазмуну PDF документи эмес" in page
    assert not mob.documents.exists()


def test_size_limit_and_kinds_are_stated_before_upload(world) -> None:  # noqa: ANN001, F811
    mob = apply(world)
    for lang, words in (("en", ("PDF", "5 MB")), ("ky", ("PDF", "5 МБ"))):
        c = _client(world.users["student"], lang)
        page = c.get(f"/mobility/applications/{mob.pk}/").content.decode()
        help_text = re.search(r'data-testid="upload-help">([^<]+)<', page)
        assert help_text, lang
        for w in words:
            assert w in help_text.group(1), (lang, help_text.group(1))
        assert 'accept=".pdf,.jpg,.jpeg,.png,.docx,.xml"' in page
    big = SimpleUploadedFile("big.pdf", PDF + b"0" * (5 * 1024 * 1024), content_type="application/pdf")
    r = c.post(f"/mobility/applications/{mob.pk}/documents/", {"kind": "CV", "file": big}, follow=True)
    assert 'data-testid="error-file"' in r.content.decode() and not mob.documents.exists()


def test_every_upload_form_states_the_limit() -> None:
    from bilim.apps.admissions.forms import DocumentForm as AdmissionDocumentForm
    from bilim.apps.mobility import forms as mf
    from bilim.apps.standing import forms as sf

    fields = [mf.DocumentForm.base_fields["file"], mf.TripForm.base_fields["invitation"], AdmissionDocumentForm.base_fields["file"]]
    fields += [f for form in vars(sf).values() if isinstance(form, type) and hasattr(form, "base_fields")
               for f in form.base_fields.values() if f.__class__.__name__ == "FileField"]
    assert len(fields) >= 5
    with translation.override("en"):
        for f in fields:
            assert "5 MB" in str(f.help_text) and f.widget.attrs.get("accept") == ".pdf,.jpg,.jpeg,.png,.docx,.xml"


# --- official documents -----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("day", "text"), [(dt.date(2026, 12, 7), "2026-жылдын 7-декабры"), (dt.date(2024, 6, 27), "2024-жылдын 27-июну"),
                                           (dt.date(2027, 1, 1), "2027-жылдын 1-январы"), (dt.date(2027, 5, 31), "2027-жылдын 31-майы")])
def test_kyrgyz_dates_in_words_follow_the_originals(day: dt.date, text: str) -> None:
    assert official.date_text(day, "ky") == text
    assert text.lower() == text  # month in lower case
    assert official.date_numeric(day) == f"{day.day:02d}.{day.month:02d}.{day.year}"


def test_attributive_kyrgyz_date_is_the_seed_form() -> None:
    # «2024-жылдын 27-июнундагы №2024-07.49(а) чечими» (KTMU instruction, Kyrgyz original)
    assert official.date_text(dt.date(2024, 6, 27), "ky", attributive=True) == "2024-жылдын 27-июнундагы"
    assert official.date_text(dt.date(2000, 10, 7), "ky", attributive=True) == "2000-жылдын 7-октябрындагы"
    assert official.date_text(dt.date(2026, 12, 7), "ru") == "7 декабря 2026 г."
    assert official.date_text(dt.date(2026, 12, 7), "tr") == "7 Aralık 2026"


@pytest.fixture
def issued(world):  # noqa: ANN001, F811
    mob = apply(world)
    mob.departure_order = svc._order(world.users["rector_office"], mob, world.oshsu, "77-к", dt.date(2026, 12, 7), "Order", "")
    mob.save(update_fields=["departure_order"])
    world.oshsu.city = "Ош"
    world.oshsu.phone = "+996 3222 2 22 73"
    world.oshsu.save()
    return mob


def _docx_text(data: bytes) -> str:
    from docx import Document

    return "\n".join(p.text for p in Document(io.BytesIO(data)).paragraphs)


def test_order_has_letterhead_registration_dates_and_signature_in_the_chosen_language(issued) -> None:  # noqa: ANN001
    text = _docx_text(render.student_document(issued, "departure-order", "docx", "ky")[0])
    assert "Ош мамлекеттик университети" in text and "Ош ш., Кыргыз Республикасы" in text  # letterhead in Kyrgyz, with the address
    assert "№ 77-к" in text and "07.12.2026" in text  # registration number and date
    assert "2026-жылдын 7-декабры" in text  # the date in words
    assert "01.02.2027" in text and "30.06.2027" in text and "2027-02-01" not in text  # period as dd.mm.yyyy
    assert re.search(r"Ректор: .*07\.12\.2026", text)  # the recorded signature with its date
    en = _docx_text(render.student_document(issued, "departure-order", "docx", "en")[0])
    assert "Osh State University" in en and "Kyrgyz Republic" in en and "7 December 2026" in en and "Order No. 77-к" in en


def test_isp_prints_the_recorded_approvals_with_their_dates(world, issued) -> None:  # noqa: ANN001, F811
    isp = m.IspVersion.objects.create(mobility=issued, number=1, pl_agreed_on=dt.date(2026, 11, 2), pl_by=world.users["programme_leader"],
                                      dean_approved_on=dt.date(2026, 11, 5), dean_by=world.users["dean_office"])
    m.IspItem.objects.create(isp=isp, kind="HOST", host_code="MAT201", title="Lineer Cebir", credits=6, home_course=world.course)
    text = _docx_text(render.student_document(issued, "isp", "docx", "ky")[0])
    assert re.search(r"Программанын жетекчиси: .*02\.11\.2026", text) or "02.11.2026" in text
    assert "05.11.2026" in text
    assert "кол коюла элек" in text  # the deputy dean has not signed: said in words, not a blank date


def test_document_language_comes_from_the_link_not_the_interface(world, issued) -> None:  # noqa: ANN001, F811
    c = _client(world.users["student"], "en")
    r = c.get(f"/mobility/applications/{issued.pk}/doc/departure-order.docx?lang=ru")
    assert r.status_code == 200 and "-ru.docx" in r["Content-Disposition"]
    assert "Приказ № 77-к" in _docx_text(r.content) and "7 декабря 2026 г." in _docx_text(r.content)
    r = c.get(f"/mobility/applications/{issued.pk}/doc/departure-order.docx")
    assert "-ky.docx" in r["Content-Disposition"]  # no choice: the institution's language, not the interface's
    page = c.get(f"/mobility/applications/{issued.pk}/").content.decode()
    for lng in ("ky", "ru", "en"):
        assert f"/doc/departure-order.pdf?lang={lng}" in page


def test_no_order_before_it_is_issued(world) -> None:  # noqa: ANN001, F811
    mob = apply(world)
    c = _client(world.users["student"], "ky")
    r = c.get(f"/mobility/applications/{mob.pk}/doc/departure-order.pdf?lang=en")
    assert r.status_code == 409
    body = r.content.decode()
    assert "Бул буйрук азырынча чыгарыла элек" in body  # in the reader's language, whatever the document's language
    assert 'data-testid="back"' in body and f"/mobility/applications/{mob.pk}/" in body  # inside the site layout, with a way back
    assert "/doc/departure-order.pdf" not in c.get(f"/mobility/applications/{mob.pk}/").content.decode()  # not offered either
    with pytest.raises(render.NotIssued):
        render.student_document(mob, "return-order", "pdf", "ky")


def test_names_in_the_readers_script(world) -> None:  # noqa: ANN001, F811
    p = world.student.person
    p.last_name_latin, p.first_name_latin = "ASANOVA", "Aigul"
    p.save()
    with translation.override("en"):
        assert str(p) == "ASANOVA Aigul"
    with translation.override("tr"):
        assert str(p) == "ASANOVA Aigul"
    with translation.override("ky"):
        assert str(p) == "Асанова Айгүл"
    with translation.override("ru"):
        assert str(p) == "Асанова Айгүл"
    p.last_name_latin = ""
    with translation.override("en"):
        assert str(p) == "Асанова Айгүл"  # only one script recorded: that one


# --- history in words -------------------------------------------------------------------------------------------------------


def test_history_shows_labels_and_values_never_codes_or_dicts(world, doc) -> None:  # noqa: ANN001, F811
    svc.document_upload(actor=world.users["student"], mobility=doc.mobility, kind="CV", file=_pdf("cv2.pdf", PDF + b"%2"))
    ev = AuditEvent.objects.filter(reason="document replaced").get()
    with translation.override("en"):
        lines = changes(ev)
    assert {c["label"] for c in lines} == {"File"}
    assert all("mobility/" not in c["before"] + c["after"] for c in lines)  # no storage path
    c = _client(world.users["deputy_dean_ir"], "ky")
    page = c.get(f"/mobility/applications/{doc.mobility_id}/").content.decode()
    history = page[page.index('id="history"'):]
    assert "{'" not in history and "&#x27;" not in history  # no Python dict
    assert "document replaced" not in history and "document uploaded" not in history  # the reason in Kyrgyz
    assert "PARENTAL_CONSENT" not in history and "'CV'" not in history


def test_core_history_rows_translate_fields_choices_and_related_names(world) -> None:  # noqa: ANN001, F811
    from bilim.apps.audit.services import record, snapshot
    from bilim.apps.core.listing import history_rows

    s = world.student
    before = snapshot(s)
    s.funding = "contract"
    s.year_of_study = 4
    s.save()
    record(actor=world.users["dean_office"], action=AuditEvent.Action.UPDATE, obj=s, before=before)
    with translation.override("en"):
        rows = history_rows(s)
    lines = {c["field"]: c for c in rows[0]["changes"]}
    assert lines["funding"]["before"] == "State budget" and lines["funding"]["after"] == "Contract (fee-paying)"
    assert lines["funding"]["label"][0].isupper() and lines["funding"]["label"] != "funding"


def test_an_officer_may_not_replace_the_students_document_but_may_replace_the_one_it_uploaded(world) -> None:  # noqa: ANN001, F811
    mob = apply(world)
    svc.document_upload(actor=world.users["student"], mobility=mob, kind="CV", file=_pdf())
    with translation.override("ky"), pytest.raises(ValidationError) as exc:
        svc.document_upload(actor=world.users["ird_officer"], mobility=mob, kind="CV", file=_pdf())
    assert "башка адам жүктөгөн" in " ".join(exc.value.messages)
    assert not RetiredFile.objects.exists()
    other = svc.document_upload(actor=world.users["ird_officer"], mobility=mob, kind="MOTIVATION_LETTER", file=_pdf())
    assert svc.document_changeable(world.users["ird_officer"], other)
    assert svc.document_changeable(world.users["student"], other)  # the student owns the file's documents


def test_the_transition_services_reason_is_shown_in_words(world) -> None:  # noqa: ANN001, F811
    from bilim.apps.core.history import reason_text
    from bilim.apps.workflow.labels import action_label, state_label

    svc.application_submit(actor=world.users["student"], mobility=apply(world))
    ev = AuditEvent.objects.filter(object_type="mobility.studentmobility", reason__contains="→").first()
    assert ev is not None, list(AuditEvent.objects.values_list("reason", flat=True))
    m_ = re.fullmatch(r"(?P<wf>[^:]+): (?P<src>\w+) —(?P<action>\w+)→ (?P<tgt>\w+)", ev.reason)
    assert m_ is not None, ev.reason
    with translation.override("ky"):
        text = reason_text(ev.reason)
        assert text == f"{action_label(m_['wf'], m_['action'])}: {state_label(m_['wf'], m_['src'])} → {state_label(m_['wf'], m_['tgt'])}"
    assert m_["src"] not in text and m_["tgt"] not in text and m_["action"] not in text  # no codes left
