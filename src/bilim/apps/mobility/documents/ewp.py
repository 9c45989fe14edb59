"""Erasmus Without Paper exchange: learning agreements as OMobility LAs 1.2.0 get-responses and
transcripts as IMobility ToRs 3.0.0 get-responses carrying ELMO 2.1.1; validation against the
official XSDs shipped in ``xsd/``; import of a partner's documents of the same kinds."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import xmlschema

XSD = Path(__file__).parent / "xsd"
LA_NS = "https://github.com/erasmus-without-paper/ewp-specs-api-omobility-las/blob/stable-v1/endpoints/get-response.xsd"
TOR_NS = "https://github.com/erasmus-without-paper/ewp-specs-api-imobility-tors/blob/stable-v3/endpoints/get-response.xsd"
ELMO_NS = "https://github.com/emrex-eu/elmo-schemas/tree/v2"
TRM_NS = "https://github.com/erasmus-without-paper/ewp-specs-types-academic-term/tree/stable-v2"
XML_NS = "http://www.w3.org/XML/1998/namespace"


@lru_cache(maxsize=2)
def schema(kind: str) -> xmlschema.XMLSchema:
    path = {"la": XSD / "ewp-specs-api-omobility-las-v1.2.0/endpoints/get-response.xsd",
            "tor": XSD / "ewp-specs-api-imobility-tors-v3.0.0/endpoints/get-response.xsd"}[kind]
    return xmlschema.XMLSchema(str(path))


def validate(xml: str | bytes, kind: str) -> None:
    """Raise ``xmlschema.XMLSchemaValidationError`` unless ``xml`` is valid against the official schema."""
    schema(kind).validate(xml)


def _sub(parent: ET.Element, tag: str, text: Any = None, ns: str = LA_NS, **attrs: str) -> ET.Element:
    el = ET.SubElement(parent, f"{{{ns}}}{tag}", attrs)
    if text is not None:
        el.text = str(text)
    return el


def _hei_id(inst: Any) -> str:
    return inst.schac_code or (inst.website.split("//")[-1].strip("/").removeprefix("www.") if inst.website else f"{inst.code}.example")


def _academic_year(d: dt.date) -> str:
    y = d.year if d.month >= 9 else d.year - 1
    return f"{y}/{y + 1}"


LANGUAGE_CODES = {"turk": "tr", "түрк": "tr", "english": "en", "англ": "en", "russian": "ru", "орус": "ru", "рус": "ru",
                  "german": "de", "немец": "de", "chinese": "zh", "кытай": "zh", "kyrgyz": "ky", "кыргыз": "ky", "korean": "ko"}


def _language_code(text: str) -> str:
    t = (text or "").strip().lower()
    if len(t) == 2 and t.isalpha():
        return t
    for k, v in LANGUAGE_CODES.items():
        if t.startswith(k):
            return v
    return "en"


def _num(v: Decimal) -> str:
    return format(Decimal(v).normalize(), "f")


def learning_agreement_xml(mob: Any) -> str:
    """The mobility's latest LA (or its current ISP) as an omobility-las get-response."""
    from bilim.apps.mobility.services import current_isp

    ET.register_namespace("", LA_NS)
    ET.register_namespace("trm", TRM_NS)
    la = mob.learning_agreements.order_by("-number").first()
    isp = la.isp if la else current_isp(mob)
    root = ET.Element(f"{{{LA_NS}}}omobility-las-get-response")
    el = _sub(root, "la")
    _sub(el, "omobility-id", (la.omobility_id if la and la.omobility_id else f"oshsu-{mob.pk}"))
    for tag, inst in (("sending-hei", mob.student.institution), ("receiving-hei", mob.host)):
        h = _sub(el, tag)
        _sub(h, "hei-id", _hei_id(inst))
        if tag == "sending-hei":
            _sub(h, "ounit-name", mob.student.unit.name_en)
        cp = _sub(h, "contact-person")
        _sub(cp, "given-names", "International Relations" if tag == "sending-hei" else "Mobility")
        _sub(cp, "family-name", "Department" if tag == "sending-hei" else "Coordinator")
        _sub(cp, "email", "ird@oshsu.kg" if tag == "sending-hei" else (inst.email or "coordinator@example.com"))
    _sub(el, "receiving-academic-year-id", _academic_year(mob.start_date))
    p = mob.student.person
    st = _sub(el, "student")
    _sub(st, "given-names", p.first_name_latin or p.first_name)
    _sub(st, "family-name", p.last_name_latin or p.last_name)
    if p.birth_date:
        _sub(st, "birth-date", p.birth_date.isoformat())
    if p.citizenship:
        _sub(st, "citizenship", p.citizenship)
    if p.email:
        _sub(st, "email", p.email)
    _sub(el, "start-year-month", mob.start_date.strftime("%Y-%m"))
    _sub(el, "end-year-month", mob.end_date.strftime("%Y-%m"))
    _sub(el, "eqf-level-studied-at-departure", {"bachelor": 6, "master": 7}.get(mob.student.level, 5))
    _sub(el, "isced-f-code", "0541")
    skill = _sub(el, "student-language-skill")
    _sub(skill, "language", la.language_code if la else _language_code(mob.language))
    _sub(skill, "cefr-level", la.cefr_level if la else "B1")
    fv = _sub(el, "first-version")
    items = list(isp.items.filter(kind="HOST").select_related("home_course")) if isp else []
    cs = _sub(fv, "components-studied")
    for it in items:
        c = _sub(cs, "component")
        if it.host_code:
            _sub(c, "los-code", it.host_code)
        _sub(c, "title", it.title)
        cr = _sub(c, "credit")
        _sub(cr, "scheme", "ects")
        _sub(cr, "value", _num(it.credits))
    rec = [it for it in items if it.home_course_id]
    if rec:
        cr_el = _sub(fv, "components-recognized")
        for it in rec:
            c = _sub(cr_el, "component")
            _sub(c, "los-code", it.home_course.code)
            _sub(c, "title", it.home_course.title_en or it.home_course.title_ky)
            cr = _sub(c, "credit")
            _sub(cr, "scheme", "ects")
            _sub(cr, "value", _num(it.home_course.ects))
    sigs = (("student-signature", la.student_signed_on if la else None), ("sending-hei-signature", la.home_signed_on if la else None),
            ("receiving-hei-signature", la.host_signed_on if la else None))
    for tag, on in sigs:
        if tag == "receiving-hei-signature" and on is None:
            continue
        s = _sub(fv, tag)
        if tag != "student-signature":
            _sub(s, "signer-name", "International Relations Department" if tag == "sending-hei-signature" else "Host coordinator")
            _sub(s, "signer-position", "Mobility coordinator")
            _sub(s, "signer-email", "ird@oshsu.kg" if tag == "sending-hei-signature" else (mob.host.email or "coordinator@example.com"))
        _sub(s, "timestamp", dt.datetime.combine(on or dt.date.today(), dt.time(12, 0), tzinfo=dt.UTC).isoformat())
        _sub(s, "signer-app", "Bilim")
    return ET.tostring(root, encoding="unicode", xml_declaration=False)


def transcript_xml(mob: Any) -> str:
    """The host results of the mobility as an imobility-tors get-response with an ELMO 2.1.1 report."""
    ET.register_namespace("", TOR_NS)
    ET.register_namespace("elmo", ELMO_NS)
    root = ET.Element(f"{{{TOR_NS}}}imobility-tors-get-response")
    tor = _sub(root, "tor", ns=TOR_NS)
    _sub(tor, "omobility-id", f"oshsu-{mob.pk}", ns=TOR_NS)
    _sub(tor, "receiving-academic-year-id", _academic_year(mob.start_date), ns=TOR_NS)
    elmo = _sub(tor, "elmo", ns=ELMO_NS)
    _sub(elmo, "generatedDate", dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(), ns=ELMO_NS)
    p = mob.student.person
    learner = _sub(elmo, "learner", ns=ELMO_NS)
    if p.citizenship:
        _sub(learner, "citizenship", p.citizenship, ns=ELMO_NS, type="ISO")
    _sub(learner, "givenNames", p.first_name_latin or p.first_name, ns=ELMO_NS)
    _sub(learner, "familyName", p.last_name_latin or p.last_name, ns=ELMO_NS)
    _sub(learner, "alternativeName", f"{p.last_name} {p.first_name}", ns=ELMO_NS, **{f"{{{XML_NS}}}lang": "ky"})
    report = _sub(elmo, "report", ns=ELMO_NS)
    issuer = _sub(report, "issuer", ns=ELMO_NS)
    _sub(issuer, "country", mob.host.country, ns=ELMO_NS, type="ISO")
    _sub(issuer, "identifier", _hei_id(mob.host), ns=ELMO_NS, type="schac")
    _sub(issuer, "title", mob.host.name_en, ns=ELMO_NS, **{f"{{{XML_NS}}}lang": "en"})
    _sub(issuer, "url", mob.host.website or f"https://{_hei_id(mob.host)}/", ns=ELMO_NS)
    for r in mob.host_results.all():
        los = _sub(report, "learningOpportunitySpecification", ns=ELMO_NS)
        if r.host_code:
            _sub(los, "identifier", r.host_code, ns=ELMO_NS, type="local")
        _sub(los, "title", r.title, ns=ELMO_NS, **{f"{{{XML_NS}}}lang": "en"})
        _sub(los, "type", "Course", ns=ELMO_NS)
        spec = _sub(los, "specifies", ns=ELMO_NS)
        loi = _sub(spec, "learningOpportunityInstance", ns=ELMO_NS)
        _sub(loi, "status", "passed" if r.outcome == "PASSED" else "failed", ns=ELMO_NS)
        _sub(loi, "resultLabel", r.grade, ns=ELMO_NS)
        cr = _sub(loi, "credit", ns=ELMO_NS)
        _sub(cr, "scheme", "ects", ns=ELMO_NS)
        _sub(cr, "value", _num(r.credits), ns=ELMO_NS)
    _sub(report, "issueDate", dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(), ns=ELMO_NS)
    return ET.tostring(root, encoding="unicode")


def parse_learning_agreement(xml: str | bytes) -> list[dict[str, Any]]:
    """A partner's omobility-las get-response → its LAs (ids, period, studied components). Validated first."""
    validate(xml, "la")
    root = ET.fromstring(xml)
    ns = {"l": LA_NS}
    out = []
    for la in root.findall("l:la", ns):
        comps = []
        for c in la.findall("l:first-version/l:components-studied/l:component", ns):
            comps.append({"code": c.findtext("l:los-code", "", ns), "title": c.findtext("l:title", "", ns),
                          "ects": Decimal(c.findtext("l:credit/l:value", "0", ns))})
        out.append({"omobility_id": la.findtext("l:omobility-id", "", ns), "start": la.findtext("l:start-year-month", "", ns),
                    "end": la.findtext("l:end-year-month", "", ns), "components": comps,
                    "student": f"{la.findtext('l:student/l:given-names', '', ns)} {la.findtext('l:student/l:family-name', '', ns)}"})
    return out


def parse_transcript(xml: str | bytes) -> list[dict[str, Any]]:
    """A partner's imobility-tors get-response → host results (code, title, grade, ECTS, passed). Validated first."""
    validate(xml, "tor")
    root = ET.fromstring(xml)
    ns = {"t": TOR_NS, "e": ELMO_NS}
    out = []
    for los in root.iter(f"{{{ELMO_NS}}}learningOpportunitySpecification"):
        loi = los.find("e:specifies/e:learningOpportunityInstance", ns)
        out.append({"code": los.findtext("e:identifier", "", ns), "title": los.findtext("e:title", "", ns),
                    "grade": loi.findtext("e:resultLabel", "", ns) if loi is not None else "",
                    "ects": Decimal(loi.findtext("e:credit/e:value", "0", ns)) if loi is not None else Decimal(0),
                    "passed": (loi.findtext("e:status", "", ns) if loi is not None else "") == "passed"})
    return out
