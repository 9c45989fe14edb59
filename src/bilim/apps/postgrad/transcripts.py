"""A KTMU student's transcript: PDF in Kyrgyz, Turkish, Russian or English (the project's DejaVu fonts,
so ң ө ү render) and an ELMO 2.1.1 document (the EMREX/EWP format the mobility app also exchanges),
both built from the published results, term GPA and CGPA of :mod:`bilim.apps.postgrad.gradebook`.

The ELMO elements are written with the mobility app's EWP helpers (namespaces, element writer, HEI
identifier, number format) — one writer of ELMO in the project."""

from __future__ import annotations

import datetime as dt
from typing import Any
from xml.etree import ElementTree as ET

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from bilim.apps.core import official
from bilim.apps.core.official import FONT_DIR
from bilim.apps.mobility.documents.ewp import ELMO_NS, XML_NS, _hei_id, _num, _sub
from bilim.apps.people.models import Student
from bilim.apps.postgrad import gradebook

LANGS = ("ky", "tr", "ru", "en")


def _title(obj: Any, lang: str, attr: str = "title") -> str:
    fn = getattr(obj, attr, None)
    if callable(fn):
        return str(fn(lang))
    return str(getattr(obj, f"{attr}_{lang}", "") or getattr(obj, f"{attr}_en", ""))


def _inst_name(inst: Any, lang: str) -> str:
    return str(getattr(inst, f"name_{lang}", "") or inst.name_en or inst.name_ky)


def _line(pdf: Any, h: int, text: str, align: str = "L") -> None:
    pdf.multi_cell(0, h, text, align=align, new_x="LMARGIN", new_y="NEXT")


def transcript_pdf(student: Student, lang: str = "ky") -> bytes:
    """The transcript as a PDF in ``lang``."""
    from fpdf import FPDF

    blocks = gradebook.transcript(student)
    with translation.override(lang):
        st = gradebook.standing(student)
        pdf = FPDF(format="A4")
        pdf.add_font("DejaVu", "", str(FONT_DIR / "DejaVuSans.ttf"))
        pdf.add_font("DejaVu", "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
        title = _("Transcript of records")
        pdf.set_title(title)
        pdf.add_page()
        issued = timezone.localdate()
        official.letterhead_pdf(pdf, official.letterhead(student.institution, lang),
                                _("Student number %(number)s · issued on %(date)s") % {"number": student.student_number,
                                                                                      "date": official.date_numeric(issued)})
        pdf.set_font("DejaVu", "B", 13)
        _line(pdf, 7, title, align="C")
        pdf.ln(2)
        pdf.set_font("DejaVu", "", 10)
        p = student.person
        for label, value in [
            (_("Student"), p.name_in(lang)),
            (_("Student number"), student.student_number),
            (_("Programme"), student.programme.name(lang) if hasattr(student.programme, "name") else str(student.programme)),
            (_("Level"), student.get_level_display()),
            (_("Status"), student.get_status_display()),
        ]:
            _line(pdf, 6, f"{label}: {value}")
        for b in blocks:
            pdf.ln(3)
            pdf.set_font("DejaVu", "B", 11)
            _line(pdf, 7, str(b.term))
            pdf.set_font("DejaVu", "B", 9)
            widths = (26, 78, 14, 18, 22, 32)
            for w, h in zip(widths, (_("Code"), _("Course"), "ECTS", _("Score"), _("Letter"), _("Points"))):
                pdf.cell(w, 6, h, border=1)
            pdf.ln()
            pdf.set_font("DejaVu", "", 9)
            for r in b.rows:
                g = r["grade"]
                cells = (r["course"].code, _title(r["course"], lang)[:52], _num(r["course"].ects), "" if g is None or g.score is None else f"{g.score}",
                         g.letter if g else "", "" if g is None or g.coefficient is None else f"{g.coefficient}")
                for w, c in zip(widths, cells):
                    pdf.cell(w, 6, str(c), border=1)
                pdf.ln()
            _line(pdf, 6, _("Term GPA: %(sgpa)s · Cumulative GPA: %(cgpa)s") % {"sgpa": gradebook.gpa_shown(b.sgpa), "cgpa": gradebook.gpa_shown(b.cgpa)})
        pdf.ln(3)
        pdf.set_font("DejaVu", "B", 10)
        _line(pdf, 6, _("Cumulative GPA: %(cgpa)s") % {"cgpa": gradebook.gpa_shown(st.cgpa)})
        pdf.set_font("DejaVu", "", 9)
        for reason in st.reasons():
            _line(pdf, 5, reason)
        pdf.ln(2)
        _line(pdf, 5, _("Issued on %(date)s. Grades by Table 1 of the KTMU Instruction on Postgraduate Education in force on each exam date.")
                       % {"date": official.date_text(issued, lang)})
    return bytes(pdf.output())


def transcript_elmo(student: Student) -> str:
    """The transcript as an ELMO 2.1.1 document (root ``elmo``); validated against the official XSD in tests."""
    ET.register_namespace("elmo", ELMO_NS)
    now = dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()
    root = ET.Element(f"{{{ELMO_NS}}}elmo")
    _sub(root, "generatedDate", now, ns=ELMO_NS)
    p = student.person
    learner = _sub(root, "learner", ns=ELMO_NS)
    if getattr(p, "citizenship", ""):
        _sub(learner, "citizenship", p.citizenship, ns=ELMO_NS, type="ISO")
    _sub(learner, "givenNames", getattr(p, "first_name_latin", "") or p.first_name, ns=ELMO_NS)
    _sub(learner, "familyName", getattr(p, "last_name_latin", "") or p.last_name, ns=ELMO_NS)
    _sub(learner, "alternativeName", f"{p.last_name} {p.first_name}", ns=ELMO_NS, **{f"{{{XML_NS}}}lang": "ky"})
    birth = getattr(p, "birth_date", None)
    if birth is not None:
        _sub(learner, "dateOfBirth", birth.isoformat(), ns=ELMO_NS)
    report = _sub(root, "report", ns=ELMO_NS)
    inst = student.institution
    issuer = _sub(report, "issuer", ns=ELMO_NS)
    _sub(issuer, "country", inst.country, ns=ELMO_NS, type="ISO")
    _sub(issuer, "identifier", _hei_id(inst), ns=ELMO_NS, type="schac")
    _sub(issuer, "title", inst.name_en or inst.name_ky, ns=ELMO_NS, **{f"{{{XML_NS}}}lang": "en"})
    _sub(issuer, "title", inst.name_ky, ns=ELMO_NS, **{f"{{{XML_NS}}}lang": "ky"})
    _sub(issuer, "url", inst.website or f"https://{_hei_id(inst)}/", ns=ELMO_NS)
    for b in gradebook.transcript(student):
        for r in b.rows:
            course, g = r["course"], r["grade"]
            los = _sub(report, "learningOpportunitySpecification", ns=ELMO_NS)
            _sub(los, "identifier", course.code, ns=ELMO_NS, type="local")
            _sub(los, "title", course.title_en or course.title_ky, ns=ELMO_NS, **{f"{{{XML_NS}}}lang": "en"})
            _sub(los, "title", course.title_ky, ns=ELMO_NS, **{f"{{{XML_NS}}}lang": "ky"})
            _sub(los, "type", "Course", ns=ELMO_NS)
            spec = _sub(los, "specifies", ns=ELMO_NS)
            loi = _sub(spec, "learningOpportunityInstance", ns=ELMO_NS)
            _sub(loi, "start", b.term.starts_on.isoformat(), ns=ELMO_NS)
            if g is not None:
                _sub(loi, "date", g.graded_on.isoformat(), ns=ELMO_NS)
            _sub(loi, "status", "passed" if g is not None and g.passed else "failed", ns=ELMO_NS)
            _sub(loi, "gradingSchemeLocalId", "ktmu-table-1", ns=ELMO_NS)
            if g is not None and g.letter:
                _sub(loi, "resultLabel", g.letter, ns=ELMO_NS)
            credit = _sub(loi, "credit", ns=ELMO_NS)
            _sub(credit, "scheme", "ects", ns=ELMO_NS)
            _sub(credit, "value", _num(course.ects), ns=ELMO_NS)
    _sub(report, "issueDate", now, ns=ELMO_NS)
    scheme = _sub(report, "gradingScheme", ns=ELMO_NS, localId="ktmu-table-1")
    _sub(scheme, "description", "KTMU Table 1: AA 4.00 (89.0-100), BA 3.50, BB 3.00, CB 2.50, CC 2.00, DC 1.50, DD 1.00, FD 0.50, FF 0.00; "
         "F1 attendance, F2 absent from the final, GM midterm missed. Pass: CC (master's), CB (doctoral).", ns=ELMO_NS, **{f"{{{XML_NS}}}lang": "en"})
    return ET.tostring(root, encoding="unicode", xml_declaration=True)
