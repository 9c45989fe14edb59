"""Generated PDF/DOCX keep the Kyrgyz letters; EWP LA/ToR validate against the official XSDs and round-trip."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
from decimal import Decimal

import pytest
import xmlschema

from bilim.apps.mobility import models as m
from bilim.apps.mobility.documents import ewp, render

pytestmark = pytest.mark.django_db


def pdf_text(data: bytes) -> str:
    """Text of a PDF through poppler's pdftotext (Debian package poppler-utils)."""
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    return subprocess.run(["pdftotext", "-", "-"], input=data, capture_output=True, check=True).stdout.decode()


@pytest.fixture
def mob(world):
    w = world
    w.student.person.last_name = "Көңүлбаева"  # ң ө ү in every document that names the student
    w.student.person.save()
    mob = m.StudentMobility.objects.create(student=w.student, call=w.call, host=w.partner, purpose="Окуу (ң ө ү)", language="Түрк тили",
                                           specialty="Математика", expected_funding="Мевлана", year_of_study=3, start_date=dt.date(2027, 2, 1),
                                           end_date=dt.date(2027, 6, 30), term="LONG", scope="EXTERNAL", gpa=Decimal("3.40"))
    isp = m.IspVersion.objects.create(mobility=mob, number=1)
    m.IspItem.objects.create(isp=isp, kind="HOST", host_code="MAT201", title="Lineer Cebir", credits=Decimal(6), home_course=w.course)
    m.IspItem.objects.create(isp=isp, kind="DLT", title="Кыргыз тили", credits=Decimal(3))
    m.LearningAgreement.objects.create(mobility=mob, isp=isp, student_signed_on=dt.date(2026, 12, 1), home_signed_on=dt.date(2026, 12, 2),
                                       host_signed_on=dt.date(2026, 12, 3), omobility_id="oshsu-1")
    m.HostResult.objects.create(mobility=mob, host_code="MAT201", title="Lineer Cebir", credits=Decimal(6), grade="BA", grade_scale="TR_4", outcome="PASSED")
    m.HostResult.objects.create(mobility=mob, host_code="MAT202", title="Analiz", credits=Decimal(10), grade="FF", grade_scale="TR_4", outcome="UNSATISFACTORY")
    from bilim.apps.mobility.services import _order

    mob.departure_order = _order(w.users["rector_office"], mob, w.oshsu, "77-к", dt.date(2026, 12, 7), "Order", "")
    mob.save(update_fields=["departure_order"])
    return mob


@pytest.mark.parametrize("code", ["application", "isp", "departure-order", "recognition-sheet", "nomination"])
def test_pdf_embeds_a_unicode_font_and_keeps_kyrgyz_letters(mob, code):
    data, ctype = render.student_document(mob, code, "pdf", "ky")
    assert ctype == "application/pdf" and data.startswith(b"%PDF")
    text = pdf_text(data)
    for letter in "ңөү":
        assert letter in text, (code, text[:200])
    assert b"DejaVu" in data


def test_docx_keeps_kyrgyz_letters_in_three_languages(mob):
    from docx import Document

    for lang, word in (("ky", "студенти"), ("ru", "студента"), ("en", "student")):
        data, _ = render.student_document(mob, "departure-order", "docx", lang)
        text = "\n".join(p.text for p in Document(io.BytesIO(data)).paragraphs)
        assert word in text.lower()
        assert "ү" in text  # the student's name (Айгүл) keeps its Kyrgyz letter


def test_template_edited_by_administrator_is_used(mob):
    tpl = render.template("application")
    tpl.body_ky = "Өзгөртүлгөн үлгү: {student} → {host}"
    tpl.save()
    title, body = render.fill("application", "ky", {"student": "Асанова", "host": "Анкара"})
    assert body == "Өзгөртүлгөн үлгү: Асанова → Анкара"


def test_learning_agreement_validates_against_official_xsd_and_round_trips(mob):
    xml = ewp.learning_agreement_xml(mob)
    ewp.validate(xml, "la")
    parsed = ewp.parse_learning_agreement(xml)
    assert parsed[0]["omobility_id"] == "oshsu-1"
    assert parsed[0]["components"] == [{"code": "MAT201", "title": "Lineer Cebir", "ects": Decimal("6")}]


@pytest.mark.rule("OSU-4.8-IRD-14")
def test_transcript_validates_against_official_xsd_and_round_trips(mob):
    xml = ewp.transcript_xml(mob)
    ewp.validate(xml, "tor")
    rows = ewp.parse_transcript(xml)
    assert [(r["code"], r["grade"], r["ects"], r["passed"]) for r in rows] == [
        ("MAT201", "BA", Decimal("6"), True), ("MAT202", "FF", Decimal("10"), False)]


def test_invalid_partner_xml_is_rejected():
    bad = f'<omobility-las-get-response xmlns="{ewp.LA_NS}"><la><omobility-id>x</omobility-id></la></omobility-las-get-response>'
    with pytest.raises(xmlschema.XMLSchemaValidationError):
        ewp.parse_learning_agreement(bad)
