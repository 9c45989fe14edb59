"""Demo data for KTMU semester registration, created through the services (so every record has its transitions and
audit rows): students at every stage of W-13 in fall 2026, a course at another HEI awaiting the Institute Board (W-13a),
a credit-transfer application awaiting the supervisor (W-14), and the demo supervisor account ``ksupervisor``.

Calendars: the Institute of Natural Sciences (the demo student's institute) has its selection and add/drop open around
the day the seed runs — so the demo, the browser journey and the registration-rush benchmark can register now; the
Institute of Social Sciences ran the usual calendar (renewal 25 Aug.–1 Sept. 2026), so its students show the later
stages (not renewed, late registration accepted, run list, replacement, frozen); the Institute of Fine Arts published its
run list yesterday (replacements open); its spring 2027 calendar is opened but the timetable is not yet published.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.contrib.auth.hashers import make_password
from django.core.files.base import ContentFile
from django.utils import timezone

from bilim.apps.accounts.models import Role, RoleAssignment, User
from bilim.apps.curriculum.models import Course, Offering, Term, TimetableSlot
from bilim.apps.governance.models import Body, Decision
from bilim.apps.people.models import Level, Person, Staff, Student
from bilim.apps.postgrad.models import Supervision

from . import models as m
from . import services as svc

DEMO_PASSWORD = "bilim-demo-2026"
#: True while the seed's transitions are being committed: the demo's past steps send no e-mail (see apps.recipients)
SILENT: list[bool] = []
D = dt.date
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
NAMES = [("Айпери", "Жумабаева"), ("Бакыт", "Осмонов"), ("Гүлзат", "Токтосунова"), ("Данияр", "Эсенов"), ("Элнура", "Садыкова"),
         ("Жыргал", "Абдыкадыров"), ("Зарина", "Өмүралиева"), ("Курманбек", "Үсөнов"), ("Мээрим", "Качкынбаева"), ("Нурбек", "Ташиев"),
         ("Перизат", "Бекова"), ("Руслан", "Жээнбеков"), ("Сезим", "Иманалиева"), ("Тимур", "Шаршеев")]


class _Seeder:
    def __init__(self, ctx: Any) -> None:
        self.ctx = ctx
        self.n = 0

    def student(self, programme: Any, supervisor: Staff | None) -> Student:
        """A demo student without an account (the administrator enters his/her forms, so no login is added to the demo)."""
        first, last = NAMES[self.n % len(NAMES)]
        self.n += 1
        p = Person.objects.create(first_name=first, last_name=last, citizenship="KG")
        s = Student.objects.create(person=p, institution=programme.institution, unit=programme.unit, programme=programme, level=programme.level,
                                   student_number=f"KTMU-R{self.n:04d}", year_of_study=1, semester=1, admitted_on=D(2025, 9, 1))
        if supervisor is not None:
            Supervision.objects.create(student=s, role=Supervision.Role.SUPERVISOR, staff=supervisor, status=Supervision.Status.ACTIVE,
                                       proposed_on=D(2026, 6, 1), started_on=D(2026, 6, 15))
        return s


def _offerings(programme: Any, term: Term, staff: list[Staff]) -> list[Offering]:
    """Every course of the programme offered in the term, with a weekly timetable (instructors by turns)."""
    out = []
    for i, c in enumerate(Course.objects.filter(programme=programme).order_by("code")):
        o, created = Offering.objects.get_or_create(course=c, term=term, section="1", defaults={"capacity": 25, "language": c.language})
        if o.capacity > 200:  # a placeholder capacity of the generic demo data: a postgraduate class is small
            o.capacity = 25
            o.save(update_fields=["capacity"])
        if created or not o.instructors.exists():
            o.instructors.set([staff[i % len(staff)]])
        if not o.slots.exists():
            TimetableSlot.objects.create(offering=o, weekday=1 + i % 5, starts_at=dt.time(9 + 2 * (i // 5), 0), ends_at=dt.time(10 + 2 * (i // 5), 30),
                                         room=f"{programme.unit.code.upper()}-{201 + i}")
        out.append(o)
    return out


def _body(institution: Any, unit: Any, kind: str, code: str, name_ky: str, name_en: str) -> Body:
    body = Body.objects.filter(institution=institution, unit=unit, kind=kind).first()
    return body or Body.objects.create(institution=institution, unit=unit, kind=kind, code=code, name_ky=name_ky, name_en=name_en)


def _decision(body: Body, obj: Any, number: str, on: dt.date, title: str) -> Decision:
    return Decision.objects.create(body=body, number=number, date=on, title=title, text=title, status=Decision.Status.ADOPTED,
                                   adopted_at=timezone.now(), subject_type=obj._meta.label_lower, subject_id=str(obj.pk))


def _fall_courses(offerings: list[Offering]) -> list[Offering]:
    """Four courses to select, from different instructors where the data allows (art. 26 limits what one instructor
    may teach a student; other apps' seeds may already have staffed some offerings with one instructor)."""
    odd = [o for o in offerings if (o.course.semester or 1) % 2 == 1]
    pool = odd + [o for o in offerings if o not in odd]
    picked: list[Offering] = []
    used: set[int] = set()
    for o in pool:
        ids = set(o.instructors.values_list("pk", flat=True))
        if not ids & used:
            picked.append(o)
            used |= ids
        if len(picked) == 4:
            return picked
    return (picked + [o for o in pool if o not in picked])[:4]


def seed(ctx: Any) -> None:
    from django.db import transaction

    SILENT.append(True)
    try:
        _seed(ctx)
    finally:
        # the mails of these steps are sent when the seed's transaction commits (in order): release after them
        transaction.on_commit(SILENT.clear)


def _seed(ctx: Any) -> None:
    kuser = ctx.users.get("kstudent")
    kstudent = Student.objects.filter(person__user=kuser).select_related("programme", "unit").first() if kuser else None
    if kstudent is None or kstudent.programme.field_of_science_id is None:
        return
    ktmu, fbe = kstudent.institution, kstudent.unit
    fos = kstudent.programme.field_of_science
    assert fbe is not None and fos is not None, "the demo KTMU student has an institute and a field of science"
    fall = Term.objects.filter(year__institution=ktmu, kind=Term.Kind.FALL, starts_on__year=2026).first()
    spring = Term.objects.filter(year__institution=ktmu, kind=Term.Kind.SPRING, starts_on__year=2027).first()
    if fall is None:
        return
    staff = list(Staff.objects.filter(unit=fos).select_related("person").order_by("pk"))
    sup = next((s.staff for s in Supervision.objects.filter(student=kstudent, role="SUPERVISOR", status="ACTIVE").select_related("staff")), None)
    if sup is None or len(staff) < 2:
        return
    # the demo supervisor (the kstudent's appointed supervisor) gets an account
    ksup = User.objects.create(username="ksupervisor", first_name=sup.person.first_name, last_name=sup.person.last_name,
                               email="ksupervisor@demo.bilim.kg", password=make_password(DEMO_PASSWORD), language="ky")
    RoleAssignment.objects.create(user=ksup, role=Role.STAFF, institution=ktmu, unit=fos, starts_on=D(2023, 9, 1))
    Person.objects.filter(pk=sup.person_id).update(user=ksup, email=ksup.email)
    ctx.users["ksupervisor"] = ksup
    kinstitute, kfos_head, admin = ctx.users["kinstitute"], ctx.users["kfos_head"], ctx.users["admin"]
    S = _Seeder(ctx)
    _body(ktmu, fbe, Body.Kind.INSTITUTE_BOARD, f"board-{fbe.code}", "Башкаруу кеңеши", "Institute board")
    council = _body(ktmu, fos, Body.Kind.FOS_COUNCIL, f"council-{fos.code}", f"{fos.name_ky}: академиялык кеңеш", f"{fos.name_en}: academic council")

    # --- Institute of Natural Sciences, fall 2026: selection and add/drop open now ----------------------------------
    T = timezone.localdate()
    offs = _offerings(kstudent.programme, fall, staff)
    four = _fall_courses(offs)
    cal = svc.calendar_open(actor=kinstitute, institute=fbe, term=fall, selection_starts_on=T - dt.timedelta(days=10),
                            renewal_ends_on=T + dt.timedelta(days=20), adddrop_starts_on=T - dt.timedelta(days=10),
                            adddrop_ends_on=T + dt.timedelta(days=30), run_list_on=T + dt.timedelta(days=33))
    svc.timetable_publish(actor=kfos_head, calendar=cal, on=T - dt.timedelta(days=12))
    ids = [o.pk for o in four]

    def reg(student: Student) -> m.Registration:
        r = svc.registration_for(student, fall)
        assert r is not None
        return r

    # waiting for the supervisor (answer due in 3 working days)
    s = S.student(kstudent.programme, sup)
    svc.selection_submit(actor=admin, registration=reg(s), offering_ids=ids, on=T - dt.timedelta(days=1))
    # the supervisor did not answer in time: in force automatically
    s = S.student(kstudent.programme, sup)
    r = reg(s)
    svc.selection_submit(actor=admin, registration=r, offering_ids=ids[:3], on=T - dt.timedelta(days=9))
    svc.auto_approve_due(on=T, registrations=m.Registration.objects.filter(pk=r.pk))
    # approved, then an add/drop change awaiting the supervisor's consent
    s = S.student(kstudent.programme, sup)
    r = reg(s)
    svc.selection_submit(actor=admin, registration=r, offering_ids=ids, on=T - dt.timedelta(days=8))
    svc.selection_approve(actor=ksup, registration=r, comment="Макулмун.", on=T - dt.timedelta(days=7))
    extra = next((o for o in offs if o.pk not in ids), None)
    if extra is not None:
        svc.adddrop_request(actor=admin, registration=r, add=[extra.pk], drop=[ids[-1]], on=T - dt.timedelta(days=1))
    # changes requested by the supervisor: back with the student
    s = S.student(kstudent.programme, sup)
    r = reg(s)
    svc.selection_submit(actor=admin, registration=r, offering_ids=ids[:2], on=T - dt.timedelta(days=3))
    svc.selection_request_changes(actor=ksup, registration=r, comment="Милдеттүү сабактардын баарын тандаңыз.", on=T - dt.timedelta(days=2))
    # no supervisor appointed yet: the FoS head approves (KTMU-21(1)-2)
    s = S.student(kstudent.programme, None)
    r = reg(s)
    svc.selection_submit(actor=admin, registration=r, offering_ids=ids, on=T - dt.timedelta(days=4))
    svc.selection_approve(actor=kfos_head, registration=r, on=T - dt.timedelta(days=3))

    # W-13a: a course at another HEI proposed by the FoS council, awaiting the Institute Board
    s = S.student(kstudent.programme, sup)
    app = svc.other_hei_apply(actor=admin, student=s, term=fall, host_name="Ankara Üniversitesi", host_country="TR", course_title="Veri Madenciliği",
                              ects=Decimal(6), application_text="Ankara университетинде «Маалыматтарды казып алуу» сабагын алууну суранам.",
                              on=T - dt.timedelta(days=9))
    svc.other_hei_consent(actor=ksup, application=app, on=T - dt.timedelta(days=8))
    svc.other_hei_step(actor=kinstitute, application=app, action="propose",
                       decision=_decision(council, app, "2026-AK.14", T - dt.timedelta(days=5), "Башка ЖОЖдогу сабакты сунуштоо"))
    # W-14: the kstudent's credit-transfer application, awaiting the supervisor's consent
    target = Course.objects.filter(programme=kstudent.programme).order_by("code").last()
    assert target is not None, "the base seed gives the programme courses"
    svc.recognition_apply(actor=kuser, student=kstudent, category="EXTERNAL_INSTITUTION", source_institution="Бишкек мамлекеттик университети",
                          source_course="Маалыматтар базасы", completed_on=D(2024, 6, 20), result="PASSED", letter="BA", ects=target.ects,
                          target=target, transcript=ContentFile(PDF, name="transcript.pdf"), course_contents=ContentFile(PDF, name="contents.pdf"),
                          on=T - dt.timedelta(days=2))

    # --- Institute of Social Sciences: the usual calendar, later stages -----------------------------------------------
    sbe_prog = kstudent.programme.__class__.objects.filter(institution=ktmu, unit__code="sbe", level=Level.MASTER).order_by("code").first()
    if sbe_prog is None or sbe_prog.field_of_science_id is None:
        return
    sbe = sbe_prog.unit
    sbe_staff = list(Staff.objects.filter(unit=sbe_prog.field_of_science).order_by("pk"))
    sbe_head = sbe_office = admin  # no extra demo accounts: the administrator acts for the Social Sciences institute
    sbe_board = _body(ktmu, sbe, Body.Kind.INSTITUTE_BOARD, f"board-{sbe.code}", "Башкаруу кеңеши", "Institute board")
    s_offs = _offerings(sbe_prog, fall, sbe_staff)
    s_four = _fall_courses(s_offs)
    sup2 = sbe_staff[1]
    students = [S.student(sbe_prog, sup2) for _ in range(4)]
    scal = svc.calendar_open(actor=sbe_office, institute=sbe, term=fall, selection_starts_on=D(2026, 8, 25), renewal_ends_on=D(2026, 9, 1),
                             adddrop_starts_on=D(2026, 9, 2), adddrop_ends_on=D(2026, 9, 12), run_list_on=D(2026, 9, 14))
    for st in students:
        svc.registration_for(st, fall)
    svc.timetable_publish(actor=sbe_head, calendar=scal, on=D(2026, 8, 20))
    a, b, c, d = students
    ra, rb, rc, rd = (_registration(x, fall) for x in (a, b, c, d))
    s_ids = [o.pk for o in s_four]
    for r, on in ((rc, D(2026, 8, 26)), (rd, D(2026, 8, 27))):
        svc.selection_submit(actor=admin, registration=r, offering_ids=s_ids, on=on)
    # the SBE supervisor answers nothing: the selections take effect automatically (KTMU-26(13)-3)
    svc.renewal_close_due(on=D(2026, 9, 2), registrations=m.Registration.objects.filter(calendar=scal))  # a, b: not renewed
    rb.refresh_from_db()
    # b gave a written justified reason before add/drop; the Institute Board accepted it; b registered late
    svc.late_notice(actor=admin, registration=rb, reason="Ооруканада дарыланып жаттым (маалымкат тиркелди).", on=D(2026, 9, 1))
    svc.late_registration_accept(actor=sbe_office, registration=rb, decision=_decision(sbe_board, rb, "2026-09.07", D(2026, 9, 4), "Кечигип каттоого уруксат"))
    svc.selection_submit(actor=admin, registration=rb, offering_ids=s_ids[:3], on=D(2026, 9, 7))
    svc.auto_approve_due(on=D(2026, 9, 11), registrations=m.Registration.objects.filter(calendar=scal))
    # the run list: one course of the selection does not run (decided by W-02); c replaces it, then the selection is frozen
    for o in s_offs:
        o.runs = o.pk != s_four[0].pk
        o.save(update_fields=["runs"])
    svc.run_list_publish(actor=sbe_office, calendar=scal, on=D(2026, 9, 14))
    rc.refresh_from_db()
    dead = rc.lines.filter(offering=s_four[0], status="active").first()
    spare = next((o for o in s_offs if o.pk not in s_ids and o.runs), None)
    if dead is not None and spare is not None:
        svc.course_replace(actor=admin, registration=rc, line=dead, new_offering_id=spare.pk, on=D(2026, 9, 15))
    svc.freeze_due(on=D(2026, 9, 18), registrations=m.Registration.objects.filter(calendar=scal))

    # --- two earlier semesters without renewal: the first closes, the second in a row is a dismissal ground ----------
    prev = [Term.objects.filter(year__institution=ktmu, kind=k, starts_on__year=y).first() for k, y in ((Term.Kind.FALL, 2025), (Term.Kind.SPRING, 2026))]
    for term in prev:
        if term is None:
            continue
        pcal = svc.calendar_open(actor=sbe_office, institute=sbe, term=term, selection_starts_on=term.starts_on - dt.timedelta(days=7),
                                 renewal_ends_on=term.starts_on, adddrop_starts_on=term.starts_on + dt.timedelta(days=1),
                                 adddrop_ends_on=term.starts_on + dt.timedelta(days=11), run_list_on=term.starts_on + dt.timedelta(days=14))
        m.Registration.objects.filter(calendar=pcal).exclude(student=a).delete()  # only a's history is shown
        svc.timetable_publish(actor=sbe_head, calendar=pcal, on=term.starts_on - dt.timedelta(days=8))
        pregs = m.Registration.objects.filter(calendar=pcal)
        svc.renewal_close_due(on=term.starts_on + dt.timedelta(days=1), registrations=pregs)
        svc.semester_close_due(on=term.ends_on + dt.timedelta(days=1), registrations=pregs)

    # --- Institute of Fine Arts: run list published yesterday (replacements open); spring 2027 opened -----------------
    gse_prog = kstudent.programme.__class__.objects.filter(institution=ktmu, unit__code="gse", level=Level.MASTER).order_by("code").first()
    if gse_prog is None or gse_prog.field_of_science_id is None:
        return
    gse = gse_prog.unit
    g_staff = list(Staff.objects.filter(unit=gse_prog.field_of_science).order_by("pk"))
    g_head = g_office = admin
    g_offs = _offerings(gse_prog, fall, g_staff)
    g_four = _fall_courses(g_offs)
    g1, g2 = S.student(gse_prog, g_staff[0]), S.student(gse_prog, g_staff[0])
    gcal = svc.calendar_open(actor=g_office, institute=gse, term=fall, selection_starts_on=T - dt.timedelta(days=40), renewal_ends_on=T - dt.timedelta(days=30),
                             adddrop_starts_on=T - dt.timedelta(days=29), adddrop_ends_on=T - dt.timedelta(days=19), run_list_on=T - dt.timedelta(days=1))
    svc.timetable_publish(actor=g_head, calendar=gcal, on=T - dt.timedelta(days=42))
    for st in (g1, g2):
        r = _registration(st, fall)
        svc.selection_submit(actor=admin, registration=r, offering_ids=[o.pk for o in g_four], on=T - dt.timedelta(days=38))
    svc.auto_approve_due(on=T - dt.timedelta(days=30), registrations=m.Registration.objects.filter(calendar=gcal))
    for o in g_offs:
        o.runs = o.pk != g_four[1].pk
        o.save(update_fields=["runs"])
    svc.run_list_publish(actor=g_office, calendar=gcal, on=T - dt.timedelta(days=1))
    if spring is not None:
        svc.calendar_open(actor=g_office, institute=gse, term=spring, selection_starts_on=D(2027, 1, 26), renewal_ends_on=D(2027, 2, 2),
                          adddrop_starts_on=D(2027, 2, 3), adddrop_ends_on=D(2027, 2, 13), run_list_on=D(2027, 2, 16))


def _registration(student: Any, term: Any) -> Any:
    """The demo student's registration of the term (the seed opened it a step before)."""
    reg = svc.registration_for(student, term)
    assert reg is not None, "the calendar opened the student's registration"
    return reg
