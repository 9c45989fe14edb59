"""Demo mobility data for ``bilim seed``: agreements with every partner, quotas, published calls,
student files in every state, staff trips, incoming students and the default document templates."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from typing import Any

from bilim.apps.mobility import models as m
from bilim.apps.mobility.documents.defaults import DEFAULTS

STATES = ["APPLIED", "DOCS_COMPLETE", "SELECTED", "NOMINATED", "REFERRED", "INVITED", "ISP_APPROVED", "BRIEFED", "ORDER_ISSUED",
          "ABROAD", "RETURNED", "DOCS_RETURNED", "HOST_RESULTS_CLEAR", "CLOSED", "NOT_SELECTED", "WITHDRAWN"]
# a step of the dean's office (open the selection, nominate, recognise), of the deputy deans (the ISP, the briefing)
OFFICE_STATES = ["DOCS_COMPLETE", "SELECTED", "INVITED", "ISP_APPROVED", "DOCS_RETURNED"]


def seed(ctx: Any) -> None:
    rng, today = ctx.rng, ctx.today
    for code, texts in DEFAULTS.items():
        m.DocumentTemplate.objects.get_or_create(code=code, defaults=texts)
    oshsu = ctx.institutions["oshsu"]
    # the demo student: a 3rd-year budget bachelor with no debt, so that the demo journey can go abroad
    from bilim.apps.people.models import Person, Student

    demo = ctx.users.get("student")
    if demo is not None:
        if not Student.objects.filter(person__user=demo).exists() and "math-ba" in ctx.programmes:
            # small seeds may hold no mathematics bachelor to link: give the demo account its own record
            prog = ctx.programmes["math-ba"]
            person, _c = Person.objects.get_or_create(user=demo, defaults={"last_name": demo.last_name or "Осмонова", "first_name": demo.first_name or "Айгүл",
                                                                        "first_name_latin": "Aigul", "last_name_latin": "Osmonova", "email": demo.email})
            Student.objects.create(person=person, institution=prog.institution, unit=prog.unit, programme=prog, student_number="DEMO-0001",
                                   level="bachelor", year_of_study=3, semester=5)
        Student.objects.filter(person__user=demo).update(year_of_study=3, semester=5, funding="budget", tuition_debt=0, status="active")
    # academic personas are OshSU staff members: a trip's project leader is chosen among such accounts (OSU-4.8-STAFF-3)
    from bilim.apps.people.models import Staff

    free = list(dict.fromkeys(Staff.objects.filter(institution=oshsu, person__user__isnull=True).order_by("id").values_list("person_id", flat=True)))
    for username in ("programme_leader", "head_of_department"):
        user = ctx.users.get(username)
        if user is not None and free and not Person.objects.filter(user=user).exists():
            Person.objects.filter(pk=free.pop(0)).update(user=user, email=user.email)
    partners = [i for code, i in ctx.institutions.items() if code not in ("oshsu", "ktmu")]
    programme_by_country = {"TR": "MEVLANA", "KZ": "ORHUN", "RU": "MINISTRY", "DE": "DAAD", "CN": "SCO_UNIVERSITY", "PL": "ERASMUS_PLUS",
                            "LT": "ERASMUS_PLUS", "EE": "ERASMUS_PLUS", "HU": "ERASMUS_PLUS", "UZ": "OSH_DECLARATION", "TJ": "OSH_DECLARATION",
                            "IN": "ITEC", "KG": "OSH_DECLARATION"}
    agreements = {}
    year = f"{today.year if today.month >= 9 else today.year - 1}-{(today.year if today.month >= 9 else today.year - 1) + 1}"
    for p in partners:
        a = m.Agreement.objects.create(
            partner=p, kind=m.Agreement.Kind.BILATERAL if p.country != "KG" else m.Agreement.Kind.MEMORANDUM, number=f"{rng.randint(10, 99)}/{p.code}",
            signed_on=dt.date(2022, rng.randint(1, 12), 1), starts_on=dt.date(2022, 9, 1), ends_on=dt.date(2027 + rng.randint(0, 3), 8, 31),
            areas="student and staff exchange", funding_programme=programme_by_country.get(p.country, "OWN_BUDGET"),
            la_required=p.country in ("PL", "LT", "EE", "HU", "DE"),
            conversion_table=[{"grade": g, "score_100": s} for g, s in [("AA", "95"), ("BA", "87"), ("BB", "80"), ("CB", "75"), ("CC", "70"),
                                                                          ("DC", "65"), ("DD", "60"), ("FD", "45"), ("FF", "30")]] if p.country == "TR" else [])
        agreements[p.code] = a
        for level in ("BACHELOR", "MASTER"):
            m.AgreementQuota.objects.create(agreement=a, academic_year=year, level=level, capacity=rng.randint(1, 4))
    fac = ctx.units.get("oshsu-math")
    call_specs = [("ankara", "Mevlana 2027 — Ankara University (spring semester)", "MEVLANA", "FD_COMPETITION"),
                  ("uw", "Erasmus+ 2027 — University of Warsaw", "ERASMUS_PLUS", "IRD_COMMISSION"),
                  ("knu", "Osh Declaration — Kyrgyz National University (spring 2027)", "OSH_DECLARATION", "FD_COMPETITION")]
    calls = []
    for code, title, prog, kind in call_specs:
        if code not in ctx.institutions:
            continue
        calls.append(m.Call.objects.create(
            title=title, agreement=agreements.get(code), host=ctx.institutions[code], faculty=fac, programme=prog, level="BACHELOR",
            procedure="Арыз, документтер ЭАБДга; факультеттик конкурс; натыйжалар сайтта жарыяланат.",
            conditions="Окуу акысы алынбайт; стипендия сакталат.", requirements="GPA > 3; 2-курстан баштап; чет тилин билүү.",
            criteria="GPA, тил, мотивациялык кат", links="https://oshsu.kg/ird", opens_on=today - dt.timedelta(days=20),
            deadline=today + dt.timedelta(days=25), selection_on=today + dt.timedelta(days=30), mobility_start=dt.date(today.year + 1, 2, 1),
            mobility_end=dt.date(today.year + 1, 6, 30), selection_kind=kind, weights={"GPA": 60, "LANGUAGE": 40}, grant_based=kind == "IRD_COMMISSION",
            la_required=prog == "ERASMUS_PLUS", quota=3, published=True))
    students = [s for s in ctx.students if s.institution_id == oshsu.id and s.level in ("bachelor", "master") and s.year_of_study >= 2]
    rng.shuffle(students)
    hosts = [p for p in partners if p.code in agreements]
    # The demo faculty's offices (dean_office, deputy deans of the Mathematics faculty) find files waiting for their own
    # step: the first 40 files fall on random faculties, so five more files of that faculty's students wait at a step
    # each office takes (own random stream, so the files above keep their data).
    from bilim.apps.accounts.models import RoleAssignment
    from bilim.apps.mobility.workflows import kind_of, workflow

    office = RoleAssignment.objects.filter(user=ctx.users.get("dean_office"), role="dean_office").values_list("unit_id", flat=True).first()
    candidates = [s for s in students[40:] if s.unit_id == office][:20]
    with_account = set(Student.objects.filter(pk__in=[s.pk for s in candidates], person__user__isnull=False).values_list("pk", flat=True))
    extra = [s for s in candidates if s.pk not in with_account]
    extra_rng = random.Random(2027)
    files: list[tuple[Any, str, Any, bool | None]] = [(s, STATES[i % len(STATES)], rng, None) for i, s in enumerate(students[:40])]
    files += [(s, state, extra_rng, True) for s, state in zip(extra, OFFICE_STATES)]
    for i, (s, state, rng_i, office_file) in enumerate(files):
        host = rng_i.choice(hosts)
        long_term = bool(office_file) or i % 4 != 0
        # every third long-term external file is a distance one (§4.2): it runs on the distance table, its stay is online
        mode = "DISTANCE" if not office_file and long_term and host.country != "KG" and i % 3 == 0 else "PHYSICAL"
        probe = m.StudentMobility(term="LONG" if long_term else "SHORT", scope="INTERNAL" if host.country == "KG" else "EXTERNAL", mode=mode)
        table = workflow(kind_of(probe, "student"))
        # a state of the file's own table (a short stay has no ISP, no LA, no recognition: the nearest state before it)
        state = {"ABROAD": "STUDYING_ONLINE"}.get(state, state) if mode == "DISTANCE" else state
        if state not in table.states:
            state = {"ISP_APPROVED": "INVITED", "BRIEFED": "INVITED", "HOST_RESULTS_CLEAR": "DOCS_RETURNED"}.get(state, state)
        start = dt.date(today.year - (1 if state in ("RETURNED", "DOCS_RETURNED", "HOST_RESULTS_CLEAR", "CLOSED") else 0), 2, 1)
        end = start + (dt.timedelta(days=140) if long_term else dt.timedelta(days=13))
        mob = m.StudentMobility.objects.create(
            student=s, host=host, agreement=agreements[host.code], purpose="Окуу", language="English", specialty=s.programme.name_en,
            expected_funding=agreements[host.code].get_funding_programme_display(), year_of_study=s.year_of_study, start_date=start, end_date=end,
            term="LONG" if long_term else "SHORT", scope="INTERNAL" if host.country == "KG" else "EXTERNAL", state=state, mode=mode,
            gpa=Decimal(rng_i.randint(250, 400)) / 100, returned_on=end + dt.timedelta(days=1) if state in ("RETURNED", "DOCS_RETURNED", "HOST_RESULTS_CLEAR", "CLOSED") else None,
            dlt_state="NO_DLT_DISCIPLINES" if state in ("RETURNED", "DOCS_RETURNED", "HOST_RESULTS_CLEAR", "CLOSED") else "")
        if state in ("DOCS_RETURNED", "HOST_RESULTS_CLEAR", "CLOSED"):
            for k in range(3):
                failed = rng_i.random() < 0.15
                hr = m.HostResult.objects.create(mobility=mob, host_code=f"H{k + 101}", title=f"Course {k + 1}", credits=Decimal(rng_i.choice([4, 5, 6])),
                                                 grade="FF" if failed else rng_i.choice(["AA", "BA", "BB"]), grade_scale="TR_4",
                                                 outcome="UNSATISFACTORY" if failed else "PASSED", score_100=None if failed else Decimal(rng_i.randint(70, 95)))
                if state != "DOCS_RETURNED":
                    m.Recognition.objects.create(host_result=hr, decision="REFUSED" if failed else "RECOGNISED", reason="unsatisfactory at the host" if failed else "",
                                                 component="" if failed else "ELECTIVE", score_100=hr.score_100, decided_on=today - dt.timedelta(days=rng_i.randint(5, 60)))
    staff = [s for s in ctx.staff if s.institution_id == oshsu.id]
    for i, st in enumerate(staff[:12]):
        host = rng.choice(hosts)
        state = ["DRAFT", "APPROVAL_HOD", "APPROVAL_DEAN", "APPROVAL_VR_SCI", "ORDER_ISSUED", "RETURNED", "REPORTING", "CLOSED"][i % 8]
        start = today + dt.timedelta(days=rng.randint(-90, 60))
        m.StaffTrip.objects.create(staff=st, host=host, purpose="Конференция", start_date=start, end_date=start + dt.timedelta(days=5),
                                   scope="INTERNAL" if host.country == "KG" else "EXTERNAL", funding_sources=["UNIVERSITY"] if i % 2 else ["HOST"],
                                   substitution_info="Сабактар кафедрада алмаштырылат", state=state,
                                   returned_on=start + dt.timedelta(days=5) if state in ("RETURNED", "REPORTING", "CLOSED") else None)
    # and one trip of a staff member of that faculty waits for the dean's approval
    from bilim.apps.org.models import Unit

    departments = set(Unit.objects.filter(parent_id=office).values_list("pk", flat=True)) if office else set()
    dept_staff = [st for st in staff[12:] if st.unit_id in departments]
    with_account = set(Staff.objects.filter(pk__in=[st.pk for st in dept_staff[:20]], person__user__isnull=False).values_list("pk", flat=True))
    for st in [st for st in dept_staff[:20] if st.pk not in with_account][:1]:
        start = today + dt.timedelta(days=30)
        m.StaffTrip.objects.create(staff=st, host=extra_rng.choice(hosts), purpose="Эл аралык илимий конференция", start_date=start,
                                   end_date=start + dt.timedelta(days=5), scope="EXTERNAL", funding_sources=["UNIVERSITY"],
                                   substitution_info="Сабактар кафедрада алмаштырылат", state="APPROVAL_DEAN")
    faculties = [u for u in ctx.units.values() if u.institution_id == oshsu.id and u.kind == "faculty"] or [fac]
    names = [("Yılmaz", "Ayşe", "TR"), ("Kowalska", "Anna", "PL"), ("Nurlanuly", "Arman", "KZ"), ("Karimov", "Jasur", "UZ"), ("Müller", "Lena", "DE")]
    for i, (last, first, cc) in enumerate(names):
        home = next((p for p in partners if p.country == cc), partners[0])
        m.IncomingMobility.objects.create(last_name=last, first_name=first, citizenship=cc, home=home, agreement=agreements.get(home.code),
                                          faculty=rng.choice(faculties), start_date=dt.date(today.year + 1, 2, 1), end_date=dt.date(today.year + 1, 6, 30),
                                          scope="EXTERNAL", term="LONG", state=["NOMINATION_RECEIVED", "ACCEPTED", "ARRIVED", "STUDYING", "DEPARTED"][i])
    _seed_staff_visits(ctx, faculties, partners)
    _seed_office(ctx, oshsu, faculties, partners)


def _seed_staff_visits(ctx: Any, faculties: list[Any], partners: list[Any]) -> None:
    """Visiting staff (§4.5) at each stage of their own table, through the services (transitions and audit rows exist)."""
    from django.core.exceptions import PermissionDenied, ValidationError

    from bilim.apps.mobility import services as svc

    ird = ctx.users.get("ird_officer")
    if ird is None or not partners:
        return
    today = ctx.today
    guests = [("Demir", "Ali", "TR", "REQUESTED"), ("Nowak", "Piotr", "PL", "INVITED"), ("Abenova", "Dana", "KZ", "ON_SITE"),
              ("Tashiev", "Marat", "KG", "COMPLETED")]
    for n, (last, first, cc, until) in enumerate(guests):
        home = next((p for p in partners if p.country == cc), partners[0])
        start = today + dt.timedelta(days=30 * (n - 2))
        try:
            inc = svc.incoming_register(actor=ird, kind="STAFF", last_name=last, first_name=first, citizenship=cc, home=home, faculty=faculties[0],
                                        start_date=start, end_date=start + dt.timedelta(days=10), level="STAFF")
        except (ValidationError, PermissionDenied):  # the demo IRD officer may not reach this faculty in a small seed: no visits then
            return
        for target in ("INVITED", "ON_SITE", "COMPLETED"):
            if inc.state == until:
                break
            svc.incoming_step(actor=ird, inc=inc, target=target, **({"visa_valid_until": start + dt.timedelta(days=30)} if target == "ON_SITE" else {}))


def _seed_office(ctx: Any, oshsu: Any, faculties: list[Any], partners: list[Any]) -> None:
    """Demo office-support records: tasks and an alert, a consultation, letters, an LA change, a programme and an event,
    financial data on a few files, and a partner-list mailing."""
    from bilim.apps.accounts.models import RoleAssignment
    from bilim.apps.mobility.services_office import faculty_vdir

    today, users = ctx.today, ctx.users
    ird = users.get("ird_officer")
    units = [u for u in ctx.units.values() if u.institution_id == oshsu.id]
    # first the units where the demo dean's office and VDIR work, so that their task lists are not empty
    demo_units = [ra.unit for ra in RoleAssignment.objects.filter(user__username__in=["dean_office", "deputy_dean_ir"]).exclude(unit=None).select_related("unit")]
    for i, unit in enumerate((demo_units + faculties + units)[:6]):
        m.Task.objects.create(title=["Номинацияларды чогултуу", "Стипендияларды төлөө",
                                     "Өнөктөшкө кат"][i % 3], unit=unit,
                              assignee=faculty_vdir(unit) if unit.kind in ("faculty", "institute", "college") else None,
                              due_on=today + dt.timedelta(days=7 * (i + 1)), status="DONE" if i == 5 else "OPEN", created_by=ird)
    mobs = list(m.StudentMobility.objects.select_related("student__unit", "host").order_by("id"))
    returned = next((x for x in mobs if x.state == "RETURNED"), None)
    if returned is not None:
        m.Task.objects.create(kind="ALERT", title="Документтер мөөнөтүнөн өттү / documents overdue", unit=returned.student.unit,
                              assignee=faculty_vdir(returned.student.unit), mobility=returned, alert_key=f"docs-overdue-{returned.pk}")
    if users.get("student"):
        m.Consultation.objects.create(author=users["student"], topic="FUNDING", question="Mevlana стипендиясы ай сайын төлөнөбү?")
    if users.get("staff") and ird:
        m.Consultation.objects.create(author=users["staff"], topic="PROGRAMMES", question="Erasmus+ staff mobility 2027?", status="ANSWERED",
                                      answer="Ооба, чакырык январда жарыяланат.", answered_by=ird)
    for i, p in enumerate(partners[:3]):
        m.Correspondence.objects.create(partner=p, on=today - dt.timedelta(days=10 * (i + 1)), direction="OUT" if i % 2 == 0 else "IN",
                                        subject="Квоталар 2027", note="", recorded_by=ird)
    abroad = next((x for x in mobs if x.state == "ABROAD"), None)
    if abroad is not None:
        m.Correspondence.objects.create(mobility=abroad, partner=abroad.host, on=today - dt.timedelta(days=3), direction="IN", topic="PROGRESS",
                                        subject="Аралык баалар / midterm grades", recorded_by=users.get("deputy_dean_ir"))
        abroad.arrived_on = abroad.start_date
        abroad.save(update_fields=["arrived_on"])
        la_isp = abroad.isp_versions.order_by("-number").first()
        if la_isp is not None and not abroad.learning_agreements.exists():
            m.LearningAgreement.objects.create(mobility=abroad, isp=la_isp, number=1, student_signed_on=abroad.start_date,
                                               home_signed_on=abroad.start_date, host_signed_on=abroad.start_date)
        m.LaChange.objects.create(mobility=abroad, change="ADDED", host_code="H201", title="Numerical methods", credits=Decimal(5),
                                  reason="Курс жокко чыгарылды / course cancelled", changed_on=today - dt.timedelta(days=20))
    for i, mob in enumerate(mobs[:8]):
        mob.funding_programme = ["MEVLANA", "ERASMUS_PLUS", "OWN_BUDGET", "DAAD"][i % 4]
        mob.stipend_amount = Decimal([450, 850, 0, 934][i % 4])
        mob.fee_amount = Decimal(0)
        mob.currency = ["TRY", "EUR", "KGS", "EUR"][i % 4]
        mob.save(update_fields=["funding_programme", "stipend_amount", "fee_amount", "currency"])
    fac = faculties[0]
    prog = m.MobilityProgramme.objects.create(kind="EXCHANGE", title="Mevlana: математика", faculty=fac, partner=partners[0] if partners else None,
                                              disciplines="Сызыктуу алгебра\nАнализ", description="")
    m.ProgrammeCourse.objects.create(programme=prog, host_code="MAT201", host_title="Lineer Cebir", credits=Decimal(6))
    event = m.MobilityProgramme.objects.create(kind="SUMMER_SCHOOL", title="Ош жайкы мектеби", faculty=fac,
                                               starts_on=dt.date(today.year + 1, 7, 1), ends_on=dt.date(today.year + 1, 7, 14))
    m.IncomingMobility.objects.filter(pk=m.IncomingMobility.objects.order_by("id").values("pk")[:1]).update(event=event)
    if ird:
        m.PartnerListMailing.objects.create(sent_by=ird, recipients=len(ctx.staff), partners=len(partners))
