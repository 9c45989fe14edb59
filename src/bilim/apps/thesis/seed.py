"""Demo data for languages, preparation, supervision and the thesis: KTMU master's and doctoral students at
every stage, all made through the services (so the history, explanations and audit rows exist).

One new account (password ``bilim-demo-2026``): ``kphd``, a doctoral student with the coursework done and
the qualifying exam due. The other students have no account (their papers are recorded by the institute);
the institute secretariat ``kinstitute``, the FoS head ``kfos_head`` and the board secretary
``board_secretary`` act on them.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.hashers import make_password

from bilim.apps.accounts.models import Role, RoleAssignment, User
from bilim.apps.curriculum.models import Programme, Term
from bilim.apps.governance.models import Body, Decision
from bilim.apps.governance.services import decision_adopt, decision_create
from bilim.apps.org.models import Unit
from bilim.apps.people.models import Level, Person, Staff, Student
from bilim.apps.thesis import models as m
from bilim.apps.thesis import services as s

DEMO_PASSWORD = "bilim-demo-2026"
D = dt.date


class _Seed:
    def __init__(self, ctx: Any, student: Student) -> None:
        self.ctx = ctx
        self.ktmu = student.institution
        assert student.unit is not None and student.programme.field_of_science is not None, "a KTMU student has an institute and a field"
        self.inst: Unit = student.unit
        self.fos: Unit = student.programme.field_of_science
        self.ma: Programme = student.programme
        self.phd = Programme.objects.filter(field_of_science=self.fos, level__in=[Level.DOCTORATE, Level.ARTS]).first() or self.ma
        self.admin = ctx.users.get("admin") or User.objects.filter(is_superuser=True).first()
        self.n = 0
        self.officer = ctx.users.get("kinstitute") or self.user("kinstitute", "Элмира", "Байышова", Role.DEAN_OFFICE, self.inst)
        self.fos_head = ctx.users.get("kfos_head") or self.user("kfos_head", "Үмүт", "Карыпова", Role.HEAD_OF_DEPARTMENT, self.fos)
        self.secretary = ctx.users.get("board_secretary") or self.user("kboard", "Асель", "Токтосунова", Role.BOARD_SECRETARY, self.inst)
        board = Body.objects.filter(kind=Body.Kind.INSTITUTE_BOARD, unit=self.inst).first()
        assert board is not None, "the base seed creates the institute board"
        self.board: Body = board
        self.council = self.body(Body.Kind.FOS_COUNCIL, self.fos, f"fos-council-{self.fos.code}", f"{self.fos.name_ky}: академиялык кеңеш",
                                 f"{self.fos.name_en}: FoS academic council")
        self.mgmt = self.body(Body.Kind.INST_MGMT, self.inst, f"mgmt-{self.inst.code}", f"{self.inst.name_ky}: институттун жетекчилиги",
                              f"{self.inst.name_en}: institute management")
        names = [("Абдыкадырова", "Гүлнара"), ("Исаков", "Бакыт"), ("Жумабаев", "Нурлан"), ("Токтогулова", "Айгүл"), ("Асанбеков", "Эрлан"),
                 ("Осмонова", "Чолпон"), ("Сыдыков", "Азамат"), ("Бакирова", "Динара"), ("Мамытов", "Талант"), ("Орозбаева", "Жылдыз"),
                 ("Кадыров", "Руслан"), ("Эшимова", "Наргиза")]
        self.staff = [self.new_staff(last, first) for last, first in names]

    def user(self, username: str, first: str, last: str, role: str, unit: Any) -> User:
        u = User.objects.create(username=username, first_name=first, last_name=last, email=f"{username}@demo.bilim.kg",
                                password=make_password(DEMO_PASSWORD), language="ky")
        RoleAssignment.objects.create(user=u, role=role, institution=unit.institution, unit=unit, starts_on=D(2023, 9, 1))
        self.ctx.users[username] = u
        return u

    def body(self, kind: str, unit: Any, code: str, ky: str, en: str) -> Body:
        found = Body.objects.filter(kind=kind, unit=unit).first()
        return found or Body.objects.create(institution=self.ktmu, unit=unit, kind=kind, code=code, name_ky=ky, name_en=en)

    def new_staff(self, last: str, first: str) -> Staff:
        p = Person.objects.create(last_name=last, first_name=first)
        return Staff.objects.create(person=p, institution=self.ktmu, unit=self.fos, degree=Staff.Degree.PHD, title=Staff.Title.ASSOCIATE_PROFESSOR,
                                    full_time=True, since=D(2012, 9, 1))

    def decide(self, body: Body, on: dt.date, title: str, obj: Any = None) -> Decision:
        self.n += 1
        d = decision_create(actor=self.admin, body=body, number=f"{on:%Y-%m}.T{self.n}", date=on, title=title,
                            subject_type=obj._meta.label_lower if obj is not None else "", subject_id=str(obj.pk) if obj is not None else "")
        return decision_adopt(actor=self.admin, decision=d)

    def student(self, username: str | None, last: str, first: str, doctoral: bool, admitted: dt.date) -> Student:
        self.n += 1
        user = None
        if username:
            user = self.user(username, first, last, Role.STUDENT, self.inst)
        p = Person.objects.create(user=user, last_name=last, first_name=first, email=f"{username or 'x'}@demo.bilim.kg")
        prog = self.phd if doctoral else self.ma
        return Student.objects.create(person=p, institution=self.ktmu, unit=self.inst, programme=prog, level=prog.level,
                                      student_number=f"KTMU-T{admitted:%y}{self.n:04d}", admitted_on=admitted)

    def languages_exempt(self, st: Student, on: dt.date) -> None:
        for r in s.languages_open(actor=self.officer, student=st, registered_on=on, prior_degree_from_ktmu=True):
            s.language_exempt_by_document(actor=self.officer, req=r, on=on)

    def supervised(self, st: Student, staff: Staff, start: dt.date) -> m.SupervisionFile:
        file = s.supervision_file_open(actor=self.fos_head, student=st, course_selection_start=start, on=start)
        app = s.supervisor_application_submit(actor=self.fos_head, file=file, kind="APPOINT", applicant="FOS_COUNCIL", staff=staff,
                                              student_preference="Тема боюнча ушул окутуучу менен иштегим келет", on=start)
        s.supervisor_propose(actor=self.fos_head, app=app, proposal=self.decide(self.council, start + dt.timedelta(days=9), "Илимий жетекчи сунушу", file),
                             on=start + dt.timedelta(days=9))
        s.supervisor_appoint(actor=self.secretary, file=file, decision=self.decide(self.board, start + dt.timedelta(days=20), "Илимий жетекчини дайындоо", file),
                             on=start + dt.timedelta(days=20))
        file.refresh_from_db()
        return file

    def writing(self, st: Student, qe_on: dt.date, topic_on: dt.date, title: str) -> m.ThesisFile:
        tf = s.thesis_file(st)
        s.coursework_completed(actor=self.officer, file=tf, on=qe_on - dt.timedelta(days=20))
        if st.level != Level.MASTER:
            s.qualifying_exam_record(actor=self.officer, file=tf, held_on=qe_on, passed=True)
        p = s.proposal_submit(actor=self.officer, file=tf, title=title, summary="Изилдөөнүн максаты, милдеттери жана ыкмалары.", on=qe_on + dt.timedelta(days=10))
        s.proposal_decide(actor=self.officer, proposal=p, result="APPROVED", commission=self.staff[6:9],
                          decision=self.decide(self.board, topic_on, "Диссертациянын темасын бекитүү"))
        tf.refresh_from_db()
        return tf

    def reports(self, tf: m.ThesisFile, since: dt.date, n: int) -> None:
        for t in Term.objects.filter(year__institution=self.ktmu, kind__in=["fall", "spring"], starts_on__gte=since).order_by("starts_on")[:n]:
            s.progress_report_record(actor=self.officer, file=tf, term=t, result="APPROVED", on=t.ends_on)


def seed(ctx: Any) -> None:
    kuser = ctx.users.get("kstudent")
    kstudent = Student.objects.filter(person__user=kuser).select_related("programme__field_of_science", "unit").first() if kuser else None
    if kstudent is None or kstudent.programme.field_of_science_id is None:
        return
    x = _Seed(ctx, kstudent)
    st = x.staff

    # the demo KTMU student: both languages exempt as a KTMU graduate (19(1))
    x.languages_exempt(kstudent, D(2026, 9, 1))

    # a master's student not exempt from Kyrgyz: Turkish exempt by prior study, Kyrgyz exam 58 < 67 (19(2), 19(7)); may join the language programme
    lang = x.student(None, "Ли", "Вэй", doctoral=False, admitted=D(2026, 9, 1))
    reqs = {r.language: r for r in s.languages_open(actor=x.officer, student=lang, registered_on=D(2026, 9, 1), prior_instruction_language="tr")}
    s.language_exempt_by_document(actor=x.officer, req=reqs["tr"], on=D(2026, 9, 3))
    s.language_exam_due(actor=x.officer, req=reqs["ky"], exam_date=D(2026, 9, 10), announced_on=D(2026, 5, 15), on=D(2026, 9, 3))
    s.language_exam_result(actor=x.officer, req=reqs["ky"], score="58", on=D(2026, 9, 11))

    # a doctoral student in the scientific preparation programme (art. 20), graduate of another field
    spp = x.student(None, "Абылкасымов", "Тилек", doctoral=True, admitted=D(2026, 9, 1))
    x.languages_exempt(spp, D(2026, 9, 1))
    plan = s.spp_propose(actor=x.officer, student=spp, prior_degree_field="Физика", prior_degree_from_ktmu=False, semesters=2,
                         courses=[{"code": "CS-BA201", "title": "Маалымат структуралары", "semester": 1, "source_level": "BACHELOR"},
                                  {"code": "CS-BA305", "title": "Алгоритмдерди талдоо", "semester": 1, "source_level": "BACHELOR"},
                                  {"code": "CS-MA501", "title": "Машиналык үйрөнүү", "semester": 2, "source_level": "MA"},
                                  {"code": "CS-BA402", "title": "Маалымат базалары", "semester": 2, "source_level": "BACHELOR"}],
                         total_ects="24", proposal=x.decide(x.council, D(2026, 9, 8), "Адистикке даярдоо программасын сунуштоо"), on=D(2026, 9, 8))
    s.spp_decide(actor=x.secretary, plan=plan, decision=x.decide(x.board, D(2026, 9, 15), "Адистикке даярдоо программасынын сабактары", plan), on=D(2026, 9, 15))

    # a doctoral student whose supervisor is not yet appointed: the FoS head acts (21(1)-2)
    interim = x.student(None, "Нурбекова", "Айпери", doctoral=True, admitted=D(2026, 9, 1))
    x.languages_exempt(interim, D(2026, 9, 1))
    s.supervision_file_open(actor=x.fos_head, student=interim, course_selection_start=D(2026, 11, 2), on=D(2026, 11, 2))

    # a master's student with an appointed supervisor and a change application pending (23(1)-1)
    change = x.student(None, "Эсенова", "Бермет", doctoral=False, admitted=D(2025, 9, 1))
    x.languages_exempt(change, D(2025, 9, 1))
    f_change = x.supervised(change, st[0], D(2025, 9, 15))
    s.supervisor_application_submit(actor=x.officer, file=f_change, kind="CHANGE", applicant="STUDENT",
                                    justification="Диссертациянын темасы маалымат коопсуздугу багытына өзгөрдү.", student_preference="Исаков Б.", on=D(2026, 11, 10))

    # the browser journey's doctoral student: coursework done, qualifying exam due, supervisor appointed
    kphd = x.student("kphd", "Жээнбекова", "Каныкей", doctoral=True, admitted=D(2024, 9, 1))
    x.languages_exempt(kphd, D(2024, 9, 1))
    x.supervised(kphd, st[1], D(2024, 9, 16))
    s.coursework_completed(actor=x.officer, file=s.thesis_file(kphd), on=D(2026, 6, 20))
    x.reports(s.thesis_file(kphd), D(2024, 9, 1), 3)
    # generic adopted decisions the journey chooses from (subject left open: any record of the institute)
    x.decide(x.board, D(2026, 11, 20), "Диссертациялык иштердин темаларын бекитүү")
    x.decide(x.council, D(2026, 11, 20), "Илимий жетекчилерди алмаштыруу боюнча сунуш")
    x.decide(x.board, D(2026, 11, 27), "Илимий жетекчилерди алмаштыруу")

    # a doctoral student with a proposal under review
    prop = x.student(None, "Мамбетов", "Доолот", doctoral=True, admitted=D(2024, 9, 1))
    x.languages_exempt(prop, D(2024, 9, 1))
    x.supervised(prop, st[2], D(2024, 9, 16))
    tf = s.thesis_file(prop)
    s.coursework_completed(actor=x.officer, file=tf, on=D(2026, 1, 20))
    s.qualifying_exam_record(actor=x.officer, file=tf, held_on=D(2026, 2, 5), passed=True)
    s.proposal_submit(actor=x.officer, file=tf, title="Кыргыз тилиндеги тексттерди автоматтык классификациялоо",
                      summary="План-проспект.", on=D(2026, 11, 5))

    # a doctoral student locked after a change of supervisor at the thesis stage (23(2)-1)
    locked = x.student(None, "Өмүрзаков", "Бекзат", doctoral=True, admitted=D(2023, 9, 1))
    x.languages_exempt(locked, D(2023, 9, 1))
    f_locked = x.supervised(locked, st[3], D(2023, 9, 18))
    tfl = s.thesis_file(locked)
    s.coursework_completed(actor=x.officer, file=tfl, on=D(2025, 1, 20))
    s.qualifying_exam_record(actor=x.officer, file=tfl, held_on=D(2025, 2, 3), passed=True)
    p = s.proposal_submit(actor=x.officer, file=tfl, title="Тоолуу аймактардагы суу ресурстарын моделдөө", summary="План-проспект.", on=D(2025, 3, 1))
    s.proposal_decide(actor=x.officer, proposal=p, result="APPROVED", commission=st[6:9], decision=x.decide(x.board, D(2025, 3, 20), "Теманы бекитүү"))
    app = s.supervisor_application_submit(actor=x.officer, file=f_locked, kind="CHANGE", applicant="SUPERVISOR", staff=st[4],
                                          justification="Жетекчинин илимий багыты өзгөрдү.", on=D(2026, 9, 20))
    s.supervisor_change_propose(actor=x.fos_head, app=app, proposal=x.decide(x.council, D(2026, 10, 1), "Жетекчини алмаштыруу сунушу"))
    s.supervisor_change(actor=x.secretary, app=app, decision=x.decide(x.board, D(2026, 10, 12), "Жетекчини алмаштыруу", f_locked), on=D(2026, 10, 12))

    # the browser journey's second doctoral student: thesis submitted, jury formed, defence ahead
    dfc = x.student(None, "Сатыбалдиева", "Мээрим", doctoral=True, admitted=D(2022, 9, 1))
    x.languages_exempt(dfc, D(2022, 9, 1))
    x.supervised(dfc, st[5], D(2022, 9, 19))
    tfd = x.writing(dfc, D(2024, 2, 5), D(2024, 3, 15), "Жасалма интеллект менен айыл чарба түшүмүн болжолдоо")
    x.reports(tfd, D(2024, 9, 1), 4)
    s.thesis_submit(actor=x.officer, file=tfd, on=D(2026, 10, 1))
    jury = s.jury_form(actor=x.officer, file=tfd, members=[st[0], st[9], st[10], st[11], st[3]],
                       decision=x.decide(x.board, D(2026, 10, 20), "Аттестациялык комиссияны түзүү"), on=D(2026, 10, 20))
    x.decide(jury.body, D(2026, 12, 1), "Диссертациялык ишти коргоонун жыйынтыгы")
    x.decide(x.board, D(2026, 12, 3), "Философия доктору (PhD) даражасын ыйгаруу")

    # a master's student with the degree awarded
    grad = x.student(None, "Кочкорова", "Сезим", doctoral=False, admitted=D(2024, 9, 1))
    x.languages_exempt(grad, D(2024, 9, 1))
    x.supervised(grad, st[6], D(2024, 9, 16))
    tfg = s.thesis_file(grad)
    s.coursework_completed(actor=x.officer, file=tfg, on=D(2025, 6, 20))
    pg_ = s.proposal_submit(actor=x.officer, file=tfg, title="Бишкек шаарындагы абанын булганышын талдоо", summary="Тема.", on=D(2025, 9, 20))
    s.proposal_decide(actor=x.officer, proposal=pg_, result="APPROVED", commission=[], decision=x.decide(x.board, D(2025, 10, 1), "Теманы бекитүү"))
    s.thesis_submit(actor=x.officer, file=tfg, on=D(2026, 5, 15))
    jg = s.jury_form(actor=x.officer, file=tfg, members=[st[7], st[8], st[9]], decision=x.decide(x.board, D(2026, 5, 25), "Аттестациялык комиссия"), on=D(2026, 5, 25))
    s.defence_record(actor=x.officer, file=tfg, held_on=D(2026, 6, 15), result="PASSED", decision=x.decide(jg.body, D(2026, 6, 15), "Коргоонун жыйынтыгы"))
    s.degree_award(actor=x.secretary, file=tfg, decision=x.decide(x.board, D(2026, 6, 30), "Магистр даражасын ыйгаруу"), diploma_number="KTMU-MA-2026-0147",
                   on=D(2026, 6, 30))

    # a master's student whose defence failed and who appealed (36(1)-1); the commission is proposed
    apl = x.student(None, "Турсунов", "Эмил", doctoral=False, admitted=D(2024, 9, 1))
    x.languages_exempt(apl, D(2024, 9, 1))
    x.supervised(apl, st[8], D(2024, 9, 16))
    tfa = s.thesis_file(apl)
    pa = s.proposal_submit(actor=x.officer, file=tfa, title="Кичи ишканалардын санариптик трансформациясы", summary="Тема.", on=D(2025, 9, 20))
    s.proposal_decide(actor=x.officer, proposal=pa, result="APPROVED", commission=[], decision=x.decide(x.board, D(2025, 10, 2), "Теманы бекитүү"))
    s.thesis_submit(actor=x.officer, file=tfa, on=D(2026, 9, 15))
    ja = s.jury_form(actor=x.officer, file=tfa, members=[st[0], st[1], st[2]], decision=x.decide(x.board, D(2026, 10, 1), "Аттестациялык комиссия"), on=D(2026, 10, 1))
    d = s.defence_record(actor=x.officer, file=tfa, held_on=D(2026, 10, 28), result="FAILED", decision=x.decide(ja.body, D(2026, 10, 28), "Коргоонун жыйынтыгы"))
    assert d.appeal.state == "DEFENCE_FAILED"
    # the 2-month appeal window (KTMU-36(1)-1) is open: the student may still appeal
