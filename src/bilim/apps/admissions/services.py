"""Admission steps (KTMU arts 10–18, 33). Each service gathers the facts from the locked record, calls the rules and
moves the record through :func:`bilim.apps.workflow.services.transition_apply` — the only writer of a state.

Services are keyword-only, run in one transaction and write an audit row for every change of consequence.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bilim.apps.accounts.models import Role, RoleAssignment, User
from bilim.apps.admissions.models import (
    Application,
    ApplicationDocument,
    Commission,
    IncomingExchange,
    JuniorResearcherTransfer,
    OutgoingExchange,
    Round,
    SpecialistAppeal,
    SpecialStudent,
)
from bilim.apps.audit import services as audit
from bilim.apps.audit.models import AuditEvent
from bilim.apps.governance.models import Body, Decision
from bilim.apps.people.models import Level, Person, Student
from bilim.apps.workflow.services import TransitionRefused, cite, transition_apply
from bilim.regulations.core.outcome import Outcome, Verdict
from bilim.regulations.postgrad import admission_eligibility as el
from bilim.regulations.postgrad import admission_exams as ex
from bilim.regulations.postgrad import admission_ranking as rk
from bilim.regulations.postgrad import admission_registration as reg
from bilim.regulations.postgrad import admission_special as sp
from bilim.regulations.postgrad import appeals as ap
from bilim.regulations.postgrad.definitions import is_international_student
from bilim.regulations.postgrad.studies_language import enrolment_language
from bilim.regulations.postgrad.studies_transfer import external_course_equivalence

W04, W05, W06, W07, W08, W09, W16A = "KTMU-W-04", "KTMU-W-05", "KTMU-W-06", "KTMU-W-07", "KTMU-W-08", "KTMU-W-09", "KTMU-W-16a"
RULE_DOC_KINDS = set(el.DocKind.__args__)  # type: ignore[attr-defined]
FINREG_EXCLUDED = {"SCORE_CERTIFICATE", "LANGUAGE_CERTIFICATE", "APPLICATION_FORM"}
LEVEL_TO_STUDENT = {"MA": Level.MASTER, "PHD": Level.DOCTORATE, "AI": Level.ARTS}


def today() -> dt.date:
    return timezone.localdate()


def _refuse_failures(outcomes: Iterable[Outcome]) -> None:
    """Refuse (nothing written) when a prerequisite rule failed, with its explanation."""
    failed = [o.explanation for o in outcomes if o.verdict is Verdict.FAIL]
    if failed:
        raise TransitionRefused(_("The step was refused."), failed, code="guard")


def _board_decision(decision: Decision | None, kinds: tuple[str, ...] = ("institute_board",)) -> Decision:
    if decision is None or decision.status != Decision.Status.ADOPTED or decision.body.kind not in kinds:
        raise TransitionRefused(_("This step needs an adopted decision of the competent body."), code="authority")
    return decision


# --- rounds --------------------------------------------------------------------------------------------------------


def _approvals(first_body: str, first_act: str, first_on: dt.date | None, decision: Decision | None, act: str = "DECIDE") -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    if first_on is not None:
        out.append({"body": first_body, "act": first_act, "decided_on": first_on})
    if decision is not None and decision.status == Decision.Status.ADOPTED:
        out.append({"body": "INSTITUTE_BOARD", "act": act, "decided_on": decision.date})
    return out


def round_create(*, actor: Any, programme: Any, year: int, quota: int, reserves: int = 0, **fields: Any) -> Round:
    """Open the admission round of a programme (quota and dates as announced). The optional settings decided for the
    round (raised GPA minimum 10(5)-4, language requirement 10(6)-2, accepted ALES types 12(5)-6) are checked by their
    rules against the FoS proposal and the institute board decision given."""
    level = {"master": "MA", "doctorate": "PHD", "arts": "AI"}.get(programme.level)
    if level is None:
        raise ValidationError({"programme": _("Admission rounds are for postgraduate programmes only.")})
    if quota < 1:
        raise ValidationError({"quota": _("The quota must be at least 1.")})
    out = rk.reserve_list_size({"quota": quota, "reserves_designated": reserves}, fields.get("application_start") or today())
    if not out.ok:
        raise ValidationError({"reserves": cite(out, _lang())})
    with transaction.atomic():
        rnd = Round(programme=programme, year=year, level=level, quota=quota, reserves=reserves, **fields)
        if not rnd.question_languages:
            rnd.question_languages = ["KY", "TR"]
        rnd.full_clean()
        decision = rnd.settings_decision
        approvals = _approvals("FOS_COUNCIL", "PROPOSE", rnd.fos_proposal_on, decision)
        on = rnd.application_start
        if rnd.gpa_min_override is not None:
            o = el.gpa_minimum_override({"level": level, "approvals": approvals, "new_value": rnd.gpa_min_override}, on)
            if not o.ok:
                raise ValidationError({"gpa_min_override": cite(o, _lang())})
        if rnd.language_certificate_required:
            consent = _approvals("FOS_COUNCIL", "DECIDE", rnd.fos_proposal_on, decision, act="CONSENT")
            o = el.language_requirement_decision({"level": level, "approvals": consent}, on)
            if not o.ok:
                raise ValidationError({"language_certificate_required": cite(o, _lang())})
        rnd.save()
        audit.record(actor=actor, action=AuditEvent.Action.CREATE, obj=rnd, reason="admission round")
    return rnd


def _lang() -> str:
    from django.utils.translation import get_language

    code = (get_language() or "ky")[:2]
    return code if code in {"ky", "ru", "en", "tr"} else "ky"


def commission_appoint(*, actor: Any, round: Round, kind: str, body: Body, members: list[dict[str, Any]], proposed_on: dt.date,
                       decision: Decision, own_fos_eligible_staff: int = 5) -> Commission:
    """Record the exam commission the institute board determined (11-2 / 13(2)-1, checked by the rule). For the
    international commission, every international candidate waiting for it moves on (W-05 appoint_commission)."""
    _board_decision(decision)
    expected = Body.Kind.SPEC_EXAM_COMMISSION if kind == Commission.Kind.SPECIALIST else Body.Kind.INTL_ORAL_COMMISSION
    if body.kind != expected:
        raise ValidationError({"body": _("This body is not an exam commission of that kind.")})
    with transaction.atomic():
        comm = Commission.objects.create(round=round, kind=kind, body=body, members=members, proposed_on=proposed_on, decision=decision,
                                         own_fos_eligible_staff=own_fos_eligible_staff)
        out = _commission_outcome(comm)
        _refuse_failures([out])
        audit.record(actor=actor, action=AuditEvent.Action.CREATE, obj=comm, reason="exam commission")
        if kind == Commission.Kind.INTERNATIONAL:
            for app in round.applications.filter(state="INTL_ELIGIBLE"):
                _appoint_intl(actor=actor, app=app, comm=comm)
    return comm


def _commission_outcome(comm: Commission) -> Outcome:
    approvals = [{"body": "FOS_HEAD", "act": "PROPOSE", "decided_on": comm.proposed_on},
                 {"body": "INSTITUTE_BOARD", "act": "DECIDE", "decided_on": comm.decision.date}]
    on = comm.round.exam_date
    if comm.kind == Commission.Kind.INTERNATIONAL:
        return ex.international_commission({"members": [m["person"] for m in comm.members], "approvals": approvals}, on)
    fos = comm.round.programme.field_of_science.code if comm.round.programme.field_of_science is not None else "FOS"
    proposed = [{"person": m["person"], "fos": m.get("fos", fos), "full_salaried_ktmu": m.get("full_salaried", True),
                 "has_academic_degree": m.get("degree", True), "has_academic_title": m.get("title", True)} for m in comm.members]
    return ex.specialist_commission({
        "programme_fos": fos, "related_fos": set(), "own_fos_eligible_staff": comm.own_fos_eligible_staff, "proposed": proposed,
        "principal": [m["person"] for m in comm.members if m.get("role") == "principal"],
        "substitute": [m["person"] for m in comm.members if m.get("role") == "substitute"], "approvals": approvals,
    }, on)


def _appoint_intl(*, actor: Any, app: Application, comm: Commission) -> None:
    transition_apply(actor=actor, obj=app, workflow_code=W05, action="appoint_commission", decision=comm.decision,
                     facts_by_rule={"KTMU-13(2)-1": _commission_outcome(comm)}, reason=str(comm))


def commission_protocol(*, actor: Any, commission: Commission, number: str, date: dt.date) -> Decision:
    """The commission's adopted protocol for the round's exam: the decision under which its scores are entered."""
    from bilim.apps.governance.services import decision_adopt, decision_create

    existing = Decision.objects.filter(body=commission.body, number=number, date=date, status=Decision.Status.ADOPTED).first()
    if existing is not None:
        return existing
    d = decision_create(actor=actor, body=commission.body, number=number, date=date, subject_type="admissions.application",
                        title=f"{commission.get_kind_display()}: {commission.round}")
    return decision_adopt(actor=actor, decision=d)


# --- the candidate's application ---------------------------------------------------------------------------------------


APPLICATION_FIELDS = (
    "last_name", "first_name", "citizenship", "subject_to_military_registration", "diploma_country", "diploma_languages",
    "diploma_issuer_turkish_hei_abroad", "bilateral_agreement", "diploma_grade", "diploma_scale", "long_diploma_years",
    "transcript_certified", "waiver_exam", "waiver_score", "waiver_ales_type", "waiver_exam_date", "lang_issuer", "lang_exam_type",
    "lang_language", "lang_score", "lang_exam_date", "lang_valid_until", "preferred_oral_language",
)


def application_save(*, actor: Any, round: Round, data: dict[str, Any], application: Application | None = None) -> Application:
    """Create or change the candidate's draft (state ANNOUNCED; nothing is judged before submission)."""
    with transaction.atomic():
        if application is None:
            if Application.objects.filter(user=actor, round=round).exists():
                raise ValidationError({"round": _("You already have an application to this programme.")})
            app = Application(round=round, user=actor)
            before = None
        else:
            app = Application.objects.select_for_update().get(pk=application.pk)
            if app.user_id != actor.pk or app.state != "ANNOUNCED":
                raise ValidationError(_("This application can no longer be changed."))
            before = audit.snapshot(app)
        for f in APPLICATION_FIELDS:
            if f in data:
                setattr(app, f, data[f])
        app.full_clean(exclude=["user", "round", "number"])
        app.save()
        audit.record(actor=actor, action=AuditEvent.Action.CREATE if before is None else AuditEvent.Action.UPDATE, obj=app, before=before)
    return app


def document_add(*, actor: Any, application: Application, kind: str, file: Any = None, form: str = "COPY") -> ApplicationDocument:
    """Attach (or replace) one document of the candidate's application."""
    if kind not in ApplicationDocument.Kind.values:
        raise ValidationError({"kind": _("Unknown document.")})
    with transaction.atomic():
        app = Application.objects.select_for_update().get(pk=application.pk)
        if app.user_id != getattr(actor, "pk", None) and not _is_officer(actor):
            raise ValidationError(_("This application is not yours."))
        if app.state not in ("ANNOUNCED", "APPLIED") and app.user_id == getattr(actor, "pk", None):
            raise ValidationError(_("Documents can no longer be changed at this stage."))
        doc, created = ApplicationDocument.objects.get_or_create(application=app, kind=kind, defaults={"form": form})
        before = None if created else audit.snapshot(doc)
        if file is not None:
            if doc.file:  # the earlier file stays readable as an earlier version of the application's documents
                from bilim.apps.core import uploads

                uploads.retire(actor=actor, key="admission-document", row=doc, action="replaced", label=doc.get_kind_display())
            doc.file = file
        doc.form = form
        doc.full_clean(exclude=["application"])
        doc.save()
        audit.record(actor=actor, action=AuditEvent.Action.CREATE if created else AuditEvent.Action.UPDATE, obj=doc, before=before)
    return doc


def _is_officer(actor: Any) -> bool:
    from bilim.apps.accounts.permissions import role_codes

    return bool(getattr(actor, "is_superuser", False)) or bool({Role.DEAN_OFFICE, Role.ADMINISTRATOR} & role_codes(actor))


def _doc_facts(app: Application) -> dict[str, Any]:
    kinds = set(app.documents.values_list("kind", flat=True)) & RULE_DOC_KINDS
    return {
        "level": app.round.level, "citizenship": app.citizenship, "documents": kinds,
        "long_diploma_years_excl_prep": app.long_diploma_years, "transcript_certified_by_diploma_issuer": app.transcript_certified,
        "subject_to_military_registration": app.subject_to_military_registration, "diploma_country": app.diploma_country.upper(),
        "diploma_issuer_turkish_hei_abroad": app.diploma_issuer_turkish_hei_abroad, "bilateral_agreement": app.bilateral_agreement,
    }


def _langs(app: Application) -> set[str]:
    return {x.strip().upper() for x in app.diploma_languages.split(",") if x.strip()}


def track_of(app: Application, on: dt.date) -> Outcome:
    """KTMU-12(1)-1 / 13(1)-1: which track the candidate takes."""
    citizenships = {app.citizenship} if app.citizenship in ("KR", "TR") else {"FOREIGN"}
    return ex.admission_track({"citizenships": citizenships, "diploma_country": app.diploma_country.upper(),
                               "diploma_instruction_languages": _langs(app), "bilateral_agreement": app.bilateral_agreement}, on)


def documents_checklist(app: Application, on: dt.date | None = None) -> list[Outcome]:
    """The document rules (10(1)a–g, 10(2)–(4)) on the file as it stands: shown to the candidate before submitting."""
    return el.check_application_documents(_doc_facts(app), on or today())


def application_submit(*, actor: Any, application: Application, on: dt.date | None = None, channel: str = "ELECTRONIC") -> Application:
    """Hand in the application (W-04/W-05 apply): within the announced period, documents as copies, one programme."""
    on = on or today()
    with transaction.atomic():
        User.objects.select_for_update().filter(pk=application.user_id).first()  # serialise a candidate's submissions (10(8)-1)
        app = Application.objects.select_for_update().get(pk=application.pk)
        track = track_of(app, on)
        if app.track != track.value:
            app.track = track.value
            app.save(update_fields=["track"])
        application.track = app.track

        def facts(locked: Application) -> dict[str, Any]:
            rnd = locked.round
            docs = list(locked.documents.all())
            others = Application.objects.filter(user_id=locked.user_id, round__year=rnd.year).exclude(state__in=["ANNOUNCED", "INELIGIBLE"]).exclude(pk=locked.pk)
            df = _doc_facts(locked)
            recognition = el.diploma_recognition(df, on)
            return {
                "KTMU-10(1)-1": {"submitted_on": on, "application_start": rnd.application_start, "application_end": rnd.application_end,
                                 "channel": channel, "receiver": "STUDENT_AFFAIRS_DIRECTORATE"},
                "KTMU-10(1)-2": el.document_forms({"stage": "APPLICATION", "documents": [{"kind": d.kind, "form": d.form} for d in docs]}, on),
                "KTMU-10(8)-1": el.single_application({"admission_round": str(rnd.year), "applications": [
                    {"programme": o.round.programme.code, "admission_round": str(o.round.year)} for o in others.select_related("round__programme")
                ] + [{"programme": rnd.programme.code, "admission_round": str(rnd.year)}]}, on),
                "KTMU-10(1)a-1": el.application_form(df, on),
                "KTMU-10(1)b-1": el.degree_document(df, on),
                "KTMU-10(1)e-1": el.identity_documents(df, on),
                ("KTMU-10(2)-1" if locked.workflow_code == W04 else "KTMU-10(4)-1"): recognition,
            }

        transition_apply(actor=actor, obj=app, workflow_code=app.workflow_code, action="apply", facts=facts, as_of=on,
                         extra_explanations=[track.explanation])
        Application.objects.filter(pk=app.pk).update(submitted_on=on)
        app.submitted_on = on
    application.state, application.submitted_on = app.state, app.submitted_on
    return app


def _gpa_facts(app: Application) -> dict[str, Any]:
    return {"level": app.round.level, "diploma": {"grade": app.diploma_grade, "scale": app.diploma_scale},
            "programme_gpa_min_override": app.round.gpa_min_override}


def _programme_languages(rnd: Round) -> set[str]:
    return {x.strip().upper() for x in (rnd.programme.languages or "ky").split(",") if x.strip()}


def _eligibility_facts(app: Application, on: dt.date) -> dict[str, Any]:
    rnd = app.round
    df = _doc_facts(app)
    intl = app.track == Application.Track.INTERNATIONAL
    presence = el.language_certificate_present({"level": rnd.level, "international": intl, "has_certificate": bool(app.lang_issuer),
                                                "programme_requires_certificate": rnd.language_certificate_required}, on)
    if intl:
        return {
            "KTMU-4-2": is_international_student({
                "citizenships": [{"KR": "KG", "TR": "TR"}.get(app.citizenship, "ZZ")], "degree_country": app.diploma_country.upper(),
                "degree_instruction_languages": [x.lower() for x in _langs(app)], "admitted_under_bilateral_agreement": app.bilateral_agreement}, on),
            "KTMU-13(1)-1": track_of(app, on),
            "KTMU-13(1)c-1": presence,
            ("KTMU-10(5)-2" if rnd.level != "MA" else "KTMU-10(5)-1"): el.gpa_minimum(_gpa_facts(app), on),
            "KTMU-10(5)-3": el.gpa_to_four_point(_gpa_facts(app)["diploma"], on),
        }
    out: dict[str, Any] = {
        "KTMU-10(1)a-1": el.application_form(df, on),
        ("KTMU-10(1)b-1" if rnd.level == "MA" else "KTMU-10(1)c-1"): el.degree_document(df, on),
        "KTMU-10(1)d-1": el.diploma_transcript(df, on),
    }
    ident = el.identity_documents(df, on)
    recog = el.diploma_recognition(df, on)
    out.update({"KTMU-10(1)e-1": ident, "KTMU-10(1)f-1": ident, "KTMU-10(1)g-1": ident,
                "KTMU-10(2)-1": recog, "KTMU-10(3)-1": recog, "KTMU-10(4)-1": recog,
                "KTMU-10(5)-3": el.gpa_to_four_point(_gpa_facts(app)["diploma"], on)})
    if rnd.level == "MA":
        out["KTMU-10(5)-1"] = el.gpa_minimum(_gpa_facts(app), on)
        out["KTMU-10(6)-1"] = presence
        return out
    out["KTMU-10(5)-2"] = el.gpa_minimum(_gpa_facts(app), on)
    out["KTMU-10(7)-1"] = presence
    _refuse_failures([presence])  # without a certificate the score rules below have nothing to judge
    if app.lang_score is None or not app.lang_language or app.lang_exam_date is None:
        raise TransitionRefused(_("The step was refused."), [el.language_certificate_present(
            {"level": rnd.level, "international": False, "has_certificate": False}, on).explanation], code="guard")
    out["KTMU-10(7)-2"] = el.accepted_languages({
        "accepted_languages": set(rnd.accepted_languages), "certificate_language": app.lang_language,
        "approvals": _approvals("FOS_COUNCIL", "PROPOSE", rnd.fos_proposal_on, rnd.settings_decision)}, on)
    out["KTMU-10(7)-3"] = el.language_score_minimum({"issuer": app.lang_issuer, "exam_type": app.lang_exam_type or app.lang_issuer,
                                                     "score": app.lang_score}, on)
    out["KTMU-10(7)-5"] = el.language_equivalent_score({"exam_type": app.lang_exam_type or app.lang_issuer, "score": app.lang_score}, on)
    out["KTMU-10(7)-6"] = el.language_differs_from_field({"programme_field_language": rnd.field_language or None,
                                                          "certificate_language": app.lang_language}, on)
    out["KTMU-10(7)-7"] = el.certificate_validity({"kind": "LANGUAGE", "exam_date": app.lang_exam_date, "stated_valid_until": app.lang_valid_until,
                                                   "application_end": rnd.application_end, "submitted_on": app.submitted_on}, on)
    return out


def application_check(*, actor: Any, application: Application, on: dt.date | None = None) -> Application:
    """Student Affairs checks documents and eligibility (W-04/W-05 check_*); the specialist track then gets its track and
    the written-exam waiver decided by rule (12(1)-1, 12(5)-1); the international track meets its commission if appointed."""
    on = on or today()
    app = application
    action = "check_master" if app.round.level == "MA" else "check_doctoral"
    with transaction.atomic():
        transition_apply(actor=actor, obj=app, workflow_code=app.workflow_code, action=action, as_of=on,
                         facts=lambda locked: _eligibility_facts(locked, on))
        if app.workflow_code == W04:
            transition_apply(actor=actor, obj=app, workflow_code=W04, action="assign_specialist_track", on_behalf_of_system=True, as_of=on,
                             facts_by_rule={"KTMU-12(1)-1": track_of(app, on)})
            _decide_waiver(actor=actor, app=app, on=on)
        else:
            comm = app.round.commissions.filter(kind=Commission.Kind.INTERNATIONAL).first()
            if comm is not None:
                _appoint_intl(actor=actor, app=app, comm=comm)
    return app


def _decide_waiver(*, actor: Any, app: Application, on: dt.date) -> None:
    rnd = app.round
    if not app.waiver_exam or app.waiver_score is None or app.waiver_exam_date is None:
        transition_apply(actor=actor, obj=app, workflow_code=W04, action="require_written", on_behalf_of_system=True, as_of=on)
        return
    waiver = ex.written_exam_waiver({
        "declared_in_application": True, "exam": app.waiver_exam, "score": app.waiver_score, "ales_type": app.waiver_ales_type or None,
        "exam_date": app.waiver_exam_date, "programme_accepted_ales_types": set(rnd.accepted_ales_types),
        "application_end": rnd.application_end, "submitted_on": app.submitted_on}, on)
    if waiver.value != "WAIVED":
        transition_apply(actor=actor, obj=app, workflow_code=W04, action="require_written", on_behalf_of_system=True, as_of=on,
                         extra_explanations=[waiver.explanation])
        return
    types = ex.accepted_ales_types({"accepted_ales_types": set(rnd.accepted_ales_types),
                                    "approvals": _approvals("FOS_HEAD", "PROPOSE", rnd.fos_proposal_on, rnd.settings_decision)}, on)
    transition_apply(actor=actor, obj=app, workflow_code=W04, action="waive_written", on_behalf_of_system=True, as_of=on,
                     facts_by_rule={"KTMU-12(5)-1": waiver, "KTMU-12(5)-6": types})


def application_reject(*, actor: Any, application: Application, reason: str) -> Application:
    """Student Affairs rejects an application (W-04/W-05 reject) with the reason the candidate reads."""
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason the candidate will read.")})
    transition_apply(actor=actor, obj=application, workflow_code=application.workflow_code, action="reject", reason=reason)
    return application


# --- exams ---------------------------------------------------------------------------------------------------------------

SCORE_MIN, SCORE_MAX = Decimal(0), Decimal(100)


def _check_score(name: str, value: Decimal | None) -> None:
    if value is None:
        return
    if not value.is_finite() or not (SCORE_MIN <= value <= SCORE_MAX):
        raise ValidationError({name: _("A score lies between 0 and 100.")})


def _composite_facts(app: Application, on: dt.date) -> dict[str, Any]:
    waived = app.state == "PASSED" and app.written is None
    scores = {"absent": False, "written": app.written, "oral": app.oral, "written_waived": waived}
    spec = ex.specialist_score(scores, on)
    d100 = ex.diploma_score_100({"grade": app.diploma_grade, "scale": app.diploma_scale}, on)
    out: dict[str, Any] = {"KTMU-12(4)c-1": spec, "KTMU-12(2)-1": d100}
    lang = None
    if app.round.level != "MA":
        if app.lang_issuer == "OSYM" or app.lang_issuer == "KTMU_MSPC":
            lang_out = el.language_equivalent_score({"exam_type": "OSYM" if app.lang_issuer == "OSYM" else (app.lang_exam_type or "KTMU_MSPC"),
                                                     "score": app.lang_score or 0}, on)
        else:
            lang_out = el.language_equivalent_score({"exam_type": app.lang_exam_type or "", "score": app.lang_score or 0}, on)
        lang = lang_out.value if lang_out.value is not None else app.lang_score
        out["KTMU-12(3)-1"] = lang_out
    comp = rk.composite_score({"level": app.round.level, "diploma100": d100.value, "specialist": spec.value, "language100": lang}, on)
    out["KTMU-12(7)-1" if app.round.level == "MA" else "KTMU-12(7)-2"] = comp
    app.specialist, app.diploma100, app.language100, app.composite = spec.value, d100.value, lang, comp.value
    return out


def scores_enter(*, actor: Any, application: Application, decision: Decision, written: Decimal | None = None, oral: Decimal | None = None,
                 absent: bool = False, answer_language: str = "KY", on: dt.date | None = None) -> Application:
    """The commission enters a candidate's exam result (W-04 sit_exam → score_pass/score_fail → composite, or absent →
    FAILED; W-05 sit_oral_exam → score_pass/score_fail). Scores are 0–100 and finite; nothing is written otherwise."""
    on = on or application.round.exam_date
    _check_score("written", written)
    _check_score("oral", oral)
    app = application
    intl = app.workflow_code == W05
    body_kind = "intl_oral_commission" if intl else "spec_exam_commission"
    _board_decision(decision, (body_kind,))
    if not absent and oral is None:
        raise ValidationError({"oral": _("Enter the oral exam score.")})
    with transaction.atomic():
        locked = Application.objects.select_for_update().get(pk=app.pk)
        waived = locked.state == "WRITTEN_WAIVED"
        if not intl and not waived and not absent and written is None:
            raise ValidationError({"written": _("Enter the written exam score.")})
        before = audit.snapshot(locked)
        Application.objects.filter(pk=app.pk).update(written=None if (waived or intl) else written, oral=oral, absent=absent,
                                                     written_answer_language="" if (waived or intl) else answer_language)
        locked.refresh_from_db()
        audit.record(actor=actor, action=AuditEvent.Action.UPDATE, obj=locked, before=before, reason="exam scores")
        app.refresh_from_db()
        if intl:
            _intl_exam(actor=actor, app=app, decision=decision, on=on)
        else:
            _spec_exam(actor=actor, app=app, decision=decision, on=on)
    app.refresh_from_db()
    return app


def _spec_exam(*, actor: Any, app: Application, decision: Decision, on: dt.date) -> None:
    if app.absent:
        transition_apply(actor=actor, obj=app, workflow_code=W04, action="absent", on_behalf_of_system=True, as_of=on, decision=decision)
        result = ex.specialist_exam_result({"absent": True}, on)
        transition_apply(actor=actor, obj=app, workflow_code=W04, action="close", on_behalf_of_system=True, as_of=on,
                         extra_explanations=[result.explanation])
        return
    comm = app.round.commissions.filter(kind=Commission.Kind.SPECIALIST).select_related("decision", "round__programme").first()
    if comm is None:
        raise TransitionRefused(_("The institute board has not appointed the specialist exam commission of this round yet."), code="guard")

    def facts(locked: Application) -> dict[str, Any]:
        rnd = locked.round
        waived = locked.state == "WRITTEN_WAIVED"
        parts = ex.required_exam_parts({"track": "SPECIALIST_EXAM", "written_waived": waived,
                                        "planned_parts": {"ORAL"} if waived else {"WRITTEN", "ORAL"}}, on)
        session = ex.exam_session({"announced_date": rnd.exam_date, "announced_time": rnd.exam_time, "announced_place": rnd.exam_place,
                                   "held_date": rnd.exam_date, "held_time": rnd.exam_time, "held_place": rnd.exam_place}, on)
        langs = ex.exam_languages({"programme_languages": _programme_languages(rnd), "written_question_languages": set(rnd.question_languages),
                                   "written_answer_language": locked.written_answer_language or None,
                                   "oral_language": locked.preferred_oral_language, "written_waived": waived}, on)
        return {"KTMU-11-1": parts, "KTMU-11-2": _commission_outcome(comm), "KTMU-12(4)-1": session, "KTMU-12(4)-2": session,
                "KTMU-12(4)a-1": langs, "KTMU-12(4)b-1": langs}

    transition_apply(actor=actor, obj=app, workflow_code=W04, action="sit_exam", decision=decision, facts=facts, as_of=on)
    result = ex.specialist_exam_result({"absent": False, "written": app.written, "oral": app.oral, "written_waived": app.written is None}, on)
    if result.ok:
        transition_apply(actor=actor, obj=app, workflow_code=W04, action="score_pass", decision=decision, as_of=on,
                         facts_by_rule={"KTMU-12(6)-1": result})
        _compute(actor=actor, app=app, on=on)
    else:
        transition_apply(actor=actor, obj=app, workflow_code=W04, action="score_fail", decision=decision, as_of=on,
                         extra_explanations=[result.explanation])


def _compute(*, actor: Any, app: Application, on: dt.date) -> None:
    action = "compute_master_composite" if app.round.level == "MA" else "compute_doctoral_composite"
    holder: dict[str, Any] = {}

    def facts(locked: Application) -> dict[str, Any]:
        out = _composite_facts(locked, on)
        holder.update(specialist=locked.specialist, diploma100=locked.diploma100, language100=locked.language100, composite=locked.composite)
        return out

    transition_apply(actor=actor, obj=app, workflow_code=W04, action=action, facts=facts, as_of=on, on_behalf_of_system=True)
    Application.objects.filter(pk=app.pk).update(**holder)


def _intl_exam(*, actor: Any, app: Application, decision: Decision, on: dt.date) -> None:
    conduct = ex.international_exam_conduct({"parts": {"ORAL"}, "exam_language": app.preferred_oral_language,
                                             "preferred_language": app.preferred_oral_language}, on)
    transition_apply(actor=actor, obj=app, workflow_code=W05, action="sit_oral_exam", decision=decision, as_of=on,
                     facts_by_rule={"KTMU-13(1)c-2": conduct})
    result = ex.international_oral_result({"oral": None if app.absent else app.oral}, on)
    if result.ok:
        transition_apply(actor=actor, obj=app, workflow_code=W05, action="score_pass", decision=decision, as_of=on,
                         facts_by_rule={"KTMU-13(1)c-3": result})
        d100 = ex.diploma_score_100({"grade": app.diploma_grade, "scale": app.diploma_scale}, on)
        Application.objects.filter(pk=app.pk).update(diploma100=d100.value, composite=app.oral, specialist=app.oral)
    else:
        transition_apply(actor=actor, obj=app, workflow_code=W05, action="score_fail", decision=decision, as_of=on,
                         extra_explanations=[result.explanation])


def results_publish(*, actor: Any, round: Round, on: dt.date | None = None) -> int:
    """The institute publishes the specialist-exam results (W-04 publish_results); the appeal period of art. 33 starts."""
    on = on or today()
    n = 0
    with transaction.atomic():
        locked = Round.objects.select_for_update().get(pk=round.pk)
        for app in locked.applications.filter(state="SCORED"):
            transition_apply(actor=actor, obj=app, workflow_code=W04, action="publish_results", as_of=on)
            n += 1
        before = audit.snapshot(locked)
        locked.results_published_on = on
        locked.save(update_fields=["results_published_on"])
        audit.record(actor=actor, action=AuditEvent.Action.UPDATE, obj=locked, before=before, reason="results published")
        round_rank(round=locked, on=on)
    round.results_published_on = on
    return n


# --- ranking and lists ---------------------------------------------------------------------------------------------


def _ranked_apps(rnd: Round) -> list[Application]:
    return list(rnd.applications.filter(state__in=["RESULTS_PUBLISHED", "PASSED", "ENTITLED", "RESERVE", "NOT_PLACED", "REGISTERED", "LOST_RIGHT"])
                .filter(composite__isnull=False))


def _ranking_input(rnd: Round, apps: list[Application]) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    call = {"programme": rnd.programme.code, "level": rnd.level, "quota": rnd.quota, "reserves_designated": rnd.reserves}
    rows = []
    for a in apps:
        intl = a.track == Application.Track.INTERNATIONAL
        rows.append({"applicant_id": a.number, "track": a.track, "written": None if intl else a.written, "oral": a.oral,
                     "written_waived": (not intl) and a.written is None, "diploma100": a.diploma100 or 0,
                     "language100": a.language100 if rnd.level != "MA" else None})
    return call, rows


def round_rank(*, round: Round, on: dt.date | None = None) -> rk.RankingResult:
    """Rank the round by the rule (KTMU-12(7)-3, 12(8)): composite, then the tie-break keys; store ranks, lists and, per
    candidate, the key that decided against the one ranked just above (shown on the public results page)."""
    on = on or today()
    apps = _ranked_apps(round)
    call, rows = _ranking_input(round, apps)
    result = rk.rank_applicants(call, rows, on)
    by_number = {a.number: a for a in apps}
    public: list[dict[str, Any]] = []
    prev: str | None = None
    for e in result.entries:
        a = by_number[e.applicant_id]
        a.rank, a.list_status, a.decided_by = e.rank, e.status, e.decided_by or ""
        a.explanation = result.explain(e.applicant_id).to_dict()
        a.save(update_fields=["rank", "list_status", "decided_by", "explanation"])
        public.append({"number": e.applicant_id, "rank": e.rank, "composite": str(e.composite) if e.composite is not None else None,
                       "specialist": str(e.specialist) if e.specialist is not None else None,
                       "diploma": str(e.diploma) if e.diploma is not None else None, "language": str(e.language) if e.language is not None else None,
                       "status": e.status, "decided_by": e.decided_by or "", "above": prev if e.position else None, "track": a.track})
        if e.position is not None:
            prev = e.applicant_id
    Round.objects.filter(pk=round.pk).update(ranking=public, ranked_at=timezone.now())
    round.ranking = public
    return result


def lists_decide(*, actor: Any, round: Round, decision: Decision, published_on: dt.date | None = None) -> rk.RankingResult:
    """The institute board confirms the entitled and reserve lists (12(8)-1, 12(8)-2) and they are published: every ranked
    candidate is placed (W-04/W-05 place_main_list, place_reserve_list, not_placed). An exact tie across a cut is the
    board's to decide (A-13): the lists are refused until it is resolved."""
    _board_decision(decision)
    on = published_on or decision.date
    with transaction.atomic():
        locked = Round.objects.select_for_update().get(pk=round.pk)
        result = round_rank(round=locked, on=on)
        call, rows = _ranking_input(locked, _ranked_apps(locked))
        ranking_out = rk.ranking({"call": call, "applicants": rows}, on)
        if result.board_ties:
            raise TransitionRefused(_("An exact tie across the cut must be decided by the institute board: %(ids)s")
                                    % {"ids": "; ".join(", ".join(t) for t in result.board_ties)}, [ranking_out.explanation], code="tie")
        publication = rk.list_publication({"published_on": on, "institute_board_decision_on": decision.date}, on)
        reserve = rk.reserve_list_size({"quota": locked.quota, "reserves_designated": locked.reserves}, on)
        apps = {a.number: a for a in locked.applications.all()}
        for e in result.entries:
            app = apps[e.applicant_id]
            if app.state not in ("RESULTS_PUBLISHED", "PASSED"):
                continue
            action = {"ENTITLED": "place_main_list", "RESERVE": "place_reserve_list"}.get(e.status, "not_placed")
            facts = {"KTMU-12(8)-1": publication} if action != "place_reserve_list" else {"KTMU-12(8)-2": reserve}
            if app.workflow_code == W04:
                facts["KTMU-12(7)-3"] = ranking_out
            transition_apply(actor=actor, obj=app, workflow_code=app.workflow_code, action=action, decision=decision, facts_by_rule=facts,
                             as_of=on, extra_explanations=[result.explain(e.applicant_id)])
            if action == "place_main_list":
                Application.objects.filter(pk=app.pk).update(registration_until=locked.finreg_end)
        before = audit.snapshot(locked)
        locked.lists_decision, locked.lists_published_on = decision, on
        locked.save(update_fields=["lists_decision", "lists_published_on"])
        audit.record(actor=actor, action=AuditEvent.Action.UPDATE, obj=locked, before=before, reason=f"lists decided: {decision}")
    round.lists_decision, round.lists_published_on = decision, on
    return result


# --- final registration --------------------------------------------------------------------------------------------


def application_register(*, actor: Any, application: Application, on: dt.date | None = None, submitted_by: str = "SELF",
                         forms: dict[str, str] | None = None, originals_received: Iterable[str] = ()) -> Student:
    """Final registration (14(1)): every document as an original or notarised copy within the registration days, by the
    candidate or a notarised proxy; then the student record is created (the student continues in the studies workflows)."""
    on = on or today()
    received = set(originals_received)
    with transaction.atomic():
        for doc in application.documents.select_for_update():
            new_form = (forms or {}).get(doc.kind, doc.form)
            if new_form not in ApplicationDocument.Form.values:
                raise ValidationError({"forms": _("Unknown document form.")})
            if new_form != doc.form or (doc.kind in received and not doc.original_received):
                before = audit.snapshot(doc)
                doc.form = new_form
                doc.original_received = doc.original_received or doc.kind in received
                doc.save(update_fields=["form", "original_received"])
                audit.record(actor=actor, action=AuditEvent.Action.UPDATE, obj=doc, before=before, reason="final registration")

        def facts(locked: Application) -> dict[str, Any]:
            docs = list(locked.documents.all())
            required = {d.kind for d in docs} - FINREG_EXCLUDED
            final = reg.final_registration({
                "registration_on": on, "registration_start": locked.round.finreg_start,
                "registration_end": locked.registration_until or locked.round.finreg_end, "submitted_by": submitted_by,
                "required_documents": required, "submitted_documents": {d.kind for d in docs if d.form in ("ORIGINAL", "NOTARISED")},
                "originals_requested": {d.kind for d in docs if d.original_requested},
                "originals_received": {d.kind for d in docs if d.original_received}}, on)
            forms_out = el.document_forms({"stage": "FINAL_REGISTRATION",
                                           "documents": [{"kind": d.kind, "form": d.form} for d in docs if d.kind in required]}, on)
            return {"KTMU-14(1)-1": final, "KTMU-14(1)-2": final, "KTMU-14(1)-4": final, "KTMU-10(1)-2": forms_out}

        transition_apply(actor=actor, obj=application, workflow_code=application.workflow_code, action="register", facts=facts, as_of=on)
        student = student_create_from_application(actor=actor, application=application, on=on)
    return student


def student_create_from_application(*, actor: Any, application: Application, on: dt.date) -> Student:
    """The registered candidate becomes a KTMU student (person, studentship, student role); audited."""
    app = Application.objects.select_for_update(of=("self",)).select_related("round__programme", "user").get(pk=application.pk)
    if app.student_id is not None:
        return app.student  # type: ignore[return-value]
    prog = app.round.programme
    person = Person.objects.filter(user=app.user).first()
    if person is None:
        person = Person.objects.create(user=app.user, last_name=app.last_name, first_name=app.first_name, email=app.user.email,
                                       citizenship={"KR": "KG", "TR": "TR"}.get(app.citizenship, "ZZ"))
        audit.record(actor=actor, action=AuditEvent.Action.CREATE, obj=person, reason="admission")
    number = f"{app.round.year}{prog.code[:6].upper()}{app.pk:05d}"
    student = Student.objects.create(person=person, institution=prog.institution, unit=prog.unit, programme=prog, student_number=number,
                                     level=LEVEL_TO_STUDENT[app.round.level], admitted_on=on)
    audit.record(actor=actor, action=AuditEvent.Action.CREATE, obj=student, reason=f"admission {app.number}")
    RoleAssignment.objects.get_or_create(user=app.user, role=Role.STUDENT, institution=prog.institution, unit=prog.unit,
                                         defaults={"starts_on": on})
    before = audit.snapshot(app)
    app.student, app.registered_on = student, on
    app.save(update_fields=["student", "registered_on"])
    audit.record(actor=actor, action=AuditEvent.Action.UPDATE, obj=app, before=before, reason="student created")
    application.student, application.registered_on = student, on
    return student


def registration_close(*, actor: Any, round: Round, on: dt.date | None = None) -> list[Application]:
    """After the registration days: entitled candidates who did not register lose the right (14(2)-1, no excuse), and as
    many reserves as there are open places are called in ranking order with their registration window (14(3)-1)."""
    on = on or today()
    with transaction.atomic():
        locked = Round.objects.select_for_update().get(pk=round.pk)
        for app in locked.applications.filter(state="ENTITLED"):
            right = reg.registration_right({"status": "ENTITLED", "registration_end": app.registration_until or locked.finreg_end}, on)
            if right.value != "LOST_RIGHT":
                continue
            transition_apply(actor=actor, obj=app, workflow_code=app.workflow_code, action="registration_period_ends", as_of=on,
                             on_behalf_of_system=True, facts_by_rule={"KTMU-14(2)-1": right})
        return _promote(actor=actor, rnd=locked, on=on)


def _promote(*, actor: Any, rnd: Round, on: dt.date) -> list[Application]:
    apps = rnd.applications
    reserves = list(apps.filter(state="RESERVE").order_by("rank", "number"))
    called = reg.promote_reserves({"quota": rnd.quota, "registered": apps.filter(state="REGISTERED").count(),
                                   "pending_entitled": apps.filter(state="ENTITLED").count(),
                                   "reserves_in_order": [a.number for a in reserves]}, on)
    window = reg.reserve_registration_window({"published_on": on}, on)
    promoted = []
    for app in reserves:
        if app.number not in called.value:
            continue
        transition_apply(actor=actor, obj=app, workflow_code=app.workflow_code, action="promote", as_of=on,
                         facts_by_rule={"KTMU-14(3)-1": called}, extra_explanations=[window.explanation])
        Application.objects.filter(pk=app.pk).update(registration_until=window.value)
        app.registration_until = window.value
        promoted.append(app)
    return promoted


def original_request(*, actor: Any, document: ApplicationDocument, due_on: dt.date) -> ApplicationDocument:
    """The institute asks for the original of a document by a date (14(1)-3)."""
    with transaction.atomic():
        doc = ApplicationDocument.objects.select_for_update().get(pk=document.pk)
        before = audit.snapshot(doc)
        doc.original_requested, doc.original_due_on = True, due_on
        doc.save(update_fields=["original_requested", "original_due_on"])
        audit.record(actor=actor, action=AuditEvent.Action.UPDATE, obj=doc, before=before, reason="original requested")
    return doc


def original_receive(*, actor: Any, document: ApplicationDocument, on: dt.date) -> ApplicationDocument:
    with transaction.atomic():
        doc = ApplicationDocument.objects.select_for_update().get(pk=document.pk)
        before = audit.snapshot(doc)
        doc.original_received, doc.original_received_on, doc.form = True, on, ApplicationDocument.Form.ORIGINAL
        doc.save(update_fields=["original_received", "original_received_on", "form"])
        audit.record(actor=actor, action=AuditEvent.Action.UPDATE, obj=doc, before=before, reason="original received")
    return doc


def original_not_supplied(*, actor: Any, application: Application, on: dt.date | None = None, reason: str = "") -> Application:
    """A registered student did not hand in a requested original by its date: dismissal ground 39(1)b-1 (W-04 → the
    rector's order; the student record's own dismissal runs in W-19). Refused when the ground does not exist."""
    on = on or today()
    docs = [{"name": d.kind, "due_on": d.original_due_on, "received_on": d.original_received_on}
            for d in application.documents.filter(original_requested=True, original_due_on__isnull=False)]
    from bilim.regulations.postgrad.dismissal import ground_b_originals

    ground = ground_b_originals({"documents": docs}, on)
    if ground.ok:
        raise TransitionRefused(_("There is no dismissal ground: every requested original arrived in time."), [ground.explanation], code="guard")
    transition_apply(actor=actor, obj=application, workflow_code=application.workflow_code, action="original_not_supplied", as_of=on,
                     extra_explanations=[ground.explanation], reason=reason)
    return application


# --- W-16a: specialist-exam appeal -------------------------------------------------------------------------------------


def appeal_file(*, actor: Any, application: Application, reason: str, on: dt.date | None = None) -> SpecialistAppeal:
    """The candidate appeals within 2 working days of the results (33-1)."""
    on = on or today()
    if not reason.strip():
        raise ValidationError({"reason": _("Say what you contest.")})
    application = Application.objects.select_related("round").get(pk=application.pk)
    if application.state != "RESULTS_PUBLISHED" or application.round.results_published_on is None:
        raise TransitionRefused(_("An appeal is possible only against published specialist-exam results."), code="invalid")
    with transaction.atomic():
        appeal = SpecialistAppeal.objects.create(application=application, reason=reason, filed_on=on)
        published = application.round.results_published_on
        transition_apply(actor=actor, obj=appeal, workflow_code=W16A, action="appeal", as_of=on,
                         facts_by_rule={"KTMU-33-1": ap.specialist_exam_appeal({"results_published_on": published, "appeal_filed_on": on}, on)})
        audit.record(actor=actor, action=AuditEvent.Action.CREATE, obj=appeal, reason=reason)
    return appeal


def appeal_review(*, actor: Any, appeal: SpecialistAppeal, decision: Decision, findings: str, on: dt.date, papers_attached: bool,
                  technical_error: bool, corrected_written: Decimal | None = None, corrected_oral: Decimal | None = None) -> SpecialistAppeal:
    """The specialist exam commission reviews the papers within 2 working days and reports in writing (33-2)."""
    _check_score("corrected_written", corrected_written)
    _check_score("corrected_oral", corrected_oral)
    if technical_error and corrected_written is None and corrected_oral is None:
        raise ValidationError({"corrected_oral": _("Give the corrected score the technical error leads to.")})
    with transaction.atomic():
        before = audit.snapshot(appeal)
        SpecialistAppeal.objects.filter(pk=appeal.pk).update(findings=findings, findings_on=on, papers_attached=papers_attached,
                                                             technical_error=technical_error, corrected_written=corrected_written,
                                                             corrected_oral=corrected_oral)
        appeal.refresh_from_db()
        audit.record(actor=actor, action=AuditEvent.Action.UPDATE, obj=appeal, before=before, reason="commission findings")
        review = ap.specialist_exam_review({"appeal_received_on": appeal.filed_on, "findings_submitted_on": on,
                                            "findings_in_writing": bool(findings.strip()), "papers_attached": papers_attached}, on)
        transition_apply(actor=actor, obj=appeal, workflow_code=W16A, action="review", decision=decision, as_of=on,
                         facts_by_rule={"KTMU-33-2": review})
    return appeal


def appeal_decide(*, actor: Any, appeal: SpecialistAppeal, decision: Decision, on: dt.date | None = None) -> SpecialistAppeal:
    """The institute board decides on the findings: a technical error → the grade is corrected (33-3), the composite
    recomputed and the round re-ranked; otherwise the appeal is closed."""
    on = on or decision.date
    with transaction.atomic():
        appeal = SpecialistAppeal.objects.select_for_update().get(pk=appeal.pk)
        app = appeal.application
        published = app.round.results_published_on
        if not appeal.technical_error:
            transition_apply(actor=actor, obj=appeal, workflow_code=W16A, action="no_error", decision=decision, as_of=on)
            return appeal
        change = ap.specialist_exam_correction({"technical_error_found": True, "grade_changed": True, "institute_board_decision_on": decision.date}, on)
        facts = {"KTMU-33-3": change}
        transition_apply(actor=actor, obj=appeal, workflow_code=W16A, action="correct", decision=decision, as_of=on, facts_by_rule=facts)
        locked = Application.objects.select_for_update().get(pk=app.pk)
        before = audit.snapshot(locked)
        appeal.old_scores = {"written": str(locked.written) if locked.written is not None else None, "oral": str(locked.oral),
                             "composite": str(locked.composite)}
        appeal.save(update_fields=["old_scores"])
        if appeal.corrected_written is not None:
            locked.written = appeal.corrected_written
        if appeal.corrected_oral is not None:
            locked.oral = appeal.corrected_oral
        locked.save(update_fields=["written", "oral"])
        result = ex.specialist_exam_result({"absent": False, "written": locked.written, "oral": locked.oral, "written_waived": locked.written is None}, on)
        _refuse_failures([result])
        comp = _composite_facts_for_correction(locked, on)
        locked.save(update_fields=["specialist", "diploma100", "language100", "composite"])
        audit.record(actor=actor, action=AuditEvent.Action.UPDATE, obj=locked, before=before, reason=f"grade corrected: {decision}")
        review = ap.specialist_exam_review({"appeal_received_on": appeal.filed_on, "findings_submitted_on": appeal.findings_on,
                                            "findings_in_writing": True, "papers_attached": appeal.papers_attached}, on)
        filed = ap.specialist_exam_appeal({"results_published_on": published, "appeal_filed_on": appeal.filed_on}, on)
        transition_apply(actor=actor, obj=locked, workflow_code=W04, action="correct_after_appeal", decision=decision, as_of=on,
                         on_behalf_of_system=True, facts_by_rule={"KTMU-33-1": filed, "KTMU-33-2": review, "KTMU-33-3": change},
                         extra_explanations=[o.explanation for o in comp.values()])
        round_rank(round=locked.round, on=on)
    return appeal


def _composite_facts_for_correction(app: Application, on: dt.date) -> dict[str, Any]:
    app_state = app.state
    app.state = "PASSED"  # the composite is computed as at the PASSED step (the written part waived when absent)
    try:
        return _composite_facts(app, on)
    finally:
        app.state = app_state


# --- W-06 special-status students -----------------------------------------------------------------------------------


def special_apply(*, actor: Any, programme: Any, full_name: str, degree_years: int, graduated: bool, previous_semesters: int,
                  period_start: dt.date, period_end: dt.date, on: dt.date | None = None) -> SpecialStudent:
    on = on or today()
    with transaction.atomic():
        s = SpecialStudent.objects.create(user=actor, programme=programme, full_name=full_name, degree_years=degree_years, graduated=graduated,
                                          previous_semesters=previous_semesters, applied_on=on, period_start=period_start, period_end=period_end)
        audit.record(actor=actor, action=AuditEvent.Action.CREATE, obj=s)
        transition_apply(actor=actor, obj=s, workflow_code=W06, action="apply", as_of=on, facts=lambda x: {
            "KTMU-15(1)-1": {"graduated": x.graduated, "degree_nominal_years": x.degree_years},
            "KTMU-15(3)-1": {"previous_special_semesters": x.previous_semesters},
            "KTMU-15(4)-1": {"on": on, "period_start": x.period_start, "period_end": x.period_end}})
    return s


def _opinion_date(obj: Any, workflow: str, action: str) -> dt.date | None:
    from bilim.apps.workflow.services import history

    t = history(obj).filter(workflow=workflow, action=action).order_by("-at").first()
    return timezone.localdate(t.at) if t else None


def special_step(*, actor: Any, special: SpecialStudent, action: str, decision: Decision | None = None, reason: str = "",
                 courses: list[dict[str, Any]] | None = None, on: dt.date | None = None) -> SpecialStudent:
    """Every later step of W-06 through its rules: FoS head's opinion, board decision, course choice (≤ 2, no seminar,
    languages exempt), card, end of the semester, documents and card back."""
    on = on or today()
    with transaction.atomic():
        if courses is not None:
            before = audit.snapshot(special)
            SpecialStudent.objects.filter(pk=special.pk).update(courses=courses)
            special.refresh_from_db()
            audit.record(actor=actor, action=AuditEvent.Action.UPDATE, obj=special, before=before, reason="courses")

        def facts(x: SpecialStudent) -> dict[str, Any]:
            if action in ("accept", "reject"):
                opinion = _opinion_date(x, W06, "give_opinion")
                return {"KTMU-15(2)-1": {"approvals": _approvals("FOS_HEAD", "OPINION", opinion, decision)}}
            if action == "select_courses":
                langs = [enrolment_language({"section_language": c.get("language", "KY"), "exempt_languages": x.exempt_languages or ["KY", "TR"]}, on)
                         for c in x.courses]
                _refuse_failures(langs)
                return {"KTMU-15(4)-2": sp.special_course_selection({"courses": [{"code": c["code"], "kind": c.get("kind", "COURSE")} for c in x.courses]}, on),
                        "KTMU-19(11)-1": langs[0] if langs else enrolment_language({"section_language": "KY", "exempt_languages": ["KY"]}, on)}
            if action == "issue_card":
                return {"KTMU-15(6)-1": {"student_status": "SPECIAL", "requested": "STUDENT_CARD"},
                        "KTMU-15(6)-2": {"card_scope": {"CANTEEN", "CAFETERIA", "LIBRARY"}, "period_ended": False}}
            if action == "semester_ends":
                level = {"master": "MA", "doctorate": "PHD", "arts": "AI"}.get(x.programme.level, "MA")
                return {"KTMU-15(5)-1": {"offering_programme_level": level}}
            if action == "close":
                return {"KTMU-15(7)-1": {"student_status": "SPECIAL", "requested": "GRADES_DOCUMENT"},
                        "KTMU-15(7)-2": {"period_ended": True, "issued": set(x.documents_issued)},
                        "KTMU-15(6)-2": {"card_scope": {"CANTEEN", "CAFETERIA", "LIBRARY"}, "period_ended": True, "card_returned": x.card_returned}}
            return {}

        if action == "select_courses":
            f = facts(special)
            f["KTMU-15(4)-3"] = f["KTMU-15(4)-2"]
            transition_apply(actor=actor, obj=special, workflow_code=W06, action=action, facts_by_rule=f, as_of=on, reason=reason)
        else:
            transition_apply(actor=actor, obj=special, workflow_code=W06, action=action, decision=decision, facts=facts, as_of=on, reason=reason)
        if action == "issue_card":
            SpecialStudent.objects.filter(pk=special.pk).update(card_issued=True)
    special.refresh_from_db()
    return special


def special_record(*, actor: Any, special: SpecialStudent, documents_issued: list[str] | None = None, card_returned: bool | None = None) -> SpecialStudent:
    """The institute records the documents it issued and the card's return (facts of the closing step)."""
    with transaction.atomic():
        before = audit.snapshot(special)
        if documents_issued is not None:
            special.documents_issued = documents_issued
        if card_returned is not None:
            special.card_returned = card_returned
        special.save(update_fields=["documents_issued", "card_returned"])
        audit.record(actor=actor, action=AuditEvent.Action.UPDATE, obj=special, before=before)
    return special


# --- W-07 incoming exchange ---------------------------------------------------------------------------------------


def incoming_apply(*, actor: Any, programme: Any, on: dt.date | None = None, **fields: Any) -> IncomingExchange:
    on = on or today()
    with transaction.atomic():
        rec = IncomingExchange(user=actor, programme=programme, applied_on=on, **fields)
        rec.full_clean(exclude=["user"])
        rec.save()
        audit.record(actor=actor, action=AuditEvent.Action.CREATE, obj=rec)

        def facts(x: IncomingExchange) -> dict[str, Any]:
            accepted = IncomingExchange.objects.filter(programme=x.programme, semester_label=x.semester_label,
                                                       state__in=["EXCH_IN_APPLIED", "EXCH_IN_ACTIVE"]).exclude(pk=x.pk)
            # lock the programme's incoming files of the semester: the cap of 16(2)-3 holds under concurrent applications
            n = len(list(accepted.select_for_update()))
            return {"KTMU-16(1)-1": {"home_hei_country": x.home_country, "home_level": x.home_level, "home_enrolment_active": x.home_enrolment_active},
                    "KTMU-16(2)-3": {"already_accepted": n},
                    "KTMU-16(3)-1": {"has_exchange_application": x.has_application, "has_home_council_decision": x.has_home_decision,
                                     "admitted_on": on, "course_selection_start": x.selection_start, "course_selection_end": x.selection_end}}

        transition_apply(actor=actor, obj=rec, workflow_code=W07, action="apply", facts=facts, as_of=on)
    return rec


def _offered_codes(programme: Any) -> set[str]:
    from bilim.apps.curriculum.models import Course

    return set(Course.objects.filter(programme=programme).values_list("code", flat=True))


def incoming_step(*, actor: Any, rec: IncomingExchange, action: str, decision: Decision | None = None, courses: list[str] | None = None,
                  reason: str = "", on: dt.date | None = None) -> IncomingExchange:
    on = on or today()
    with transaction.atomic():
        if courses is not None:
            before = audit.snapshot(rec)
            IncomingExchange.objects.filter(pk=rec.pk).update(courses=courses)
            rec.refresh_from_db()
            audit.record(actor=actor, action=AuditEvent.Action.UPDATE, obj=rec, before=before, reason="courses")

        def facts(x: IncomingExchange) -> dict[str, Any]:
            offered = {"offered_in_semester": _offered_codes(x.programme), "requested": set(x.courses)}
            if action == "accept":
                return {"KTMU-16(3)-1": {"has_exchange_application": x.has_application, "has_home_council_decision": x.has_home_decision,
                                         "admitted_on": x.applied_on, "course_selection_start": x.selection_start, "course_selection_end": x.selection_end},
                        "KTMU-16(4)-1": offered}
            if action == "attend_course":
                return {"KTMU-16(2)-1": {"semesters": 1}, "KTMU-16(4)-1": offered}
            if action == "semester_ends":
                return {"KTMU-16(5)-1": {"period_ended": True, "issued": {"COURSES_AND_GRADES"} if x.grades_document_issued else set()}}
            return {}

        if action == "semester_ends":
            IncomingExchange.objects.filter(pk=rec.pk).update(grades_document_issued=True)
        transition_apply(actor=actor, obj=rec, workflow_code=W07, action=action, decision=decision, facts=facts, as_of=on, reason=reason)
    rec.refresh_from_db()
    return rec


# --- W-08 outgoing exchange ---------------------------------------------------------------------------------------


def outgoing_request(*, actor: Any, student: Student, on: dt.date | None = None, **fields: Any) -> OutgoingExchange:
    with transaction.atomic():
        rec = OutgoingExchange(student=student, **fields)
        rec.full_clean(exclude=["student"])
        rec.save()
        audit.record(actor=actor, action=AuditEvent.Action.CREATE, obj=rec)
        transition_apply(actor=actor, obj=rec, workflow_code=W08, action="request_exchange", as_of=on or today())
    return rec


def _student_level(student: Student) -> str:
    return {"master": "MA", "doctorate": "PHD", "arts": "AI"}.get(student.level, "MA")


def outgoing_step(*, actor: Any, rec: OutgoingExchange, action: str, decision: Decision | None = None, reason: str = "",
                  on: dt.date | None = None, **changes: Any) -> OutgoingExchange:
    """Every later step of W-08 through its rules (approval chain, documents, period, credit load, return, recognition)."""
    on = on or today()
    with transaction.atomic():
        if changes:
            before = audit.snapshot(rec)
            OutgoingExchange.objects.filter(pk=rec.pk).update(**changes)
            rec.refresh_from_db()
            audit.record(actor=actor, action=AuditEvent.Action.UPDATE, obj=rec, before=before)

        def facts(x: OutgoingExchange) -> dict[str, Any]:
            level = _student_level(x.student)
            if action == "approve":
                chain = []
                if x.supervisor_opinion_on:
                    chain.append({"body": "SUPERVISOR", "act": "OPINION", "decided_on": x.supervisor_opinion_on})
                chain += _approvals("FOS_HEAD", "PROPOSE", x.fos_proposal_on, decision)
                return {"KTMU-17(1)-1": {"student_level": level, "host_country": x.host_country, "host_programme_level": x.host_level, "approvals": chain}}
            if action == "depart":
                return {"KTMU-17(2)-1": {"has_host_council_decision": x.has_host_decision, "has_outgoing_application": x.has_outgoing_application}}
            if action == "rectorate_exchange":
                return {"KTMU-37(3)-1": {"rectorate_decision": True, "skill_programme_prepared_by_fos": x.fos_proposal_on is not None,
                                         "institute_board_decision": True}}
            if action == "study_at_host":
                return {"KTMU-17(3)-1": {"semesters": x.semesters, "thesis_stage": x.thesis_stage},
                        "KTMU-17(4)-1": {"on_exchange_in_semester": True, "ktmu_courses_in_semester": _current_ktmu_courses(x.student, on)},
                        "KTMU-17(5)-1": {"host_course_credits": [Decimal(str(c.get("ects", 0))) for c in x.host_credits],
                                         "host_max_credits_per_semester": x.host_max_credits}}
            if action == "extend_or_shorten":
                chain = [{"body": "SUPERVISOR", "act": "CONSENT", "decided_on": x.supervisor_opinion_on}] if x.supervisor_opinion_on else []
                chain += _approvals("FOS_HEAD", "PROPOSE", x.fos_proposal_on, decision)
                return {"KTMU-17(3)-2": {"semesters": x.semesters, "thesis_stage": x.thesis_stage, "change_approvals": chain}}
            if action == "return":
                submitted = ({"HOST_TRANSCRIPT"} if x.host_transcript else set()) | ({"CERTIFIED_THESIS_REPORT"} if x.thesis_report else set())
                return {"KTMU-17(7)-1": {"period_ended": True, "submitted": submitted}}
            if action == "recognise":
                outs = [external_course_equivalence({"student_level": level, "exchange": True, "host_letter": c["letter"],
                                                     "host_ects": Decimal(str(c["ects"])), "host_semester": c["semester"],
                                                     "target_ects": Decimal(str(c.get("target_ects", c["ects"]))),
                                                     "target_semester": c.get("target_semester", c["semester"])}, on) for c in x.host_credits]
                _refuse_failures(outs)
                if not outs:
                    raise TransitionRefused(_("No host course results were recorded."), code="guard")
                return {"KTMU-29(4)-1": outs[0], "KTMU-29(5)-1": outs[0]}
            return {}

        transition_apply(actor=actor, obj=rec, workflow_code=W08, action=action, decision=decision, facts=facts, as_of=on, reason=reason)
    rec.refresh_from_db()
    return rec


def _current_ktmu_courses(student: Student, on: dt.date) -> list[str]:
    from bilim.apps.records.models import Enrolment

    return list(Enrolment.objects.filter(student=student, offering__term__starts_on__lte=on, offering__term__ends_on__gte=on)
                .values_list("offering__course__code", flat=True))


# --- W-09 junior researcher transfer ------------------------------------------------------------------------------


def transfer_open(*, actor: Any, user: User, target: Any, decision: Decision, full_name: str, enrolled_programme: str,
                  enrolled_at_ktmu: bool = False, completed_semesters: int = 0, first_add_drop_end: dt.date | None = None) -> JuniorResearcherTransfer:
    """The Trustees' decision opening the programme of a junior researcher's specialty makes the transfer possible (18-1)."""
    with transaction.atomic():
        rec = JuniorResearcherTransfer.objects.create(user=user, target=target, full_name=full_name, enrolled_programme=enrolled_programme,
                                                      enrolled_at_ktmu=enrolled_at_ktmu, completed_semesters=completed_semesters,
                                                      opened_on=decision.date, first_add_drop_end=first_add_drop_end)
        audit.record(actor=actor, action=AuditEvent.Action.CREATE, obj=rec)
        transition_apply(actor=actor, obj=rec, workflow_code=W09, action="programme_opens", decision=decision, facts=lambda x: {"KTMU-18-1": _jr(x)})
    return rec


def _jr(x: JuniorResearcherTransfer) -> dict[str, Any]:
    return {"ktmu_junior_researcher": x.ktmu_junior_researcher, "enrolled_at_ktmu": x.enrolled_at_ktmu,
            "enrolled_programme": x.enrolled_programme, "specialty_programme": x.target.code}


def transfer_step(*, actor: Any, rec: JuniorResearcherTransfer, action: str, decision: Decision | None = None, reason: str = "",
                  on: dt.date | None = None) -> JuniorResearcherTransfer:
    on = on or today()
    with transaction.atomic():
        if action == "apply":
            JuniorResearcherTransfer.objects.filter(pk=rec.pk).update(applied_on=on)
            rec.applied_on = on

        def facts(x: JuniorResearcherTransfer) -> dict[str, Any]:
            if action == "apply":
                return {"KTMU-18-1": _jr(x)}
            if action == "decide":
                return {"KTMU-18-2": {"target_programme": x.target.code, "specialty_programme": x.target.code, "target_open": x.target.is_active,
                                      "institute_board_decision": decision is not None and decision.status == Decision.Status.ADOPTED,
                                      "applied_on": x.applied_on or on, "first_add_drop_end_after_opening": x.first_add_drop_end or on}}
            return {}

        transition_apply(actor=actor, obj=rec, workflow_code=W09, action=action, decision=decision, facts=facts, as_of=on, reason=reason)
        if action == "decide":
            _transfer_student(actor=actor, rec=rec, on=on)
    rec.refresh_from_db()
    return rec


def _transfer_student(*, actor: Any, rec: JuniorResearcherTransfer, on: dt.date) -> None:
    nxt = sp.transferred_student_next_semester({"completed_semesters": rec.completed_semesters}, on)
    prog = rec.target
    person = Person.objects.filter(user=rec.user).first()
    if person is None:
        last, _sep, first = rec.full_name.partition(" ")
        person = Person.objects.create(user=rec.user, last_name=last, first_name=first or last)
    level = {"master": Level.MASTER, "doctorate": Level.DOCTORATE, "arts": Level.ARTS}.get(prog.level, Level.MASTER)
    student = Student.objects.create(person=person, institution=prog.institution, unit=prog.unit, programme=prog,
                                     student_number=f"JR{prog.code[:6].upper()}{rec.pk:05d}", level=level, admitted_on=on,
                                     semester=int(nxt.value), year_of_study=(int(nxt.value) + 1) // 2)
    audit.record(actor=actor, action=AuditEvent.Action.CREATE, obj=student, reason="junior researcher transfer (KTMU-18-3)")
    JuniorResearcherTransfer.objects.filter(pk=rec.pk).update(student=student)
