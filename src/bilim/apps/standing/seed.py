"""Demo data for the KTMU student status, made through the services (so transitions and audit rows exist):
``kstudent`` took academic leave for an excused reason and has returned; students of the same institute are on
leave, on academic leave (health), dismissed by the board's proposal and the rector's order, waiting for the
board on a dismissal case, under a plagiarism investigation; a semester check has run. A KTMU rector's-office
account (``krector``) signs dismissal orders."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.hashers import make_password
from django.core.files.base import ContentFile

from bilim.apps.accounts.models import Role, RoleAssignment, User
from bilim.apps.governance.models import Body, Decision
from bilim.apps.governance.services import decision_adopt, decision_create
from bilim.apps.people.models import Student
from bilim.apps.standing import checks
from bilim.apps.standing import models as m
from bilim.apps.standing import services as svc

DEMO_PASSWORD = "bilim-demo-2026"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _pdf(name: str = "document.pdf") -> ContentFile:
    return ContentFile(PDF, name=name)


def seed(ctx: Any) -> None:
    kuser, admin = ctx.users.get("kstudent"), ctx.users.get("admin")
    kst = Student.objects.filter(person__user=kuser).select_related("unit", "institution").first() if kuser else None
    if kst is None or admin is None:
        return
    ktmu, inst = kst.institution, kst.unit
    board = Body.objects.filter(kind=Body.Kind.INSTITUTE_BOARD, unit=inst).first()
    if board is None:
        return
    if not Body.objects.filter(kind=Body.Kind.ETHICS_COMMITTEE, institution=ktmu).exists():  # the body W-20 names
        Body.objects.create(
            institution=ktmu, kind=Body.Kind.ETHICS_COMMITTEE, code="ethics", name_ky="Илимий изилдөө жана жарыялоо этикасы боюнча комиссия",
            name_ru="Комиссия по этике научных исследований и публикаций", name_en="Research and Publication Ethics Committee",
            name_tr="Bilimsel Araştırma ve Yayın Etiği Kurulu")
    rector_body = Body.objects.filter(kind=Body.Kind.RECTOR_OFFICE, institution=ktmu).first()
    krector = User.objects.create(username="krector", first_name="Алмаз", last_name="Осмонов", email="krector@demo.bilim.kg",
                                  password=make_password(DEMO_PASSWORD), language="ky")
    RoleAssignment.objects.create(user=krector, role=Role.RECTOR_OFFICE, institution=ktmu, body=rector_body, starts_on=dt.date(2023, 9, 1))
    ctx.users["krector"] = krector
    n = {"i": 0}

    def decide(body: Body | None, obj: Any, on: dt.date) -> Decision:
        """An adopted decision of ``body`` (default: the board of the file's institute) about ``obj``."""
        body = body or Body.objects.get(kind=Body.Kind.INSTITUTE_BOARD, unit=obj.institute)
        n["i"] += 1
        d = decision_create(actor=admin, body=body, number=f"{on:%Y}-{n['i']:02d}", date=on, title=str(obj)[:200],
                            subject_type=obj._meta.label_lower, subject_id=str(obj.pk))
        return decision_adopt(actor=admin, decision=d)

    today = ctx.today
    D = dt.timedelta
    # kstudent: academic leave for a natural disaster, then back (the issue resolved)
    acl = svc.acleave_apply(actor=admin, student=kst, reason="excused", excused_reason="NATURAL_DISASTER", unforeseen=True,
                            statement="Үйүбүз суу ташкынынан жабыркады.", starts_on=today - D(days=120), ends_on=today - D(days=40),
                            document=_pdf(), applied_on=today - D(days=121))
    svc.acleave_step(actor=admin, leave=acl, action="excused_reason", decision=decide(None, acl, today - D(days=118)))
    svc.acleave_report_return(actor=admin, leave=acl, returned_on=today - D(days=45))
    svc.acleave_step(actor=admin, leave=acl, action="resolved", decision=decide(None, acl, today - D(days=40)))

    # students at each stage: the student's institute first, then the other KTMU institutes (the seed's size is kept)
    from bilim.apps.postgrad.selectors import pg_students

    pool = pg_students().filter(institution=ktmu, status=Student.Status.ACTIVE).exclude(pk=kst.pk)
    others = [*pool.filter(unit=inst).order_by("pk")[:5], *pool.exclude(unit=inst).order_by("unit__code", "pk")[:5]][:5]
    if len(others) < 5:
        return
    case_student, dismissed, on_leave, on_acleave, plag_student = others
    # on leave (art. 37): a death in the family, decided by the board
    lv = svc.leave_apply(actor=admin, student=on_leave, kind="justified", reason="Атасынын көзү өттү.", reason_arose_on=today - D(days=6),
                         starts_on=today - D(days=3), ends_on=today + D(days=10), document=_pdf(), applied_on=today - D(days=5))
    svc.leave_step(actor=admin, leave=lv, action="decide", decision=decide(None, lv, today - D(days=4)))
    # (the written notice to the instructors, KTMU-37(4)-1, is left for the institute to send from the file's page)
    # on academic leave for health (art. 38(1)): 30 days in hospital, documents on day 3
    adm = today - D(days=45)
    hl = svc.acleave_apply(actor=admin, student=on_acleave, reason="health", statement="Операция жасалды.", starts_on=today - D(days=10),
                           ends_on=today + D(days=140), sick_sheet_opened_on=adm, hospital_admitted_on=adm, hospital_discharged_on=adm + D(days=29),
                           document=_pdf(), applied_on=adm + D(days=3))
    svc.acleave_step(actor=admin, leave=hl, action="decide", decision=decide(None, hl, today - D(days=10)))
    # a dismissal case waiting for the institute board (ground a: the student's written request)
    svc.dismissal_open_own_request(actor=admin, student=case_student, requested_on=today - D(days=2), note="Өз каалоосу боюнча арыз")
    # dismissed: the board proposed, the rector ordered
    dc = svc.dismissal_open_own_request(actor=admin, student=dismissed, requested_on=today - D(days=30))
    svc.dismissal_step(actor=admin, case=dc, action="propose_dismissal", decision=decide(None, dc, today - D(days=20)))
    svc.dismissal_step(actor=krector, case=dc, action="rector_order", order_number="Б-112", order_date=today - D(days=15))
    # a plagiarism complaint under investigation: the diploma is held
    kinstitute = ctx.users.get("kinstitute") or admin
    pc = svc.plagiarism_complain(actor=kinstitute, student=plag_student, work="Магистрдик диссертация",
                                 complaint="2-бөлүм башка эмгектен шилтемесиз көчүрүлгөн.", document=_pdf("evidence.pdf"))
    svc.plagiarism_step(actor=kinstitute, case=pc, action="refer_to_ethics_committee")
    # the semester check of every ground, run to the end here (a worker does it in production)
    run = checks.semester_check_start(actor=admin, institution=ktmu, as_of=today, label="2026–2027 күзгү семестр", chunk_size=200)
    checks.plan_check.call(run.pk)
    for chunk in m.SemesterCheckChunk.objects.filter(check_run=run, done=False):
        checks.check_chunk.call(chunk.pk)
