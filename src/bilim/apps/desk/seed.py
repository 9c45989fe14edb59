"""Deterministic demo data: OshSU, KTMU, ~40 partners, units, programmes, courses, terms,
students with several years of grades, staff, bodies with members, one demo user per role.

``run(students=N)`` is what ``bilim seed`` calls. After the core data, every app that has a
``seed.py`` with ``seed(ctx)`` adds its own (e.g. mobility). Bulk inserts keep 50,000
students within minutes; a progress bar shows the long steps.
"""

from __future__ import annotations

import datetime as dt
import importlib
import random
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.apps import apps as django_apps
from django.contrib.auth.hashers import make_password
from django.db import transaction
from tqdm import tqdm

from bilim.apps.accounts.models import Role, RoleAssignment, User
from bilim.apps.curriculum.models import AcademicYear, CalendarPeriod, Course, Offering, Programme, Term
from bilim.apps.desk import seed_data as data
from bilim.apps.governance.models import Body, Decision, Membership
from bilim.apps.org.models import Institution, RegulationSet, Unit
from bilim.apps.people.models import Level, Person, Staff, Student
from bilim.apps.records.models import Enrolment, Grade

DEMO_PASSWORD = "bilim-demo-2026"
BATCH = 2000


@dataclass
class SeedContext:
    """What app seeders receive."""

    rng: random.Random
    today: dt.date
    quiet: bool
    institutions: dict[str, Institution] = field(default_factory=dict)
    units: dict[str, Unit] = field(default_factory=dict)
    programmes: dict[str, Programme] = field(default_factory=dict)
    users: dict[str, User] = field(default_factory=dict)
    students: list[Student] = field(default_factory=list)
    staff: list[Staff] = field(default_factory=list)
    bodies: dict[str, Body] = field(default_factory=dict)
    terms: list[Term] = field(default_factory=list)

    def log(self, msg: str) -> None:
        if not self.quiet:
            print(msg, flush=True)


def _progress(iterable: Any, ctx: SeedContext, desc: str, total: int | None = None) -> Any:
    return tqdm(iterable, desc=desc, total=total, disable=ctx.quiet or (total or 0) < 2000, unit="rows")


def _name(rng: random.Random) -> tuple[str, str, str, str, str]:
    female = rng.random() < 0.55
    first, first_lat = rng.choice(data.FEMALE_NAMES if female else data.MALE_NAMES)
    last, last_lat = rng.choice(data.SURNAMES)
    if female:
        last, last_lat = last + "а", last_lat + "a"
    father, _ = rng.choice(data.MALE_NAMES)
    patronymic = father + ("овна" if female else "ович") if not father.endswith(("й", "ь")) else father
    return last, first, patronymic, last_lat, first_lat


def _institutions(ctx: SeedContext) -> None:
    oshsu = Institution.objects.create(
        code="oshsu", name_ky="Ош мамлекеттик университети", name_ru="Ошский государственный университет",
        name_en="Osh State University", name_tr="Oş Devlet Üniversitesi", country="KG", city="Osh",
        website="https://www.oshsu.kg", email="info@oshsu.kg", is_home=True, regulation_set=RegulationSet.OSHSU_MOBILITY,
    )
    ktmu = Institution.objects.create(
        code="ktmu", name_ky="Кыргыз-Түрк «Манас» университети", name_ru="Кыргызско-Турецкий университет «Манас»",
        name_en="Kyrgyz-Turkish Manas University", name_tr="Kırgızistan-Türkiye Manas Üniversitesi", country="KG",
        city="Bishkek", website="https://www.manas.edu.kg", email="info@manas.edu.kg", is_home=True,
        regulation_set=RegulationSet.KTMU_POSTGRAD,
    )
    ctx.institutions.update(oshsu=oshsu, ktmu=ktmu)
    for code, name, country, city, web, erasmus in data.PARTNERS:
        ctx.institutions[code] = Institution.objects.create(
            code=code, name_ky=name, name_ru=name, name_en=name, name_tr=name, country=country, city=city,
            website=web, email=f"international@{web.split('//')[1].removeprefix('www.')}",
            phone="+00 000 000 00 00", erasmus_code=erasmus,
        )


def _units(ctx: SeedContext) -> None:
    oshsu, ktmu = ctx.institutions["oshsu"], ctx.institutions["ktmu"]
    ctx.units["oshsu-rectorate"] = Unit.objects.create(institution=oshsu, kind=Unit.Kind.RECTORATE, code="rectorate",
        name_ky="Ректорат", name_ru="Ректорат", name_en="Rectorate", name_tr="Rektörlük")
    ctx.units["oshsu-ird"] = Unit.objects.create(institution=oshsu, kind=Unit.Kind.IRD, code="ird",
        name_ky="Эл аралык байланыштар департаменти", name_ru="Департамент международных связей",
        name_en="International Relations Department", name_tr="Uluslararası İlişkiler Dairesi")
    for code, ky, ru, en, tr in data.OSHSU_FACULTIES:
        fac = Unit.objects.create(institution=oshsu, kind=Unit.Kind.FACULTY, code=code, name_ky=ky, name_ru=ru, name_en=en, name_tr=tr)
        ctx.units[f"oshsu-{code}"] = fac
        ctx.units[f"oshsu-{code}-dept"] = Unit.objects.create(
            institution=oshsu, parent=fac, kind=Unit.Kind.DEPARTMENT, code=f"{code}-dept",
            name_ky=f"{ky}: негизги кафедра", name_ru=f"{ru}: основная кафедра", name_en=f"{en}: main department",
            name_tr=f"{tr}: ana bölüm",
        )
    ctx.units["ktmu-rectorate"] = Unit.objects.create(institution=ktmu, kind=Unit.Kind.RECTORATE, code="rectorate",
        name_ky="Ректорат", name_ru="Ректорат", name_en="Rectorate", name_tr="Rektörlük")
    for code, ky, ru, en, tr, fields in data.KTMU_INSTITUTES:
        inst = Unit.objects.create(institution=ktmu, kind=Unit.Kind.INSTITUTE, code=code, name_ky=ky, name_ru=ru, name_en=en, name_tr=tr)
        ctx.units[f"ktmu-{code}"] = inst
        for fcode, fky, fru, fen, ftr in fields:
            ctx.units[f"ktmu-{code}-{fcode}"] = Unit.objects.create(
                institution=ktmu, parent=inst, kind=Unit.Kind.FIELD_OF_SCIENCE, code=f"{code}-{fcode}",
                name_ky=fky, name_ru=fru, name_en=fen, name_tr=ftr,
            )


def _programmes_and_courses(ctx: SeedContext) -> list[Course]:
    oshsu, ktmu = ctx.institutions["oshsu"], ctx.institutions["ktmu"]
    courses: list[Course] = []
    rng = ctx.rng
    for code, ky, ru, en, tr in data.OSHSU_FACULTIES:
        fac = ctx.units[f"oshsu-{code}"]
        for level, suffix, sem in ((Level.BACHELOR, "ba", 8), (Level.MASTER, "ma", 4)):
            p = Programme.objects.create(
                institution=oshsu, unit=fac, code=f"{code}-{suffix}", level=level, normative_semesters=sem,
                name_ky=f"{ky} ({'бакалавриат' if suffix == 'ba' else 'магистратура'})",
                name_ru=f"{ru} ({'бакалавриат' if suffix == 'ba' else 'магистратура'})",
                name_en=f"{en} ({'bachelor' if suffix == 'ba' else 'master'})",
                name_tr=f"{tr} ({'lisans' if suffix == 'ba' else 'yüksek lisans'})", languages="ky,ru",
            )
            ctx.programmes[p.code] = p
            for i, (ten, tky, tru, ttr) in enumerate(data.COURSE_TOPICS[: (10 if suffix == "ba" else 6)]):
                courses.append(Course(
                    institution=oshsu, programme=p, code=f"{code.upper()}-{suffix.upper()}{101 + i}",
                    title_en=ten, title_ky=tky, title_ru=tru, title_tr=ttr, ects=Decimal(rng.choice([3, 4, 5, 6])),
                    local_credits=Decimal(rng.choice([2, 3, 4])), kind=Course.Kind.COMPULSORY if i < 6 else Course.Kind.ELECTIVE,
                    theory_hours=2, practice_hours=rng.choice([0, 1, 2]), language=rng.choice(["ky", "ru"]),
                    semester=i % sem + 1,
                ))
    for code, _ky, _ru, _en, _tr, fields in data.KTMU_INSTITUTES:
        inst = ctx.units[f"ktmu-{code}"]
        for fcode, fky, fru, fen, ftr in fields:
            fos = ctx.units[f"ktmu-{code}-{fcode}"]
            levels = [(Level.MASTER, "ma", 4), (Level.DOCTORATE, "phd", 8)] if code != "gse" else [(Level.MASTER, "ma", 4), (Level.ARTS, "ai", 6)]
            for level, suffix, sem in levels:
                p = Programme.objects.create(
                    institution=ktmu, unit=inst, field_of_science=fos, code=f"{code}-{fcode}-{suffix}", level=level,
                    normative_semesters=sem, name_ky=f"{fky} ({suffix.upper()})", name_ru=f"{fru} ({suffix.upper()})",
                    name_en=f"{fen} ({suffix.upper()})", name_tr=f"{ftr} ({suffix.upper()})", languages="ky,tr",
                )
                ctx.programmes[p.code] = p
                for i, (ten, tky, tru, ttr) in enumerate(data.COURSE_TOPICS[:7]):
                    courses.append(Course(
                        institution=ktmu, programme=p, code=f"{fcode.upper()}-{suffix.upper()}{501 + i}",
                        title_en=ten, title_ky=tky, title_ru=tru, title_tr=ttr, ects=Decimal(rng.choice([6, 7, 8])),
                        local_credits=Decimal(3), kind=Course.Kind.COMPULSORY if i < 4 else Course.Kind.ELECTIVE,
                        theory_hours=3, practice_hours=0, language=rng.choice(["ky", "tr"]), semester=i % 2 + 1,
                    ))
    return Course.objects.bulk_create(courses, batch_size=BATCH)


def _terms(ctx: SeedContext) -> None:
    for inst in (ctx.institutions["oshsu"], ctx.institutions["ktmu"]):
        for start_year in range(2023, 2027):
            year = AcademicYear.objects.create(institution=inst, code=f"{start_year}-{start_year + 1}",
                                               starts_on=dt.date(start_year, 9, 1), ends_on=dt.date(start_year + 1, 8, 31))
            fall = Term.objects.create(year=year, kind=Term.Kind.FALL, starts_on=dt.date(start_year, 9, 1), ends_on=dt.date(start_year + 1, 1, 25))
            spring = Term.objects.create(year=year, kind=Term.Kind.SPRING, starts_on=dt.date(start_year + 1, 2, 2), ends_on=dt.date(start_year + 1, 6, 20))
            summer = Term.objects.create(year=year, kind=Term.Kind.SUMMER, starts_on=dt.date(start_year + 1, 6, 29), ends_on=dt.date(start_year + 1, 8, 15))
            if inst.code == "oshsu":
                ctx.terms += [fall, spring]
            for term in (fall, spring):
                CalendarPeriod.objects.bulk_create([
                    CalendarPeriod(institution=inst, term=term, kind=CalendarPeriod.Kind.REGISTRATION, starts_on=term.starts_on - dt.timedelta(days=7), ends_on=term.starts_on),
                    CalendarPeriod(institution=inst, term=term, kind=CalendarPeriod.Kind.ADD_DROP, starts_on=term.starts_on, ends_on=term.starts_on + dt.timedelta(days=11)),
                    CalendarPeriod(institution=inst, term=term, kind=CalendarPeriod.Kind.MIDTERMS, starts_on=term.starts_on + dt.timedelta(weeks=8), ends_on=term.starts_on + dt.timedelta(weeks=9)),
                    CalendarPeriod(institution=inst, term=term, kind=CalendarPeriod.Kind.FINALS, starts_on=term.ends_on - dt.timedelta(days=13), ends_on=term.ends_on),
                    CalendarPeriod(institution=inst, term=term, kind=CalendarPeriod.Kind.RESULTS, starts_on=term.ends_on, ends_on=term.ends_on + dt.timedelta(days=3)),
                ])
            if inst.code == "ktmu":
                CalendarPeriod.objects.create(institution=inst, term=summer, kind=CalendarPeriod.Kind.ADMISSION,
                                              starts_on=dt.date(start_year + 1, 7, 1), ends_on=dt.date(start_year + 1, 7, 31))


def _staff(ctx: SeedContext) -> None:
    rng = ctx.rng
    persons: list[Person] = []
    specs: list[tuple[Institution, Unit]] = []
    teaching_units = [u for k, u in ctx.units.items() if u.kind in (Unit.Kind.DEPARTMENT, Unit.Kind.FIELD_OF_SCIENCE)]
    for unit in teaching_units:
        for _ in range(4):
            last, first, patr, last_lat, first_lat = _name(rng)
            persons.append(Person(last_name=last, first_name=first, patronymic=patr, last_name_latin=last_lat, first_name_latin=first_lat, citizenship="KG"))
            specs.append((unit.institution, unit))
    persons = Person.objects.bulk_create(persons, batch_size=BATCH)
    degrees = [Staff.Degree.CANDIDATE, Staff.Degree.PHD, Staff.Degree.DOCTOR, Staff.Degree.MASTER]
    titles = {Staff.Degree.DOCTOR: Staff.Title.PROFESSOR, Staff.Degree.PHD: Staff.Title.ASSOCIATE_PROFESSOR,
              Staff.Degree.CANDIDATE: Staff.Title.ASSOCIATE_PROFESSOR, Staff.Degree.MASTER: Staff.Title.LECTURER}
    staff = []
    for person, (inst, unit) in zip(persons, specs, strict=True):
        degree = rng.choice(degrees)
        staff.append(Staff(person=person, institution=inst, unit=unit, kind=Staff.Kind.ACADEMIC, degree=degree,
                           title=titles[degree], full_time=rng.random() < 0.85, position="", since=dt.date(2015, 9, 1)))
    ctx.staff = Staff.objects.bulk_create(staff, batch_size=BATCH)


def _students(ctx: SeedContext, count: int) -> None:
    rng = ctx.rng
    progs = list(ctx.programmes.values())
    oshsu_progs = [p for p in progs if p.institution.code == "oshsu"]
    ktmu_progs = [p for p in progs if p.institution.code == "ktmu"]
    persons: list[Person] = []
    plan: list[tuple[Programme, int]] = []
    demo_programmes = [ctx.programmes["math-ba"], next(p for p in ktmu_progs if p.level == Level.MASTER)]
    for i in _progress(range(count), ctx, "people", count):
        prog = rng.choice(ktmu_progs) if i % 5 == 4 else rng.choice(oshsu_progs)
        if i < len(demo_programmes):  # the demo `student` and `kstudent` accounts always have a record
            prog = demo_programmes[i]
        last, first, patr, last_lat, first_lat = _name(rng)
        persons.append(Person(last_name=last, first_name=first, patronymic=patr, last_name_latin=last_lat,
                              first_name_latin=first_lat, birth_date=dt.date(2000 + rng.randint(0, 7), rng.randint(1, 12), rng.randint(1, 28)),
                              citizenship="KG" if rng.random() < 0.9 else rng.choice(["KZ", "UZ", "TJ", "TR", "IN"])))
        plan.append((prog, i))
    persons = Person.objects.bulk_create(persons, batch_size=BATCH)
    students = []
    for person, (prog, i) in zip(persons, plan, strict=True):
        max_year = max(1, prog.normative_semesters // 2)
        year = rng.randint(1, max_year)
        semester = 2 * year - (1 if ctx.today.month >= 9 or ctx.today.month == 1 else 0)
        contract = rng.random() < 0.4
        debt = Decimal(rng.choice([0, 0, 0, 5000, 12000])) if contract else Decimal(0)
        students.append(Student(
            person=person, institution=prog.institution, unit=prog.unit, programme=prog,
            student_number=f"{prog.institution.code.upper()}{2026 - year + 1}{i:06d}", level=prog.level,
            year_of_study=year, semester=max(1, semester), funding=Student.Funding.CONTRACT if contract else Student.Funding.BUDGET,
            tuition_debt=debt, admitted_on=dt.date(2026 - year + 1, 9, 1),
        ))
    ctx.students = Student.objects.bulk_create(students, batch_size=BATCH)


def _grades(ctx: SeedContext, courses: list[Course]) -> None:
    """Several years of grades: each student passed through the terms of their years so far."""
    rng = ctx.rng
    by_prog: dict[int, list[Course]] = {}
    for c in courses:
        if c.programme_id is not None:
            by_prog.setdefault(c.programme_id, []).append(c)
    terms = {(t.year.institution_id, t.starts_on.year, t.kind): t for t in Term.objects.select_related("year")}
    offerings: dict[tuple[int, int], Offering] = {}
    staff_by_inst: dict[int, list[Staff]] = {}
    for s in ctx.staff:
        staff_by_inst.setdefault(s.institution_id, []).append(s)
    needed: list[Offering] = []
    for _prog_id, plist in by_prog.items():
        for c in plist:
            for (inst_id, year, kind), term in terms.items():
                if inst_id == c.institution_id and kind != Term.Kind.SUMMER and year >= 2023 and term.starts_on < ctx.today:
                    if (c.semester or 1) % 2 == (1 if kind == Term.Kind.FALL else 0):
                        needed.append(Offering(course=c, term=term, section="1", capacity=10000, language=c.language))
    for o in Offering.objects.bulk_create(needed, batch_size=BATCH):
        offerings[(o.course_id, o.term_id)] = o
    through = Offering.instructors.through
    through.objects.bulk_create(
        [through(offering_id=o.id, staff_id=rng.choice(staff_by_inst[o.course.institution_id]).id) for o in offerings.values()],
        batch_size=BATCH,
    )
    grading = _grading_function()
    enrol_rows: list[Enrolment] = []
    grade_specs: list[tuple[Decimal, Decimal, Decimal, dt.date, str]] = []
    for st in _progress(ctx.students, ctx, "grades", len(ctx.students)):
        plist = by_prog.get(st.programme_id, [])
        admitted = st.admitted_on or dt.date(2023, 9, 1)
        for c in plist:
            for term in terms.values():
                off = offerings.get((c.id, term.id))
                if off is None or term.starts_on < admitted or term.ends_on > ctx.today:
                    continue
                mid = Decimal(rng.randint(35, 100))
                fin = Decimal(rng.randint(30, 100))
                score = (mid * Decimal("0.4") + fin * Decimal("0.6")).quantize(Decimal("0.01"))
                enrol_rows.append(Enrolment(student=st, offering=off, status=Enrolment.Status.COMPLETED))
                grade_specs.append((mid, fin, score, term.ends_on, st.level))
                break
    enrols = Enrolment.objects.bulk_create(enrol_rows, batch_size=BATCH)
    grades = []
    for enrol, (mid, fin, score, when, level) in zip(enrols, grade_specs, strict=True):
        letter, coef, passed, since = grading(score, level, when)
        grades.append(Grade(enrolment=enrol, midterm=mid, final=fin, score=score, letter=letter, coefficient=coef,
                            passed=passed, graded_on=when, table_version=since))
    Grade.objects.bulk_create(grades, batch_size=BATCH)


def _grading_function() -> Any:
    """Letters by the rules layer's grading table when it is available; else the score alone."""
    from bilim.regulations.postgrad.grading import grade_for_score
    cache: dict[tuple[Decimal, str, dt.date], tuple[str, Decimal | None, bool | None, dt.date | None]] = {}

    def grade(score: Decimal, level: str, when: dt.date) -> tuple[str, Decimal | None, bool | None, dt.date | None]:
        if level not in (Level.MASTER, Level.DOCTORATE, Level.ARTS):
            return "", None, None, None  # OshSU scale is not in these regulations
        key = (score, level, when)
        if key not in cache:
            try:
                out = grade_for_score(score, {"master": "MA", "doctorate": "PHD", "arts": "AI"}[level], when)
                v = out.value
                letter = getattr(v, "letter", None) or (v.get("letter") if isinstance(v, dict) else str(v))
                coef = getattr(v, "coefficient", None) or (v.get("coefficient") if isinstance(v, dict) else None)
                passed = getattr(v, "passed", None) if not isinstance(v, dict) else v.get("passed")
                since = next((p.since for p in out.explanation.params if "grading" in p.name), None)
                cache[key] = (letter or "", coef, passed, since)
            except Exception:
                cache[key] = ("", None, None, None)  # e.g. before the first grading table (NotCovered)
        return cache[key]

    return grade


def _bodies(ctx: SeedContext) -> None:
    oshsu, ktmu = ctx.institutions["oshsu"], ctx.institutions["ktmu"]
    specs: list[tuple[Any, ...]] = [
        (oshsu, None, Body.Kind.RECTOR_OFFICE, "rector", "ОшМУнун ректорату", "Ректорат ОшГУ", "OshSU Rector's office", "OşDÜ Rektörlüğü"),
        (oshsu, None, Body.Kind.ADMIN_COUNCIL, "admin-council", "Административдик кеңеш", "Административный совет", "Administrative council", "Yönetim kurulu"),
        (oshsu, None, Body.Kind.SENATE, "senate", "Окумуштуулар кеңеши", "Учёный совет", "Academic council (Senate)", "Senato"),
        (ktmu, None, Body.Kind.RECTOR_OFFICE, "rector", "Ректорат", "Ректорат", "KTMU Rectorate", "Rektörlük"),
        (ktmu, None, Body.Kind.SENATE, "senate", "Окумуштуулар кеңеши", "Сенат", "Senate", "Senato"),
        (ktmu, None, Body.Kind.UNIVERSITY_BOARD, "board", "Башкаруу кеңеши", "Правление университета", "University board", "Üniversite Yönetim Kurulu"),
        (ktmu, None, Body.Kind.TRUSTEES, "trustees", "Камкорчулар кеңеши", "Попечительский совет", "Board of Trustees", "Mütevelli Heyeti"),
    ]
    for code, *_ in data.OSHSU_FACULTIES[:20]:
        fac = ctx.units[f"oshsu-{code}"]
        specs.append((oshsu, fac, Body.Kind.DEAN_OFFICE, f"dean-{code}", f"{fac.name_ky}: деканат", f"{fac.name_ru}: деканат", f"{fac.name_en}: dean's office", f"{fac.name_tr}: dekanlık"))
    for code, *_rest in data.KTMU_INSTITUTES:
        inst = ctx.units[f"ktmu-{code}"]
        specs.append((ktmu, inst, Body.Kind.INSTITUTE_BOARD, f"board-{code}", f"{inst.name_ky}: башкаруу кеңеши", f"{inst.name_ru}: правление", f"{inst.name_en}: board", f"{inst.name_tr}: yönetim kurulu"))
    for home, unit, kind, code, ky, ru, en, tr in specs:
        ctx.bodies[f"{home.code}-{code}"] = Body.objects.create(institution=home, unit=unit, kind=kind, code=code, name_ky=ky, name_ru=ru, name_en=en, name_tr=tr)
    rng = ctx.rng
    members = []
    for _key, body in ctx.bodies.items():
        pool = [s for s in ctx.staff if s.institution_id == body.institution_id]
        size = 9 if body.kind == Body.Kind.TRUSTEES else 7
        chosen = rng.sample(pool, min(size, len(pool)))
        for i, s in enumerate(chosen):
            role = Membership.Role.CHAIR if i == 0 else (Membership.Role.SECRETARY if i == 1 else Membership.Role.MEMBER)
            members.append(Membership(body=body, person=s.person, role=role, voting=role != Membership.Role.SECRETARY,
                                      starts_on=dt.date(2023, 9, 1), ends_on=dt.date(2027, 8, 31)))
    Membership.objects.bulk_create(members, batch_size=BATCH)
    Decision.objects.create(body=ctx.bodies["ktmu-senate"], number="2024-07.49(a)", date=dt.date(2024, 6, 27),
                            title="Amendment of grading Table 1 of the Instruction on Postgraduate Education",
                            text="Table 1 (grading) amended.", status=Decision.Status.ADOPTED)


def _users(ctx: SeedContext) -> None:
    oshsu, ktmu = ctx.institutions["oshsu"], ctx.institutions["ktmu"]
    fac = ctx.units["oshsu-math"]
    dept = ctx.units["oshsu-math-dept"]
    pw = make_password(DEMO_PASSWORD)
    osh_student = next(s for s in ctx.students if s.institution_id == oshsu.id and s.level == Level.BACHELOR and s.unit_id == fac.id) if any(
        s.unit_id == fac.id and s.level == Level.BACHELOR for s in ctx.students) else None
    k_student = next((s for s in ctx.students if s.institution_id == ktmu.id and s.level == Level.MASTER), None)
    fbe = ctx.units["ktmu-fbe"]
    specs: list[tuple[str, str, str, list[dict[str, Any]], bool]] = [
        ("student", "Айгүл", "Осмонова", [{"role": Role.STUDENT, "institution": oshsu, "unit": fac}], False),
        ("kstudent", "Нурлан", "Асанов", [{"role": Role.STUDENT, "institution": ktmu, "unit": fbe}], False),
        ("staff", "Бакыт", "Токтогулов", [{"role": Role.STAFF, "institution": oshsu, "unit": dept}], False),
        ("dean_office", "Гүлзат", "Мамытова", [{"role": Role.DEAN_OFFICE, "institution": oshsu, "unit": fac}], False),
        ("deputy_dean_ir", "Жылдыз", "Сыдыкова", [{"role": Role.DEPUTY_DEAN_IR, "institution": oshsu, "unit": fac}], False),
        ("deputy_dean_academic", "Эрлан", "Жумабеков", [{"role": Role.DEPUTY_DEAN_ACADEMIC, "institution": oshsu, "unit": fac}], False),
        ("programme_leader", "Таалай", "Турдубаев", [{"role": Role.PROGRAMME_LEADER, "institution": oshsu, "unit": fac, "programme": ctx.programmes["math-ba"]}], False),
        ("ird_officer", "Бермет", "Үсөнова", [{"role": Role.IRD_OFFICER, "institution": oshsu, "unit": ctx.units["oshsu-ird"]}], False),
        ("head_of_department", "Өмүрбек", "Өмүралиев", [{"role": Role.HEAD_OF_DEPARTMENT, "institution": oshsu, "unit": dept}], False),
        ("board_secretary", "Чолпон", "Ташиева", [{"role": Role.BOARD_SECRETARY, "institution": ktmu, "unit": fbe, "body": ctx.bodies["ktmu-board-fbe"]}], False),
        ("rector_office", "Марат", "Кадыров", [{"role": Role.RECTOR_OFFICE, "institution": oshsu, "body": ctx.bodies["oshsu-rector"]}], False),
        ("vice_rector_research", "Чыңгыз", "Эшматов", [{"role": Role.VICE_RECTOR_RESEARCH, "institution": oshsu}], False),
        ("accounting", "Мээрим", "Нуралиева", [{"role": Role.ACCOUNTING, "institution": oshsu}], False),
        ("auditor", "Салтанат", "Карабаева", [{"role": Role.AUDITOR}], False),
        ("admin", "Админ", "Билим", [{"role": Role.ADMINISTRATOR}], True),
        ("outsider", "Тышкы", "Колдонуучу", [], False),
    ]
    for username, first, last, roles, superuser in specs:
        user = User.objects.create(username=username, first_name=first, last_name=last, email=f"{username}@demo.bilim.kg",
                                   password=pw, is_staff=superuser, is_superuser=superuser, language="ky")
        ctx.users[username] = user
        for r in roles:
            RoleAssignment.objects.create(user=user, starts_on=dt.date(2023, 9, 1), **r)
    # link demo people to their records
    if osh_student is not None:
        Person.objects.filter(pk=osh_student.person_id).update(user=ctx.users["student"], email="student@demo.bilim.kg")
    if k_student is not None:
        Person.objects.filter(pk=k_student.person_id).update(user=ctx.users["kstudent"], email="kstudent@demo.bilim.kg")
    staff_in_dept = next((s for s in ctx.staff if s.unit_id == dept.id), None)
    if staff_in_dept is not None:
        Person.objects.filter(pk=staff_in_dept.person_id).update(user=ctx.users["staff"], email="staff@demo.bilim.kg")


def run(students: int = 400, seed: int = 2026, quiet: bool = False, today: dt.date | None = None) -> SeedContext:
    """Load the demo data set into an empty database (refuses to run twice)."""
    if Institution.objects.filter(code="oshsu").exists():
        raise RuntimeError("The database already holds data; demo data is loaded only into an empty database.")
    ctx = SeedContext(rng=random.Random(seed), today=today or dt.date(2026, 11, 21), quiet=quiet)
    with transaction.atomic():
        ctx.log("institutions, units, programmes, courses, terms…")
        _institutions(ctx)
        _units(ctx)
        courses = _programmes_and_courses(ctx)
        _terms(ctx)
        _staff(ctx)
        ctx.log(f"{students} students…")
        _students(ctx, students)
        _grades(ctx, courses)
        _bodies(ctx)
        _users(ctx)
        for app in django_apps.get_app_configs():
            if not app.name.startswith("bilim.apps.") or app.name == "bilim.apps.desk":
                continue
            try:
                module = importlib.import_module(f"{app.name}.seed")
            except ModuleNotFoundError as exc:
                if exc.name == f"{app.name}.seed":
                    continue
                raise
            ctx.log(f"{app.label}…")
            module.seed(ctx)
    return ctx
