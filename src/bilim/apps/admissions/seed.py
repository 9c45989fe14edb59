"""Demo data for KTMU admissions, created through the services (so every step has its transition and audit rows):

* the 2027 round of a master's programme run to the end: applicants at every stage (draft, submitted, rejected,
  written exam waived, failed, absent, ranked with a tie decided by the specialist-exam key, entitled, reserves, not
  placed, an international candidate, a specialist-exam appeal corrected by the institute board, a registered student,
  a lost right and a reserve called in its place);
* a second 2027 round whose applications are open now, with three checked candidates waiting for the exam — the
  browser journey applies to it;
* one file each of special status (W-06), incoming exchange (W-07), outgoing exchange (W-08) and a junior
  researcher's transfer (W-09).

Demo account (password ``bilim-demo-2026``): ``kadmissions`` (Student Affairs officer of the institute; also records
the commission's protocol and score sheet). ``kcommission`` (the commission's secretary) exists without a login so
that the first-run screen stays one screen.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.contrib.auth.hashers import make_password
from django.core.files.base import ContentFile
from django.utils import timezone

from bilim.apps.accounts.models import Role, RoleAssignment, User
from bilim.apps.admissions import services as svc
from bilim.apps.admissions.models import Application, Commission
from bilim.apps.curriculum.models import Programme
from bilim.apps.governance.models import Body, Decision
from bilim.apps.people.models import Level, Student

DEMO_PASSWORD = "bilim-demo-2026"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
MA_DOCS = ("APPLICATION_FORM", "BACHELOR_DIPLOMA", "TRANSCRIPT", "ID_CARD")
D = Decimal


def _user(ctx: Any, username: str, first: str, last: str, role: str | None = None, login: bool = False, **scope: Any) -> User:
    """A user of the demo data; only the demo accounts (``login=True``) get the demo password."""
    user = User.objects.create(username=username, first_name=first, last_name=last, email=f"{username}@demo.bilim.kg",
                               password=make_password(DEMO_PASSWORD) if login else "!", language="ky")
    if role:
        RoleAssignment.objects.create(user=user, role=role, starts_on=dt.date(2023, 9, 1), **scope)
    ctx.users[username] = user
    return user


def _decision(body: Body, number: str, date: dt.date, title: str, subject: Any = None, subject_type: str = "") -> Decision:
    return Decision.objects.create(body=body, number=number, date=date, title=title, status=Decision.Status.ADOPTED, adopted_at=timezone.now(),
                                   subject_type=subject._meta.label_lower if subject is not None else subject_type,
                                   subject_id=str(subject.pk) if subject is not None else "")


class _Seeder:
    def __init__(self, ctx: Any, officer: User) -> None:
        self.ctx, self.officer, self.n = ctx, officer, 0

    def candidate(self, rnd: Any, last: str, first: str, *, docs: tuple[str, ...] = MA_DOCS, **data: Any) -> Application:
        self.n += 1
        user = User.objects.create(username=f"cand{rnd.pk}-{self.n}", first_name=first, last_name=last, email=f"cand{rnd.pk}-{self.n}@demo.bilim.kg",
                                   password="!", language="ky")
        base = {"last_name": last, "first_name": first, "citizenship": "KR", "diploma_country": "KG", "diploma_languages": "KY",
                "diploma_grade": D("85"), "diploma_scale": "100"}
        base.update(data)
        app = svc.application_save(actor=user, round=rnd, data=base)
        for kind in docs:
            svc.document_add(actor=user, application=app, kind=kind, file=ContentFile(PDF, name=f"{kind.lower()}.pdf"))
        return app

    def checked(self, app: Application, submitted: dt.date, checked: dt.date) -> Application:
        svc.application_submit(actor=app.user, application=app, on=submitted)
        svc.application_check(actor=self.officer, application=app, on=checked)
        return app


def _commission_members(prefix: str) -> list[dict[str, Any]]:
    names = ["проф. Ж. Асанов", "доц. А. Бекова", "доц. Т. Осмонов", "доц. Г. Сыдыкова", "доц. Н. Турдубаев"]
    return [{"person": f"{prefix} {n}", "role": "principal" if i < 3 else "substitute"} for i, n in enumerate(names)]


def seed(ctx: Any) -> None:
    ktmu = ctx.institutions.get("ktmu")
    if ktmu is None:
        return
    programmes = list(Programme.objects.filter(institution=ktmu, level=Level.MASTER, field_of_science__isnull=False).order_by("code")[:2])
    if len(programmes) < 2:
        return
    p1, p2 = programmes
    institute = p1.unit
    fos = p1.field_of_science
    assert fos is not None and p2.field_of_science is not None, "a postgraduate programme belongs to a field of science"
    board = Body.objects.filter(institution=ktmu, kind=Body.Kind.INSTITUTE_BOARD, unit=institute).first()
    trustees = Body.objects.filter(institution=ktmu, kind=Body.Kind.TRUSTEES).first()
    if board is None or trustees is None:
        return
    spec_body = Body.objects.create(institution=ktmu, unit=institute, kind=Body.Kind.SPEC_EXAM_COMMISSION, code=f"spec-{institute.code}",
                                    name_ky=f"{institute.name_ky}: адистик сынак комиссиясы", name_en=f"{institute.name_en}: specialist exam commission",
                                    name_ru=f"{institute.name_ru}: комиссия специального экзамена", name_tr=f"{institute.name_tr}: alan sınavı komisyonu")
    intl_body = Body.objects.create(institution=ktmu, unit=institute, kind=Body.Kind.INTL_ORAL_COMMISSION, code=f"intl-{institute.code}",
                                    name_ky=f"{institute.name_ky}: эл аралык талапкерлердин оозеки сынак комиссиясы",
                                    name_en=f"{institute.name_en}: oral exam commission (international)",
                                    name_ru=f"{institute.name_ru}: комиссия устного экзамена", name_tr=f"{institute.name_tr}: sözlü sınav komisyonu")
    officer = _user(ctx, "kadmissions", "Айнура", "Жумабаева", Role.DEAN_OFFICE, login=True, institution=ktmu, unit=institute)
    secretary = _user(ctx, "kcommission", "Бакыт", "Сарыгулов", Role.BOARD_SECRETARY, institution=ktmu, body=spec_body)
    s = _Seeder(ctx, officer)

    settings_decision = _decision(board, "2027-05.14", dt.date(2027, 5, 20), "Кабыл алуунун шарттары: ALES түрлөрү", subject_type="admissions.round")
    dates = dict(application_start=dt.date(2027, 6, 21), application_end=dt.date(2027, 7, 20), exam_date=dt.date(2027, 7, 27),
                 exam_time=dt.time(10, 0), exam_place="Чыңгыз Айтматов кампусу, А-блок, 101", finreg_start=dt.date(2027, 8, 16),
                 finreg_end=dt.date(2027, 8, 20))
    r1 = svc.round_create(actor=officer, programme=p1, year=2027, quota=3, reserves=2, accepted_ales_types=["SAY", "EA"],
                          fos_proposal_on=dt.date(2027, 5, 10), settings_decision=settings_decision, **dates)
    appoint = _decision(board, "2027-06.07", dt.date(2027, 6, 10), "Сынак комиссияларын аныктоо", subject_type="admissions.application")
    svc.commission_appoint(actor=officer, round=r1, kind=Commission.Kind.SPECIALIST, body=spec_body, members=_commission_members(fos.code),
                           proposed_on=dt.date(2027, 6, 1), decision=appoint)
    sub, chk = dt.date(2027, 7, 1), dt.date(2027, 7, 8)
    # stages before the exam
    s.candidate(r1, "Токтогулова", "Мээрим", docs=("BACHELOR_DIPLOMA",))  # draft, not submitted
    applied = s.candidate(r1, "Исаков", "Эмил")
    svc.application_submit(actor=applied.user, application=applied, on=sub)
    rejected = s.candidate(r1, "Абдыкадыров", "Руслан", diploma_grade=D("1.80"), diploma_scale="4")
    svc.application_submit(actor=rejected.user, application=rejected, on=sub)
    svc.application_reject(actor=officer, application=rejected, reason="Дипломдун орточо баасы 1,80 < 2,00 (KTMU-10(5)-1).")
    # the exam
    aida = s.checked(s.candidate(r1, "Асанова", "Аида", diploma_grade=D("80")), sub, chk)
    bakyt = s.checked(s.candidate(r1, "Бекташев", "Бакыт", diploma_grade=D("90")), sub, chk)
    chynara = s.checked(s.candidate(r1, "Чокоева", "Чынара", diploma_grade=D("78")), sub, chk)
    daniyar = s.checked(s.candidate(r1, "Дөөлөтов", "Данияр", diploma_grade=D("70"), waiver_exam="ALES", waiver_score=D("72.5"),
                                    waiver_ales_type="SAY", waiver_exam_date=dt.date(2026, 5, 10)), sub, chk)
    elnura = s.checked(s.candidate(r1, "Эркинбекова", "Элнура", diploma_grade=D("75")), sub, chk)
    farida = s.checked(s.candidate(r1, "Фаизова", "Фарида", diploma_grade=D("60")), sub, chk)
    gulzat = s.checked(s.candidate(r1, "Гапарова", "Гүлзат"), sub, chk)
    kubat = s.checked(s.candidate(r1, "Кубатов", "Кубат"), sub, chk)
    intl = s.candidate(r1, "Khan", "Amir", citizenship="FOREIGN", diploma_country="PK", diploma_languages="EN", preferred_oral_language="EN",
                       docs=("APPLICATION_FORM", "BACHELOR_DIPLOMA", "TRANSCRIPT", "PASSPORT", "RECOGNITION_KR"))
    s.checked(intl, sub, chk)
    svc.commission_appoint(actor=officer, round=r1, kind=Commission.Kind.INTERNATIONAL, body=intl_body,
                           members=[{"person": n} for n in ("проф. А. Керимов", "доц. Б. Садыкова", "доц. Ч. Мамбетов")],
                           proposed_on=dt.date(2027, 6, 1), decision=appoint)
    protocol = _decision(spec_body, "АС-2027/1", dt.date(2027, 7, 27), "Адистик сынактын протоколу", subject_type="admissions.application")
    oral_protocol = _decision(intl_body, "ОС-2027/1", dt.date(2027, 7, 27), "Оозеки сынактын протоколу", subject_type="admissions.application")
    for app, written, oral in ((aida, "90", "90"), (bakyt, "80", "80"), (chynara, "84", "80"), (daniyar, None, "74"), (elnura, "76", "78"),
                               (farida, "72", "70"), (gulzat, "68", "90")):
        svc.scores_enter(actor=secretary, application=app, decision=protocol, written=D(written) if written else None, oral=D(oral))
    svc.scores_enter(actor=secretary, application=kubat, decision=protocol, absent=True)
    svc.scores_enter(actor=secretary, application=intl, decision=oral_protocol, oral=D("82"))
    svc.results_publish(actor=officer, round=r1, on=dt.date(2027, 8, 2))
    # Элнура appeals; the commission finds an adding-up error; the institute board corrects the grade and the round is re-ranked
    elnura.refresh_from_db()
    appeal = svc.appeal_file(actor=elnura.user, application=elnura, reason="Жазуу сынагынын баллдары туура эмес кошулган деп эсептейм.",
                             on=dt.date(2027, 8, 3))
    svc.appeal_review(actor=secretary, appeal=appeal, decision=_decision(spec_body, "АС-2027/2", dt.date(2027, 8, 4), "Апелляцияны кароо", subject=appeal),
                      findings="Жазуу иштин 3-суроосунун баллы жыйынтыкка кошулбай калган: 76 → 86.", on=dt.date(2027, 8, 4),
                      papers_attached=True, technical_error=True, corrected_written=D("86"))
    svc.appeal_decide(actor=officer, appeal=appeal, decision=_decision(board, "2027-08.03", dt.date(2027, 8, 5), "Апелляция боюнча баа оңдолот", subject=appeal))
    lists = _decision(board, "2027-08.05", dt.date(2027, 8, 9), "Катталуу укугуна ээ болгон жана резервдик талапкерлердин тизмеси",
                      subject_type="admissions.application")
    svc.lists_decide(actor=officer, round=r1, decision=lists, published_on=dt.date(2027, 8, 9))
    entitled = list(r1.applications.filter(state="ENTITLED").order_by("rank"))
    if entitled:
        first = entitled[0]
        svc.application_register(actor=officer, application=first, on=dt.date(2027, 8, 16),
                                 forms={d.kind: "ORIGINAL" for d in first.documents.all()})
    svc.registration_close(actor=officer, round=r1, on=dt.date(2027, 8, 23))

    # the round open now (the browser journey applies to it)
    today = ctx.today
    settings2 = _decision(board, f"{today.year}-{today.month:02d}.21", today - dt.timedelta(days=40), "Кабыл алуунун шарттары",
                          subject_type="admissions.round")
    r2 = svc.round_create(actor=officer, programme=p2, year=2027, quota=2, reserves=1, accepted_ales_types=["SAY"], fos_proposal_on=today - dt.timedelta(days=45),
                          settings_decision=settings2, application_start=today - dt.timedelta(days=30), application_end=today + dt.timedelta(days=60),
                          exam_date=today + dt.timedelta(days=65), exam_time=dt.time(10, 0), exam_place="Чыңгыз Айтматов кампусу, Б-блок, 204",
                          finreg_start=today + dt.timedelta(days=80), finreg_end=today + dt.timedelta(days=84))
    appoint2 = _decision(board, f"{today.year}-{today.month:02d}.22", today - dt.timedelta(days=35), "Сынак комиссиясын аныктоо",
                         subject_type="admissions.application")
    svc.commission_appoint(actor=officer, round=r2, kind=Commission.Kind.SPECIALIST, body=spec_body, members=_commission_members(p2.field_of_science.code),
                           proposed_on=today - dt.timedelta(days=38), decision=appoint2)
    for last_name, first_name, grade in (("Осмонова", "Айпери", "80"), ("Сатылганов", "Нурбек", "90"), ("Турсунбаев", "Улан", "70")):
        s.checked(s.candidate(r2, last_name, first_name, diploma_grade=D(grade)), today - dt.timedelta(days=10), today - dt.timedelta(days=5))
    _decision(board, f"{today.year}-{today.month:02d}.30", today, "Тизмелер (демо)", subject_type="admissions.application")

    # W-06 … W-09
    special = svc.special_apply(actor=_user(ctx, "kspecial", "Жыпар", "Алымкулова"), programme=p1, full_name="Алымкулова Жыпар", degree_years=4,
                                graduated=True, previous_semesters=0, period_start=today - dt.timedelta(days=3), period_end=today + dt.timedelta(days=10),
                                on=today)
    svc.special_step(actor=_user(ctx, "kadm_fos", "Нурлан", "Орозбаев", Role.HEAD_OF_DEPARTMENT, institution=ktmu, unit=fos), special=special,
                     action="give_opinion", on=today)
    svc.incoming_apply(actor=User.objects.create(username="incoming1", email="incoming1@demo.bilim.kg", password="!"), programme=p1,
                       full_name="Yılmaz Elif", home_hei="Ankara Üniversitesi", home_country="TR", home_level="MA", semester_label="2027 жаз",
                       selection_start=today - dt.timedelta(days=5), selection_end=today + dt.timedelta(days=10), has_home_decision=True, on=today)
    kstudent = Student.objects.filter(person__user=ctx.users.get("kstudent")).first()
    if kstudent is not None:
        svc.outgoing_request(actor=ctx.users["kstudent"], student=kstudent, host_hei="Marmara Üniversitesi", host_country="TR",
                             host_level="MA" if kstudent.level == Level.MASTER else "PHD")
    jr_user = User.objects.create(username="kjr", email="kjr@demo.bilim.kg", password="!")
    opened = _decision(trustees, f"{today.year}-{today.month:02d}.T1", today - dt.timedelta(days=20), f"{p2.name_ky}: программа ачылды",
                       subject_type="admissions.juniorresearchertransfer")
    rec = svc.transfer_open(actor=officer, user=jr_user, target=p2, decision=opened, full_name="Маматов Эрлан", enrolled_programme="КНУ, магистратура",
                            completed_semesters=1, first_add_drop_end=today + dt.timedelta(days=30))
    svc.transfer_step(actor=jr_user, rec=rec, action="apply", on=today)
