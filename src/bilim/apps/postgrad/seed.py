"""Demo data for the KTMU postgraduate app: a KTMU instructor, the institute secretariat and a FoS
head (password ``bilim-demo-2026``), a running course with a weight plan, attendance sessions and
scores, supervisors (one external, online), implementing rule sets and a published exam schedule."""

from __future__ import annotations

import datetime as dt
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
