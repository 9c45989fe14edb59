"""Business steps of languages (W-10), scientific preparation (W-11), supervision (W-12), the thesis
(art. 40) and the thesis-defence appeal (W-16d).

Every state change goes through ``transition_apply`` with a facts builder run on the locked row; the
guards are the rules of ``bilim.regulations`` (value-returning rules wrapped by ``as_gate`` /
``ground_gate``). The thesis stages, which no catalogue table covers, are records checked by
KTMU-40-1 and the articles each stage cites; a refusal there is a ``ValidationError`` carrying the
rule's sentence. Supervisors are ``postgrad.Supervision`` rows, created and ended through
``bilim.apps.postgrad.services``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bilim.apps.accounts.permissions import require
from bilim.apps.audit.models import AuditEvent
from bilim.apps.audit.services import record, snapshot
from bilim.apps.core.numbers import SCORE_KTMU, clean_decimal
from bilim.apps.curriculum.models import Term
from bilim.apps.governance.models import Body, Decision, Membership
from bilim.apps.people.models import Staff, Student
from bilim.apps.postgrad import models as pm
from bilim.apps.postgrad import services as pg
from bilim.apps.postgrad.selectors import lang, pg_level
from bilim.apps.thesis import models as m
from bilim.apps.workflow.models import Transition
from bilim.apps.workflow.services import TransitionRefused, cite, transition_apply
from bilim.regulations.core import Outcome, Verdict
from bilim.regulations.core.registry import evaluate
from bilim.regulations.postgrad.studies_language import required_languages
from bilim.regulations.postgrad.thesis import as_gate, ground_gate

W10, W11, W12, W16D = "KTMU-W-10", "KTMU-W-11", "KTMU-W-12", "KTMU-W-16d"
DOCTORAL = ("PHD", "AI")


def _today(on: dt.date | None) -> dt.date:
    return on or timezone.localdate()


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None


def _languages(student: Student) -> list[str]:
    return [c.strip().lower() for c in (student.programme.languages or "ky").split(",") if c.strip()]


def _own(actor: Any, student: Student) -> None:
    """The student acts on their own file only."""
    if getattr(actor, "pk", None) is None or student.person.user_id != actor.pk:
        raise PermissionDenied("thesis.apply")


def _own_or_paper(actor: Any, student: Student) -> None:
    """The student hands the paper in themselves, or the institute records the paper handed in at its office."""
    if getattr(actor, "pk", None) is not None and student.person.user_id == actor.pk:
        return
    require(actor, "thesis.manage", student)


def semesters_between(student: Student, start: dt.date, as_of: dt.date) -> list[Term]:
    """Autumn and spring terms of the student's institution that started on/after ``start`` and ended before ``as_of``."""
    return list(Term.objects.filter(year__institution_id=student.institution_id, kind__in=[Term.Kind.FALL, Term.Kind.SPRING],
                                    starts_on__gte=start - dt.timedelta(days=31), ends_on__lt=as_of).order_by("starts_on"))


def semester_starts(student: Student) -> list[dt.date]:
    """First days of the autumn and spring semesters (KTMU-4-4). Beyond the last academic year the Senate has set, the
    same days of the following years are projected (shown as such in the explanation's dates) so that a lock running
    past the published calendar still has an end; the Senate's dates replace them once recorded."""
    starts = list(Term.objects.filter(year__institution_id=student.institution_id, kind__in=[Term.Kind.FALL, Term.Kind.SPRING])
                  .order_by("starts_on").values_list("starts_on", flat=True))
    if len(starts) >= 2:
        last_two = starts[-2:]
        for k in range(1, 7):
            starts += [d.replace(year=d.year + k) for d in last_two]
    return starts


ACADEMIC_TITLES = {"associate_professor", "professor"}  # илимий наам: доцент, профессор


def _approval(body: str, act: str, on: dt.date | None) -> dict[str, Any]:
    return {"body": body, "act": act, "on": on}


# =====================================================================================================
# W-10 languages (art. 19)
# =====================================================================================================


def _lang_facts(req: m.LanguageRequirement) -> dict[str, Any]:
    certs, docs = [], []
    for e in req.evidence or []:
        if e.get("type") == "document":
            docs.append({"kind": e.get("kind", ""), "language": e["language"], "on_senate_list": bool(e.get("on_senate_list"))})
        else:
            certs.append({"issuer": e["issuer"], "language": e["language"], "score": str(e["score"]),
                          "osym_equivalent_score": e.get("osym_equivalent_score")})
    if req.exam_score is not None:
        certs.append({"issuer": "KTMU", "language": req.language, "score": str(req.exam_score)})
    return {"programme_languages": _languages(req.student), "prior_degree_from_ktmu": req.prior_degree_from_ktmu,
            "prior_instruction_language": req.prior_instruction_language or None, "certificates": certs, "documents": docs,
            "language": req.language}


def _exemption(req: m.LanguageRequirement, on: dt.date) -> Outcome:
    return evaluate("KTMU-19(1)-1", _lang_facts(req), on)


def languages_open(*, actor: Any, student: Student, registered_on: dt.date, prior_degree_from_ktmu: bool = False,
                   prior_instruction_language: str = "") -> list[m.LanguageRequirement]:
    """W-10 row 1 (system): the languages of instruction the student must be exempt from (KTMU-5(1)-1, 19(4)-1)."""
    require(actor, "thesis.manage", student)
    out = []
    with transaction.atomic():
        for code in required_languages(_languages(student)):
            req, created = m.LanguageRequirement.objects.get_or_create(
                student=student, language=code,
                defaults={"registered_on": registered_on, "prior_degree_from_ktmu": prior_degree_from_ktmu,
                          "prior_instruction_language": prior_instruction_language.strip().lower()[:8]})
            if created:
                record(actor=actor, action=AuditEvent.Action.CREATE, obj=req, reason="KTMU-19")
                programme = student.programme
                langs = _languages(student)
                foreign = langs[0] if len(langs) == 1 and langs[0] not in ("ky", "tr") else None

                def facts(locked: m.LanguageRequirement) -> dict[str, Any]:
                    return {"KTMU-5(1)-1": {"programme_code": programme.code, "level": pg_level(student), "instruction_languages": langs,
                                            "fully_foreign_language": foreign},
                            "KTMU-19(4)-1": _lang_facts(locked)}

                transition_apply(actor=actor, obj=req, workflow_code=W10, action="determine_languages", facts=facts,
                                 on_behalf_of_system=True, as_of=registered_on, reason=programme.code)
            out.append(req)
    return out


def language_evidence_add(*, actor: Any, req: m.LanguageRequirement, kind: str, issuer: str = "", score: Any = None,
                          osym_equivalent_score: Any = None, document_kind: str = "", on_senate_list: bool = False) -> m.LanguageRequirement:
    """Record a certificate (issuer + score) or a Senate-listed document the student handed in (KTMU-19(3), (5), (8))."""
    require(actor, "thesis.manage", req.student)
    if kind == "document":
        if not document_kind.strip():
            raise ValidationError({"document_kind": _("Name the document.")})
        item = {"type": "document", "kind": document_kind.strip()[:100], "language": req.language, "on_senate_list": bool(on_senate_list)}
    elif kind == "certificate":
        if issuer not in m.LanguageRequirement.Issuer.values or issuer == "KTMU":
            raise ValidationError({"issuer": _("Choose who issued the certificate.")})
        value = clean_decimal(score, SCORE_KTMU, "score")
        equiv = clean_decimal(osym_equivalent_score, SCORE_KTMU, "osym_equivalent_score", required=False)
        item = {"type": "certificate", "issuer": issuer, "language": req.language, "score": str(value),
                "osym_equivalent_score": str(equiv) if equiv is not None else None}
    else:
        raise ValidationError({"kind": _("Choose a certificate or a document.")})
    with transaction.atomic():
        locked = m.LanguageRequirement.objects.select_for_update().get(pk=req.pk)
        before = snapshot(locked)
        locked.evidence = [*(locked.evidence or []), item]
        locked.save(update_fields=["evidence"])
        record(actor=actor, action=AuditEvent.Action.UPDATE, obj=locked, before=before, reason="KTMU-19")
    req.refresh_from_db()
    return req


def language_exempt_by_document(*, actor: Any, req: m.LanguageRequirement, on: dt.date | None = None) -> Transition:
    """W-10 row 2 (institute): exempt by graduation, prior study, certificate or Senate-listed document."""
    require(actor, "thesis.manage", req.student)
    day = _today(on)

    def facts(locked: m.LanguageRequirement) -> dict[str, Any]:
        gate = as_gate(_exemption(locked, day), {"EXEMPT"})
        locked.explanation = gate.explanation.to_dict()
        return {rid: gate for rid in ("KTMU-19(1)-1", "KTMU-19(2)-1", "KTMU-19(3)-1", "KTMU-19(5)-1", "KTMU-19(8)-1")}

    return _lang_move(actor, req, "exempt_by_document", facts, day)


def _lang_move(actor: Any, req: m.LanguageRequirement, action: str, facts: Any, day: dt.date, *, system: bool = False,
               decision: Decision | None = None, reason: str = "") -> Transition:
    with transaction.atomic():
        tr = transition_apply(actor=actor, obj=req, workflow_code=W10, action=action, facts=facts, as_of=day,
                              on_behalf_of_system=system, decision=decision, reason=reason)
        ex = tr.explanation[0] if tr.explanation else None
        m.LanguageRequirement.objects.filter(pk=req.pk).update(explanation=ex)
        req.explanation = ex
    return tr


def language_exam_due(*, actor: Any, req: m.LanguageRequirement, exam_date: dt.date, announced_on: dt.date,
                      on: dt.date | None = None) -> Transition:
    """W-10 row 3 (system): no exemption document — the exemption exam is due on the announced date (KTMU-19(6)-1, 19(7)-2)."""
    require(actor, "thesis.manage", req.student)
    day = _today(on)
    with transaction.atomic():
        m.LanguageRequirement.objects.filter(pk=req.pk).update(exam_date=exam_date, announced_on=announced_on)
        req.exam_date, req.announced_on = exam_date, announced_on
        return _lang_move(actor, req, "no_exemption_document", _due_facts(day), day, system=True)


def _due_facts(day: dt.date) -> Any:
    def facts(locked: m.LanguageRequirement) -> dict[str, Any]:
        f = _lang_facts(locked)
        f.pop("language")
        due = evaluate("KTMU-19(6)-1", f, day)
        ok = locked.language in (due.value or [])
        return {"KTMU-19(6)-1": Outcome(Verdict.PASS if ok else Verdict.FAIL, due.explanation)}

    return facts


def language_exam_result(*, actor: Any, req: m.LanguageRequirement, score: Any, on: dt.date | None = None) -> Transition:
    """W-10 rows 4 and 7: the university's exemption exam (or a re-sit) — KY/TR ≥ 67, foreign ≥ 70 (KTMU-19(7)-1, 19(8)-1).

    The result decides the step: exempt (``exam_passed`` / ``resit_passed``) or not (``exam_failed``)."""
    require(actor, "thesis.manage", req.student)
    value = clean_decimal(score, SCORE_KTMU, "score")
    day = _today(on)
    with transaction.atomic():
        locked = m.LanguageRequirement.objects.select_for_update().get(pk=req.pk)
        before = snapshot(locked)
        locked.exam_score = value
        locked.save(update_fields=["exam_score"])
        record(actor=actor, action=AuditEvent.Action.UPDATE, obj=locked, before=before, reason="KTMU-19(7)-1")
        exempt = _exemption(locked, day).value == "EXEMPT"
        if locked.state == "LEX_EXAM_DUE":
            action = "exam_passed" if exempt else "exam_failed"
        else:
            action = "resit_passed"

        def facts(row: m.LanguageRequirement) -> dict[str, Any]:
            out = _exemption(row, day)
            gate = as_gate(out, {"EXEMPT"} if action != "exam_failed" else {"NOT_EXEMPT"})
            f: dict[str, Any] = {"KTMU-19(7)-1": gate, "KTMU-19(8)-1": gate}
            if action == "exam_passed":
                f["KTMU-19(7)-2"] = {"published_on": row.announced_on or row.registered_on, "language_exam_date": row.exam_date}
            return f

        req.exam_score = value
        return _lang_move(actor, req, action, facts, day)


def _home_status(student: Student) -> dict[str, bool]:
    states = dict(m.LanguageRequirement.objects.filter(student=student).values_list("language", "state"))
    return {"exempt_ky": states.get("ky", "EXEMPT") == "EXEMPT", "exempt_tr": states.get("tr", "EXEMPT") == "EXEMPT"}


def language_programme_enrol(*, actor: Any, req: m.LanguageRequirement, on: dt.date | None = None) -> Transition:
    """W-10 row 5 (student, optional): join the preparatory-course language programme (KTMU-19(9)-1)."""
    _own(actor, req.student)
    day = _today(on)
    return _lang_move(actor, req, "enrol_language_programme", lambda row: {"KTMU-19(9)-1": _home_status(row.student)}, day)


def language_courses_check(*, actor: Any, req: m.LanguageRequirement, sections: list[dict[str, str]], spp_required: bool,
                           pg_courses_taken_earlier: int = 0, on: dt.date | None = None) -> Transition:
    """W-10 row 6 (student): the courses a student not yet exempt may take — only in exempted languages (19(11), ERRATA 23);
    SPP courses without a cap (19(10)a, ERRATA 29) or at most 2 PG courses (19(10)b). Recorded on the file."""
    _own(actor, req.student)
    day = _today(on)

    def facts(row: m.LanguageRequirement) -> dict[str, Any]:
        exempt = list(m.LanguageRequirement.objects.filter(student=row.student, state="EXEMPT").values_list("language", flat=True))
        sel = {"exempt_languages": exempt, "spp_required": spp_required, "sections": sections,
               "pg_courses_taken_earlier_in_lp": pg_courses_taken_earlier}
        out = evaluate("KTMU-19(10)-1", sel, day)
        langs = sorted({s["language"] for s in sections})
        per = [evaluate("KTMU-19(11)-1", {"section_language": lg, "exempt_languages": exempt}, day) for lg in langs]
        worst = next((o for o in per if o.verdict is Verdict.FAIL), per[0] if per else None)
        f: dict[str, Any] = {"KTMU-19(10)-1": out, "KTMU-19(10)a-1": out, "KTMU-19(10)b-1": out}
        f["KTMU-19(11)-1"] = worst if worst is not None else {"section_language": row.language, "exempt_languages": [row.language]}
        return f

    return _lang_move(actor, req, "take_courses", facts, day, reason=", ".join(s.get("course_code", "") for s in sections))


def language_limit_reached(*, actor: Any, req: m.LanguageRequirement, decision: Decision, on: dt.date | None = None,
                           reason: str = "") -> Transition:
    """W-10 row 8 (Institute Board): the 2 / 4 semesters are used up and the student is still not exempt —
    the dismissal ground KTMU-39(1)d-1. The file reaches DISMISSAL_CASE, read by the standing (W-19) team."""
    day = _today(on)

    def facts(row: m.LanguageRequirement) -> dict[str, Any]:
        reqs = list(m.LanguageRequirement.objects.filter(student=row.student))
        # languages not exempt at registration: those sent to the exemption exam (19(6)); 1 → 2 semesters, 2 → 4
        missing_at_reg = [r for r in reqs if Transition.objects.for_object(r).filter(action="no_exemption_document").exists()] or [row]
        n = max(1, min(2, len(missing_at_reg)))
        exempt_now = sum(1 for r in missing_at_reg if r.state == "EXEMPT")
        start = min(r.registered_on for r in reqs)
        used = len(semesters_between(row.student, start, day))
        period = evaluate("KTMU-19(12)-1", {"languages_not_exempt_at_registration": n, "completed_semesters": ["REGISTERED"] * used,
                                           "exempt_now": exempt_now >= n}, day)
        ground = evaluate("KTMU-39(1)d-1", {"compulsory_languages": n, "exempted_languages": exempt_now, "language_semesters_used": used}, day)
        return {"KTMU-19(12)-1": ground_gate(period), "KTMU-39(1)d-1": ground_gate(ground)}

    return _lang_move(actor, req, "limit_reached", facts, day, decision=decision, reason=reason or "KTMU-39(1)d-1")


# =====================================================================================================
# W-11 scientific preparation programme (art. 20)
# =====================================================================================================


def _spp_courses(raw: list[dict[str, Any]], semesters: int) -> list[dict[str, Any]]:
    clean = []
    for i, c in enumerate(raw):
        code = str(c.get("code", "")).strip().upper()[:20]
        if not code:
            raise ValidationError({"courses": _("Each course needs a code (row %(n)s).") % {"n": i + 1}})
        try:
            sem = int(c.get("semester", 1))
        except (TypeError, ValueError):
            sem = 0
        if not 1 <= sem <= semesters:
            raise ValidationError({"courses": _("Course %(code)s: choose a semester of the programme (1–%(n)s).") % {"code": code, "n": semesters}})
        source = str(c.get("source_level", "")).upper()
        if source not in ("BACHELOR", "MA"):
            raise ValidationError({"courses": _("Course %(code)s: choose the bachelor's or master's programme it comes from.") % {"code": code}})
        clean.append({"code": code, "title": str(c.get("title", ""))[:200], "semester": sem, "source_level": source})
    return clean


def spp_propose(*, actor: Any, student: Student, prior_degree_field: str, prior_degree_from_ktmu: bool, semesters: int,
                courses: list[dict[str, Any]], total_ects: Any, proposal: Decision, on: dt.date | None = None) -> m.SppPlan:
    """W-11 row 1 (FoS council): an SPP for a graduate of another field or HEI, at most 2 semesters (KTMU-20(1)-1)."""
    require(actor, "thesis.manage", student)
    if not prior_degree_field.strip():
        raise ValidationError({"prior_degree_field": _("Give the field of the previous degree.")})
    if not isinstance(semesters, int) or semesters < 1:
        raise ValidationError({"semesters": _("Give the number of semesters.")})
    clean = _spp_courses(courses, semesters)
    ects = clean_decimal(total_ects, SCORE_KTMU, "total_ects", required=False)
    day = _today(on)
    with transaction.atomic():
        if m.SppPlan.objects.filter(student=student).exists():
            raise ValidationError(_("This student already has a scientific preparation programme."))
        plan = m.SppPlan.objects.create(student=student, prior_degree_field=prior_degree_field.strip(), prior_degree_from_ktmu=prior_degree_from_ktmu,
                                        semesters=semesters, courses=clean, total_ects=ects, proposal=proposal)
        record(actor=actor, action=AuditEvent.Action.CREATE, obj=plan, reason="KTMU-20(1)-1")
        spp_assess(actor=actor, plan=plan, decision=proposal, on=day)
    plan.refresh_from_db()
    return plan


def spp_assess(*, actor: Any, plan: m.SppPlan, decision: Decision, on: dt.date | None = None, reason: str = "") -> Transition:
    """W-11 row 1 (FoS council): the need — another field, or the same field from another HEI; at most 2 semesters (KTMU-20(1)-1)."""
    day = _today(on)
    student = plan.student
    fos = student.programme.field_of_science

    def facts(row: m.SppPlan) -> dict[str, Any]:
        return {"KTMU-20(1)-1": {"prior_degree_field": row.prior_degree_field, "programme_field": fos.name_en if fos else student.programme.name_en,
                                 "prior_degree_from_ktmu": row.prior_degree_from_ktmu, "spp_semesters": row.semesters}}

    with transaction.atomic():
        tr = transition_apply(actor=actor, obj=plan, workflow_code=W11, action="assess_need", facts=facts, decision=decision, as_of=day, reason=reason)
        m.SppPlan.objects.filter(pk=plan.pk).update(explanation=tr.explanation, proposal=decision)
    return tr


def spp_decide(*, actor: Any, plan: m.SppPlan, decision: Decision, on: dt.date | None = None, reason: str = "") -> Transition:
    """W-11 row 2 (Institute Board): the courses and ECTS — 2–4 a semester, from bachelor's (MA) / bachelor's or master's (PhD/AI)."""
    day = _today(on)
    level = pg_level(plan.student)

    def facts(row: m.SppPlan) -> dict[str, Any]:
        counts = [evaluate("KTMU-20(2)-1", {"spp_course_count": sum(1 for c in row.courses if c["semester"] == s)}, day)
                  for s in range(1, row.semesters + 1)]
        sources = [evaluate("KTMU-20(4)-1", {"student_level": level, "source_level": c["source_level"]}, day)
                   for c in row.courses] or [evaluate("KTMU-20(4)-1", {"student_level": level, "source_level": "BACHELOR"}, day)]
        approvals = [_approval("fos_council", "PROPOSE", row.proposal.date if row.proposal else None),
                     _approval("institute_board", "DECIDE", decision.date)] if row.proposal else [_approval("institute_board", "DECIDE", decision.date)]
        return {"KTMU-20(2)-1": next((o for o in counts if not o.ok), counts[0]),
                "KTMU-20(3)-1": {"approvals": approvals, "course_codes": [c["code"] for c in row.courses] or ["-"], "total_ects": str(row.total_ects or 0)},
                "KTMU-20(4)-1": next((o for o in sources if not o.ok), sources[0])}

    with transaction.atomic():
        tr = transition_apply(actor=actor, obj=plan, workflow_code=W11, action="decide", facts=facts, decision=decision, as_of=day, reason=reason)
        m.SppPlan.objects.filter(pk=plan.pk).update(decision=decision, started_on=decision.date, explanation=tr.explanation)
    return tr


def spp_register_semester(*, actor: Any, plan: m.SppPlan, semester: int, pg_courses: list[dict[str, Any]], on: dt.date | None = None) -> Transition:
    """W-11 row 3 (student): with at most 3 SPP courses, at most 2 PG courses and no seminar; with 4, none (KTMU-20(6)-1)."""
    _own(actor, plan.student)
    day = _today(on)

    def facts(row: m.SppPlan) -> dict[str, Any]:
        spp_n = sum(1 for c in row.courses if c["semester"] == semester)
        return {"KTMU-20(6)-1": {"spp_course_count": spp_n, "pg_courses": [{"course_code": c["code"], "is_seminar": bool(c.get("seminar"))} for c in pg_courses]}}

    return transition_apply(actor=actor, obj=plan, workflow_code=W11, action="register_semester", facts=facts, as_of=day,
                            reason=", ".join(c["code"] for c in pg_courses))


def spp_results(plan: m.SppPlan) -> dict[str, bool | None]:
    """Passed / failed / no grade per SPP course code, from the student's published grades (records.Grade)."""
    from bilim.apps.records.models import Grade

    codes = {c["code"] for c in plan.courses}
    out: dict[str, bool | None] = dict.fromkeys(codes)
    for g in Grade.objects.filter(enrolment__student=plan.student, enrolment__offering__course__code__in=codes).select_related("enrolment__offering__course"):
        code = g.enrolment.offering.course.code
        out[code] = bool(out.get(code)) or bool(g.passed)
    return out


def spp_complete(*, actor: Any, plan: m.SppPlan, on: dt.date | None = None) -> Transition:
    """W-11 row 4 (system): every SPP course passed — grades shown on the transcript, no credits, not in the GPA (KTMU-20(5)-1, 20(7)-1)."""
    require(actor, "thesis.manage", plan.student)
    day = _today(on)
    level = pg_level(plan.student)

    results = spp_results(plan)
    missing = sorted(c for c, ok in results.items() if not ok)
    if missing or not results:
        raise TransitionRefused(_("Not every course of the scientific preparation programme is passed yet (KTMU-20(5)-1): %(courses)s.")
                                % {"courses": ", ".join(missing) or "—"}, code="guard")

    def facts(row: m.SppPlan) -> dict[str, Any]:
        counting = {"courses": [{"course_code": c, "is_spp": True, "ects": "0"} for c in sorted(results)]}
        return {"KTMU-20(5)-1": counting, "KTMU-20(7)-1": {"student_level": level}}

    return transition_apply(actor=actor, obj=plan, workflow_code=W11, action="all_courses_passed", facts=facts, as_of=day, on_behalf_of_system=True)


def spp_limit_reached(*, actor: Any, plan: m.SppPlan, decision: Decision, on: dt.date | None = None, reason: str = "") -> Transition:
    """W-11 row 5 (Institute Board): 2 semesters elapsed without completion — dismissal ground KTMU-39(1)e-1."""
    day = _today(on)

    def facts(row: m.SppPlan) -> dict[str, Any]:
        used = len(semesters_between(row.student, row.started_on or day, day))
        results = spp_results(row)
        ground = evaluate("KTMU-39(1)e-1", {"spp_semesters_used": used, "spp_completed": bool(results) and all(results.values())}, day)
        return {"KTMU-39(1)e-1": ground_gate(ground)}

    return transition_apply(actor=actor, obj=plan, workflow_code=W11, action="limit_reached", facts=facts, decision=decision, as_of=day,
                            reason=reason or "KTMU-39(1)e-1")


# =====================================================================================================
# W-12 supervision (arts 21–23)
# =====================================================================================================


def fos_head_user(student: Student) -> Any:
    from bilim.apps.accounts.models import Role, RoleAssignment

    fos = student.programme.field_of_science_id
    a = RoleAssignment.objects.active().filter(role=Role.HEAD_OF_DEPARTMENT, unit_id=fos).select_related("user").order_by("pk").first() if fos else None
    return a.user if a else None


def supervision_file_open(*, actor: Any, student: Student, course_selection_start: dt.date, on: dt.date | None = None) -> m.SupervisionFile:
    """W-12 row 1: until a supervisor is appointed the FoS head acts as supervisor (KTMU-21(1)-2)."""
    require(actor, "thesis.manage", student)
    day = _today(on)
    with transaction.atomic():
        file, created = m.SupervisionFile.objects.get_or_create(student=student, defaults={"course_selection_start": course_selection_start})
        if created:
            record(actor=actor, action=AuditEvent.Action.CREATE, obj=file, reason="KTMU-21(1)-2")
        if file.state == "REGISTERED":
            head = fos_head_user(student)

            def facts(row: m.SupervisionFile) -> dict[str, Any]:
                return {"KTMU-21(1)-2": {"supervisor_id": None, "fos_head_id": str(head or _("FoS head"))}}

            transition_apply(actor=actor, obj=file, workflow_code=W12, action="interim_supervision", facts=facts, as_of=day)
    return file


def active_supervisions(student: Student) -> list[pm.Supervision]:
    return list(pm.Supervision.objects.filter(student=student, status=pm.Supervision.Status.ACTIVE).select_related("staff__person", "staff__unit"))


def _candidate_facts(staff: Staff, student: Student) -> dict[str, Any]:
    fos = student.programme.field_of_science
    return {"employed_at_ktmu": staff.institution_id == student.institution_id, "full_salary": bool(staff.full_time),
            "has_academic_degree": bool(staff.degree), "has_academic_title": staff.title in ACADEMIC_TITLES,
            "scientific_fields": [staff.unit.code], "programme_field": fos.code if fos else ""}


def supervisor_load(staff: Staff) -> dict[str, Any]:
    """The candidate's current supervision (KTMU-21(3)-1: shown to the FoS council), by KTMU-22(2)-1."""
    roles = [{"student_id": str(s.student_id), "student_level": pg_level(s.student), "role": s.role,
              "enrolled": s.student.status not in (Student.Status.GRADUATED, Student.Status.DISMISSED)}
             for s in pm.Supervision.objects.filter(staff=staff, status=pm.Supervision.Status.ACTIVE).select_related("student")]
    out = evaluate("KTMU-22(2)-1", {"roles": roles}, timezone.localdate())
    return {**out.value, "text": out.message(lang())}


def supervisor_application_submit(*, actor: Any, file: m.SupervisionFile, kind: str, applicant: str, justification: str = "",
                                  staff: Staff | None = None, external_name: str = "", external_institution: str = "", external_country: str = "",
                                  external_has_degree_and_title: bool = False, foreign_hei_experience: bool = False, online: bool = False,
                                  student_preference: str = "", on: dt.date | None = None) -> m.SupervisorApplication:
    """A proposal or application about a supervisor. The student may apply for a change on their own file
    (KTMU-23(1)-1); the institute records the others. A change needs a justification."""
    student = file.student
    is_student = getattr(actor, "pk", None) is not None and student.person.user_id == actor.pk
    if is_student:
        if kind != m.SupervisorApplication.Kind.CHANGE or applicant != m.SupervisorApplication.Applicant.STUDENT:
            raise PermissionDenied("thesis.manage")
    else:
        require(actor, "thesis.manage", student)
    errors: dict[str, str] = {}
    if kind not in m.SupervisorApplication.Kind.values:
        errors["kind"] = _("Choose the kind of application.")
    if applicant not in m.SupervisorApplication.Applicant.values:
        errors["applicant"] = _("Choose who applies.")
    if kind in (m.SupervisorApplication.Kind.CHANGE, m.SupervisorApplication.Kind.SECOND, m.SupervisorApplication.Kind.MANDATORY) and not justification.strip():
        errors["justification"] = _("Give the reasons: the instruction requires a justified application or proposal (KTMU-22(1)-1, 23(1)-1).")
    external = bool(external_name.strip())
    if staff is not None and external:
        errors["external_name"] = _("Choose a KTMU staff member or enter an external person, not both.")
    if kind in (m.SupervisorApplication.Kind.APPOINT, m.SupervisorApplication.Kind.MANDATORY) and staff is None:
        errors["staff"] = _("The supervisor must be a KTMU instructor (KTMU-21(2)-1).")
    if kind == m.SupervisorApplication.Kind.CHANGE and staff is None and applicant not in ("STUDENT", "BOTH"):
        errors["staff"] = _("Choose the new supervisor (a KTMU instructor).")
    if external and (not external_institution.strip() or len(external_country.strip()) != 2):
        errors["external_institution"] = _("Give the external person's institution and its country code (e.g. TR).")
    if kind in (m.SupervisorApplication.Kind.SECOND, m.SupervisorApplication.Kind.FOREIGN) and staff is None and not external:
        errors["staff"] = _("Choose a KTMU staff member or enter an external person.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        app = m.SupervisorApplication.objects.create(
            file=file, kind=kind, applicant=applicant, justification=justification.strip(), student_preference=student_preference.strip(),
            staff=staff, external_name=external_name.strip(), external_institution=external_institution.strip(),
            external_country=external_country.strip().upper(), external_has_degree_and_title=external_has_degree_and_title,
            foreign_hei_experience=foreign_hei_experience, online=online, submitted_on=_today(on), submitted_by=_user(actor))
        record(actor=actor, action=AuditEvent.Action.CREATE, obj=app, reason="KTMU-21…23")
    return app


def supervisor_application_set_candidate(*, actor: Any, app: m.SupervisorApplication, staff: Staff) -> m.SupervisorApplication:
    """The FoS management names the new supervisor of a student's change application."""
    require(actor, "thesis.manage", app.file.student)
    with transaction.atomic():
        locked = m.SupervisorApplication.objects.select_for_update().get(pk=app.pk)
        if not locked.pending:
            raise ValidationError(_("This application is already decided."))
        before = snapshot(locked)
        locked.staff = staff
        locked.save(update_fields=["staff"])
        record(actor=actor, action=AuditEvent.Action.UPDATE, obj=locked, before=before)
    return locked


def _pg_supervision(actor: Any, app: m.SupervisorApplication, role: str, on: dt.date) -> pm.Supervision:
    mode = pm.Supervision.Mode.ONLINE if app.online else pm.Supervision.Mode.IN_PERSON
    if app.staff_id:
        return pg.supervision_propose(actor=actor, student=app.file.student, role=role, staff=app.staff, mode=mode,
                                      student_preference=app.student_preference, on=on)
    return pg.supervision_propose(actor=actor, student=app.file.student, role=role, external_name=app.external_name,
                                  external_institution=app.external_institution, external_country=app.external_country, mode=mode, on=on)


def _link(app: m.SupervisorApplication, tr: Transition | None = None, **fields: Any) -> None:
    if tr is not None:
        fields["transition"] = tr
    m.SupervisorApplication.objects.filter(pk=app.pk).update(**fields)
    for k, v in fields.items():
        setattr(app, k, v)


def supervisor_propose(*, actor: Any, app: m.SupervisorApplication, proposal: Decision, on: dt.date | None = None, reason: str = "") -> Transition:
    """W-12 row 2 (FoS council): propose an eligible supervisor — full-salaried KTMU instructor with degree, title and
    the programme's field (KTMU-21(2)-1); the council saw the load and the student's opinion (21(3)-1)."""
    day = _today(on)
    app = m.SupervisorApplication.objects.select_related("file__student", "staff", "proposal").get(pk=app.pk)
    staff = app.staff
    if app.kind != m.SupervisorApplication.Kind.APPOINT or staff is None:
        raise ValidationError(_("Only an appointment proposal naming a KTMU instructor goes this way."))
    student = app.file.student

    def facts(row: m.SupervisionFile) -> dict[str, Any]:
        return {"KTMU-21(2)-1": _candidate_facts(staff, student)}

    with transaction.atomic():
        tr = transition_apply(actor=actor, obj=app.file, workflow_code=W12, action="propose_supervisor", facts=facts, decision=proposal,
                              as_of=day, reason=reason or str(staff.person))
        sup = _pg_supervision(actor, app, pm.Supervision.Role.SUPERVISOR, day)
        _link(app, proposal=proposal, supervision=sup)
    return tr


def supervisor_appoint(*, actor: Any, file: m.SupervisionFile, decision: Decision, on: dt.date | None = None, reason: str = "") -> Transition:
    """W-12 row 3 (Institute Board): appointed — in time or late, the deadline of KTMU-21(1)-1 is recorded (late = WARN)."""
    day = _today(on)
    app = file.applications.filter(kind=m.SupervisorApplication.Kind.APPOINT, transition__isnull=True, supervision__isnull=False).order_by("-pk").first()
    if app is None or app.supervision is None:
        raise ValidationError(_("There is no supervisor proposal to decide on."))
    supervision = app.supervision

    def facts(row: m.SupervisionFile) -> dict[str, Any]:
        return {"KTMU-21(1)-1": {"course_selection_start": row.course_selection_start, "decision_date": decision.date}}

    with transaction.atomic():
        tr = transition_apply(actor=actor, obj=file, workflow_code=W12, action="appoint", facts=facts, decision=decision, as_of=day, reason=reason)
        pg.supervision_appoint(actor=actor, supervision=supervision, decision=decision, reason="KTMU-21(1)-1")
        m.SupervisionFile.objects.filter(pk=file.pk).update(deadline_explanation=tr.explanation[0] if tr.explanation else None)
        _link(app, tr)
    return tr


def _foreign_roles(app: m.SupervisorApplication, student: Student) -> list[dict[str, Any]]:
    """Every current supervisory role of the proposed person (ERRATA 27: second supervision counts), plus the one proposed."""
    if app.staff_id:
        qs = pm.Supervision.objects.filter(staff_id=app.staff_id)
    else:
        qs = pm.Supervision.objects.filter(external_name__iexact=app.external_name, external_institution__iexact=app.external_institution)
    roles = [{"student_id": str(s.student_id), "student_level": pg_level(s.student), "role": s.role,
              "enrolled": s.student.status not in (Student.Status.GRADUATED, Student.Status.DISMISSED)}
             for s in qs.filter(status__in=[pm.Supervision.Status.ACTIVE]).select_related("student")]
    role = "SUPERVISOR2" if app.kind == m.SupervisorApplication.Kind.SECOND else "FOREIGN_SUPERVISOR"
    roles.append({"student_id": str(student.pk), "student_level": pg_level(student), "role": role, "enrolled": True})
    return roles


def _person_country(app: m.SupervisorApplication) -> str:
    if app.staff is not None:
        return str(app.staff.institution.country or "KG").upper()
    return app.external_country or "KG"


def second_supervisor_add(*, actor: Any, app: m.SupervisorApplication, decision: Decision, on: dt.date | None = None, reason: str = "") -> Transition:
    """W-12 row 4 (Institute Board, on the first supervisor's and FoS council's justified proposals): after the thesis topic
    is approved (22(1)-2); may be from a Turkish or foreign HEI (22(1)-3); not teaching load, not paid (22(2)-1);
    a foreign-HEI person supervises at most 2 doctoral students in any role (21(7)-1, ERRATA 27)."""
    day = _today(on)
    app = m.SupervisorApplication.objects.select_related("file__student", "staff", "proposal").get(pk=app.pk)
    if app.kind != m.SupervisorApplication.Kind.SECOND:
        raise ValidationError(_("This is not a second-supervisor proposal."))
    student = app.file.student
    thesis = m.ThesisFile.objects.filter(student=student).first()

    def facts(row: m.SupervisionFile) -> dict[str, Any]:
        approvals = [_approval("supervisor", "PROPOSE", app.submitted_on)]
        if app.proposal_id:
            approvals.append(_approval("fos_council", "PROPOSE", app.proposal.date))  # type: ignore[union-attr]  # proposal_id set
        approvals.append(_approval("institute_board", "DECIDE", decision.date))
        second = {"approvals": approvals, "justification": app.justification,
                  "thesis_topic_approved_on": thesis.topic_approved_on if thesis else None, "appointed_on": decision.date}
        return {"KTMU-22(1)-1": second, "KTMU-22(1)-2": second,
                "KTMU-22(2)-1": {"roles": [r for r in _foreign_roles(app, student) if r["enrolled"]]},
                "KTMU-21(7)-1": {"person_hei": {"country": _person_country(app)}, "roles": _foreign_roles(app, student)}}

    with transaction.atomic():
        tr = transition_apply(actor=actor, obj=app.file, workflow_code=W12, action="add_second_supervisor", facts=facts, decision=decision,
                              as_of=day, reason=reason or app.justification[:200])
        sup = _pg_supervision(actor, app, pm.Supervision.Role.SUPERVISOR2, day)
        pg.supervision_appoint(actor=actor, supervision=sup, decision=decision, reason="KTMU-22(1)-1")
        _link(app, tr, supervision=sup)
    return tr


def foreign_supervisor_add(*, actor: Any, app: m.SupervisorApplication, decision: Decision, on: dt.date | None = None, reason: str = "") -> Transition:
    """W-12 row 5 (Institute Board): a doctoral student past coursework and the qualifying exam gets a supervisor of a foreign HEI
    (KTMU-21(6)-1, 4-8; online allowed, 21(6)-2), capped at 2 doctoral students (21(7)-1); without one abroad, a KTMU
    instructor with foreign-HEI experience (21(8)-1)."""
    day = _today(on)
    app = m.SupervisorApplication.objects.select_related("file__student", "staff", "proposal").get(pk=app.pk)
    if app.kind != m.SupervisorApplication.Kind.FOREIGN:
        raise ValidationError(_("This is not a foreign-supervisor proposal."))
    student = app.file.student
    thesis = m.ThesisFile.objects.filter(student=student).first()
    fallback = app.staff_id is not None

    def facts(row: m.SupervisionFile) -> dict[str, Any]:
        qe = bool(thesis and thesis.qualifying_exams.filter(passed=True).exists())
        coursework = bool(thesis and thesis.coursework_completed_on)
        f: dict[str, Any] = {
            "KTMU-21(6)-1": {"student_level": pg_level(student), "coursework_completed": coursework, "qualifying_exam_passed": qe,
                             "foreign_supervisor_hei": None if fallback else {"country": app.external_country},
                             "fallback_supervisor_appointed": fallback},
            "KTMU-21(7)-1": {"person_hei": {"country": _person_country(app)}, "roles": _foreign_roles(app, student)},
        }
        due = evaluate("KTMU-21(6)-1", {**f["KTMU-21(6)-1"], "foreign_supervisor_hei": None, "fallback_supervisor_appointed": False}, day)
        if due.verdict is not Verdict.WARN:  # not yet due: coursework or the qualifying exam missing
            f["KTMU-21(6)-1"] = Outcome(Verdict.FAIL, due.explanation)
        if fallback:
            assert app.staff is not None and app.staff.unit is not None, "the 21(8) stand-in is a KTMU instructor"
            f["KTMU-21(8)-1"] = {"employed_at_ktmu": app.staff.institution_id == student.institution_id, "full_salary": bool(app.staff.full_time),
                                 "foreign_hei_experience": app.foreign_hei_experience, "specialties": [app.staff.unit.code],
                                 "programme_field": student.programme.field_of_science.code if student.programme.field_of_science is not None else ""}
            f["KTMU-4-8"] = _fallback_not_foreign(day, app)
        else:
            ok = app.external_has_degree_and_title
            f["KTMU-4-8"] = as_gate(evaluate("KTMU-4-8", {"person_id": app.external_name, "employer": app.external_institution, "full_salary": False,
                                                          "employer_country": app.external_country, "employer_is_education": True, "is_staff": False,
                                                          "has_degree": ok, "has_title": ok, "title": "PROF" if ok else "NONE"}, day), {True})
            f["KTMU-21(8)-1"] = _fallback_unused(day, app)
        return f

    with transaction.atomic():
        tr = transition_apply(actor=actor, obj=app.file, workflow_code=W12, action="add_foreign_supervisor", facts=facts, decision=decision,
                              as_of=day, reason=reason or app.person_name)
        sup = _pg_supervision(actor, app, pm.Supervision.Role.FOREIGN_SUPERVISOR, day)
        pg.supervision_appoint(actor=actor, supervision=sup, decision=decision, reason="KTMU-21(6)-1")
        _link(app, tr, supervision=sup)
    return tr


def instructor_facts(staff: Staff) -> dict[str, Any]:
    """A KTMU staff member as the art. 4 rules see an instructor (KTMU-4-7, 4-8)."""
    title = {"professor": "PROF", "associate_professor": "ASSOC_PROF", "docent": "ASSOC_PROF"}.get(staff.title or "", "NONE")
    has_title = staff.title in ACADEMIC_TITLES
    return {"person_id": str(staff.person), "fos": staff.unit.code, "full_salary": bool(staff.full_time), "has_degree": bool(staff.degree),
            "has_title": has_title, "title": title, "rank": "FACULTY_MEMBER" if staff.degree and has_title else "INSTRUCTOR"}


def _fallback_not_foreign(day: dt.date, app: m.SupervisorApplication) -> Outcome:
    """KTMU-4-8 for the 21(8) stand-in: a KTMU instructor is not a foreign supervisor; the stand-in route is judged by 21(8)-1."""
    assert app.staff is not None, "the 21(8) stand-in is a KTMU instructor"
    out = evaluate("KTMU-4-8", instructor_facts(app.staff), day)
    return Outcome(Verdict.PASS, out.explanation)  # not foreign (home): the 21(8) fallback applies instead


def _fallback_unused(day: dt.date, app: m.SupervisorApplication) -> Outcome:
    """KTMU-21(8)-1 when a supervisor abroad exists: the fallback is not used (evaluated on the foreign person, for the record)."""
    out = evaluate("KTMU-21(8)-1", {"employed_at_ktmu": False, "full_salary": False, "foreign_hei_experience": True, "specialties": [], "programme_field": ""}, day)
    return Outcome(Verdict.PASS, out.explanation)


def _change_facts(app: m.SupervisorApplication, decision: Decision, mandatory: bool) -> dict[str, Any]:
    if mandatory:
        approvals = [_approval("institute_director", "PROPOSE", app.submitted_on), _approval("institute_board", "DECIDE", decision.date)]
    else:
        approvals = ([_approval("fos_council", "PROPOSE", app.proposal.date)] if app.proposal is not None else []) + [_approval("institute_board", "DECIDE", decision.date)]
    applicant = {"STUDENT": "STUDENT", "SUPERVISOR": "SUPERVISOR", "BOTH": "BOTH"}.get(app.applicant, "NONE")
    return {"mandatory_case": mandatory, "applicant": applicant, "justification": app.justification, "approvals": approvals}


def supervisor_change_propose(*, actor: Any, app: m.SupervisorApplication, proposal: Decision) -> m.SupervisorApplication:
    """The FoS council's proposal on a change application (KTMU-23(1)-1) — recorded; the Institute Board decides."""
    require(actor, "thesis.manage", app.file.student)
    if proposal.status != Decision.Status.ADOPTED or proposal.body.kind != Body.Kind.FOS_COUNCIL:
        raise ValidationError({"proposal": _("Choose an adopted decision of the FoS academic council.")})
    with transaction.atomic():
        before = snapshot(app)
        _link(app, proposal=proposal)
        app.refresh_from_db()
        record(actor=actor, action=AuditEvent.Action.UPDATE, obj=app, before=before, reason="KTMU-23(1)-1")
    return app


def supervisor_change(*, actor: Any, app: m.SupervisorApplication, decision: Decision, on: dt.date | None = None, reason: str = "") -> Transition:
    """W-12 rows 6–7 (Institute Board): the supervisor is changed. On an application (23(1)-1) the file enters THESIS_LOCK —
    at the thesis stage the student may not submit for 1 (MA) / 2 (PhD, AI) semesters (23(2)-1); at the coursework stage the
    lock is released at once. A necessary and mandatory change on the director's proposal (23(1)-2) carries no lock."""
    day = _today(on)
    app = m.SupervisorApplication.objects.select_related("file__student", "staff", "proposal").get(pk=app.pk)
    mandatory = app.kind == m.SupervisorApplication.Kind.MANDATORY
    if app.kind not in (m.SupervisorApplication.Kind.CHANGE, m.SupervisorApplication.Kind.MANDATORY):
        raise ValidationError(_("This is not a change application."))
    if app.staff_id is None:
        raise ValidationError({"staff": _("Name the new supervisor before the decision.")})
    file = app.file
    student = file.student
    rid = "KTMU-23(1)-2" if mandatory else "KTMU-23(1)-1"
    action = "mandatory_change" if mandatory else "change_on_application"

    def facts(row: m.SupervisionFile) -> dict[str, Any]:
        return {rid: _change_facts(app, decision, mandatory)}

    with transaction.atomic():
        tr = transition_apply(actor=actor, obj=file, workflow_code=W12, action=action, facts=facts, decision=decision, as_of=day,
                              reason=reason or app.justification[:200])
        for old in pm.Supervision.objects.filter(student=student, role=pm.Supervision.Role.SUPERVISOR, status=pm.Supervision.Status.ACTIVE):
            pg.supervision_end(actor=actor, supervision=old, ended_on=decision.date, reason=rid)
        sup = _pg_supervision(actor, app, pm.Supervision.Role.SUPERVISOR, day)
        pg.supervision_appoint(actor=actor, supervision=sup, decision=decision, reason=rid)
        _link(app, tr, supervision=sup)
        if not mandatory:
            lock = _lock_outcome(file, decision.date, decision.date)
            until = lock.explanation.message_values.get("until") if lock.verdict is Verdict.FAIL else None
            locked = m.SupervisionFile.objects.get(pk=file.pk)
            before = snapshot(locked)
            locked.lock_until, locked.lock_explanation = until, lock.explanation.to_dict()
            locked.save(update_fields=["lock_until", "lock_explanation"])
            record(actor=actor, action=AuditEvent.Action.UPDATE, obj=locked, before=before, reason="KTMU-23(2)-1")
            file.refresh_from_db()
            if until is None:  # coursework stage: no lock follows (23(2)-1)
                supervision_lock_release(actor=actor, file=file, on=day)
    return tr


def _lock_outcome(file: m.SupervisionFile, decision_date: dt.date, submission_date: dt.date) -> Outcome:
    return evaluate("KTMU-23(2)-1", {"student_level": pg_level(file.student), "stage_at_change": file.stage, "mandatory_case": False,
                                     "decision_date": decision_date, "semester_starts": semester_starts(file.student),
                                     "submission_date": submission_date}, submission_date)


def _last_change_decision(file: m.SupervisionFile) -> Decision | None:
    tr = Transition.objects.for_object(file).filter(action="change_on_application").order_by("-at", "-pk").select_related("decision").first()
    return tr.decision if tr else None


def supervision_lock_release(*, actor: Any, file: m.SupervisionFile, on: dt.date | None = None) -> Transition:
    """W-12 row 8 (system): the lock expires (1 / 2 semesters after the Board's decision, KTMU-23(2)-1)."""
    day = _today(on)
    decision = _last_change_decision(file)

    def facts(row: m.SupervisionFile) -> dict[str, Any]:
        if decision is None:
            return {}
        return {"KTMU-23(2)-1": {"student_level": pg_level(row.student), "stage_at_change": row.stage, "mandatory_case": False,
                                 "decision_date": decision.date, "semester_starts": semester_starts(row.student), "submission_date": day}}

    with transaction.atomic():
        tr = transition_apply(actor=actor, obj=file, workflow_code=W12, action="lock_expires", facts=facts, as_of=day, on_behalf_of_system=True)
        m.SupervisionFile.objects.filter(pk=file.pk).update(lock_until=None)
    return tr


def supervision_locks_release_due(*, actor: Any = None, on: dt.date | None = None) -> int:
    """Release every lock whose date has come (run daily, and when a page shows the file)."""
    day = _today(on)
    n = 0
    for file in m.SupervisionFile.objects.filter(state="THESIS_LOCK", lock_until__lte=day):
        try:
            supervision_lock_release(actor=actor, file=file, on=day)
            n += 1
        except TransitionRefused:
            continue
    return n


def supervisor_continue_online(*, actor: Any, file: m.SupervisionFile, note: str, on: dt.date | None = None) -> Transition:
    """W-12 row 9 (the supervisor, who leaves KTMU): continues online by their own wish (KTMU-21(9)-1)."""
    if not note.strip():
        raise ValidationError({"note": _("Record your consent to continue online.")})
    day = _today(on)
    return transition_apply(actor=actor, obj=file, workflow_code=W12, action="supervisor_leaves_continue_online", as_of=day, reason=note.strip())


STATUS_TO_SEMESTER: dict[str, str] = {Student.Status.ACADEMIC_LEAVE: "ACADEMIC_LEAVE", Student.Status.DISMISSED: "NOT_RENEWED"}


def supervision_sync_status(*, actor: Any, file: m.SupervisionFile, semester_status: str | None = None, on: dt.date | None = None) -> Transition | None:
    """W-12 row 10 (system): no supervision while not registered, on leave or on academic leave (KTMU-21(10)-1); back on return.
    ``semester_status`` (REGISTERED / NOT_RENEWED / LEAVE / ACADEMIC_LEAVE) defaults to what the student's status says."""
    day = _today(on)
    status = semester_status or STATUS_TO_SEMESTER.get(file.student.status, "REGISTERED")
    active = evaluate("KTMU-21(10)-1", {"semester_status": status}, day)
    if not active.value and file.state in ("SUPERVISED", "THESIS_LOCK"):
        return transition_apply(actor=actor, obj=file, workflow_code=W12, action="suspend", on_behalf_of_system=True, as_of=day,
                                facts_by_rule={"KTMU-21(10)-1": Outcome(Verdict.PASS, active.explanation)})
    if active.value and file.state in ("SUSPENDED", "SUSPENDED_LOCKED"):
        return transition_apply(actor=actor, obj=file, workflow_code=W12, action="resume", on_behalf_of_system=True, as_of=day)
    return None


# =====================================================================================================
# Thesis to degree (art. 40: records + rule checks; no catalogue table)
# =====================================================================================================


def thesis_file(student: Student) -> m.ThesisFile:
    return m.ThesisFile.objects.get_or_create(student=student)[0]


def _progress(file: m.ThesisFile, step: str) -> dict[str, Any]:
    student = file.student
    sub = m.ThesisSubmission.objects.filter(file=file).first()
    jury = m.Jury.objects.filter(file=file).first()
    last = file.defences.order_by("-held_on", "-pk").first()
    passed = True if last and (last.result == "PASSED" or m.DefenceAppeal.objects.filter(defence=last, outcome="REVERSED").exists()) else (False if last else None)
    return {"level": pg_level(student), "step": step, "coursework_completed": file.coursework_completed_on is not None,
            "qualifying_exam_passed": file.qualifying_exams.filter(passed=True).exists(),
            "proposal_approved": file.topic_approved_on is not None,
            "approved_progress_reports": file.progress_reports.filter(result="APPROVED").count(),
            "thesis_submitted": sub is not None, "jury_members": jury.members.count() if jury else 0, "defence_passed": passed,
            "plagiarism_case_open": _plagiarism_open(student)}


def _plagiarism_open(student: Student) -> bool:
    """W-20 (another team's app): a plagiarism case still open holds the diploma. Read defensively."""
    try:
        from django.apps import apps

        for model in apps.get_models():
            if model._meta.model_name in ("plagiarismcase", "plagiarismcomplaint") and any(f.name == "student" for f in model._meta.fields):
                state_field = next((f.name for f in model._meta.fields if f.name in ("state", "status")), None)
                qs = model._default_manager.filter(student=student)
                if state_field:
                    qs = qs.exclude(**{f"{state_field}__in": ["CLOSED", "DISMISSED_COMPLAINT", "NO_PLAGIARISM", "REJECTED", "DECIDED"]})
                if qs.exists():
                    return True
    except Exception:  # noqa: BLE001 — another app's model; absence means no hold
        return False
    return False


def _check(file: m.ThesisFile, step: str, on: dt.date, extra: dict[str, Any] | None = None) -> Outcome:
    out = evaluate("KTMU-40-1", {**_progress(file, step), **(extra or {})}, on)
    if out.verdict is Verdict.FAIL:
        raise ValidationError(out.message(lang()), code="KTMU-40-1")
    return out


def coursework_completed(*, actor: Any, file: m.ThesisFile, on: dt.date) -> m.ThesisFile:
    """Record that the coursework is completed (it opens the qualifying exam, 21(6))."""
    require(actor, "thesis.manage", file.student)
    with transaction.atomic():
        before = snapshot(file)
        file.coursework_completed_on = on
        file.save(update_fields=["coursework_completed_on"])
        record(actor=actor, action=AuditEvent.Action.UPDATE, obj=file, before=before, reason="KTMU-21(6)-1")
    return file


def qualifying_exam_record(*, actor: Any, file: m.ThesisFile, held_on: dt.date, passed: bool, decision: Decision | None = None) -> m.QualifyingExam:
    """A sitting of the doctoral qualifying exam (after the coursework). Two consecutive semesters without passing is
    ground KTMU-39(1)h-1 (evaluated and stored with the sitting)."""
    require(actor, "thesis.manage", file.student)
    out = _check(file, "QUALIFYING_EXAM", held_on)
    if file.qualifying_exams.filter(passed=True).exists():
        raise ValidationError(_("The qualifying exam is already passed."))
    with transaction.atomic():
        qe = m.QualifyingExam.objects.create(file=file, held_on=held_on, passed=passed, decision=decision, recorded_by=_user(actor))
        sems = [{**_sem(e.held_on), "passed": e.passed} for e in file.qualifying_exams.all()]
        ground = evaluate("KTMU-39(1)h-1", {"level": pg_level(file.student), "semesters": sems}, held_on)
        qe.explanation = [out.explanation.to_dict(), ground.explanation.to_dict()]
        qe.save(update_fields=["explanation"])
        record(actor=actor, action=AuditEvent.Action.CREATE, obj=qe, reason="KTMU-21(6)-1")
    return qe


def _sem(day: dt.date) -> dict[str, Any]:
    """The semester a date falls in, as the dismissal rules name it (academic year's start year + AUTUMN/SPRING)."""
    autumn = day.month >= 8
    return {"academic_year": day.year if autumn else day.year - 1, "term": "AUTUMN" if autumn else "SPRING"}


def proposal_submit(*, actor: Any, file: m.ThesisFile, title: str, summary: str, on: dt.date | None = None) -> m.ThesisProposal:
    """The student hands in the thesis proposal (doctoral: after the qualifying exam); the institute may record a paper one."""
    _own_or_paper(actor, file.student)
    day = _today(on)
    errors = {}
    if not title.strip():
        errors["title"] = _("Give the thesis title.")
    if not summary.strip():
        errors["summary"] = _("Summarise the proposal.")
    if errors:
        raise ValidationError(errors)
    _check(file, "PROPOSAL", day)
    if file.proposals.filter(result=m.ThesisProposal.Result.PENDING).exists():
        raise ValidationError(_("A proposal is already under review."))
    with transaction.atomic():
        p = m.ThesisProposal.objects.create(file=file, title=title.strip(), summary=summary.strip(), submitted_on=day)
        record(actor=actor, action=AuditEvent.Action.CREATE, obj=p, reason="KTMU-4-7")
    return p


def proposal_decide(*, actor: Any, proposal: m.ThesisProposal, result: str, commission: list[Staff], decision: Decision,
                    on: dt.date | None = None) -> m.ThesisProposal:
    """The review commission's evaluation (KTMU-4-7, doctoral/AI) or, for master's, the institute's approval of the topic
    (22(1)-2); an approved proposal fixes the thesis title and the topic-approval date."""
    file = proposal.file
    require(actor, "thesis.manage", file.student)
    day = _today(on)
    if result not in (m.ThesisProposal.Result.APPROVED, m.ThesisProposal.Result.REVISE):
        raise ValidationError({"result": _("Choose approved or to be revised.")})
    if decision.status != Decision.Status.ADOPTED:
        raise ValidationError({"decision": _("Choose an adopted decision.")})
    level = pg_level(file.student)
    explanations = []
    if level in DOCTORAL:
        members = [instructor_facts(s) for s in commission]
        trc = evaluate("KTMU-4-7", {"student_id": file.student.student_number, "student_level": level, "members": members}, day)
        if trc.verdict is Verdict.FAIL:
            raise ValidationError({"commission": cite(trc, lang())})
        explanations.append(trc.explanation.to_dict())
    with transaction.atomic():
        p = m.ThesisProposal.objects.select_for_update().get(pk=proposal.pk)
        if p.result != m.ThesisProposal.Result.PENDING:
            raise ValidationError(_("This proposal is already decided."))
        before = snapshot(p)
        p.result, p.decided_on, p.decision, p.explanation = result, decision.date, decision, explanations
        p.save(update_fields=["result", "decided_on", "decision", "explanation"])
        p.commission.set(commission)
        record(actor=actor, action=AuditEvent.Action.TRANSITION, obj=p, before=before, reason="KTMU-4-7")
        if result == m.ThesisProposal.Result.APPROVED:
            fb = snapshot(file)
            file.title, file.topic_approved_on = p.title, decision.date
            file.save(update_fields=["title", "topic_approved_on"])
            record(actor=actor, action=AuditEvent.Action.UPDATE, obj=file, before=fb, reason="KTMU-22(1)-2")
            m.SupervisionFile.objects.filter(student=file.student).update(stage=m.SupervisionFile.Stage.THESIS)
    return p


def progress_report_record(*, actor: Any, file: m.ThesisFile, term: Term, result: str, justified: bool = False, note: str = "",
                           on: dt.date | None = None) -> m.ProgressReport:
    """A semester's progress report and whether it was approved (39(1)g-2, h-3 two bad semesters in a row; ERRATA 22)."""
    require(actor, "thesis.manage", file.student)
    if result not in m.ProgressReport.Result.values:
        raise ValidationError({"result": _("Choose the result.")})
    if term.year.institution_id != file.student.institution_id:
        raise ValidationError({"term": _("Choose a term of the student's institution.")})
    with transaction.atomic():
        if m.ProgressReport.objects.filter(file=file, term=term).exists():
            raise ValidationError({"term": _("A report for this term is already recorded.")})
        r = m.ProgressReport.objects.create(file=file, term=term, result=result, justified=justified, note=note.strip(), recorded_on=_today(on))
        record(actor=actor, action=AuditEvent.Action.CREATE, obj=r, reason="KTMU-39(1)h-3")
    return r


def progress_ground(file: m.ThesisFile, on: dt.date) -> Outcome:
    """KTMU-39(1)h-3 (doctoral) / g-2 (master's) on the recorded reports."""
    reports = list(file.progress_reports.select_related("term"))
    level = pg_level(file.student)
    if level in DOCTORAL:
        return evaluate("KTMU-39(1)h-3", {"level": level, "semesters": [{**_sem(r.term.starts_on), "status": r.result, "justified": r.justified}
                                                                         for r in reports]}, on)
    return evaluate("KTMU-39(1)g-2", {"level": level, "semesters": [{**_sem(r.term.starts_on), "submitted": r.result != "NOT_SUBMITTED",
                                                                     "justified": r.justified} for r in reports]}, on)


def submission_lock(file: m.ThesisFile, on: dt.date) -> Outcome | None:
    """KTMU-23(2)-1 after the last change on application (None when the supervisor was never changed that way)."""
    sup = m.SupervisionFile.objects.filter(student=file.student).first()
    if sup is None:
        return None
    decision = _last_change_decision(sup)
    if decision is None:
        return None
    return evaluate("KTMU-23(2)-1", {"student_level": pg_level(file.student), "stage_at_change": _stage_at(sup, decision),
                                     "mandatory_case": False, "decision_date": decision.date,
                                     "semester_starts": semester_starts(file.student), "submission_date": on}, on)


def _stage_at(sup: m.SupervisionFile, decision: Decision) -> str:
    if sup.lock_explanation:
        return str((sup.lock_explanation.get("inputs") or {}).get("stage_at_change") or sup.stage)
    return sup.stage


def thesis_submit(*, actor: Any, file: m.ThesisFile, on: dt.date | None = None) -> m.ThesisSubmission:
    """The student submits the thesis: stages before it done (KTMU-40-1), not within the lock after a supervisor change
    (KTMU-23(2)-1), the set period recorded (39(1)g-3 / h-6). The institute may record a thesis handed in on paper."""
    _own_or_paper(actor, file.student)
    day = _today(on)
    lock = submission_lock(file, day)
    if lock is not None and lock.verdict is Verdict.FAIL:
        raise ValidationError(lock.message(lang()), code="KTMU-23(2)-1")
    out = _check(file, "SUBMISSION", day)
    if m.ThesisSubmission.objects.filter(file=file).exists():
        raise ValidationError(_("The thesis is already submitted."))
    explanations = [out.explanation.to_dict()] + ([lock.explanation.to_dict()] if lock else [])
    if file.submission_deadline:
        rid = "KTMU-39(1)h-6" if pg_level(file.student) in DOCTORAL else "KTMU-39(1)g-3"
        explanations.append(evaluate(rid, {"level": pg_level(file.student), "deadline": file.submission_deadline, "submitted_on": day}, day).explanation.to_dict())
    with transaction.atomic():
        sub = m.ThesisSubmission.objects.create(file=file, submitted_on=day, explanation=explanations)
        record(actor=actor, action=AuditEvent.Action.CREATE, obj=sub, reason="KTMU-40-1")
    return sub


def jury_form(*, actor: Any, file: m.ThesisFile, members: list[Staff], decision: Decision, on: dt.date | None = None) -> m.Jury:
    """The jury (attestation commission) formed by an adopted decision, of the size of the implementing rule set (KTMU-40-1).
    It is a governance body of kind ``jury``: its decision on the defence (and on a re-evaluation, 36(8)) is its own."""
    student = file.student
    require(actor, "thesis.manage", student)
    day = _today(on)
    if decision.status != Decision.Status.ADOPTED:
        raise ValidationError({"decision": _("Choose an adopted decision.")})
    out = _check(file, "JURY", day, {"jury_members": len(set(members))})
    if m.Jury.objects.filter(file=file).exists():
        raise ValidationError(_("The jury is already formed."))
    with transaction.atomic():
        body = Body.objects.create(institution=student.institution, unit=student.unit, kind=Body.Kind.JURY, code=f"jury-{student.student_number}".lower()[:60],
                                   name_ky=f"Аттестациялык комиссия — {student.person}", name_en=f"Thesis jury — {student.person}")
        for s in members:
            Membership.objects.create(body=body, person=s.person, starts_on=day)
        jury = m.Jury.objects.create(file=file, body=body, decision=decision, formed_on=day, explanation=[out.explanation.to_dict()])
        jury.members.set(members)
        record(actor=actor, action=AuditEvent.Action.CREATE, obj=jury, reason="KTMU-40-1")
    return jury


def defence_record(*, actor: Any, file: m.ThesisFile, held_on: dt.date, result: str, decision: Decision, video_url: str = "") -> m.Defence:
    """The defence and the jury's result (its adopted decision). A failed defence opens the W-16d file in DEFENCE_FAILED
    (the appeal window of 2 months, KTMU-36(1)-1) — and is a dismissal ground only as (i) for master's or h.2 for PhD/AI."""
    require(actor, "thesis.manage", file.student)
    if result not in m.Defence.Result.values:
        raise ValidationError({"result": _("Choose passed or failed.")})
    jury = m.Jury.objects.filter(file=file).first()
    if decision.status != Decision.Status.ADOPTED or jury is None or decision.body_id != jury.body_id:
        raise ValidationError({"decision": _("Choose an adopted decision of this student's jury.")})
    out = _check(file, "DEFENCE", held_on)
    if file.defences.filter(result="PASSED").exists():
        raise ValidationError(_("The thesis is already defended."))
    with transaction.atomic():
        d = m.Defence.objects.create(file=file, held_on=held_on, result=result, decision=decision, video_url=video_url, explanation=[out.explanation.to_dict()])
        record(actor=actor, action=AuditEvent.Action.CREATE, obj=d, reason="KTMU-40-1")
        if result == m.Defence.Result.FAILED:
            appeal = m.DefenceAppeal.objects.create(student=file.student, defence=d)
            record(actor=actor, action=AuditEvent.Action.CREATE, obj=appeal, reason="KTMU-36(1)-1")
    return d


def degree_award(*, actor: Any, file: m.ThesisFile, decision: Decision, diploma_number: str, on: dt.date | None = None) -> m.DegreeAward:
    """The degree: after a passed defence (or a reversed result), not while a plagiarism case is open; the diploma-supplement
    data include the SPP grades (shown, not in the GPA — KTMU-20(5)-1) and the language exemptions."""
    student = file.student
    require(actor, "thesis.manage", student)
    day = _today(on)
    if decision.status != Decision.Status.ADOPTED:
        raise ValidationError({"decision": _("Choose an adopted decision.")})
    if not diploma_number.strip():
        raise ValidationError({"diploma_number": _("Give the diploma number.")})
    out = _check(file, "DEGREE", day)
    supplement = diploma_supplement(file)
    with transaction.atomic():
        if m.DegreeAward.objects.filter(file=file).exists():
            raise ValidationError(_("The degree is already awarded."))
        if m.DegreeAward.objects.filter(diploma_number=diploma_number.strip()).exists():
            raise ValidationError({"diploma_number": _("This diploma number is already used.")})
        award = m.DegreeAward.objects.create(file=file, decision=decision, awarded_on=decision.date, diploma_number=diploma_number.strip(),
                                             supplement=supplement, explanation=[out.explanation.to_dict()])
        record(actor=actor, action=AuditEvent.Action.CREATE, obj=award, reason="KTMU-40-1")
    return award


def diploma_supplement(file: m.ThesisFile) -> dict[str, Any]:
    student = file.student
    defence = file.defences.order_by("-held_on").first()
    spp = m.SppPlan.objects.filter(student=student).first()
    spp_rows = []
    if spp:
        from bilim.apps.records.models import Grade

        codes = [c["code"] for c in spp.courses]
        for g in Grade.objects.filter(enrolment__student=student, enrolment__offering__course__code__in=codes).select_related("enrolment__offering__course"):
            spp_rows.append({"code": g.enrolment.offering.course.code, "letter": g.letter, "in_gpa": False, "credits_counted": False})
    return {
        "student_number": student.student_number, "name": str(student.person), "programme": student.programme.code,
        "programme_name_ky": student.programme.name_ky, "level": pg_level(student), "thesis_title": file.title,
        "supervisors": [{"role": s.role, "name": s.supervisor_name} for s in pm.Supervision.objects.filter(student=student).exclude(status="PROPOSED")],
        "defence_date": defence.held_on.isoformat() if defence else None,
        "jury": [str(s.person) for s in file.jury.members.all()] if hasattr(file, "jury") else [],
        "language_exemptions": list(m.LanguageRequirement.objects.filter(student=student, state="EXEMPT").values_list("language", flat=True)),
        "spp_courses": spp_rows, "rule_ids": ["KTMU-40-1", "KTMU-20(5)-1"],
    }


# =====================================================================================================
# W-16d thesis-defence appeal (art. 36)
# =====================================================================================================


def _appeal_move(actor: Any, appeal: m.DefenceAppeal, action: str, facts: Any, day: dt.date, *, decision: Decision | None = None,
                 system: bool = False, reason: str = "") -> Transition:
    return transition_apply(actor=actor, obj=appeal, workflow_code=W16D, action=action, facts=facts, decision=decision, as_of=day,
                            on_behalf_of_system=system, reason=reason)


def appeal_file(*, actor: Any, appeal: m.DefenceAppeal, grounds: str, on: dt.date | None = None) -> Transition:
    """W-16d row 1 (student → institute): within 2 months of the defence (KTMU-36(1)-1)."""
    _own(actor, appeal.student)
    if not grounds.strip():
        raise ValidationError({"grounds": _("Explain why you appeal.")})
    day = _today(on)

    def facts(row: m.DefenceAppeal) -> dict[str, Any]:
        return {"KTMU-36(1)-1": {"defence_date": row.defence.held_on, "defence_passed": False, "appeal_filed_on": day}}

    with transaction.atomic():
        m.DefenceAppeal.objects.filter(pk=appeal.pk).update(filed_on=day, grounds=grounds.strip())
        tr = _appeal_move(actor, appeal, "appeal", facts, day, reason=grounds.strip()[:300])
    appeal.refresh_from_db()
    return tr


def appeal_commission_propose(*, actor: Any, appeal: m.DefenceAppeal, members: list[Staff], secretary: Staff) -> m.DefenceAppeal:
    """The institute management's proposed commission (3 voting members + a secretary), put before its decision."""
    require(actor, "thesis.manage", appeal.student)
    if len(set(members)) != len(members) or secretary in members:
        raise ValidationError({"members": _("Each person may sit on the commission once.")})
    with transaction.atomic():
        before = snapshot(appeal)
        appeal.proposed_secretary = secretary
        appeal.save(update_fields=["proposed_secretary"])
        appeal.proposed_members.set(members)
        record(actor=actor, action=AuditEvent.Action.UPDATE, obj=appeal, before=before, reason="KTMU-36(3)-1")
    return appeal


def appeal_commission_form(*, actor: Any, appeal: m.DefenceAppeal, decision: Decision, members: list[Staff] | None = None,
                           secretary: Staff | None = None, on: dt.date | None = None) -> Transition:
    """W-16d row 2 (institute management): within 10 working days; 3 instructors with degree and title of the institute's FoS
    and a secretary without a vote (36(2)–(3)); no supervisor or jury member (36(3)-2). The commission becomes a governance
    body of kind ``appeal_commission``, which adopts the report."""
    day = decision.date if on is None else on
    student = appeal.student
    members = list(members if members is not None else appeal.proposed_members.select_related("unit", "person"))
    secretary = secretary or appeal.proposed_secretary
    if len(members) == 0 or secretary is None:
        raise ValidationError({"members": _("Propose the commission's members and secretary first.")})
    jury = m.Jury.objects.filter(file__student=student).first()
    sup_ids = [str(s.staff.person_id) for s in pm.Supervision.objects.filter(student=student, staff__isnull=False).select_related("staff")
               if s.staff is not None]

    def facts(row: m.DefenceAppeal) -> dict[str, Any]:
        ms = [{"person_id": str(s.person_id), "voting": True, "has_academic_degree": bool(s.degree), "has_academic_title": s.title in ACADEMIC_TITLES,
               "institute": str(s.unit.parent_id or s.unit_id), "fos": str(s.unit_id)} for s in members]
        ms.append({"person_id": str(secretary.person_id), "voting": False, "institute": str(secretary.unit.parent_id or secretary.unit_id),
                   "fos": str(secretary.unit_id)})
        fos = student.programme.field_of_science_id
        return {"KTMU-36(2)-1": {"appeal_filed_on": row.filed_on, "formed_on": day, "formed_by_institute_management": True},
                "KTMU-36(3)-1": {"members": ms, "student_institute": str(student.unit_id), "student_fos": str(fos)},
                "KTMU-36(3)-2": {"member_ids": [str(s.person_id) for s in members], "supervisor_ids": sup_ids,
                                 "jury_member_ids": [str(s.person_id) for s in jury.members.all()] if jury else []}}

    with transaction.atomic():
        tr = _appeal_move(actor, appeal, "form_commission", facts, day, decision=decision)
        body = Body.objects.create(institution=student.institution, unit=student.unit, kind=Body.Kind.APPEAL_COMMISSION,
                                   code=f"appeal-{appeal.pk}-{student.student_number}".lower()[:60],
                                   name_ky=f"Аппеляция комиссиясы — {student.person}", name_en=f"Appeal commission — {student.person}")
        for s in members:
            Membership.objects.create(body=body, person=s.person, starts_on=day)
        Membership.objects.create(body=body, person=secretary.person, role=Membership.Role.SECRETARY, voting=False, starts_on=day)
        m.DefenceAppeal.objects.filter(pk=appeal.pk).update(commission=body, commission_formed_on=day)
    appeal.refresh_from_db()
    return tr


def appeal_report_draft(*, actor: Any, appeal: m.DefenceAppeal, findings: str, evaluations: str, votes: list[dict[str, str]]) -> m.DefenceAppeal:
    """The commission's report as drafted by its secretary (findings, evaluations, the open vote) — adopted by its decision."""
    require(actor, "thesis.manage", appeal.student)
    with transaction.atomic():
        before = snapshot(appeal)
        appeal.findings, appeal.evaluations, appeal.votes = findings.strip(), evaluations.strip(), votes
        appeal.save(update_fields=["findings", "evaluations", "votes"])
        record(actor=actor, action=AuditEvent.Action.UPDATE, obj=appeal, before=before, reason="KTMU-36(4)-2")
    return appeal


def appeal_report(*, actor: Any, appeal: m.DefenceAppeal, decision: Decision, findings: str | None = None, evaluations: str | None = None,
                  votes: list[dict[str, str]] | None = None, on: dt.date | None = None) -> Transition:
    """W-16d row 3 (appeal commission, by majority in an open vote): its report within 30 days, with findings and evaluations,
    deciding UPHOLD or REEVALUATE (36(4)–(6)). The commission's adopted decision carries it."""
    day = decision.date if on is None else on
    findings = appeal.findings if findings is None else findings
    evaluations = appeal.evaluations if evaluations is None else evaluations
    votes = appeal.votes if votes is None else votes
    errors = {}
    if not findings.strip():
        errors["findings"] = _("Write the findings.")
    if not evaluations.strip():
        errors["evaluations"] = _("Write the evaluations.")
    if errors:
        raise ValidationError(errors)
    voting = list(Membership.objects.filter(body=appeal.commission, voting=True).values_list("person_id", flat=True)) if appeal.commission_id else []
    vote = evaluate("KTMU-36(6)-1", {"voting_member_ids": [str(v) for v in voting], "votes": votes, "open_vote": True}, day)
    if vote.verdict is Verdict.FAIL:
        raise ValidationError({"votes": cite(vote, lang())})
    choice = str(vote.value)
    action = "report_uphold" if choice == "UPHOLD" else "report_reevaluate"

    def facts(row: m.DefenceAppeal) -> dict[str, Any]:
        return {"KTMU-36(4)-1": {"formed_on": row.commission_formed_on, "report_submitted_on": day},
                "KTMU-36(4)-2": {"findings": findings, "evaluations": evaluations, "decision": choice, "submitted_to_institute": True},
                "KTMU-36(5)-1": {"decision": choice}, "KTMU-36(6)-1": vote}

    with transaction.atomic():
        m.DefenceAppeal.objects.filter(pk=appeal.pk).update(findings=findings.strip(), evaluations=evaluations.strip(), votes=votes, report_submitted_on=day)
        tr = _appeal_move(actor, appeal, action, facts, day, decision=decision)
    appeal.refresh_from_db()
    return tr


def appeal_board_decide(*, actor: Any, appeal: m.DefenceAppeal, decision: Decision, on: dt.date | None = None) -> Transition:
    """W-16d row 4 (Institute Board): the commission found the jury right — the Board examines the report and decides (36(7))."""
    day = _today(on)

    def facts(row: m.DefenceAppeal) -> dict[str, Any]:
        return {"KTMU-36(7)-1": {"decision": "UPHOLD", "institute_board_decision_on": decision.date}}

    with transaction.atomic():
        tr = _appeal_move(actor, appeal, "decide", facts, day, decision=decision)
        m.DefenceAppeal.objects.filter(pk=appeal.pk).update(outcome=m.DefenceAppeal.Outcome.FAIL_UPHELD)
    appeal.refresh_from_db()
    return tr


def appeal_send_to_jury(*, actor: Any, appeal: m.DefenceAppeal, decision: Decision, on: dt.date | None = None) -> Transition:
    """W-16d row 5 (institute management): the report goes to the jury members within 15 days for re-evaluation (36(8))."""
    day = decision.date if on is None else on

    def facts(row: m.DefenceAppeal) -> dict[str, Any]:
        return {"KTMU-36(8)-1": {"decision": "REEVALUATE", "report_received_on": row.report_submitted_on, "sent_to_jury_on": day}}

    with transaction.atomic():
        tr = _appeal_move(actor, appeal, "send_to_jury", facts, day, decision=decision)
        m.DefenceAppeal.objects.filter(pk=appeal.pk).update(sent_to_jury_on=day)
    appeal.refresh_from_db()
    return tr


def appeal_jury_reevaluate(*, actor: Any, appeal: m.DefenceAppeal, decision: Decision, passed: bool | None = None,
                           on: dt.date | None = None) -> Transition:
    """W-16d row 5 (the jury re-evaluates; the Board signs, A-50): the result is reversed or the failure upheld."""
    day = _today(on)
    passed = appeal.reevaluation_passed if passed is None else passed
    if passed is None:
        raise ValidationError({"reevaluation_passed": _("Record the jury's re-evaluation first.")})
    with transaction.atomic():
        tr = _appeal_move(actor, appeal, "decide", None, day, decision=decision, reason=_("Re-evaluation: passed") if passed else _("Re-evaluation: failed"))
        m.DefenceAppeal.objects.filter(pk=appeal.pk).update(reevaluation_passed=passed,
                                                            outcome=m.DefenceAppeal.Outcome.REVERSED if passed else m.DefenceAppeal.Outcome.FAIL_UPHELD)
    appeal.refresh_from_db()
    return tr


def appeal_sign_and_notify(*, actor: Any, appeal: m.DefenceAppeal, decision: Decision, on: dt.date | None = None) -> Transition:
    """W-16d row 6 (Institute Board signs; institute): the student is told within 5 days and it is published on the website (36(9))."""
    day = _today(on)

    def facts(row: m.DefenceAppeal) -> dict[str, Any]:
        return {"KTMU-36(9)-1": {"board_signed_on": decision.date, "student_notified_on": day, "published_on_institute_website": True}}

    with transaction.atomic():
        tr = _appeal_move(actor, appeal, "sign_and_notify", facts, day, decision=decision)
        m.DefenceAppeal.objects.filter(pk=appeal.pk).update(board_signed_on=decision.date, notified_on=day, published=True)
    appeal.refresh_from_db()
    return tr


def appeal_external_remedy(*, actor: Any, appeal: m.DefenceAppeal, note: str, on: dt.date | None = None) -> Transition:
    """W-16d row 7 (student): seeks an administrative remedy outside the university (36(10), recorded only)."""
    _own(actor, appeal.student)
    if not note.strip():
        raise ValidationError({"note": _("Describe the remedy sought (authority, reference).")})
    return _appeal_move(actor, appeal, "external_remedy", None, _today(on), reason=note.strip())


def _defence_semesters(student: Student) -> list[dict[str, Any]]:
    out = []
    for d in m.Defence.objects.filter(file__student=student):
        reversed_ = m.DefenceAppeal.objects.filter(defence=d, outcome="REVERSED").exists()
        out.append({**_sem(d.held_on), "passed": d.result == "PASSED" or reversed_})
    return out


def appeal_dismissal_ground(*, actor: Any = None, appeal: m.DefenceAppeal, on: dt.date | None = None) -> Transition:
    """W-16d closing rows (system): a failed outcome is a dismissal ground — (i) for master's, once the appeal is decided or its
    2-month window has passed; h.2 for PhD/AI, only when the defence is not passed within 2 semesters (ERRATA 21)."""
    day = _today(on)
    student = appeal.student
    level = pg_level(student)
    if level in DOCTORAL:
        action = "dismissal_ground_doctoral"

        def facts(row: m.DefenceAppeal) -> dict[str, Any]:
            return {"KTMU-39(1)h-2": ground_gate(evaluate("KTMU-39(1)h-2", {"level": level, "semesters": _defence_semesters(student)}, day))}
    else:
        action = "dismissal_ground_master" if appeal.state == "CLOSED" else "appeal_window_expired_master"

        def facts(row: m.DefenceAppeal) -> dict[str, Any]:
            outcome = {"FAIL_UPHELD": "FAIL_UPHELD", "REVERSED": "REVERSED"}.get(row.outcome)
            i = evaluate("KTMU-39(1)i-1", {"level": level, "defence_passed": row.outcome == "REVERSED", "defence_date": row.defence.held_on,
                                           "appeal_filed_on": row.filed_on, "appeal_outcome": outcome}, day)
            f = {"KTMU-39(1)i-1": ground_gate(i)}
            if action == "appeal_window_expired_master":
                f["KTMU-36(1)-1"] = ground_gate(evaluate("KTMU-36(1)-1", {"defence_date": row.defence.held_on, "defence_passed": False,
                                                                         "appeal_filed_on": day}, day))
            return f

    return _appeal_move(actor, appeal, action, facts, day, system=True, reason=_("Dismissal ground (art. 39)"))
