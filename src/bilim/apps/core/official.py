"""What makes a generated document official, shared by every renderer (mobility orders and appendices, KTMU
transcripts, minutes and extracts): the institution's letterhead in the document's language, dates as
``dd.mm.yyyy`` in tables and in words in running text, the registration line, the signature lines with the
dates the approvals were recorded, and one PDF/DOCX writer with the embedded DejaVu fonts (Kyrgyz ң ө ү).

Dates in words follow the Kyrgyz originals of the regulations (``/work/shared/seeds``: «2024-жылдын
27-июнундагы … чечими», «2000-жылдын 7-октябрындагы»): the year, ``-жылдын``, the day and the month's name
in lower case with its possessive ending (``7-декабры``); the attributive form («dated», ``-дагы``) is
``7-декабрындагы``. Russian uses the genitive month («7 декабря 2026 г.»), Turkish and English the nominative.

``core`` imports no domain app: renderers pass the institution (anything with ``name(lang)``, ``city``,
``country``, ``phone``, ``email``, ``website``) and the approvals they recorded.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

FONT_DIR = Path(settings.BASE_DIR) / "static" / "fonts"
PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
DOCUMENT_LANGUAGES = ("ky", "ru", "en", "tr")
LANGUAGE_NAMES = {"ky": "Кыргызча", "ru": "Русский", "en": "English", "tr": "Türkçe"}

# Kyrgyz month names, lower case, with the possessive ending the originals use after the day ("7-декабры").
_KY_MONTHS = ("январы", "февралы", "марты", "апрели", "майы", "июну", "июлу", "августу", "сентябры", "октябры", "ноябры", "декабры")
_RU_MONTHS = ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября", "декабря")
_EN_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December")
_TR_MONTHS = ("Ocak", "Şubat", "Mart", "Nisan", "Mayıs", "Haziran", "Temmuz", "Ağustos", "Eylül", "Ekim", "Kasım", "Aralık")

#: cities of the Kyrgyz Republic in each script (an institution records its city once, usually in Latin)
CITIES = {
    "osh": {"ky": "Ош ш.", "ru": "г. Ош", "en": "Osh", "tr": "Oş"},
    "bishkek": {"ky": "Бишкек ш.", "ru": "г. Бишкек", "en": "Bishkek", "tr": "Bişkek"},
    "jalal-abad": {"ky": "Жалал-Абад ш.", "ru": "г. Джалал-Абад", "en": "Jalal-Abad", "tr": "Celalabad"},
    "karakol": {"ky": "Каракол ш.", "ru": "г. Каракол", "en": "Karakol", "tr": "Karakol"},
    "naryn": {"ky": "Нарын ш.", "ru": "г. Нарын", "en": "Naryn", "tr": "Narın"},
    "talas": {"ky": "Талас ш.", "ru": "г. Талас", "en": "Talas", "tr": "Talas"},
    "batken": {"ky": "Баткен ш.", "ru": "г. Баткен", "en": "Batken", "tr": "Batken"},
}
_CITY_ALIASES = {"ош": "osh", "бишкек": "bishkek", "жалал-абад": "jalal-abad", "джалал-абад": "jalal-abad", "каракол": "karakol",
                 "нарын": "naryn", "талас": "talas", "баткен": "batken"}


def city_name(city: str, lang: str) -> str:
    """The city in the document's language when it is one we know, else as recorded."""
    key = (city or "").strip().lower()
    key = _CITY_ALIASES.get(key, key)
    return CITIES.get(key, {}).get(lang, city or "")


COUNTRIES = {
    "KG": {"ky": "Кыргыз Республикасы", "ru": "Кыргызская Республика", "en": "Kyrgyz Republic", "tr": "Kırgız Cumhuriyeti"},
    "TR": {"ky": "Түркия Республикасы", "ru": "Турецкая Республика", "en": "Republic of Türkiye", "tr": "Türkiye Cumhuriyeti"},
}


def document_language(value: Any, allowed: Sequence[str] = DOCUMENT_LANGUAGES, default: str | None = None) -> str:
    """The language a document is written in: the ``?lang=`` of its link when allowed, else ``default`` (else the first)."""
    v = str(value or "").strip().lower()
    if v in allowed:
        return v
    return str(default) if default in allowed else allowed[0]


def date_numeric(d: dt.date | dt.datetime | None) -> str:
    """``07.12.2026`` (tables, registration lines); an empty date is a dash."""
    if d is None or d == "":
        return "—"
    if isinstance(d, str):
        d = dt.date.fromisoformat(d[:10])
    return f"{d.day:02d}.{d.month:02d}.{d.year}"


def date_text(d: dt.date | dt.datetime | None, lang: str, *, attributive: bool = False) -> str:
    """A date in words in ``lang``: ky «2026-жылдын 7-декабры» (attributive «…7-декабрындагы»), ru «7 декабря 2026 г.»,
    en «7 December 2026», tr «7 Aralık 2026»."""
    if d is None:
        return "—"
    if lang == "ky":
        month = _KY_MONTHS[d.month - 1]
        return f"{d.year}-жылдын {d.day}-{month}{'ндагы' if attributive else ''}"
    if lang == "ru":
        return f"{d.day} {_RU_MONTHS[d.month - 1]} {d.year} г."
    if lang == "tr":
        return f"{d.day} {_TR_MONTHS[d.month - 1]} {d.year}"
    return f"{d.day} {_EN_MONTHS[d.month - 1]} {d.year}"


@dataclass(frozen=True)
class Letterhead:
    """The institution's heading in the document's language: its name, then one line of address and contacts."""

    name: str
    address: str

    def lines(self) -> list[str]:
        return [x for x in (self.name, self.address) if x]


def letterhead(institution: Any, lang: str) -> Letterhead:
    """The letterhead of ``institution`` in ``lang`` (the name falls back to English, then Kyrgyz)."""
    if institution is None:
        return Letterhead("", "")
    name_fn = getattr(institution, "name", None)
    name = name_fn(lang) if callable(name_fn) else str(getattr(institution, f"name_{lang}", "") or institution)
    name = name or getattr(institution, "name_ky", "") or str(institution)
    country = getattr(institution, "country", "") or ""
    place = [getattr(institution, "address", "") or "", city_name(getattr(institution, "city", "") or "", lang),
             COUNTRIES.get(country, {}).get(lang, country)]
    contacts = [getattr(institution, "phone", "") or "", getattr(institution, "email", "") or "", getattr(institution, "website", "") or ""]
    address = ", ".join(x for x in place if x)
    contact = " · ".join(x for x in contacts if x)
    return Letterhead(name=name, address=" · ".join(x for x in (address, contact) if x))


@dataclass(frozen=True)
class Signature:
    """A recorded signature or approval: the role that signs, the person (if recorded) and the date (if signed)."""

    role: str
    person: str = ""
    on: dt.date | None = None

    def line(self) -> str:
        who = self.person or "________________"
        when = date_numeric(self.on) if self.on else _("not signed yet")
        return f"{self.role}: {who} · {when}"


def registration_line(number: str | None, on: dt.date | None, lang: str) -> str:
    """«№ 123-к · 07.12.2026» in the document's language (a draft without a number says so)."""
    with translation.override(lang):
        if not number:
            return _("Registration number: not registered yet")
        return _("No. %(number)s of %(date)s") % {"number": number, "date": date_numeric(on)}


@dataclass
class OfficialDocument:
    """A document ready to be written: letterhead, registration line, title, body paragraphs, signatures, issue date."""

    lang: str
    head: Letterhead
    title: str
    body: str
    registration: str = ""
    signatures: Sequence[Signature] = ()
    place_date: str = ""
    table: tuple[Sequence[str], Sequence[Sequence[str]], Sequence[float]] | None = None

    def signature_lines(self) -> list[str]:
        with translation.override(self.lang):
            return [s.line() for s in self.signatures]


def _pdf() -> Any:
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.add_font("DejaVu", "", str(FONT_DIR / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
    return pdf


def _cell(pdf: Any, h: float, text: str, align: str = "L") -> None:
    pdf.multi_cell(0, h, text, align=align, new_x="LMARGIN", new_y="NEXT")


def letterhead_pdf(pdf: Any, head: Letterhead, registration: str = "") -> None:
    """Print the letterhead (and the registration line, right-aligned) at the top of the current page."""
    pdf.set_font("DejaVu", "B", 13)
    _cell(pdf, 7, head.name, align="C")
    if head.address:
        pdf.set_font("DejaVu", "", 8.5)
        _cell(pdf, 4.5, head.address, align="C")
    y = pdf.get_y() + 1.5
    pdf.set_line_width(0.4)
    pdf.line(pdf.l_margin, y, pdf.w - pdf.r_margin, y)
    pdf.set_y(y + 2.5)
    if registration:
        pdf.set_font("DejaVu", "", 10)
        _cell(pdf, 5, registration, align="R")
    pdf.ln(1)


def pdf_bytes(doc: OfficialDocument) -> bytes:
    pdf = _pdf()
    pdf.set_title(doc.title)
    pdf.set_lang(doc.lang)
    pdf.add_page()
    letterhead_pdf(pdf, doc.head, doc.registration)
    pdf.set_font("DejaVu", "B", 13)
    _cell(pdf, 7, doc.title, align="C")
    pdf.ln(3)
    pdf.set_font("DejaVu", "", 11)
    if doc.place_date:
        _cell(pdf, 6, doc.place_date, align="R")
        pdf.ln(1)
    _cell(pdf, 6, doc.body)
    if doc.table is not None:
        headers, rows, widths = doc.table
        pdf.ln(2)
        pdf.set_font("DejaVu", "B", 9)
        for w, h in zip(widths, headers):
            pdf.cell(w, 6, str(h), border=1)
        pdf.ln()
        pdf.set_font("DejaVu", "", 9)
        for row in rows:
            for w, c in zip(widths, row):
                pdf.cell(w, 6, str(c)[: int(w / 1.7)], border=1)
            pdf.ln()
    if doc.signatures:
        pdf.ln(6)
        pdf.set_font("DejaVu", "", 10.5)
        for line in doc.signature_lines():
            _cell(pdf, 7, line)
    return bytes(pdf.output())


def docx_bytes(doc: OfficialDocument) -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    d = Document()
    p = d.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    r = p.add_run(doc.head.name)
    r.bold = True
    r.font.size = Pt(13)
    if doc.head.address:
        p = d.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.add_run(doc.head.address).font.size = Pt(8.5)
    if doc.registration:
        p = d.add_paragraph(doc.registration)
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    d.add_heading(doc.title, level=1)
    if doc.place_date:
        p = d.add_paragraph(doc.place_date)
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for para in doc.body.split("\n"):
        d.add_paragraph(para)
    if doc.table is not None:
        headers, rows, _widths = doc.table
        t = d.add_table(rows=1, cols=len(headers))
        for cell, h in zip(t.rows[0].cells, headers):
            cell.text = str(h)
        for row in rows:
            cells = t.add_row().cells
            for cell, c in zip(cells, row):
                cell.text = str(c)
    for line in doc.signature_lines():
        d.add_paragraph(line)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def write(doc: OfficialDocument, fmt: str) -> tuple[bytes, str]:
    """The document as ``pdf`` or ``docx`` bytes and its content type (``KeyError`` for another format)."""
    if fmt == "pdf":
        return pdf_bytes(doc), PDF
    if fmt == "docx":
        return docx_bytes(doc), DOCX
    raise KeyError(fmt)


def language_links(langs: Iterable[str] = DOCUMENT_LANGUAGES) -> list[tuple[str, str]]:
    """``(code, name)`` pairs for a document's language selector (each language named in itself)."""
    return [(code, LANGUAGE_NAMES[code]) for code in langs]


NOT_ISSUED = gettext_lazy("This order has not been issued yet: it can be printed once the order is recorded with its number and date.")


def not_issued(request: Any, back: str = "") -> Any:
    """409: the order was asked for before it was issued; said in the reader's language inside the site layout,
    with a way back to the record."""
    from django.shortcuts import render

    return render(request, "core/document_refused.html", {"detail": NOT_ISSUED, "back": back}, status=409)
