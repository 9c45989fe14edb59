"""Builders for programme proposals, course proposals and quotas in tests (through the services)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.files.base import ContentFile

from bilim.apps.programmes import models as m
from bilim.apps.programmes import services

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def proposal(pp: Any, *, kind: str = "REGULAR", level: str = "master", code: str = "fbe-cs-ma2", name_ky: str | None = None,
             instructors: list | None = None, partners: list | None = None, fos: Any = None, **extra: Any) -> m.ProgrammeProposal:
    fos = fos or pp.fos
    data = dict(kind=kind, level=level, code=code, name_ky=name_ky if name_ky is not None else fos.name_ky, name_tr="Bilgisayar Mühendisliği",
                name_en="Computer Engineering", name_ru="Компьютерная инженерия", languages="ky,tr", reasons="Региондо адистерге талап бар.",
                qualification="Компьютердик инженерия магистри", admission_conditions="Бакалавр диплому; адистик сынак.",
                graduation_conditions="120 ECTS жана диссертацияны коргоо.", facilities_required="library, laboratory",
                facilities_available="library, laboratory", facilities_confirmed=True)
    data.update(extra)
    p = services.proposal_create(actor=pp.fos_head if kind != "INTERDISCIPLINARY" else pp.officer, institute=pp.inst, fos=fos, data=data,
                                 partners=partners or [])
    actor = pp.admin
    for s in instructors if instructors is not None else [pp.s1, pp.s2]:
        services.proposal_instructor_add(actor=actor, proposal=p, staff=s, cv=ContentFile(PDF, name="cv.pdf"),
                                         publications=ContentFile(PDF, name="pub.pdf"))
    for i, sem in enumerate((1, 1, 2)):
        services.proposal_course_add(actor=actor, proposal=p, data=dict(
            semester=sem, code=f"{code.upper()}-{501 + i}", title_ky=f"Сабак {i + 1}", title_en=f"Course {i + 1}", kind="compulsory", hours=3,
            credit=Decimal(3), ects=Decimal(6), content="Мазмуну", outcomes="Натыйжалары"))
    return p


def course(pp: Any, *, code: str = "CS-MA601", kind: str = "elective", **extra: Any) -> m.CourseProposal:
    data: dict[str, Any] = dict(code=code, kind=kind, semester_in_plan=1, language="ky", theory_hours=Decimal(3), practice_hours=Decimal(0),
                                credit=Decimal(3), ects=Decimal(6))
    for lang, title in (("ky", "Машиналык окутуу"), ("tr", "Makine Öğrenmesi"), ("en", "Machine Learning"), ("ru", "Машинное обучение")):
        data[f"title_{lang}"] = title
        data[f"content_{lang}"] = f"{title}: мазмуну"
        data[f"sources_{lang}"] = "Bishop 2006"
        data[f"outcomes_{lang}"] = f"{title}: натыйжалар"
    data.update(extra)
    return services.course_create(actor=pp.admin, programme=pp.prog, applicant=pp.s1, data=data)


def quota(pp: Any, year: int = 2027, places: int = 12) -> m.Quota:
    return services.quota_create(actor=pp.fos_head, programme=pp.prog, admission_year=year, places=places, places_international=2,
                                 specifics="Лабораторияда 12 орун; жетекчилердин жүгү эске алынды.")


def announcement_data(year: int = 2027) -> dict[str, Any]:
    return dict(application_start=dt.date(year, 7, 1), application_end=dt.date(year, 7, 25), exam_date=dt.date(year, 8, 5), exam_time=dt.time(10, 0),
                exam_place="Чыңгыз Айтматов кампусу, B-204", exam_form="written_oral", results_date=dt.date(year, 8, 12),
                registration_start=dt.date(year, 8, 20), registration_end=dt.date(year, 8, 27), language_exam_date=dt.date(year, 9, 3),
                conditions_ky="Бакалавр диплому (GPA ≥ 2.00).", conditions_tr="Lisans diploması (GNO ≥ 2,00).",
                conditions_en="A bachelor's diploma (GPA ≥ 2.00).", conditions_ru="Диплом бакалавра (GPA ≥ 2.00).")


DOCS = [("application", "ALL", "application_form"), ("application", "ALL", "diploma"), ("application", "ALL", "transcript"),
        ("application", "KR", "passport"), ("application", "TR", "ales"), ("application", "OTHER", "recognition"),
        ("final_registration", "ALL", "originals"), ("final_registration", "ALL", "photo")]
