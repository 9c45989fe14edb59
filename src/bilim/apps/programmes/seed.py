"""Demo data for KTMU programmes, courses and quotas, created through the services (so transitions and audit rows
exist): programme proposals at every stage of W-01 (one open with a pending change), an opened course with its
timetable that runs and one that did not run (W-02), quotas approved and published announcements for the 2027
admissions (W-03). Uses the postgrad demo accounts ``kfos_head`` and ``kinstitute`` (no new account)."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal
from typing import Any

from django.core.files.base import ContentFile
from django.utils import timezone

from bilim.apps.accounts.models import RoleAssignment
from bilim.apps.curriculum.models import Programme, Term
from bilim.apps.governance.models import Body, Decision
from bilim.apps.people.models import Level, Person, Staff, Student, TeachingRecord
from bilim.apps.programmes import models as m
from bilim.apps.programmes import services
from bilim.apps.records.models import Enrolment

D = dt.date
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
_numbers = itertools.count(1)


def _body(inst: Any, kind: str, unit: Any, code: str, ky: str, en: str) -> Body:
    body = Body.objects.filter(institution=inst, kind=kind, unit=unit).first()
    return body or Body.objects.create(institution=inst, unit=unit, kind=kind, code=code, name_ky=ky, name_en=en, name_tr=en, name_ru=en)


def _decide(body: Body, obj: Any, on: dt.date, title: str) -> Decision:
    return Decision.objects.create(body=body, number=f"{on:%Y}-P{next(_numbers):03d}", date=on, title=title[:300], text=title,
                                   subject_type=obj._meta.label_lower, subject_id=str(obj.pk), status=Decision.Status.ADOPTED,
                                   adopted_at=timezone.now())


def seed(ctx: Any) -> None:
    admin, fos_head, officer = ctx.users.get("admin"), ctx.users.get("kfos_head"), ctx.users.get("kinstitute")
    if admin is None or fos_head is None or officer is None:
        return
    assignment = RoleAssignment.objects.filter(user=fos_head).select_related("unit__parent").first()
    if assignment is None or assignment.unit is None or assignment.unit.parent is None:
        return
    fos, inst = assignment.unit, assignment.unit.parent
    ktmu = fos.institution
    b = {
        "fos": _body(ktmu, Body.Kind.FOS_COUNCIL, fos, f"fos-council-{fos.code}", f"{fos.name_ky}: академиялык кеңеш", f"{fos.name_en}: academic council"),
        "mgmt": _body(ktmu, Body.Kind.INST_MGMT, inst, f"mgmt-{inst.code}", f"{inst.name_ky}: жетекчилиги", f"{inst.name_en}: management"),
        "board": ctx.bodies.get(f"ktmu-board-{inst.code}") or _body(ktmu, Body.Kind.INSTITUTE_BOARD, inst, f"board-{inst.code}", "Башкаруу кеңеши", "Board"),
        "senate": ctx.bodies["ktmu-senate"], "trustees": ctx.bodies["ktmu-trustees"], "uni": ctx.bodies["ktmu-board"],
    }
    # the FoS's teaching staff meets the master's and doctoral minimums (art. 6(5), 6(6)); each taught bachelor's courses
    terms = list(Term.objects.filter(year__institution=ktmu, kind__in=["fall", "spring"], starts_on__lt=D(2026, 9, 1)).order_by("starts_on"))
    demo = []
    for last, first, degree, title in (("Осмонов", "Бакыт", Staff.Degree.DOCTOR, Staff.Title.PROFESSOR),
                                       ("Кадырова", "Айнура", Staff.Degree.DOCTOR, Staff.Title.PROFESSOR),
                                       ("Токтосунов", "Эрмек", Staff.Degree.PHD, Staff.Title.ASSOCIATE_PROFESSOR),
                                       ("Жумалиева", "Гүлнара", Staff.Degree.CANDIDATE, Staff.Title.ASSOCIATE_PROFESSOR),
                                       ("Сейитов", "Нурбек", Staff.Degree.PHD, Staff.Title.ASSOCIATE_PROFESSOR)):
        person = Person.objects.create(last_name=last, first_name=first, last_name_latin=last, first_name_latin=first)
        s = Staff.objects.create(person=person, institution=ktmu, unit=fos, kind=Staff.Kind.ACADEMIC, degree=degree, title=title, full_time=True,
                                 since=D(2012, 9, 1), position="Окутуучу")
        TeachingRecord.objects.bulk_create([TeachingRecord(staff=s, term=t, level=Level.BACHELOR) for t in terms[:4]])
        demo.append(s)

    # a sibling FoS below the master's minimum (2 full-salaried instructors with degree and title, and a lecturer):
    # the browser journey opens a programme there, is refused by KTMU-6(5)-1, then the lecturer's PhD and title are recorded
    sibling = fos.__class__.objects.filter(parent=inst, kind=fos.kind).exclude(pk=fos.pk).order_by("code").first()
    if sibling is not None:
        others = list(Staff.objects.filter(unit=sibling).order_by("pk"))
        for i, s in enumerate(others):
            s.full_time = i < 2
            s.degree, s.title = (Staff.Degree.PHD, Staff.Title.ASSOCIATE_PROFESSOR) if i < 2 else (Staff.Degree.MASTER, Staff.Title.LECTURER)
        Staff.objects.bulk_update(others, ["full_time", "degree", "title"])
        person = Person.objects.create(last_name="Мамбетова", first_name="Жамиля", last_name_latin="Mambetova", first_name_latin="Jamila")
        Staff.objects.create(person=person, institution=ktmu, unit=sibling, kind=Staff.Kind.ACADEMIC, degree=Staff.Degree.MASTER,
                             title=Staff.Title.LECTURER, full_time=True, since=D(2019, 9, 1), position="Окутуучу")

    def proposal(code: str, level: str = Level.MASTER, kind: str = "REGULAR", name_ky: str | None = None, actor: Any = fos_head) -> m.ProgrammeProposal:
        p = services.proposal_create(actor=admin, institute=inst, fos=fos, data=dict(
            kind=kind, level=level, code=code, name_ky=name_ky or fos.name_ky, name_tr=fos.name_tr or fos.name_en, name_en=fos.name_en,
            name_ru=fos.name_ru or fos.name_en, languages="ky,tr", normative_semesters=4 if level == Level.MASTER else 8,
            reasons="Өлкөнүн илим жана өндүрүш тармагына жогорку квалификациялуу адистер керек; бүтүрүүчүлөрдүн суроо-талабы жогору.",
            qualification=f"{fos.name_ky} боюнча {'магистр' if level == Level.MASTER else 'PhD'}",
            admission_conditions="Тиешелүү бакалавр диплому, GPA ≥ 2.00; адистик сынак (жазуу жана оозеки).",
            graduation_conditions="Окуу планын аткаруу жана диссертацияны ийгиликтүү коргоо.",
            facilities_required="library, laboratory", facilities_available="library, laboratory", facilities_confirmed=True))
        for s in demo[:3]:
            services.proposal_instructor_add(actor=admin, proposal=p, staff=s, cv=ContentFile(PDF, name="cv.pdf"),
                                             publications=ContentFile(PDF, name="publications.pdf"))
        for i, (sem, ky, en) in enumerate(((1, "Илимий изилдөөнүн методологиясы", "Research methodology"),
                                           (1, "Адистик семинар", "Specialist seminar"), (2, "Илимий макала жазуу", "Academic writing"))):
            services.proposal_course_add(actor=admin, proposal=p, data=dict(
                semester=sem, code=f"{code.upper()}-{701 + i}", title_ky=ky, title_en=en, kind="compulsory", hours=3, credit=Decimal(3),
                ects=Decimal(6), content=f"{ky}: негизги түшүнүктөр.", outcomes=f"{ky}: студент колдоно алат."))
        return p

    # decision titles are data in the institution's language, not the step's code
    STEP_WORDS_KY = {"propose": "сунуштоо", "decide": "чечим", "consent": "макулдук"}
    chain = [("prepare", None), ("propose", "fos"), ("decide", "board"), ("consent", "senate"), ("decide", "trustees")]

    def advance(p: m.ProgrammeProposal, steps: int, start: dt.date) -> None:
        for i, (action, key) in enumerate(chain[:steps]):
            decision = _decide(b[key], p, start + dt.timedelta(days=7 * i), f"{p.code}: {STEP_WORDS_KY[action]}") if key else None
            services.programme_step(actor=fos_head if key is None else admin, proposal=p, action=action, decision=decision)

    stage = {"new": 0, "draft": 1, "proposed": 2, "inst": 3, "senate": 4}
    for label, steps in stage.items():
        doctoral = label == "inst"
        advance(proposal(f"{fos.code}-{'phd' if doctoral else 'ma'}-{label}", level=Level.DOCTORATE if doctoral else Level.MASTER), steps, D(2026, 9, 7))
    opened = proposal(f"{fos.code}-ma-open")
    advance(opened, 5, D(2026, 6, 1))
    change = services.change_create(actor=fos_head, proposal=opened, summary="Жаңы тандалма сабак кошулат; «Адистик семинар» алынат.",
                                    effective_from=D(2027, 9, 1), removed_codes=f"{opened.code.upper()}-702")
    services.proposal_course_add(actor=fos_head, proposal=opened, change=change, data=dict(
        semester=2, code=f"{opened.code.upper()}-710", title_ky="Маалыматтарды талдоонун заманбап ыкмалары", title_en="Modern data analysis", kind="elective",
        hours=3, credit=Decimal(3), ects=Decimal(6), content="Статистика жана машиналык окутуу.", outcomes="Маалыматтарды талдай алат."))
    _decide(b["fos"], opened, D(2026, 11, 2), "Программанын окуу планын өзгөртүү сунушу")
    rejected = proposal(f"{fos.code}-ma-rejected")
    advance(rejected, 2, D(2026, 9, 14))
    services.programme_step(actor=admin, proposal=rejected, action="reject", decision=_decide(b["board"], rejected, D(2026, 10, 5), "Баш тартуу"))
    idp = proposal(f"{inst.code}-idp-bioinf", kind="INTERDISCIPLINARY", name_ky="Биоинформатика", actor=officer)
    services.programme_step(actor=officer, proposal=idp, action="prepare")
    services.programme_step(actor=admin, proposal=idp, action="propose", decision=_decide(b["mgmt"], idp, D(2026, 10, 8), "Сенатка сунуш"))

    # W-02: a course that runs (timetable published, three students) and one that did not run
    programme = opened.programme or Programme.objects.get(proposal=opened)
    term = Term.objects.filter(year__institution=ktmu, kind="fall", starts_on=D(2026, 9, 1)).first()
    if term is None:
        return
    students = list(Student.objects.filter(institution=ktmu, level=Level.MASTER, unit=inst).order_by("pk")[:3])
    for n, (ky, tr, en, ru, runs) in enumerate((
        ("Маалыматтарды визуализациялоо", "Veri Görselleştirme", "Data visualisation", "Визуализация данных", True),
        ("Кванттык эсептөөлөргө киришүү", "Kuantum Hesaplamaya Giriş", "Introduction to quantum computing", "Введение в квантовые вычисления", False),
    )):
        c = services.course_create(actor=admin, programme=programme, applicant=demo[2 + n], data=dict(
            code=f"{fos.code.upper()}-MA8{n + 1}", kind="elective", semester_in_plan=1, language="ky", theory_hours=Decimal(2),
            practice_hours=Decimal(2), credit=Decimal(3), ects=Decimal(6), term=term,
            **{f"title_{k}": v for k, v in (("ky", ky), ("tr", tr), ("en", en), ("ru", ru))},
            **{f"content_{k}": f"{v}: негиздери, ыкмалары, практика." for k, v in (("ky", ky), ("tr", tr), ("en", en), ("ru", ru))},
            **{f"sources_{k}": "Tufte E. The Visual Display of Quantitative Information, 2001." for k in ("ky", "tr", "en", "ru")},
            **{f"outcomes_{k}": f"{v}: колдоно алат." for k, v in (("ky", ky), ("tr", tr), ("en", en), ("ru", ru))}))
        services.course_step(actor=admin, course=c, action="submit_application")
        services.course_step(actor=admin, course=c, action="propose", decision=_decide(b["fos"], c, D(2026, 3, 2), "Жаңы сабак сунушу"))
        services.course_step(actor=admin, course=c, action="decide", decision=_decide(b["board"], c, D(2026, 3, 9), "Жаңы сабак"))
        services.course_step(actor=admin, course=c, action="approve", decision=_decide(b["senate"], c, D(2026, 3, 16), "Жаңы сабакты бекитүү"))
        services.course_instructor_add(actor=admin, course=c, staff=demo[2 + n])
        services.course_step(actor=admin, course=c, action="propose_instructor", decision=_decide(b["fos"], c, D(2026, 4, 6), "Окутуучу сунушу"))
        _decide(b["board"], c, D(2026, 4, 20), "Окутуучуну дайындоо")
        services.course_step(actor=admin, course=c, action="assign", decision=_decide(b["senate"], c, D(2026, 5, 4), "Окутуучуну дайындоого макулдук"))
        c.refresh_from_db()
        services.timetable_slot_add(actor=admin, course=c, weekday=2 + n, starts_at=dt.time(9, 0), ends_at=dt.time(10, 50), room=f"B-20{4 + n}")
        services.timetable_slot_add(actor=admin, course=c, weekday=4 + n, starts_at=dt.time(13, 0), ends_at=dt.time(14, 50), room="Лаб-3")
        services.course_step(actor=fos_head, course=c, action="publish_timetable", on=D(2026, 8, 20))
        c.refresh_from_db()
        if runs:
            for st in students:
                Enrolment.objects.get_or_create(student=st, offering=c.offering)
        services.course_close_add_drop(actor=admin, course=c, on=D(2026, 9, 12))

    # W-03: quotas for the 2027 admissions, approved and announced; one still with the institute board
    docs = [("application", "ALL", "application_form"), ("application", "ALL", "diploma"), ("application", "ALL", "transcript"),
            ("application", "ALL", "photo"), ("application", "KR", "passport"), ("application", "KR", "military"), ("application", "TR", "passport"),
            ("application", "TR", "ales"), ("application", "OTHER", "passport"), ("application", "OTHER", "recognition"),
            ("application", "OTHER", "language_certificate"), ("final_registration", "ALL", "originals"), ("final_registration", "ALL", "health"),
            ("final_registration", "ALL", "contract")]
    progs = list(Programme.objects.filter(unit=inst, level__in=[Level.MASTER, Level.DOCTORATE]).exclude(pk=programme.pk).order_by("code")[:4])
    for n, prog in enumerate([programme, *progs]):
        q = services.quota_create(actor=admin, programme=prog, admission_year=2027, places=[12, 10, 8, 6, 5][n], places_international=2 if n < 3 else 1,
                                  specifics="Лабораториялардын сыйымдуулугу, окутуучулардын саны жана илимий жетекчилик жүгү эске алынды.")
        bodies = [("propose_quota", "fos"), ("institute_decide", "board"), ("senate_consent", "senate"), ("trustees_approve", "trustees")]
        prog_fos = prog.field_of_science
        assert prog_fos is not None, "a postgraduate programme belongs to a field of science"
        for i, (action, key) in enumerate(bodies if n < 4 else bodies[:1]):
            body = b[key] if key != "fos" or prog.field_of_science_id == fos.pk else _body(
                ktmu, Body.Kind.FOS_COUNCIL, prog_fos, f"fos-council-{prog_fos.code}",
                f"{prog_fos.name_ky}: академиялык кеңеш", f"{prog_fos.name_en}: academic council")
            services.quota_step(actor=admin, quota=q, action=action, decision=_decide(body, q, D(2026, 10, 5) + dt.timedelta(days=7 * i), f"Квота {prog.code}"))
        if n >= 4:
            continue
        services.announcement_save(actor=admin, quota=q, documents=docs, data=dict(
            application_start=D(2027, 6, 21), application_end=D(2027, 7, 16), exam_date=D(2027, 7, 26), exam_time=dt.time(10, 0),
            exam_place="Чыңгыз Айтматов кампусу, Табигый илимдер институту, B-204", exam_form="written_oral", results_date=D(2027, 8, 2),
            registration_start=D(2027, 8, 16), registration_end=D(2027, 8, 27), language_exam_date=D(2027, 9, 6),
            conditions_ky="Бакалавр диплому (GPA 4 балл системасында ≥ 2.00); бир гана программага тапшырууга болот.",
            conditions_tr="Lisans diploması (4'lük sistemde GNO ≥ 2,00); yalnızca bir programa başvurulabilir.",
            conditions_en="A bachelor's diploma (GPA ≥ 2.00 on a 4-point scale); one programme per applicant.",
            conditions_ru="Диплом бакалавра (GPA ≥ 2.00 по 4-балльной шкале); можно подать заявление только на одну программу."))
        services.quota_step(actor=admin, quota=q, action="draft_announcement", on=D(2026, 11, 9))
        services.quota_step(actor=admin, quota=q, action="propose", decision=_decide(b["board"], q, D(2026, 11, 10), "Кабыл алуу кулактандыруусу"))
        services.quota_step(actor=admin, quota=q, action="decide", decision=_decide(b["senate"], q, D(2026, 11, 17), "Кабыл алуу кулактандыруусу"))
        services.quota_step(actor=admin, quota=q, action="publish", on=D(2026, 11, 20))
