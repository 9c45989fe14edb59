"""Demo data for the KTMU postgraduate app: a KTMU instructor, the institute secretariat and a FoS
head (password ``bilim-demo-2026``), a running course with a weight plan, attendance sessions and
scores, supervisors (one external, online), implementing rule sets and a published exam schedule."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.contrib.auth.hashers import make_password
from django.utils import timezone

from bilim.apps.accounts.models import Role, RoleAssignment, User
from bilim.apps.curriculum.models import Course, Offering, Term
from bilim.apps.governance.models import Decision
from bilim.apps.people.models import Level, Person, Staff, Student
from bilim.apps.postgrad import models as m
from bilim.apps.postgrad import services
from bilim.apps.records.models import Enrolment

DEMO_PASSWORD = "bilim-demo-2026"


def _user(ctx: Any, username: str, first: str, last: str, role: str, unit: Any) -> User:
    user = User.objects.create(username=username, first_name=first, last_name=last, email=f"{username}@demo.bilim.kg",
                               password=make_password(DEMO_PASSWORD), language="ky")
    RoleAssignment.objects.create(user=user, role=role, institution=unit.institution, unit=unit, starts_on=dt.date(2023, 9, 1))
    ctx.users[username] = user
    return user


def seed(ctx: Any) -> None:
    kuser = ctx.users.get("kstudent")
    student = Student.objects.filter(person__user=kuser).select_related("programme", "unit").first() if kuser else None
    if student is None or student.programme.field_of_science_id is None:
        return
    fos = student.programme.field_of_science
    institute = student.unit
    fos_staff = list(Staff.objects.filter(unit=fos).select_related("person").order_by("pk"))
    if len(fos_staff) < 2:
        return
    instructor, supervisor = fos_staff[0], fos_staff[1]
    kinstructor = _user(ctx, "kinstructor", "Айбек", "Сатыбалдиев", Role.STAFF, fos)
    Person.objects.filter(pk=instructor.person_id).update(user=kinstructor, email="kinstructor@demo.bilim.kg")
    kinstitute = _user(ctx, "kinstitute", "Элмира", "Байышова", Role.DEAN_OFFICE, institute)
    _user(ctx, "kfos_head", "Үмүт", "Карыпова", Role.HEAD_OF_DEPARTMENT, fos)

    # a running course of the student's programme in the current term, taught by the demo instructor
    term = Term.objects.filter(year__institution=student.institution, starts_on__lte=ctx.today, ends_on__gte=ctx.today).first()
    course = Course.objects.filter(programme=student.programme).order_by("code").first()
    if term is None or course is None:
        return
    offering, _ = Offering.objects.get_or_create(course=course, term=term, section="1", defaults={"capacity": 30, "language": course.language})
    offering.instructors.set([instructor])
    peers = list(Student.objects.filter(programme=student.programme).exclude(pk=student.pk).order_by("pk")[:4])
    enrolments = [Enrolment.objects.get_or_create(student=s, offering=offering)[0] for s in [student, *peers]]

    services.assessment_plan_set(actor=kinstructor, offering=offering, final_exam_date=dt.date(2026, 11, 14),
                                 components=[{"code": "MID1", "kind": "MIDTERM", "weight": "0.40"}, {"code": "FIN", "kind": "FINAL", "weight": "0.60"}])
    rng = ctx.rng
    for week in range(10):
        held = term.starts_on + dt.timedelta(days=7 + 7 * week)
        present = {e.pk for i, e in enumerate(enrolments) if (e.student_id == student.pk and week < 7) or (e.student_id != student.pk and rng.random() < 0.85)}
        services.attendance_session_add(actor=kinstructor, offering=offering, held_on=held, kind="theory", present=present, topic=f"{course.title_ky} {week + 1}")
    for e in enrolments:
        services.scores_enter(actor=kinstructor, enrolment=e, scores={"MID1": rng.randint(45, 95), "FIN": rng.randint(40, 95)})

    # supervision: appointed supervisor, an external second supervisor online, rule sets
    board = ctx.bodies.get(f"ktmu-board-{institute.code}")
    decision = Decision.objects.create(body=board, number="2026-10.12", date=dt.date(2026, 10, 1), title="Илимий жетекчилерди дайындоо",
                                       text="Магистранттарга илимий жетекчилер дайындалды.", status=Decision.Status.ADOPTED,
                                       adopted_at=timezone.now(), subject_type="postgrad.supervision")
    sup = services.supervision_propose(actor=kinstitute, student=student, role="SUPERVISOR", staff=supervisor,
                                       student_preference="Маалыматтык системалар боюнча тема; жетекчи катары ушул окутуучуну каалайм.", on=dt.date(2026, 9, 20))
    services.supervision_appoint(actor=kinstitute, supervision=sup, decision=decision)
    services.supervision_propose(actor=kinstitute, student=student, role="SUPERVISOR2", external_name="Prof. Dr. Ayşe Yılmaz",
                                 external_institution="Ankara Üniversitesi", external_country="TR", mode="ONLINE", on=dt.date(2026, 11, 2))
    ktmu = student.institution
    senate = ctx.bodies.get("ktmu-senate")
    for name, level, scope, ids in [
        ("Магистратура программаларын ишке ашыруу жөнүндө жобо", Level.MASTER, "SUPERVISION", "KTMU-21(4)-1"),
        ("Докторантура/ассистентура-стажировка программаларын ишке ашыруу жөнүндө жобо", Level.DOCTORATE, "SUPERVISION", "KTMU-21(5)-1"),
        ("ЖОЖдон кийинки билим берүү программаларында илимий жетекчилик кылуу жөнүндө жобо", "", "SUPERVISION", "KTMU-21(11)-1"),
        ("Диссертациялык иш жазуу эрежелери", "", "THESIS", "KTMU-40-1"),
    ]:
        m.ExternalRuleSet.objects.create(institution=ktmu, name=name, level=level, scope=scope, rule_ids=ids, adopted_on=dt.date(2021, 8, 26),
                                         adopted_by=Decision.objects.filter(body=senate).first() if senate else None)

    # a published special-exam schedule and an excuse exam set by the Institute Board
    services.exam_entry_create(actor=kinstitute, institute=institute, kind="SPECIAL", offering=offering, exam_date=dt.date(2026, 12, 7),
                               starts_at=dt.time(10, 0), room="B-204")
    excuse = Decision.objects.create(body=board, number="2026-11.03", date=dt.date(2026, 11, 18), title="Жүйөлүү сынак күндөрү",
                                     text="Жүйөлүү себептер менен сынакка катыша албаган студенттер үчүн сынак күндөрү белгиленди.",
                                     status=Decision.Status.ADOPTED, adopted_at=timezone.now(), subject_type="postgrad.excuse_exams")
    services.exam_entry_create(actor=kinstitute, institute=institute, kind="EXCUSE", offering=offering, exam_date=dt.date(2026, 11, 28),
                               starts_at=dt.time(14, 0), room="A-110", decision=excuse)

    _seed_grades(ctx, student=student, peers=peers, term=term, kinstructor=kinstructor, kinstitute=kinstitute, instructor=instructor)


def _seed_grades(ctx: Any, *, student: Student, peers: list[Student], term: Term, kinstructor: User, kinstitute: User, instructor: Staff) -> None:
    """Grade sheets at every stage of KTMU-W-15, an appeal (W-16b) and a correction request (W-16c), through the services.

    Current-term courses of the demo student's programme, finals in the last days: one sheet filled and waiting for the
    instructor's submission, one submitted (one student's excuse exam pending), one published two days ago (an appeal
    filed, an appeal re-checked for the board, a correction requested), one published ten days ago (appeal and
    correction windows closed)."""
    from bilim.apps.curriculum.models import CalendarPeriod
    from bilim.apps.governance.models import Body
    from bilim.apps.postgrad import grades

    # the real date, not the seed's fixed day: these sheets' time limits (7 days to submit, to appeal, to ask for a
    # correction; 3 working days to re-check) must be open when the demo is used
    today = timezone.localdate()
    kfos_head = ctx.users.get("kfos_head")
    courses = list(Course.objects.filter(programme=student.programme).order_by("code"))[1:5]
    if len(courses) < 4 or kfos_head is None:
        return
    # the postgraduate finals of the demo term fall in the last two weeks (the calendar's own finals come in January)
    CalendarPeriod.objects.create(institution=student.institution, term=term, kind=CalendarPeriod.Kind.FINALS, starts_on=today - dt.timedelta(days=25),
                                  ends_on=today + dt.timedelta(days=7), note="ЖОЖдон кийинки билим берүү: финалдык сынактар")
    rng = ctx.rng
    plan = [{"code": "MID1", "kind": "MIDTERM", "weight": "0.40"}, {"code": "FIN", "kind": "FINAL", "weight": "0.60"}]
    names = [("Бекмуратова", "Айпери"), ("Токтогулов", "Эрлан"), ("Садыкова", "Жаңыл"), ("Өмүрбеков", "Үсөн")]
    while len(peers) < 4:  # a small demo has no classmates: enrol the programme's next students
        last, first = names[len(peers)]
        person = Person.objects.create(last_name=last, first_name=first, citizenship="KG")
        peers.append(Student.objects.create(person=person, institution=student.institution, unit=student.unit, programme=student.programme,
                                            student_number=f"{student.student_number}-{len(peers) + 1}", level=student.level,
                                            admitted_on=student.admitted_on, semester=student.semester, year_of_study=student.year_of_study))
    people = [student, *peers]
    stages = [("to_submit", 3), ("submitted", 4), ("published", 6), ("published_old", 20)]
    offerings: dict[str, Offering] = {}
    for (stage, days_ago), course in zip(stages, courses, strict=True):
        exam = today - dt.timedelta(days=days_ago)
        offering, _ = Offering.objects.get_or_create(course=course, term=term, section="1", defaults={"capacity": 30, "language": course.language})
        offering.instructors.set([instructor])
        offerings[stage] = offering
        enrolments = [Enrolment.objects.get_or_create(student=s, offering=offering)[0] for s in people]
        services.assessment_plan_set(actor=kinstructor, offering=offering, final_exam_date=exam, components=plan)
        grades.exam_schedule_publish(actor=kfos_head, offering=offering, on=exam - dt.timedelta(days=21))
        for week in range(10):
            held = term.starts_on + dt.timedelta(days=8 + 7 * week)
            services.attendance_session_add(actor=kinstructor, offering=offering, held_on=held, kind="theory",
                                            present={e.pk for e in enrolments if week < 9 or rng.random() < 0.5})
        scores = {e.pk: {"MID1": str(rng.randint(62, 95)), "FIN": str(rng.randint(60, 96))} for e in enrolments}
        scores[enrolments[0].pk] = {"MID1": "84", "FIN": "88"} if stage != "published_old" else {"MID1": "72", "FIN": "79"}
        if stage == "submitted":  # the demo student missed this final with a health certificate
            scores[enrolments[0].pk] = {"MID1": "81", "FIN": ""}
        grades.grade_sheet_save(actor=kinstructor, offering=offering, rows=scores)
        if stage == "to_submit":
            continue
        if stage == "submitted":
            sheet = m.ScoreSheet.objects.get(enrolment=enrolments[0])
            grades._attendance_step(kinstructor, sheet, exam)
            sheet.refresh_from_db()
            grades.excuse_apply(actor=_student_user(enrolments[0]), sheet=sheet, evidence="HEALTH_CERTIFICATE",
                                note="Ооруканада дарыландым (маалымкат тиркелди).", on=exam + dt.timedelta(days=1))
            sheet.refresh_from_db()
            grades.board_decide(actor=kinstitute, obj=sheet, workflow_code=grades.W15, action="excuse_application", body_kind=Body.Kind.INSTITUTE_BOARD,
                                number=f"{exam.year}-{exam.month:02d}.21", date=exam + dt.timedelta(days=2), title="Жүйөлүү сынак",
                                text="Студенттин жүйөлүү себеби кабыл алынды; жүйөлүү сынак белгиленди.")
        grades.grade_sheet_submit(actor=kinstructor, offering=offering, on=exam + dt.timedelta(days=2))
        if stage == "submitted":
            continue
        published_on = today - dt.timedelta(days=2 if stage == "published" else 10)
        grades.results_publish(actor=kinstitute, offering=offering, on=published_on)
        if stage != "published" or len(enrolments) < 4:
            continue
        # a peer's appeal waiting for the instructor's re-check; another re-checked and waiting for the Institute Board
        s1 = m.ScoreSheet.objects.get(enrolment=enrolments[1])
        s2 = m.ScoreSheet.objects.get(enrolment=enrolments[2])
        for s, text in ((s1, "Финалдык сынактын 4-суроосу текшерилген эмес деп ойлойм."), (s2, "Ара сынактын баллы туура эмес кошулган.")):
            user = _student_user(s.enrolment)
            a = grades.appeal_file(actor=user, sheet=s, statement=text, on=today - dt.timedelta(days=1))
            if s is s2:
                grades.appeal_review(actor=kinstructor, appeal=a, findings="Ара сынактын баллын кошууда техникалык ката табылды: 64 эмес, 74.",
                                     technical_error=True, proposed_scores={"MID1": "74"}, on=today)
        # the instructor asks the institute to correct a wrongly entered final of a third student
        from django.core.files.base import ContentFile

        s3 = m.ScoreSheet.objects.get(enrolment=enrolments[3])
        doc = ContentFile(b"%PDF-1.4\n% exam paper scan\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n", name="final-exam-paper.pdf")
        new_final = str(min(100, int(Decimal(s3.scores.get("FIN") or "60")) + 8))
        grades.correction_request(actor=kinstructor, sheet=s3, reason="WRONG_ENTRY", statement="Финалдык сынактын баллы системага туура эмес киргизилген.",
                                  new_scores={"FIN": new_final}, attachment=doc, on=today - dt.timedelta(days=1))


def _student_user(enrolment: Enrolment) -> User:
    """The student's account; a demo peer without one gets an account that cannot log in (appeals are the student's own act)."""
    person = enrolment.student.person
    if person.user_id is None:
        user = User.objects.create(username=f"k{enrolment.student.student_number.lower()}", first_name=person.first_name, last_name=person.last_name,
                                   password="!", language="ky")
        Person.objects.filter(pk=person.pk).update(user=user)
        person.user = user
    assert person.user is not None
    return person.user
