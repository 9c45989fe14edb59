"""Business steps of OshSU academic mobility. Each is one atomic transaction with an audit row; every
decision comes from the rules layer (``bilim.regulations.mobility``) and its explanation is stored.

Refusals raise ``TransitionRefused`` (rule explanations) or ``ValidationError`` (bad input per field);
nothing is written in either case.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from bilim.apps.accounts.permissions import require, restrict
from bilim.apps.audit import services as audit
from bilim.apps.audit.models import AuditEvent
from bilim.apps.core.integrity import unique_or_error
from bilim.apps.core.numbers import GPA_OSU, ISP_CREDITS, SCORE_100, NumberError, clean_decimal, parse_decimal
from bilim.apps.governance.models import Body, Decision
from bilim.apps.mobility import models as m
from bilim.apps.mobility.workflows import active_state, kind_of, move, workflow
from bilim.apps.workflow.services import TransitionRefused, cite
from bilim.regulations.core.outcome import Outcome, Verdict
from bilim.regulations.core.registry import RuleError, evaluate
from bilim.regulations.mobility import staff as staff_rules
from bilim.regulations.mobility import student as stu_rules

LEVELS = {"college": "COLLEGE", "bachelor": "BACHELOR", "master": "MASTER"}
TERMINAL_FREEING_QUOTA = m.StudentMobility.PLACE_FREEING


def today() -> dt.date:
    return timezone.localdate()


def _level(student: Any) -> str:
    try:
        return LEVELS[student.level]
    except KeyError:
        raise ValidationError({"student": _("Academic mobility under this regulation is for college, bachelor and master's students.")}) from None


def _refuse_if_failed(*outcomes: Outcome) -> None:
    failed = [o.explanation for o in outcomes if o.verdict is Verdict.FAIL]
    if failed:
        raise TransitionRefused(_("The step was refused."), failed, code="guard")


def semesters_covered(student: Any, start: dt.date, end: dt.date, on: dt.date) -> tuple[int, ...]:
    """Absolute semesters a stay overlaps, counted from the student's current semester (1 Sep / 1 Feb terms)."""

    def term_index(d: dt.date) -> int:  # fall of year Y = 2Y, spring (Feb–Aug) = 2(Y-1)+1
        return 2 * d.year if d.month >= 9 else 2 * (d.year - 1) + 1

    base = term_index(on)
    first = student.semester + term_index(start) - base
    last = student.semester + term_index(end) - base
    n = student.programme.normative_semesters
    return tuple(s for s in range(max(first, 1), min(last, n) + 1)) or (max(1, min(first, n)),)


# --- calls and quotas ---------------------------------------------------------------------------------------


@transaction.atomic
def call_publish(*, actor: Any, call: m.Call) -> Outcome:
    """Publish a call; the announcement template (OSU-5.5-1) gives warnings, never blocks (ERRATA 16)."""
    require(actor, "mobility.manage_calls", call)
    before = audit.snapshot(call)
    outcome = evaluate("OSU-5.5-1", {
        "procedure": call.procedure, "conditions": call.conditions, "period_or_deadline": f"{call.opens_on}–{call.deadline}",
        "participant_requirements": call.requirements, "selection_criteria": call.criteria,
        "links": tuple(x for x in call.links.split() if x), "body": call.title,
    }, today())
    call.published = True
    call.published_at = timezone.now()
    call.save(update_fields=["published", "published_at"])
    audit.record(actor=actor, action=AuditEvent.Action.UPDATE, obj=call, before=before, reason="publish")
    return outcome


@transaction.atomic
def call_create(*, actor: Any, data: dict[str, Any]) -> m.Call:
    require(actor, "mobility.manage_calls")
    commission = data.pop("commission", None)
    call = m.Call(**data)
    call.full_clean()
    call.save()
    require(actor, "mobility.manage_calls", call)  # the call is for a faculty in the actor's scope (rolled back if not)
    if commission:
        call.commission.set(commission)
    audit.record(actor=actor, action=AuditEvent.Action.CREATE, obj=call)
    return call


def _take_quota(call: m.Call | None) -> None:
    """Take one place of the call; the conditional update and the check constraint make overbooking impossible."""
    if call is None:
        return
    taken = m.Call.objects.filter(pk=call.pk, quota_used__lt=F("quota")).update(quota_used=F("quota_used") + 1)
    if not taken:
        fresh = m.Call.objects.get(pk=call.pk)
        outcome = evaluate("OSU-4.8-IRD-4", {"quota": fresh.quota, "nominated_ids": [str(i) for i in range(fresh.quota_used + 1)]}, today())
        raise TransitionRefused(_("No place is left in the quota of this call."), [outcome.explanation], code="quota")


def _free_quota(call: m.Call | None) -> None:
    if call is not None:
        m.Call.objects.filter(pk=call.pk, quota_used__gt=0).update(quota_used=F("quota_used") - 1)


def academic_year_of(day: dt.date) -> str:
    """The academic year (``2026-2027``) a day falls in; the year starts on 1 September (as the seed and
    ``semesters_covered`` count it)."""
    first = day.year if day.month >= 9 else day.year - 1
    return f"{first}-{first + 1}"


def agreement_quota_for(mob: m.StudentMobility) -> m.AgreementQuota | None:
    """The agreement's yearly outgoing quota a file *without a call* draws its place from (OSU-4.8-IRD-4: quotas per
    call or agreement and period), or None when the agreement sets no quota for that year and level."""
    if mob.call_id or not mob.agreement_id:
        return None
    level = LEVELS.get(getattr(mob.student, "level", ""))
    return m.AgreementQuota.objects.filter(agreement_id=mob.agreement_id, academic_year=academic_year_of(mob.start_date), level=level,
                                           direction=m.Direction.OUTGOING).first()


def _take_agreement_place(quota: m.AgreementQuota) -> None:
    """Take one place of an agreement's yearly quota (conditional update + CHECK ``used <= capacity``)."""
    if not m.AgreementQuota.objects.filter(pk=quota.pk, used__lt=F("capacity")).update(used=F("used") + 1):
        fresh = m.AgreementQuota.objects.get(pk=quota.pk)
        outcome = evaluate("OSU-4.8-IRD-4", {"quota": fresh.capacity, "nominated_ids": [str(i) for i in range(fresh.used + 1)]}, today())
        raise TransitionRefused(_("No place is left in this agreement's quota for the year."), [outcome.explanation], code="quota")


def place_on_move(mv: Any) -> list[str]:
    """``ON_MOVE`` hook of student files (registered in ``MobilityConfig.ready``): every way into SELECTED (ranking,
    individual selection, any other) takes a place and marks it on the file; every end before the mobility happens
    (``StudentMobility.PLACE_FREEING``) gives it back. Runs in the transition's transaction on the locked file; the
    counters move by conditional updates, so concurrent selections never overbook. Returns the fields changed."""
    mob = mv.locked
    if mv.state_field != "state":
        return []
    if mv.target == "SELECTED" and not mob.quota_taken:
        if mob.call_id:
            _take_quota(mob.call)
            mob.quota_taken = True
            return ["quota_taken"]
        quota = agreement_quota_for(mob)
        if quota is None:
            return []
        _take_agreement_place(quota)
        mob.quota_taken, mob.quota_place = True, quota
        return ["quota_taken", "quota_place"]
    if mv.target in m.StudentMobility.PLACE_FREEING and mob.quota_taken:
        if mob.quota_place_id:
            m.AgreementQuota.objects.filter(pk=mob.quota_place_id, used__gt=0).update(used=F("used") - 1)
        else:
            _free_quota(mob.call)
        mob.quota_taken, mob.quota_place = False, None
        return ["quota_taken", "quota_place"]
    return []


# --- the student's application (S0–S2) -----------------------------------------------------------------------


def _classify(student: Any, host: Any, start: dt.date, end: dt.date, on: dt.date) -> tuple[str, str, list[dict]]:
    term = evaluate("OSU-1.3.5-2", {"start_date": start, "end_date": end}, on)
    if term.value == "INVALID":
        raise ValidationError({"end_date": cite(term, _lang())})
    scope = evaluate("OSU-1.3.2-1", {"direction": "OUTGOING", "counterpart_country": host.country}, on)
    return term.value, scope.value, [term.explanation.to_dict(), scope.explanation.to_dict()]


def _lang() -> str:
    from django.utils.translation import get_language

    return (get_language() or "ky")[:2]


# States after which a student may apply to the same call again: the condition of mob_one_live_application_per_call.
RESUBMITTABLE = ("NOT_SELECTED", "WITHDRAWN", "HOST_DECLINED", "CANCELLED")


@transaction.atomic
def application_create(*, actor: Any, student: Any, host: Any, purpose: str, language: str, specialty: str,
                       expected_funding: str, start_date: dt.date, end_date: dt.date, call: m.Call | None = None,
                       basis: str = m.Basis.INSTITUTIONAL_AGREEMENT, intended_disciplines: str = "", mode: str = "PHYSICAL") -> m.StudentMobility:
    """Create the application (D-01) as a draft; term and scope are computed by the rules."""
    require(actor, "mobility.apply")
    if student.person.user_id != getattr(actor, "pk", None):
        require(actor, "mobility.manage_applications", None)
    if end_date < start_date:
        raise ValidationError({"end_date": _("The last day is before the first day.")})
    outside = evaluate("OSU-1.3.1-1", {"direction": "OUTGOING", "counterpart_institution": host.code}, today())
    if outside.verdict is Verdict.FAIL or host.pk == student.institution_id:
        raise ValidationError({"host": cite(outside, _lang()) if outside.verdict is Verdict.FAIL else _("Choose an institution other than your own.")})
    _level(student)
    if call is not None and not call.published:
        raise ValidationError({"call": _("This call is not published.")})
    term, scope, expl = _classify(student, host, start_date, end_date, today())
    agreement = call.agreement if call and call.agreement_id else m.Agreement.objects.filter(partner=host).order_by("-starts_on").first()
    duplicate = {"call": _("You already have an application to this call. Open it from your applications instead of applying again.")}
    if call is not None:
        # One live application per call (mob_one_live_application_per_call): say so beside the field; the
        # constraint, turned into the same error, settles two requests that pass this check together.
        type(student).objects.select_for_update().filter(pk=student.pk).first()
        live = m.StudentMobility.objects.filter(student=student, call=call).exclude(state__in=RESUBMITTABLE)
        if live.exists():
            raise ValidationError(duplicate)
    with unique_or_error(duplicate):
        mob = m.StudentMobility.objects.create(
            student=student, call=call, agreement=agreement, host=host, basis=basis, purpose=purpose, language=language,
            specialty=specialty, expected_funding=expected_funding, intended_disciplines=intended_disciplines,
            year_of_study=student.year_of_study, mode=mode, start_date=start_date, end_date=end_date, term=term, scope=scope,
            explanation=expl,
        )
    audit.record(actor=actor, action=AuditEvent.Action.CREATE, obj=mob)
    return mob


def application_facts(mob: m.StudentMobility, on: dt.date) -> dict[str, Any]:
    s = mob.student
    agreements = [{"valid_from": a.starts_on, "valid_to": a.ends_on} for a in m.Agreement.objects.filter(partner=mob.host)]
    facts: dict[str, Any] = {
        "OSU-4.8-STU-1": {"mobility_start_date": mob.start_date, "term": mob.term, "basis": mob.basis,
                          "host_agreements": agreements,
                          "intended_disciplines": [x.strip() for x in mob.intended_disciplines.splitlines() if x.strip()]},
        "OSU-4.8-STU-2": {"purpose": mob.purpose, "host_institution": str(mob.host), "year_of_study": mob.year_of_study,
                          "language_of_instruction": mob.language, "specialty": mob.specialty,
                          "expected_funding_source": mob.expected_funding},
        "OSU-4.8-STU-15": {"funding_basis": s.funding.upper(), "tuition_debt": s.tuition_debt, "basis": mob.basis},
        "OSU-4.8-STU-19": {"level": _level(s), "term": mob.term, "scope": mob.scope,
                           "semesters_covered": semesters_covered(s, mob.start_date, mob.end_date, on),
                           "total_semesters": s.programme.normative_semesters},
    }
    facts["OSU-4.8-STU-22"] = facts["OSU-4.8-STU-19"]
    return facts


def application_submit(*, actor: Any, mobility: m.StudentMobility, expected_version: int | None = None) -> Any:
    """S0 → APPLIED: host/basis (STU-1), fields (STU-2), contract debt (STU-15), year-of-study window (STU-19…23)."""
    require(actor, "mobility.apply", mobility)
    on = today()

    def facts(locked: m.StudentMobility) -> dict[str, Any]:  # judged on the locked file, never on what the form loaded
        f = application_facts(locked, on)
        f.pop("OSU-4.8-STU-19" if locked.term == "SHORT" else "OSU-4.8-STU-22")
        return f

    return move(actor=actor, obj=mobility, kind="student", target="APPLIED", facts=facts, expected_version=expected_version)


#: Which documents their owner may still replace or remove, and in which states of the file: the application's documents
#: until the office declares them complete (S1), the host's papers until they are handed in on return (S10), the
#: invitation and the host's admission while the host's answer is awaited. Afterwards the officer who checked them
#: relies on them: they can be opened by everyone who reads the file, but no longer changed.
_APPLICATION_STATES = frozenset({"DRAFT", "APPLIED"})
_RETURN_STATES = frozenset({"STUDYING", "STUDYING_ONLINE", "ABROAD", "ON_SITE", "RETURNED"})
DOCUMENT_CHANGE_STATES: dict[str, frozenset[str]] = {
    **{k: _APPLICATION_STATES for k in ("PARENTAL_CONSENT", "HOME_TRANSCRIPT", "QUESTIONNAIRE", "MOTIVATION_LETTER", "CV",
                                         "CITIZENSHIP_DOC_COPY", "LANGUAGE_CERTIFICATE", "OTHER")},
    **{k: frozenset({"REFERRED", "INVITED"}) for k in ("INVITATION", "HOST_ADMISSION")},
    **{k: _RETURN_STATES for k in ("HOST_TRANSCRIPT", "STUDY_CERTIFICATE", "HOURS_REFERENCE_LETTER", "PARTICIPATION_CERTIFICATE")},
}
#: kinds of which a file holds one current document: a second upload replaces the first (kept as an earlier version)
SINGLE_DOCUMENT_KINDS = frozenset(k for k in m.MobilityDocument.Kind.values if k != "OTHER")


def document_changeable(user: Any, doc: m.MobilityDocument) -> bool:
    """Whether ``user`` may replace or remove ``doc`` now: its owner — the student whose file it is, or the one who
    uploaded it (an office uploads the host's invitation) — while the step collecting it is open. The officer who checks
    a student's document opens it but does not change it."""
    from bilim.apps.accounts.permissions import restrict

    if doc.mobility.state not in DOCUMENT_CHANGE_STATES.get(doc.kind, frozenset()):
        return False
    uid = getattr(user, "pk", None)
    owner = uid is not None and (doc.uploaded_by_id == uid or doc.mobility.student.person.user_id == uid)
    return owner and restrict(user, "mobility.apply", m.StudentMobility.objects.filter(pk=doc.mobility_id)).exists()


def _refuse_change(doc: m.MobilityDocument) -> ValidationError:
    if doc.mobility.state in DOCUMENT_CHANGE_STATES.get(doc.kind, frozenset()):
        return ValidationError({"file": _("“%(document)s” was uploaded by someone else: only the student or the one who uploaded it "
                                          "may replace or remove it.") % {"document": doc.get_kind_display()}})
    return ValidationError({"file": _("“%(document)s” can no longer be replaced or removed: the file has moved past the step that "
                                      "collects it. Ask the office if it must be corrected.") % {"document": doc.get_kind_display()}})


@transaction.atomic
def document_upload(*, actor: Any, mobility: m.StudentMobility, kind: str, file: Any) -> m.MobilityDocument:
    """Upload a document to the file. A second document of the same kind replaces the first, which stays as an earlier
    version (never lost); replacing is allowed only while the step collecting that document is open."""
    from bilim.apps.core import uploads

    require(actor, "mobility.apply", mobility)
    m.validate_upload(file)
    current = (m.MobilityDocument.objects.select_for_update().filter(mobility=mobility, kind=kind).order_by("-uploaded_at", "-pk").first()
               if kind in SINGLE_DOCUMENT_KINDS else None)
    if current is not None:
        if not document_changeable(actor, current):
            raise _refuse_change(current)
        before = {"document": kind, "file": current.file.name}
        uploads.retire(actor=actor, key="mobility-document", row=current, action="replaced", label=current.get_kind_display())
        current.file = file
        current.uploaded_by = actor
        current.uploaded_at = timezone.now()
        current.full_clean(exclude=["uploaded_by"])
        current.save()
        audit.record(actor=actor, action=AuditEvent.Action.UPDATE, obj=mobility, before=before,
                     after={"document": kind, "file": current.file.name}, reason=gettext_noop("document replaced"))
        return current
    doc = m.MobilityDocument(mobility=mobility, kind=kind, file=file, uploaded_by=actor)
    doc.full_clean(exclude=["uploaded_by"])
    doc.save()
    audit.record(actor=actor, action=AuditEvent.Action.CREATE, obj=mobility, after={"document": kind, "file": doc.file.name},
                 reason=gettext_noop("document uploaded"))
    return doc


@transaction.atomic
def document_remove(*, actor: Any, document: m.MobilityDocument, reason: str = "") -> None:
    """Remove a document while its step is open; the file is kept as an earlier version and the removal audited."""
    from bilim.apps.core import uploads

    doc = m.MobilityDocument.objects.select_for_update().select_related("mobility").get(pk=document.pk)
    require(actor, "mobility.apply", doc.mobility)
    if not document_changeable(actor, doc):
        raise _refuse_change(doc)
    uploads.retire(actor=actor, key="mobility-document", row=doc, action="removed", label=doc.get_kind_display(), reason=reason)
    audit.record(actor=actor, action=AuditEvent.Action.UPDATE, obj=doc.mobility, before={"document": doc.kind, "file": doc.file.name},
                 after={"document": None, "file": None}, reason=reason or gettext_noop("document removed"))
    doc.delete()


def documents_facts(mob: m.StudentMobility) -> dict[str, Any]:
    uploaded = set(mob.documents.values_list("kind", flat=True))
    isp = mob.isp_versions.order_by("-number").first()
    if isp is not None:
        uploaded.add("ISP")
    return {"level": _level(mob.student), "term": mob.term, "uploaded_documents": frozenset(uploaded),
            "language_certificate_required": bool(mob.call and mob.call.language_certificate_required),
            "isp_has_dlt_list": isp is not None}


def documents_complete(*, actor: Any, mobility: m.StudentMobility) -> Any:
    """S1 → DOCS_COMPLETE when OSU-4.8-STU-3 holds."""
    require(actor, "mobility.manage_applications", mobility)
    return move(actor=actor, obj=mobility, kind="student", target="DOCS_COMPLETE",
                facts=lambda locked: {"OSU-4.8-STU-3": documents_facts(locked)})


def application_cancel(*, actor: Any, mobility: m.StudentMobility, reason: str = "") -> Any:
    require(actor, "mobility.apply", mobility)
    return move(actor=actor, obj=mobility, kind="student", target="CANCELLED", reason=reason)


# --- selection (S2–S3) ----------------------------------------------------------------------------------------


def _gpa_facts(mob: m.StudentMobility, kind: str) -> dict[str, Any]:
    return {"gpa": mob.gpa if mob.gpa is not None else Decimal(0), "selection_kind": kind}


def selection_score(*, actor: Any, mobility: m.StudentMobility, scores: dict[str, Decimal], gpa: Decimal | None = None,
                    has_language_certificate: bool | None = None) -> None:
    """Record the commission's criterion scores (0–100) of one candidate."""
    require(actor, "mobility.run_selection", mobility)
    with transaction.atomic():
        before = audit.snapshot(mobility)
        cleaned = {k: clean_decimal(v, SCORE_100, k) for k, v in scores.items()}  # the one parsing path (finite, 0–scale)
        mobility.scores = {k: str(v) for k, v in cleaned.items()}
        if gpa is not None:
            mobility.gpa = clean_decimal(gpa, GPA_OSU, "gpa")
        if has_language_certificate is not None:
            mobility.has_language_certificate = has_language_certificate
        mobility.save(update_fields=["scores", "gpa", "has_language_certificate"])
        audit.record(actor=actor, action=AuditEvent.Action.UPDATE, obj=mobility, before=before, reason="selection scores")


def call_rank(*, actor: Any, call: m.Call) -> Outcome:
    """Rank every complete application of the call (OSU-4.8-IRD-9, FD-2, IRD-13) and move each file:
    SELECTED within the quota, NOT_SELECTED otherwise (the explanation is stored on the file)."""
    require(actor, "mobility.run_selection", call)
    on = today()
    with transaction.atomic():
        call = m.Call.objects.select_for_update().get(pk=call.pk)
        for mob in call.applications.filter(state="DOCS_COMPLETE"):
            move(actor=actor, obj=mob, kind="student", target="IN_SELECTION", facts_by_rule={})
        candidates = list(call.applications.filter(state="IN_SELECTION").select_related("student"))
        facts = {
            "call": {"call_id": str(call.pk), "selection_kind": call.selection_kind, "quota": call.quota - call.quota_used,
                     "weights": call.weights or {"GPA": 100}},
            "candidates": [{"candidate_id": str(c.pk), "gpa": c.gpa or 0, "scores": c.scores or {},
                            "has_language_certificate": c.has_language_certificate} for c in candidates],
        }
        try:
            outcome = evaluate("OSU-4.8-IRD-13", facts, on)  # rank_candidates
        except RuleError as e:
            raise ValidationError({"scores": str(e)}) from None
        ranking = outcome.value
        by_id = {str(c.pk): c for c in candidates}
        for line in ranking:
            mob = by_id[line.candidate_id]
            mob.rank, mob.selection_status = line.rank, line.status
            mob.save(update_fields=["rank", "selection_status"])
            gate = evaluate("OSU-4.8-IRD-9", _gpa_facts(mob, call.selection_kind), on)
            if line.status == "SELECTED":  # the place is taken by the move itself (place_on_move)
                move(actor=actor, obj=mob, kind="student", target="SELECTED",
                     facts=lambda locked, kind=call.selection_kind: {"OSU-4.8-IRD-9": _gpa_facts(locked, kind)},
                     extra_explanations=[outcome.explanation])
            elif line.status in ("REJECTED", "RESERVE"):
                move(actor=actor, obj=mob, kind="student", target="NOT_SELECTED", facts_by_rule={},
                     reason=line.reason or line.status, extra_explanations=[gate.explanation, outcome.explanation])
        call.ranking = [{"id": r.candidate_id, "status": r.status, "rank": r.rank, "composite": str(r.composite) if r.composite is not None else None,
                         "reason": r.reason, "key": r.decided_by_key} for r in ranking]
        call.ranking_explanation = outcome.explanation.to_dict()
        call.save(update_fields=["ranking", "ranking_explanation"])
        audit.record(actor=actor, action=AuditEvent.Action.DECISION, obj=call, reason="ranking")
    return outcome


@transaction.atomic
def call_publish_results(*, actor: Any, call: m.Call) -> None:
    require(actor, "mobility.run_selection", call)
    before = audit.snapshot(call)
    call.results_published_at = timezone.now()
    call.save(update_fields=["results_published_at"])
    audit.record(actor=actor, action=AuditEvent.Action.UPDATE, obj=call, before=before, reason="results published")


def select_individual(*, actor: Any, mobility: m.StudentMobility) -> Any:
    """Non-competitive file (individual invitation/initiative): GPA gate is a warning (ERRATA 12)."""
    require(actor, "mobility.run_selection", mobility)
    # the GPA gate is judged on the locked file; the quota place is taken and marked by the move (place_on_move)
    return move(actor=actor, obj=mobility, kind="student", target="SELECTED",
                facts=lambda locked: {"OSU-4.8-IRD-9": _gpa_facts(locked, "NON_COMPETITIVE")})


# --- nomination, referral, invitation (S4–S6) -------------------------------------------------------------------


def nominate(*, actor: Any, mobility: m.StudentMobility) -> Any:
    """S4 → NOMINATED: Appendix 1 with the ISP attached for a long-term stay (OSU-4.8-FD-3, OSU-1.3.6-2)."""
    require(actor, "mobility.nominate", mobility)

    def facts(locked: m.StudentMobility) -> dict[str, Any]:
        isp = locked.isp_versions.order_by("-number").first()
        return {"OSU-4.8-FD-3": {"selected_ids": [str(locked.pk)],
                                 "nominees": [{"student_id": str(locked.pk), "long_term": locked.term == "LONG", "isp_attached": isp is not None}]}}

    return move(actor=actor, obj=mobility, kind="student", target="NOMINATED", facts=facts)


def refer(*, actor: Any, mobility: m.StudentMobility) -> Any:
    """S5 → REFERRED: IRD re-checks the contract debt (OSU-4.8-IRD-12 / STU-15) and sends the referral letter."""
    require(actor, "mobility.manage_applications", mobility)

    def facts(locked: m.StudentMobility) -> dict[str, Any]:
        s = type(locked.student)._default_manager.get(pk=locked.student_id)  # the debt as it stands now
        return {"OSU-4.8-STU-15": {"funding_basis": s.funding.upper(), "tuition_debt": s.tuition_debt, "basis": locked.basis}}

    return move(actor=actor, obj=mobility, kind="student", target="REFERRED", facts=facts)


def withdraw(*, actor: Any, mobility: m.StudentMobility, reason: str) -> Any:
    """The student declines (OSU-4.8-IRD-13): the quota place is freed in the same transaction."""
    require(actor, "mobility.apply", mobility)
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason.")})
    with transaction.atomic():
        tr = move(actor=actor, obj=mobility, kind="student", target="WITHDRAWN", reason=reason)  # frees the place (place_on_move)
        m.StudentMobility.objects.filter(pk=mobility.pk).update(withdrawal_reason=reason)
        mobility.withdrawal_reason = reason
    return tr


def host_decline(*, actor: Any, mobility: m.StudentMobility, reason: str) -> Any:
    """S6 → HOST_DECLINED: the host refuses the referred student; the quota place is given back by the move."""
    require(actor, "mobility.manage_applications", mobility)
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason.")})
    return move(actor=actor, obj=mobility, kind="student", target="HOST_DECLINED", reason=reason)


def invite(*, actor: Any, mobility: m.StudentMobility, invitation: Any = None) -> Any:
    """S6 → INVITED when the host's official invitation letter (D-13) is on file (OSU-4.3-1)."""
    require(actor, "mobility.manage_applications", mobility)
    with transaction.atomic():
        if invitation is not None:
            _attach(actor, mobility, "INVITATION", invitation)
        if not mobility.documents.filter(kind="INVITATION").exists():
            raise ValidationError({"invitation": _("Upload the host's invitation letter.")})
        return move(actor=actor, obj=mobility, kind="student", target="INVITED")


def _attach(actor: Any, mobility: m.StudentMobility, kind: str, file: Any) -> m.MobilityDocument:
    m.validate_upload(file)
    doc = m.MobilityDocument.objects.create(mobility=mobility, kind=kind, file=file, uploaded_by=actor)
    audit.record(actor=actor, action=AuditEvent.Action.CREATE, obj=mobility, after={"document": kind}, reason=gettext_noop("document uploaded"))
    return doc


# --- the individual study plan (S7) ---------------------------------------------------------------------------------


@transaction.atomic
def isp_create_version(*, actor: Any, mobility: m.StudentMobility, items: list[dict[str, Any]], change_reason: str = "",
                       provisional: bool = False, host_curriculum_source: str = "") -> m.IspVersion:
    """A new ISP version (the first, or a change under OSU-4.8-STU-9) with its host and DLT disciplines."""
    require(actor, "mobility.edit_isp", mobility)
    m.StudentMobility.objects.select_for_update().filter(pk=mobility.pk).first()  # the first version has no row to lock
    last = m.IspVersion.objects.select_for_update().filter(mobility=mobility).order_by("-number").first()
    if last is not None and not change_reason.strip():
        raise ValidationError({"change_reason": _("A change of the ISP needs a reason (application to the dean).")})
    if not any(i.get("kind", "HOST") == "HOST" for i in items):
        raise ValidationError({"items": _("The ISP must list the disciplines to be taken at the host.")})
    for n, it in enumerate(items, 1):  # every line's credits through the one parsing path (finite, 0 < ECTS <= limit)
        try:
            it["credits"] = parse_decimal(it.get("credits"), ISP_CREDITS)
        except NumberError as e:
            raise ValidationError({"items": _("Line %(n)s: ECTS credits: %(error)s") % {"n": n, "error": e.message}}) from None
    with unique_or_error(_("The study plan was changed at the same time by someone else. Reload the page and try again.")):
        isp = m.IspVersion.objects.create(mobility=mobility, number=(last.number + 1) if last else 1, change_reason=change_reason,
                                          provisional=provisional, host_curriculum_source=host_curriculum_source)
    for it in items:
        m.IspItem.objects.create(isp=isp, **it)
    audit.record(actor=actor, action=AuditEvent.Action.CREATE, obj=isp, reason=change_reason)
    audit.record(actor=actor, action=AuditEvent.Action.UPDATE, obj=mobility, after={"isp_version": isp.number}, reason="ISP version")
    return isp


ISP_STEPS = {
    "pl": ("pl_agreed_on", "pl_by", "mobility.agree_isp_pl"),
    "vdaa": ("vdaa_agreed_on", "vdaa_by", "mobility.agree_isp_vdaa"),
    "dean": ("dean_approved_on", "dean_by", "mobility.approve_isp_dean"),
    "ird": ("submitted_to_ird_on", "ird_by", "mobility.manage_applications"),
}


def isp_sign(*, actor: Any, isp: m.IspVersion, step: str, on: dt.date | None = None, expected_version: int | None = None) -> Outcome:
    """One approval of the ISP chain (PL + VDAA agree → dean approves → handed to IRD; ERRATA 10). The status is
    recomputed by OSU-4.8-STU-4; a step out of order is refused with the rule's explanation."""
    date_field, by_field, action = ISP_STEPS[step]
    require(actor, action, isp.mobility)
    on = on or today()
    with transaction.atomic():
        locked = m.IspVersion.objects.select_for_update().get(pk=isp.pk)
        if expected_version is not None and locked.version != expected_version:
            raise TransitionRefused(_("This record was changed by someone else in the meantime. Reload the page and try again."), code="stale")
        if getattr(locked, date_field) is not None:
            raise TransitionRefused(_("This approval has already been given."), code="duplicate")
        before = audit.snapshot(locked)
        setattr(locked, date_field, on)
        setattr(locked, by_field, actor)
        outcome = evaluate("OSU-4.8-STU-4", _isp_facts(locked), on)
        prior = stu_rules.ISP_MILESTONES.index(locked.status)
        if stu_rules.ISP_MILESTONES.index(outcome.value) <= prior and step in ("dean", "ird"):
            raise TransitionRefused(_("The step was refused."), [outcome.explanation], code="order")
        locked.status = outcome.value
        locked.explanation = outcome.explanation.to_dict()
        locked.version += 1
        locked.save()
        audit.record(actor=actor, action=AuditEvent.Action.DECISION, obj=locked, before=before, reason=f"ISP {step}")
        isp.refresh_from_db()
    return outcome


def _isp_facts(isp: m.IspVersion) -> dict[str, Any]:
    return {"pl_agreed_on": isp.pl_agreed_on, "vdaa_agreed_on": isp.vdaa_agreed_on, "dean_approved_on": isp.dean_approved_on,
            "submitted_to_ird_on": isp.submitted_to_ird_on, "returned_with_comments": isp.returned_with_comments}


def current_isp(mobility: m.StudentMobility) -> m.IspVersion | None:
    return mobility.isp_versions.order_by("-number").first()


def isp_approved(*, actor: Any, mobility: m.StudentMobility) -> Any:
    """S7 → ISP_APPROVED once the current ISP version reached SUBMITTED_TO_IRD (OSU-4.8-STU-4, OSU-1.3.6-1)."""
    require(actor, "mobility.manage_applications", mobility)
    isp = current_isp(mobility)
    if isp is None:
        raise ValidationError({"isp": _("There is no ISP yet.")})

    def facts(locked: m.StudentMobility) -> dict[str, Any]:
        current = current_isp(locked)
        status = evaluate("OSU-4.8-STU-4", _isp_facts(current), today()) if current else None
        if status is None or not stu_rules.isp_milestone_reached(status.value):
            raise TransitionRefused(_("The ISP has not yet been agreed, approved by the dean and handed to IRD."),
                                    [status.explanation] if status else [], code="guard")
        return {"OSU-4.8-STU-4": status}

    return move(actor=actor, obj=mobility, kind="student", target="ISP_APPROVED", facts=facts)


# --- learning agreement, briefing, orders (S8–S12) -------------------------------------------------------------------


@transaction.atomic
def la_sign(*, actor: Any, mobility: m.StudentMobility, student_on: dt.date, home_on: dt.date, host_on: dt.date) -> m.LearningAgreement:
    require(actor, "mobility.manage_applications", mobility)
    isp = current_isp(mobility)
    if isp is None:
        raise ValidationError({"isp": _("There is no ISP yet.")})
    m.StudentMobility.objects.select_for_update().filter(pk=mobility.pk).first()  # one version number at a time
    last = mobility.learning_agreements.order_by("-number").first()
    with unique_or_error(_("The learning agreement was changed at the same time by someone else. Reload the page and try again.")):
        la = m.LearningAgreement.objects.create(mobility=mobility, isp=isp, number=(last.number + 1) if last else 1,
                                                student_signed_on=student_on, home_signed_on=home_on, host_signed_on=host_on,
                                                omobility_id=f"oshsu-{mobility.pk}", language_code=ewp_language(mobility.language))
    audit.record(actor=actor, action=AuditEvent.Action.CREATE, obj=la)
    if mobility.state == "ISP_APPROVED":
        move(actor=actor, obj=mobility, kind="student", target="LA_SIGNED")
    return la


def ewp_language(text: str) -> str:
    from bilim.apps.mobility.documents.ewp import _language_code

    return _language_code(text)


def brief(*, actor: Any, mobility: m.StudentMobility) -> Any:
    """Orientation / briefing by the deputy dean for international relations (OSU-4.8-VDIR-5)."""
    require(actor, "mobility.manage_applications", mobility)
    from bilim.apps.mobility.actions import la_facts

    def facts(locked: m.StudentMobility) -> dict[str, Any]:
        # without a signed LA the briefing is the "no LA required" step: OSU-4.8-IRD-10 refuses it when one is required
        return {"OSU-4.8-IRD-10": la_facts(locked)} if locked.state == "ISP_APPROVED" else {}

    return move(actor=actor, obj=mobility, kind="student", target="BRIEFED", facts=facts)


def _rector_body(institution: Any) -> Body:
    body = Body.objects.filter(institution=institution, kind=Body.Kind.RECTOR_OFFICE).first()
    if body is None:  # get_or_create: two first orders at once must not collide on body_code_unique
        body, _created = Body.objects.get_or_create(institution=institution, code="rector-office", defaults=dict(
            kind=Body.Kind.RECTOR_OFFICE, name_ky="Ректордун аппараты", name_ru="Аппарат ректора", name_en="Rector's office"))
    return body


def _order(actor: Any, obj: Any, institution: Any, number: str, date: dt.date, title: str, text: str) -> Decision:
    body = _rector_body(institution)
    duplicate = {"number": _("The rector's office already has an order with this number on this date. Check the number.")}
    if Decision.objects.filter(body=body, number=number, date=date).exists():
        raise ValidationError(duplicate)
    with unique_or_error(duplicate):  # decision_number_unique settles two orders typed at the same moment
        d = Decision.objects.create(body=body, number=number, date=date, title=title, text=text,
                                    subject_type=obj._meta.label_lower, subject_id=str(obj.pk), status=Decision.Status.ADOPTED,
                                    created_by=actor, adopted_at=timezone.now())
    audit.record(actor=actor, action=AuditEvent.Action.DECISION, obj=d)
    return d


def departure_facts(mob: m.StudentMobility, on: dt.date) -> dict[str, Any]:
    s = mob.student
    isp = current_isp(mob)
    la_required = bool((mob.call and mob.call.la_required) or (mob.agreement and mob.agreement.la_required))
    return {
        "term": mob.term, "application_ok": True,
        "documents_complete": evaluate("OSU-4.8-STU-3", documents_facts(mob), on).ok,
        "isp_status": isp.status if isp else None,
        "host_curriculum_available": not (isp and isp.provisional),
        "selected_or_not_competitive": True, "nominated": True,
        "invitation_letter": mob.documents.filter(kind="INVITATION").exists(),
        "la_required": la_required, "la_signed": any(la.signed for la in mob.learning_agreements.all()),
        "withdrawn": False, "funding_basis": s.funding.upper(), "tuition_debt": s.tuition_debt, "basis": mob.basis,
        "level": _level(s), "scope": mob.scope, "semesters_covered": semesters_covered(s, mob.start_date, mob.end_date, on),
        "total_semesters": s.programme.normative_semesters,
    }


def departure_order_issue(*, actor: Any, mobility: m.StudentMobility, number: str = "", date: dt.date | None = None,
                          decision: Decision | None = None) -> Decision:
    """S10 → ORDER_ISSUED: the rector's order (a governance Decision of the rector's office) under the
    composite gate OSU-4.8-STU-5 (OSU-1.4-2, OSU-4.8-VDIR-9). ``decision``: an order the rector's office already
    adopted about this file (a body's queue fires the step with it); otherwise the order is written here."""
    if decision is None:  # an order the rector's office adopted at its meeting carries its own authority (checked by the engine)
        require(actor, "mobility.issue_orders", mobility)
    date = (decision.date if decision is not None else date) or today()
    if decision is None and not number.strip():
        raise ValidationError({"number": _("Give the order number.")})
    with transaction.atomic():
        _refuse_if_failed(evaluate("OSU-4.8-STU-5", departure_facts(mobility, date), date))  # early, before the order is written
        d = decision or _order(actor, mobility, mobility.student.institution, number, date,
                               f"Departure order: {mobility.student.person} → {mobility.host}", "")
        move(actor=actor, obj=mobility, kind="student", target="ORDER_ISSUED", decision=d,
             facts=lambda locked: {"OSU-4.8-STU-5": evaluate("OSU-4.8-STU-5", departure_facts(locked, date), date)})
        m.StudentMobility.objects.filter(pk=mobility.pk).update(departure_order=d)
        mobility.departure_order = d
    return d


def depart(*, actor: Any, mobility: m.StudentMobility) -> Any:
    """S11 → the stay: ``ABROAD``, or ``STUDYING_ONLINE`` for a distance file (§4.2: no travel)."""
    require(actor, "mobility.manage_applications", mobility)
    return move(actor=actor, obj=mobility, kind="student", target=active_state(mobility))


def return_order_issue(*, actor: Any, mobility: m.StudentMobility, number: str = "", returned_on: dt.date | None = None,
                       decision: Decision | None = None) -> Decision:
    """S12 → RETURNED with the return order (OSU-4.8-VDIR-9); for a distance file the order ends the online
    studies (``end_online``). ``decision``: an order the rector's office already adopted about this file."""
    if decision is None:  # a body's adopted order carries its own authority (checked by the engine)
        require(actor, "mobility.issue_orders", mobility)
    if decision is None and not number.strip():
        raise ValidationError({"number": _("Give the order number.")})
    if returned_on is None:
        raise ValidationError({"date": _("Give the date of return.")})
    with transaction.atomic():
        d = decision or _order(actor, mobility, mobility.student.institution, number, returned_on,
                               f"Return order: {mobility.student.person} ← {mobility.host}", "")
        move(actor=actor, obj=mobility, kind="student", target="RETURNED", decision=d)
        m.StudentMobility.objects.filter(pk=mobility.pk).update(return_order=d, returned_on=returned_on, dlt_state="DLT_EXAMS")
        mobility.return_order, mobility.returned_on, mobility.dlt_state = d, returned_on, "DLT_EXAMS"
        isp = current_isp(mobility)
        if isp is None or not isp.items.filter(kind="DLT").exists():
            move(actor=None, obj=mobility, kind="student_dlt", target="NO_DLT_DISCIPLINES", state_field="dlt_state",
                 reason="no distance-taught disciplines")
    return d


# --- return, results documents, recognition (S13–S16) ----------------------------------------------------------------


def results_documents_submit(*, actor: Any, mobility: m.StudentMobility, submitted_on: dt.date, report_on: dt.date | None = None) -> Any:
    """S13 → DOCS_RETURNED. The one-month deadline counts from the end of the stay (ERRATA 4/15); lateness is
    flagged in the explanation, never a refusal (A-15). Result documents by term: OSU-1.3.5-3/5."""
    require(actor, "mobility.manage_applications", mobility)
    with transaction.atomic():
        locked = m.StudentMobility.objects.select_for_update().get(pk=mobility.pk)  # lock first: facts from the locked file
        result = _results_documents_submit(actor=actor, mobility=locked, submitted_on=submitted_on, report_on=report_on)
    mobility.refresh_from_db()
    return result


def _results_documents_submit(*, actor: Any, mobility: m.StudentMobility, submitted_on: dt.date, report_on: dt.date | None) -> Any:
    kinds = set(mobility.documents.values_list("kind", flat=True))
    mapping = {"HOST_TRANSCRIPT": "GRADE_STATEMENT_OR_TRANSCRIPT", "STUDY_CERTIFICATE": "STUDY_CERTIFICATE",
               "HOURS_REFERENCE_LETTER": "HOURS_REFERENCE_LETTER", "PARTICIPATION_CERTIFICATE": "PARTICIPATION_CERTIFICATE"}
    docs = sorted(mapping[k] for k in kinds if k in mapping)
    activity = "EVENT" if "PARTICIPATION_CERTIFICATE" in docs and "HOURS_REFERENCE_LETTER" not in docs and mobility.term == "SHORT" else "STUDY"
    res_docs = evaluate("OSU-1.3.5-3", {"start_date": mobility.start_date, "end_date": mobility.end_date, "documents": docs,
                                        "activity": activity}, submitted_on)
    status = stu_rules.results_documents_status({"mobility_end_date": mobility.end_date, "results_documents_submitted_on": submitted_on,
                                                 "report_submitted_on": report_on or submitted_on}, submitted_on)
    with transaction.atomic():
        m.StudentMobility.objects.filter(pk=mobility.pk).update(docs_submitted_on=submitted_on, report_submitted_on=report_on or submitted_on)
        mobility.docs_submitted_on, mobility.report_submitted_on = submitted_on, report_on or submitted_on
        return move(actor=actor, obj=mobility, kind="student", target="DOCS_RETURNED",
                    facts_by_rule={"OSU-1.3.5-3": res_docs, "OSU-4.8-STU-12": status})


def _conversion_facts(mob: m.StudentMobility, grade: str, scale: str) -> dict[str, Any]:
    agreement = mob.agreement or (mob.call.agreement if mob.call else None)
    table = (agreement.conversion_table if agreement else []) or []
    return {"grade": grade, "grade_scale": scale, "partner_table_id": f"agreement-{agreement.pk}" if table and agreement else None,
            "partner_table": table}


@transaction.atomic
def host_result_add(*, actor: Any, mobility: m.StudentMobility, title: str, credits: Decimal, grade: str, grade_scale: str,
                    outcome: str, host_code: str = "", hours: int | None = None, isp_item: m.IspItem | None = None) -> m.HostResult:
    """A result from the host's documents; converted to the 100-point scale by OSU-4.8-FD-11."""
    require(actor, "mobility.recognise", mobility)
    credits = clean_decimal(credits, ISP_CREDITS, "credits")  # type: ignore[assignment]  # typed or read from a ToR file
    conv = evaluate("OSU-4.8-FD-11", _conversion_facts(mobility, grade, grade_scale), today())
    value = conv.value
    score = getattr(value, "score_100", None)
    hr = m.HostResult.objects.create(mobility=mobility, isp_item=isp_item, host_code=host_code, title=title, credits=credits,
                                     hours=hours, grade=grade, grade_scale=grade_scale, outcome=outcome, score_100=score,
                                     conversion_explanation=conv.explanation.to_dict())
    audit.record(actor=actor, action=AuditEvent.Action.CREATE, obj=hr)
    return hr


def host_results_import_tor(*, actor: Any, mobility: m.StudentMobility, xml: bytes | str) -> list[m.HostResult]:
    """Host results from the partner's EWP IMobility ToR (validated against the official XSD first)."""
    import xmlschema

    from bilim.apps.mobility.documents.ewp import parse_transcript

    require(actor, "mobility.recognise", mobility)
    try:
        rows = parse_transcript(xml)
    except (xmlschema.XMLSchemaException, ValueError) as e:
        raise ValidationError({"xml": _("The file is not a valid EWP transcript of records: %(err)s") % {"err": str(e).splitlines()[0][:200]}}) from None
    isp = current_isp(mobility)
    items = {i.host_code: i for i in (isp.items.filter(kind="HOST") if isp else [])}
    with transaction.atomic():
        return [host_result_add(actor=actor, mobility=mobility, title=r["title"], host_code=r["code"], credits=r["ects"], grade=r["grade"],
                                grade_scale="TR_4" if mobility.host.country == "TR" else "ECTS", outcome="PASSED" if r["passed"] else "UNSATISFACTORY",
                                isp_item=items.get(r["code"])) for r in rows]


def recognition_memory(host: Any, host_code: str, title: str = "") -> list[m.Recognition]:
    """Earlier decisions on the same host course (proposed again with the earlier decision shown)."""
    qs = m.Recognition.objects.filter(host_result__mobility__host=host).select_related("host_result", "home_course")
    if host_code:
        qs = qs.filter(host_result__host_code=host_code)
    else:
        qs = qs.filter(host_result__title__iexact=title)
    return list(qs.order_by("-decided_on")[:5])


def recognition_decide(*, actor: Any, host_result: m.HostResult, decision: str, home_course: Any = None,
                       component: str = "EQUIVALENT_DISCIPLINE", reason: str = "", on: dt.date | None = None) -> m.Recognition:
    """The faculty's decision on one host result (OSU-4.8-FD-10…13); a refusal needs reasons (FD-12); a
    recognised result is written into the student's record as a graded enrolment."""
    mob = host_result.mobility
    require(actor, "mobility.recognise", mob)
    on = on or today()
    facts = {"result_id": str(host_result.pk), "decision": decision, "decided_by_role": "DEAN", "reason": reason or None,
             "home_target": component if decision == "RECOGNISED" else None, "has_home_equivalent": home_course is not None}
    reasoned = evaluate("OSU-4.8-FD-12", facts, on)
    if reasoned.verdict is Verdict.FAIL:
        raise ValidationError({"reason": cite(reasoned, _lang())})
    if decision == "RECOGNISED" and home_course is None and component == "EQUIVALENT_DISCIPLINE":
        raise ValidationError({"home_course": _("Choose the home course, or recognise as university component / elective.")})
    if decision == "RECOGNISED" and host_result.score_100 is None:
        raise ValidationError({"decision": _("The grade could not be converted to the 100-point scale; the result cannot be recognised.")})
    with transaction.atomic():
        if m.Recognition.objects.filter(host_result=host_result).exists():
            raise TransitionRefused(_("A decision on this result has already been recorded."), code="duplicate")
        grade = None
        if decision == "RECOGNISED" and home_course is not None and host_result.score_100 is not None:
            grade = _write_grade(mob, home_course, host_result.score_100, on, host_result.conversion_explanation)
        rec = m.Recognition.objects.create(host_result=host_result, decision=decision, home_course=home_course, component=component if decision == "RECOGNISED" else "",
                                           reason=reason, score_100=host_result.score_100 if decision == "RECOGNISED" else None,
                                           decided_by=actor, decided_on=on, grade=grade, explanation=[reasoned.explanation.to_dict()])
        audit.record(actor=actor, action=AuditEvent.Action.DECISION, obj=rec, reason=reason)
        audit.record(actor=actor, action=AuditEvent.Action.DECISION, obj=mob, after={"recognition": rec.pk, "decision": decision}, reason=reason)
    return rec


def _write_grade(mob: m.StudentMobility, course: Any, score: Decimal, on: dt.date, explanation: Any) -> Any:
    from bilim.apps.curriculum.models import Offering, Term
    from bilim.apps.records.models import Enrolment, Grade

    term = Term.objects.filter(year__institution=mob.student.institution, starts_on__lte=mob.end_date).order_by("-starts_on").first()
    if term is None:
        raise ValidationError({"home_course": _("No academic term of the home institution covers the mobility.")})
    offering, _c = Offering.objects.get_or_create(course=course, term=term, section="MOB", defaults={"capacity": 9999, "language": course.language})
    enrolment, _c = Enrolment.objects.get_or_create(student=mob.student, offering=offering, defaults={"status": Enrolment.Status.COMPLETED})
    grade = Grade.objects.create(enrolment=enrolment, score=score, passed=True, graded_on=on,
                                 explanation={"source": "mobility-recognition", "mobility": mob.pk, "conversion": explanation})
    return grade


def recognition_close(*, actor: Any, mobility: m.StudentMobility) -> Any:
    """S14 → RECOGNISED when every host result has a decision (OSU-4.8-FD-10); then S15 by OSU-4.8-FD-5/6
    (ERRATA 9: only host results graded unsatisfactory enter the 15-credit sum)."""
    require(actor, "mobility.recognise", mobility)
    with transaction.atomic():
        locked = m.StudentMobility.objects.select_for_update().get(pk=mobility.pk)  # lock first: facts from the locked file
        result = _recognition_close(actor=actor, mobility=locked)
    mobility.refresh_from_db()
    return result


def _recognition_close(*, actor: Any, mobility: m.StudentMobility) -> Any:
    results = list(mobility.host_results.select_related("recognition"))
    decisions = []
    for r in results:
        rec = getattr(r, "recognition", None)
        decisions.append({"result_id": str(r.pk), "decision": rec.decision if rec else None, "decided_by_role": "DEAN" if rec else None,
                          "reason": (rec.reason or None) if rec else None})
    complete = evaluate("OSU-4.8-FD-10", {"host_result_ids": [str(r.pk) for r in results], "decisions": decisions}, today())
    fc_facts = {"student_id": str(mobility.student_id), "host_results": [
        {"discipline": r.title, "credits": r.credits, "host_outcome": r.outcome,
         "recognition": getattr(getattr(r, "recognition", None), "decision", "PENDING")} for r in results]}
    fc = evaluate("OSU-4.8-FD-5", fc_facts, today())
    target = {"EXPULSION_PROCEDURE": "EXPULSION_PROCEDURE", "PAID_SUMMER_RETAKE": "RETAKE_PENDING"}.get(fc.value.decision, "HOST_RESULTS_CLEAR")
    with transaction.atomic():
        move(actor=actor, obj=mobility, kind="student", target="RECOGNISED", facts_by_rule={"OSU-4.8-FD-10": complete})
        m.StudentMobility.objects.filter(pk=mobility.pk).update(failed_credits=fc.value.failed_credits, failed_credits_decision=fc.value.decision,
                                                               failed_credits_explanation=fc.explanation.to_dict())
        mobility.failed_credits, mobility.failed_credits_decision = fc.value.failed_credits, fc.value.decision
        mobility.failed_credits_explanation = fc.explanation.to_dict()
        return move(actor=actor, obj=mobility, kind="student", target=target, facts_by_rule={"OSU-4.8-FD-5": fc})


def retake_passed(*, actor: Any, mobility: m.StudentMobility, paid_on: dt.date) -> Any:
    """S16 → HOST_RESULTS_CLEAR after the paid summer retake (OSU-4.8-FD-6)."""
    require(actor, "mobility.recognise", mobility)
    with transaction.atomic():
        m.StudentMobility.objects.filter(pk=mobility.pk).update(retake_paid_on=paid_on)
        return move(actor=actor, obj=mobility, kind="student", target="HOST_RESULTS_CLEAR")


def _dlt_window_facts(item: m.IspItem, exam_on: dt.date | None) -> dict[str, Any]:
    from bilim.apps.curriculum.models import Term

    mob = item.isp.mobility
    terms = Term.objects.filter(year__institution=mob.student.institution, ends_on__gte=mob.end_date).order_by("starts_on")
    spring = terms.filter(kind="spring").first()
    summer = terms.filter(kind="summer").first()
    return {"discipline": item.title, "semester_type": item.semester_kind, "spring_semester_start": spring.starts_on if spring else None,
            "summer_semester_start": summer.starts_on if summer else None, "summer_semester_end": summer.ends_on if summer else None,
            "stay_end_date": mob.end_date, "returned_on": mob.returned_on, "exam_date": exam_on, "fee": Decimal(0),
            "individual_exam_plan": True}


def dlt_result_record(*, actor: Any, item: m.IspItem, exam_on: dt.date, score: Decimal, passed: bool) -> m.DltResult:
    """The free first exam of a distance-taught discipline, inside its window (OSU-4.8-FD-14, ERRATA 3/8)."""
    require(actor, "mobility.recognise", item.isp.mobility)
    if item.kind != "DLT":
        raise ValidationError({"item": _("Only distance-taught (difference) disciplines have DLT exams.")})
    score = clean_decimal(score, SCORE_100, "score")  # type: ignore[assignment]
    try:
        window = evaluate("OSU-4.8-FD-14", _dlt_window_facts(item, exam_on), exam_on)
    except RuleError as e:
        raise ValidationError({"date": str(e)}) from None
    _refuse_if_failed(window)
    with transaction.atomic():
        res = m.DltResult.objects.create(item=item, exam_on=exam_on, score=score, passed=passed, explanation=window.explanation.to_dict())
        audit.record(actor=actor, action=AuditEvent.Action.CREATE, obj=res)
    return res


def dlt_close(*, actor: Any, mobility: m.StudentMobility) -> Any:
    """The DLT track (ERRATA 8): DLT_EXAMS → DLT_PASSED when every DLT discipline is passed, else → DLT_DEBT (OSU-4.8-STU-10)."""
    require(actor, "mobility.recognise", mobility)
    with transaction.atomic():
        locked = m.StudentMobility.objects.select_for_update().get(pk=mobility.pk)  # lock first: facts from the locked file
        result = _dlt_close(actor=actor, mobility=locked)
    mobility.refresh_from_db()
    return result


def _dlt_close(*, actor: Any, mobility: m.StudentMobility) -> Any:
    isp = current_isp(mobility)
    items = list(isp.items.filter(kind="DLT").select_related("dlt_result")) if isp else []
    dlt = [{"name": i.title, "credits": i.credits,
            "exam_passed": bool(getattr(i, "dlt_result", None) and (i.dlt_result.passed or i.dlt_result.debt_cleared_on))} for i in items]
    debts = evaluate("OSU-4.8-STU-10", {"dlt_disciplines": dlt}, today())
    windows = [evaluate("OSU-4.8-FD-14", _dlt_window_facts(i, i.dlt_result.exam_on if getattr(i, "dlt_result", None) else None), today()) for i in items]
    window = next((w for w in windows if w.verdict is Verdict.FAIL), windows[-1] if windows else None)
    facts: dict[str, Any] = {"OSU-4.8-STU-10": debts}
    if window is not None:
        facts["OSU-4.8-FD-14"] = window
    if debts.value["dlt_unpassed"]:
        return move(actor=actor, obj=mobility, kind="student_dlt", target="DLT_DEBT", state_field="dlt_state", facts_by_rule={"OSU-4.8-STU-10": debts})
    target = "DLT_PASSED"
    if mobility.dlt_state == "DLT_DEBT":
        facts.pop("OSU-4.8-FD-14", None)
    return move(actor=actor, obj=mobility, kind="student_dlt", target=target, state_field="dlt_state", facts_by_rule=facts)


def dlt_debt_clear(*, actor: Any, item: m.IspItem, cleared_on: dt.date | None) -> m.DltResult:
    """Record that the academic debt of a distance-taught discipline whose exam was not passed was closed under the
    home rules (OSU-4.8-STU-10, ERRATA 9); the track then leaves DLT_DEBT by ``dlt_close``. The date is a fact: no
    date, no record."""
    require(actor, "mobility.recognise", item.isp.mobility)
    if cleared_on is None:
        raise ValidationError({"date": _("Give the date the debt was closed.")})
    with transaction.atomic():
        res = m.DltResult.objects.select_for_update().filter(item=item).first()
        if res is None or res.passed:
            raise ValidationError({"item": _("This discipline has no exam that was not passed.")})
        if res.debt_cleared_on is not None:
            raise TransitionRefused(_("This debt has already been recorded as closed."), code="duplicate")
        before = audit.snapshot(res)
        res.debt_cleared_on = cleared_on
        res.save(update_fields=["debt_cleared_on"])
        audit.record(actor=actor, action=AuditEvent.Action.UPDATE, obj=res, before=before, reason="DLT debt closed")
    return res


def dlt_windows(mobility: m.StudentMobility, on: dt.date) -> list[Outcome]:
    """The exam window (OSU-4.8-FD-14) of every distance-taught discipline of the current ISP not yet examined,
    judged as of ``on``; a discipline whose window the calendar cannot fix is left out."""
    isp = current_isp(mobility)
    out = []
    for item in (isp.items.filter(kind="DLT", dlt_result__isnull=True) if isp else []):
        try:
            out.append(evaluate("OSU-4.8-FD-14", _dlt_window_facts(item, None), on))
        except RuleError:
            continue
    return out


def dlt_flag_no_window(*, actor: Any, mobility: m.StudentMobility) -> Any:
    """DLT_EXAMS → FLAGGED_TO_DEAN (ERRATA 8): the student was still away when the window of a distance-taught
    discipline ended (a stay covering fall and spring), so the text gives no window — the case goes to the dean,
    the exam is not failed. Refused with the rule's explanation when every discipline still has its window."""
    require(actor, "mobility.recognise", mobility)
    on = today()

    def facts(locked: m.StudentMobility) -> dict[str, Any]:
        windows = dlt_windows(locked, on)
        away = next((w for w in windows if w.verdict is Verdict.WARN), None)
        if away is None:
            raise TransitionRefused(_("Every distance-taught discipline still has its exam window; nothing to flag to the dean."),
                                    [w.explanation for w in windows], code="guard")
        return {"OSU-4.8-FD-14": away}

    return move(actor=actor, obj=mobility, kind="student_dlt", target="FLAGGED_TO_DEAN", state_field="dlt_state", facts=facts)


def dlt_schedule(*, actor: Any, mobility: m.StudentMobility, exams_on: dt.date | None) -> Any:
    """FLAGGED_TO_DEAN → DLT_EXAMS: the dean sets the date of the exams that had no window (OSU-4.8-FD-14, ERRATA 8)."""
    require(actor, "mobility.recognise", mobility)
    if exams_on is None:
        raise ValidationError({"date": _("Give the date of the exams.")})
    return move(actor=actor, obj=mobility, kind="student_dlt", target="DLT_EXAMS", state_field="dlt_state",
                reason=f"DLT exams: {exams_on.isoformat()}")  # a date, stored as data (shown as is in every language)


def academic_close(*, actor: Any, mobility: m.StudentMobility) -> Any:
    """HOST_RESULTS_CLEAR (or DOCS_RETURNED, short-term) → ACADEMIC_CLOSED: the join of the tracks (ERRATA 8)."""
    from bilim.regulations.workflows.oshsu import tracks_joined

    require(actor, "mobility.recognise", mobility)

    def joined(locked: m.StudentMobility) -> dict[str, Any]:  # both tracks as they stand under the lock
        if not tracks_joined(locked.state, locked.dlt_state):
            raise TransitionRefused(_("The distance-taught disciplines are not yet passed, or the host results are not yet clear."), code="guard")
        return {}

    return move(actor=actor, obj=mobility, kind="student", target="ACADEMIC_CLOSED", facts=joined)


def mobility_close(*, actor: Any, mobility: m.StudentMobility, report_text: str, interview_on: dt.date | None) -> Any:
    """S18 → CLOSED: trip report (Appendix 4) and interview (OSU-4.8-STU-17, OSU-4.8-IRD-17)."""
    require(actor, "mobility.manage_applications", mobility)
    with transaction.atomic():
        m.StudentMobility.objects.filter(pk=mobility.pk).update(report_text=report_text, interview_on=interview_on)
        facts = {"trip_report_submitted_on": today() if report_text.strip() else None, "interview_recorded": interview_on is not None}
        return move(actor=actor, obj=mobility, kind="student", target="CLOSED", facts_by_rule={"OSU-4.8-STU-17": facts})


# --- staff trips (§4.4, ERRATA 11, 18) -------------------------------------------------------------------------------------


@transaction.atomic
def trip_create(*, actor: Any, staff: Any, host: Any, purpose: str, start_date: dt.date, end_date: dt.date,
                funding_sources: list[str], project_funded: bool = False, project_leader: Any = None,
                substitution_info: str = "", own_initiative: bool = False, invitation: Any = None) -> m.StaffTrip:
    require(actor, "mobility.apply_trip")
    if end_date < start_date:
        raise ValidationError({"end_date": _("The last day is before the first day.")})
    if project_funded and project_leader is None:
        raise ValidationError({"project_leader": _("A project-funded trip needs the project leader.")})
    if project_leader is not None:
        from bilim.apps.mobility.selectors import project_leader_candidates

        if not project_leader_candidates(staff.institution).filter(pk=project_leader.pk).exists():
            raise ValidationError({"project_leader": _("The project leader must be a staff member of your institution with an active account.")})
    scope = evaluate("OSU-1.3.2-1", {"direction": "OUTGOING", "counterpart_country": host.country}, today())
    trip = m.StaffTrip(staff=staff, host=host, purpose=purpose, start_date=start_date, end_date=end_date, scope=scope.value,
                       funding_sources=funding_sources, project_funded=project_funded, project_leader=project_leader,
                       substitution_info=substitution_info, own_initiative=own_initiative, explanation=[scope.explanation.to_dict()])
    if invitation is not None:
        m.validate_upload(invitation)
        trip.invitation = invitation
    trip.save()
    audit.record(actor=actor, action=AuditEvent.Action.CREATE, obj=trip)
    return trip


def trip_submit(*, actor: Any, trip: m.StaffTrip) -> Any:
    """DRAFT → SUBMITTED (to IRD): application, invitation; substitution information for trips abroad (ERRATA 18)."""
    require(actor, "mobility.apply_trip", trip)

    def checks(t: m.StaffTrip) -> tuple[Outcome, Outcome]:
        docs = staff_rules.trip_documents({"documents": frozenset(["APPLICATION_TO_RECTOR"] + (["INVITATION_COPY"] if t.invitation else [])),
                                           "application_handwritten": True}, today())
        subst = staff_rules.class_substitution({"scope": t.scope or "EXTERNAL", "start_date": t.start_date, "end_date": t.end_date,
                                                "substitution_info_given": bool(t.substitution_info.strip())}, today())
        _refuse_if_failed(docs, subst)
        return docs, subst

    def facts(locked: m.StaffTrip) -> dict[str, Any]:
        return {"OSU-4.8-STAFF-2": checks(locked)[0]}

    _docs, subst = checks(trip)
    return move(actor=actor, obj=trip, kind="staff", target="SUBMITTED", facts=facts, extra_explanations=[subst.explanation])


def _accepts(model: Any, data: dict[str, Any]) -> bool:
    try:
        model.model_validate(data)
        return True
    except Exception:
        return False


TRIP_ROLE_ACTION = {"HOD": "mobility.approve_trip_hod", "DEAN": "mobility.approve_trip_dean",
                    "PJL": "mobility.approve_trip_pjl", "VR_SCI": "mobility.approve_trip_vr"}


def trip_decide(*, actor: Any, trip: m.StaffTrip, decision: str, reason: str = "", on: dt.date | None = None) -> Outcome:
    """The next approver of the chain HOD → DEAN → PJL (project-funded only) → VR-SCI decides (OSU-4.8-STAFF-3).

    The trip row is locked before the chain is read: two approvers deciding at once are serialised, and the second
    is judged on the chain the first wrote (never a lost approval, never two decisions of one step)."""
    on = on or today()
    if decision == "REJECTED" and not reason.strip():
        raise ValidationError({"reason": _("A rejection needs a reason.")})
    with transaction.atomic():
        locked = m.StaffTrip.objects.select_for_update().get(pk=trip.pk)
        outcome = _trip_decide_locked(actor=actor, trip=locked, decision=decision, reason=reason, on=on)
    trip.refresh_from_db()
    return outcome


def _trip_decide_locked(*, actor: Any, trip: m.StaffTrip, decision: str, reason: str, on: dt.date) -> Outcome:
    current = staff_rules.approval_state({"project_funded": trip.project_funded, "approvals": trip.approvals}, on)
    if not str(current.value).startswith("APPROVAL_"):
        raise TransitionRefused(_("No approval is pending on this trip."), [current.explanation], code="invalid")
    role = str(current.value)[len("APPROVAL_"):]
    try:
        require(actor, TRIP_ROLE_ACTION[role], trip)
    except PermissionDenied:
        from bilim.apps.mobility.actions import trip_approver_roles

        if trip_approver_roles(actor, trip):  # an approver of the chain acting out of turn: the order rule says why
            raise TransitionRefused(_("Not yet: the approvals follow the order of the regulation."), [current.explanation],
                                    code="order", rule_ids=("OSU-4.8-STAFF-3",)) from None
        raise
    if role == "PJL" and trip.project_leader_id != actor.pk and not actor.is_superuser:
        raise TransitionRefused(_("Only the project leader of this trip may approve this step."), code="authority")
    approvals = [*trip.approvals, {"role": role, "decision": decision, "on": on.isoformat(), "reason": reason or None}]
    outcome = staff_rules.approval_state({"project_funded": trip.project_funded, "approvals": approvals}, on)
    target = {"READY_FOR_ORDER": "APPROVAL_VR_SCI"}.get(outcome.value, outcome.value)
    m.StaffTrip.objects.filter(pk=trip.pk).update(approvals=approvals)
    trip.approvals = approvals
    if trip.state == "SUBMITTED":
        move(actor=actor, obj=trip, kind="staff", target="APPROVAL_HOD")
    if target != trip.state:
        move(actor=actor, obj=trip, kind="staff", target=target, reason=reason, facts_by_rule={"OSU-4.8-STAFF-3": outcome})
    else:
        audit.record(actor=actor, action=AuditEvent.Action.DECISION, obj=trip, after={"approval": approvals[-1]}, reason=reason)
    return outcome


def trip_order_issue(*, actor: Any, trip: m.StaffTrip, number: str = "", date: dt.date | None = None,
                     decision: Decision | None = None) -> Decision:
    """Rector's order once the chain is complete (OSU-4.8-STAFF-1/3); ``decision``: an order already adopted."""
    if decision is None:  # a body's adopted order carries its own authority (checked by the engine)
        require(actor, "mobility.issue_orders", trip)
    date = (decision.date if decision is not None else date) or today()
    chain = staff_rules.approval_state({"project_funded": trip.project_funded, "approvals": trip.approvals}, date)
    if chain.value != "READY_FOR_ORDER":
        raise TransitionRefused(_("The approval chain is not complete."), [chain.explanation], code="guard")
    if decision is None and not number.strip():
        raise ValidationError({"number": _("Give the order number.")})
    with transaction.atomic():
        d = decision or _order(actor, trip, trip.staff.institution, number, date, f"Business trip: {trip.staff.person} → {trip.host}", "")

        def facts(locked: m.StaffTrip) -> dict[str, Any]:
            chain = staff_rules.approval_state({"project_funded": locked.project_funded, "approvals": locked.approvals}, date)
            if chain.value != "READY_FOR_ORDER":
                raise TransitionRefused(_("The approval chain is not complete."), [chain.explanation], code="guard")
            return {"OSU-4.8-STAFF-3": chain}

        move(actor=actor, obj=trip, kind="staff", target="ORDER_ISSUED", decision=d, facts=facts)
        m.StaffTrip.objects.filter(pk=trip.pk).update(order=d)
        trip.order = d
    return d


def trip_start(*, actor: Any, trip: m.StaffTrip) -> Any:
    require(actor, "mobility.apply_trip", trip)
    return move(actor=actor, obj=trip, kind="staff", target="ON_TRIP")


def trip_return(*, actor: Any, trip: m.StaffTrip, returned_on: dt.date) -> Any:
    require(actor, "mobility.apply_trip", trip)
    with transaction.atomic():
        m.StaffTrip.objects.filter(pk=trip.pk).update(returned_on=returned_on)
        trip.returned_on = returned_on
        return move(actor=actor, obj=trip, kind="staff", target="RETURNED")


def trip_expense_status(trip: m.StaffTrip, on: dt.date | None = None) -> Outcome | None:
    if trip.returned_on is None:
        return None
    return staff_rules.expense_report_status({"funding_sources": trip.funding_sources, "return_date": trip.returned_on,
                                              "report_submitted_on": trip.expense_report_on}, on or today())


def trip_expense_report(*, actor: Any, trip: m.StaffTrip, submitted_on: dt.date) -> Any:
    """RETURNED → EXPENSES_REPORTED (accounting accepts the advance report; lateness recorded, OSU-4.8-STAFF-5)."""
    require(actor, "mobility.accept_expenses", trip)
    with transaction.atomic():
        m.StaffTrip.objects.filter(pk=trip.pk).update(expense_report_on=submitted_on)
        trip.expense_report_on = submitted_on
        status = trip_expense_status(trip, submitted_on)
        return move(actor=actor, obj=trip, kind="staff", target="EXPENSES_REPORTED", extra_explanations=[status.explanation] if status else [])


def trip_reporting(*, actor: Any, trip: m.StaffTrip) -> Any:
    """→ REPORTING (directly from RETURNED when the university did not fund the trip)."""
    require(actor, "mobility.apply_trip", trip)
    with transaction.atomic():
        locked = m.StaffTrip.objects.select_for_update().get(pk=trip.pk)
        status = trip_expense_status(locked)
        if locked.state == "RETURNED":
            if status is not None and status.value not in ("NOT_REQUIRED",):
                raise TransitionRefused(_("The advance expense report is owed to accounting first."), [status.explanation], code="guard")
            # not university-funded: the table lets the system move the trip straight to reporting; the Transition and
            # audit rows name the person whose request triggered it
            tr = move(actor=actor, obj=locked, kind="staff", target="REPORTING", reason="no expense report owed",
                      extra_explanations=[status.explanation] if status else [], on_behalf_of_system=True)
        else:
            tr = move(actor=actor, obj=locked, kind="staff", target="REPORTING")
    trip.refresh_from_db()
    return tr


def trip_close(*, actor: Any, trip: m.StaffTrip, discussed_on: dt.date, presented_on: dt.date, ird_report_on: dt.date, proposals: str) -> Any:
    """REPORTING → CLOSED: department discussion, faculty presentation (OSU-4.8-STAFF-6), short report to IRD (OSU-3.6-3)."""
    require(actor, "mobility.apply_trip", trip)

    def facts(locked: m.StaffTrip) -> dict[str, Any]:
        f = {"return_date": locked.returned_on or locked.end_date, "department_discussion_on": discussed_on, "faculty_presentation_on": presented_on}
        return {"OSU-4.8-STAFF-6": staff_rules.trip_report_presented(f, today())} if _accepts(staff_rules.TripReport, f) else {}

    with transaction.atomic():
        m.StaffTrip.objects.filter(pk=trip.pk).update(report_discussed_on=discussed_on, presented_on=presented_on, ird_report_on=ird_report_on, proposals=proposals)
        return move(actor=actor, obj=trip, kind="staff", target="CLOSED", facts=facts)


# --- incoming (§4.3) --------------------------------------------------------------------------------------------------------


@transaction.atomic
def incoming_register(*, actor: Any, last_name: str, first_name: str, citizenship: str, home: Any, faculty: Any,
                      start_date: dt.date, end_date: dt.date, level: str = "BACHELOR", email: str = "", kind: str = "STUDENT",
                      agreement: m.Agreement | None = None, event: m.MobilityProgramme | None = None) -> m.IncomingMobility:
    require(actor, "mobility.manage_incoming")
    if end_date < start_date:
        raise ValidationError({"end_date": _("The last day is before the first day.")})
    scope = evaluate("OSU-1.3.2-1", {"direction": "INCOMING", "counterpart_country": home.country}, today())
    term = evaluate("OSU-1.3.5-2", {"start_date": start_date, "end_date": end_date}, today())
    with transaction.atomic():
        # a visiting staff member runs on the §4.5 table, a student on §4.3: each starts in its table's first state
        initial = workflow(kind_of(m.IncomingMobility(kind=kind), "incoming")).initial
        inc = m.IncomingMobility.objects.create(kind=kind, state=initial, last_name=last_name, first_name=first_name, email=email, citizenship=citizenship.upper(),
                                                home=home, agreement=agreement, event=event, faculty=faculty, level=level, start_date=start_date,
                                                end_date=end_date, scope=scope.value, term=term.value,
                                                explanation=[scope.explanation.to_dict(), term.explanation.to_dict()])
        if not restrict(actor, "mobility.manage_incoming", m.IncomingMobility.objects.filter(pk=inc.pk)).exists():
            # a faculty outside the registrar's scope (another faculty, another university): nothing is kept
            raise ValidationError({"faculty": _("You may not register incoming participants for this faculty.")})
        audit.record(actor=actor, action=AuditEvent.Action.CREATE, obj=inc)
    return inc


def incoming_step(*, actor: Any, inc: m.IncomingMobility, target: str, reason: str = "", **data: Any) -> Any:
    """Move an incoming file on its own table (§4.3 student, §4.5 staff). A student's studies start with AVN
    registration, a coordinator (OSU-4.8-HOST-1) and groups (OSU-4.8-HOST-3); a visiting staff member's arrival is
    judged on the fee recorded for the visit (OSU-6.3-1: as a rule none; a fee needs its recorded reason)."""
    require(actor, "mobility.manage_incoming", inc)
    facts: dict[str, Any] = {}
    caller = inc
    with transaction.atomic():
        inc = m.IncomingMobility.objects.select_for_update().get(pk=inc.pk)  # lock first: facts from the locked row
        if data:
            m.IncomingMobility.objects.filter(pk=inc.pk).update(**data)
            for k, v in data.items():
                setattr(inc, k, v)
        if target == "STUDYING":
            coord = evaluate("OSU-4.8-HOST-1", {"coordinator_id": str(inc.coordinator_id) if inc.coordinator_id else None,
                                                "coordinator_is_curator": bool(inc.coordinator_id)}, today())
            groups = evaluate("OSU-4.8-HOST-3", {"groups": [{"group_code": g.strip(), "regular": True} for g in inc.groups.split(",") if g.strip()]}, today())
            _refuse_if_failed(coord, groups)
            facts = {"OSU-4.8-HOST-1": coord, "OSU-4.8-HOST-3": groups}
            if not inc.avn_registered:  # noqa: SIM102
                raise ValidationError({"groups": _("Register the student in AVN and enrol them in groups first.")})
        if target == "ON_SITE":  # §4.5 J1: the visitor pays no fee for the visit, as a rule (OSU-6.3-1)
            facts = {"OSU-6.3-1": {"fee": inc.fee_amount or Decimal(0), "exception_reason": inc.fee_reason.strip() or None}}
        if target == "CANCELLED" and not reason.strip():
            raise ValidationError({"reason": _("Give the reason.")})
        extra = []
        if target in ("ARRIVED", "ON_SITE") and inc.scope == "EXTERNAL":  # visa / registration validity (OSU-1.5-1): a warning in the history
            extra.append(evaluate("OSU-1.5-1", {"end_date": inc.end_date, "visa_valid_until": inc.visa_valid_until}, today()).explanation)
        tr = move(actor=actor, obj=inc, kind="incoming", target=target, facts_by_rule=facts, extra_explanations=extra, reason=reason)
    caller.refresh_from_db()
    return tr


def _accepts_rule(rule_id: str, data: dict[str, Any]) -> bool:
    from bilim.regulations.core.registry import get_rule

    try:
        spec = get_rule(rule_id)
    except KeyError:
        return False
    return spec.facts_type is not None and _accepts(spec.facts_type, data)
