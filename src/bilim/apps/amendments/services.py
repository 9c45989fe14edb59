"""Services of amendment impact: propose (and queue the evaluation), evaluate (the background task, chunked),
put on a meeting's agenda, export. The rules layer (``bilim.regulations.impact``) does every judgement: the
same batch functions as the semester check, run under the parameters in force and under the proposal."""

from __future__ import annotations

import datetime as dt
import io
from collections import defaultdict
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django_tasks import task

from bilim.apps.amendments import models as m
from bilim.apps.audit import services as audit
from bilim.apps.audit.models import AuditEvent
from bilim.regulations import impact as im
from bilim.regulations.core.outcome import to_jsonable

#: the parameters a body may put to an impact evaluation, in the reader's words
PARAMETERS = {
    "ktmu.grading_table": gettext_lazy("Table 1: score bands, letters and coefficients (KTMU-T1-1)"),
    "ktmu.grading.graduation_gpa": gettext_lazy("Least cumulative GPA to complete (KTMU-32(11)-1): dismissal ground f"),
    "ktmu.grading.coursework_max_semesters": gettext_lazy("Semesters allowed for the courses (KTMU-32(12)-1)"),
    "ktmu.grading.course_pass_letter": gettext_lazy("Least letter that passes a course (KTMU-32(5)-1)"),
    "ktmu.adm.gpa_min_ma": gettext_lazy("Least GPA of master's applicants (KTMU-10(5)-1)"),
    "ktmu.adm.gpa_min_phd": gettext_lazy("Least GPA of doctoral applicants (KTMU-10(5)-2)"),
}
assert set(PARAMETERS) == set(im.POPULATIONS)

KIND_LABELS = {
    "letter": gettext_lazy("letter"),
    "gpa": gettext_lazy("GPA"),
    "ground": gettext_lazy("dismissal ground"),
    "watch": gettext_lazy("standing (to watch)"),
    "eligibility": gettext_lazy("eligibility"),
}

ERRORS = {
    "unsupported": gettext_lazy("This parameter cannot be evaluated here."),
    "syntax": gettext_lazy("The value cannot be read: write it as in the parameter files (YAML)."),
    "empty": gettext_lazy("Enter the proposed value."),
    "not_covered": gettext_lazy("The parameter has no value in force on that date."),
    "shape": gettext_lazy("The value does not have the form of the value in force (compare with the current value)."),
    "invalid": gettext_lazy("The value breaks the parameter's own checks (for Table 1: no gaps, no overlaps, 0–100 covered, "
                            "coefficients rising with the score)."),
    "unchanged": gettext_lazy("The proposed value is the value in force: nothing would change."),
}

CHUNK = 500


def lang() -> str:
    return (get_language() or "ky")[:2]


def may_propose(user: Any, body: Any) -> bool:
    from bilim.apps.governance.meetings import can_manage

    return can_manage(user, body)


def proposable_bodies(user: Any) -> list[Any]:
    from bilim.apps.governance.meetings import visible_bodies

    return [b for b in visible_bodies(user).order_by("pk") if may_propose(user, b)]


def may_view(user: Any, proposal: m.Proposal) -> bool:
    from bilim.apps.accounts.models import Role
    from bilim.apps.accounts.permissions import role_codes

    if not getattr(user, "is_authenticated", False):
        return False
    return may_propose(user, proposal.body) or Role.AUDITOR in role_codes(user) or proposal.proposed_by_id == user.pk


def visible(user: Any) -> Any:
    """Proposals a user may read: those of the bodies they run (secretary, chair…), all for the administrator/auditor."""

    qs = m.Proposal.objects.select_related("body", "agenda_item__meeting")
    if not getattr(user, "is_authenticated", False):
        return qs.none()
    if reads_all(user):
        return qs
    return qs.filter(body_id__in=[b.pk for b in proposable_bodies(user)])


def current_value_text(parameter: str, on: dt.date) -> str:
    from bilim.regulations.core import params

    try:
        return im.dump_value(params.get(parameter, on).value)
    except Exception:
        return ""


def proposal_create(*, actor: Any, body: Any, parameter: str, value_text: str, since: dt.date | None, note: str = "",
                    enqueue: bool = True) -> m.Proposal:
    """Record a proposal and queue its evaluation (same transaction: a worker never sees a proposal that was rolled
    back). Bad input: translated errors by field, nothing written."""
    if not may_propose(actor, body):
        raise PermissionDenied("amendments: not a secretary of this body")
    errors: dict[str, str] = {}
    value: Any = None
    if parameter not in PARAMETERS:
        errors["parameter"] = str(ERRORS["unsupported"])
    if since is None:
        errors["since"] = _("Enter the date from which the value would be in force.")
    if not errors:
        try:
            value = im.parse_value(parameter, value_text, since)  # type: ignore[arg-type]
        except im.ProposalError as exc:
            errors["since" if exc.code == "not_covered" else "value_text"] = str(ERRORS.get(exc.code, ERRORS["invalid"]))
    if errors:
        raise ValidationError(errors)
    assert since is not None  # refused above when missing
    with transaction.atomic():
        p = m.Proposal.objects.create(body=body, parameter=parameter, value=to_jsonable(value), value_text=value_text, since=since,
                                      note=note.strip(), proposed_by=actor if getattr(actor, "is_authenticated", False) else None)
        audit.record(actor=actor, action=AuditEvent.Action.CREATE, obj=p, reason=f"amendment impact: {parameter} from {since}")
        if enqueue:
            result = evaluate_proposal.enqueue(p.pk)
            m.Proposal.objects.filter(pk=p.pk).update(task_id=str(result.id)[:64])
    p.refresh_from_db()
    return p


# --- the population -------------------------------------------------------------------------------------------


def _student_facts(students: list[Any], as_of: dt.date) -> list[dict[str, Any]]:
    """The semester check's facts (``standing.checks.standing_facts``) with each graded course's 100-point score."""
    from bilim.apps.records.models import Grade
    from bilim.apps.standing.checks import TERM_CODE, standing_facts

    facts = standing_facts(students, as_of)
    scores: dict[tuple[str, str, int, str], Any] = {}
    for sid, code, year, kind, score in Grade.objects.filter(enrolment__student_id__in=[s.pk for s in students], score__isnull=False).values_list(
            "enrolment__student_id", "enrolment__offering__course__code", "enrolment__offering__term__year__starts_on",
            "enrolment__offering__term__kind", "score"):
        scores[(str(sid), code, year.year, TERM_CODE.get(kind, ""))] = score
    for f in facts:
        for c in f["courses"]:
            s = scores.get((f["student_id"], c["course_code"], c["academic_year"], c["term"]))
            if s is not None:
                c["score"] = str(s)
    return facts


def _applicant_facts(apps: list[Any]) -> list[dict[str, Any]]:
    return [{"applicant_id": str(a.pk), "level": a.round.level, "diploma": {"grade": a.diploma_grade, "scale": a.diploma_scale},
             "programme_gpa_min_override": a.round.gpa_min_override} for a in apps]


def _explanations(outcomes: list[Any]) -> list[dict[str, Any]]:
    return [o.explanation.to_dict() for o in outcomes]


def population(kind: str, institution_id: int) -> Any:
    """The people or files a parameter touches in an institution (students checked by the semester check, or
    submitted applications)."""
    from bilim.apps.admissions.models import Application
    from bilim.apps.standing.checks import students_of

    if kind == "students":
        return students_of(institution_id).select_related("person", "unit", "programme")
    return (Application.objects.filter(round__programme__institution_id=institution_id, submitted_on__isnull=False)
            .select_related("round__programme").order_by("pk"))


def impact_chunk(kind: str, chunk: list[Any], since: dt.date, proposal: im.Proposal) -> tuple[dict[str, tuple[str, str, Any, Any]], im.Impact]:
    """One chunk evaluated by the rules layer; ``meta``: subject id → (name, number, unit id, programme id)."""
    if kind == "students":
        result = im.students_impact(_student_facts(chunk, since), since, proposal)
        meta = {str(s.pk): (f"{s.person}", s.student_number, s.unit_id, s.programme_id) for s in chunk}
    else:
        result = im.applicants_impact(_applicant_facts(chunk), since, proposal)
        meta = {str(a.pk): (f"{a.last_name} {a.first_name}", a.number, a.round.programme.unit_id, a.round.programme_id) for a in chunk}
    return meta, result


def _run_chunk(p: m.Proposal, proposal: im.Proposal, kind: str, chunk: list[Any], counts: dict[str, Any]) -> list[m.ImpactCase]:
    meta, result = impact_chunk(kind, chunk, p.since, proposal)
    case_kind = m.ImpactCase.Kind.STUDENT if kind == "students" else m.ImpactCase.Kind.APPLICANT
    for _label, _number, unit, prog in meta.values():
        counts["unit"][str(unit)][0] += 1
        counts["programme"][str(prog)][0] += 1
    rows = []
    for c in result.changes:
        label, number, unit, prog = meta[c.subject_id]
        counts["unit"][str(unit)][1] += 1
        counts["programme"][str(prog)][1] += 1
        for k in c.kinds:
            counts["kinds"][k] += 1
        before, after = c.explain()
        rows.append(m.ImpactCase(proposal=p, kind=case_kind, subject_id=c.subject_id, label=label[:300], number=number or "",
                                 unit_id=unit, programme_id=prog, changes=c.kinds, before=to_jsonable(c.before), after=to_jsonable(c.after),
                                 explanation_before=_explanations(before), explanation_after=_explanations(after)))
    return rows


def proposal_evaluate(proposal_id: int) -> m.Proposal:
    """Evaluate a proposal over its whole population, chunk by chunk (progress after each chunk); a proposal already
    done is left as it is (a task run twice changes nothing)."""
    with transaction.atomic():
        p = m.Proposal.objects.select_for_update().select_related("body").get(pk=proposal_id)
        if p.status == m.Proposal.Status.DONE:
            return p
        p.cases.all().delete()
        kind = im.POPULATIONS[p.parameter]
        qs = population(kind, p.body.institution_id)
        p.status, p.total, p.processed, p.changed, p.error = m.Proposal.Status.RUNNING, qs.count(), 0, 0, ""
        p.save(update_fields=["status", "total", "processed", "changed", "error"])
    # stored in the explanations like the ``decided_by`` of the parameter files (one language, whoever runs the worker)
    proposal = im.Proposal(p.parameter, p.value, p.since, f"proposal No. {p.pk} (not adopted)")
    counts: dict[str, Any] = {"unit": defaultdict(lambda: [0, 0]), "programme": defaultdict(lambda: [0, 0]), "kinds": defaultdict(int)}
    try:
        ids = list(qs.values_list("pk", flat=True))
        for start in range(0, len(ids), CHUNK):
            chunk = list(qs.filter(pk__in=ids[start:start + CHUNK]))
            rows = _run_chunk(p, proposal, kind, chunk, counts)
            with transaction.atomic():
                m.ImpactCase.objects.bulk_create(rows)
                p.processed += len(chunk)
                p.changed += len(rows)
                m.Proposal.objects.filter(pk=p.pk).update(processed=p.processed, changed=p.changed)
    except Exception as exc:  # recorded on the proposal, shown on its page; the worker goes on
        m.Proposal.objects.filter(pk=p.pk).update(status=m.Proposal.Status.FAILED, error=str(exc)[:2000], finished_at=timezone.now())
        raise
    p.totals = {"kinds": dict(counts["kinds"]), "unit": dict(counts["unit"]), "programme": dict(counts["programme"])}
    p.status, p.finished_at = m.Proposal.Status.DONE, timezone.now()
    with transaction.atomic():
        p.save(update_fields=["totals", "status", "finished_at"])
        audit.record(actor=None, action=AuditEvent.Action.UPDATE, obj=p, reason=f"amendment impact evaluated: {p.changed}/{p.total} change")
    return p


@task()
def evaluate_proposal(proposal_id: int) -> int:
    """Background task (``bilim db_worker``): evaluate the proposal; returns the number of changed cases."""
    return proposal_evaluate(proposal_id).changed


def proposal_attach(*, actor: Any, proposal: m.Proposal, meeting: Any) -> Any:
    """Put the proposal on a convened meeting's agenda (an item added by the body's secretary, its subject the
    proposal); the proposal keeps the item. Audited on both sides."""
    from bilim.apps.governance import meetings as gov

    if not gov.can_manage(actor, meeting.body, meeting.held_on):
        raise PermissionDenied("amendments: not a secretary of the meeting's body")
    if proposal.status != m.Proposal.Status.DONE:
        raise ValidationError({"meeting": _("The evaluation is not finished yet.")})
    if proposal.agenda_item_id:
        raise ValidationError({"meeting": _("The proposal is already on an agenda.")})
    label = str(PARAMETERS.get(proposal.parameter, proposal.parameter))
    title = _("Amendment: %(param)s, from %(since)s") % {"param": label, "since": proposal.since.strftime("%d.%m.%Y")}
    text = _("Evaluated over %(total)s; outcome changes for %(changed)s. The impact report: /amendments/%(pk)s/") % {
        "total": proposal.total, "changed": proposal.changed, "pk": proposal.pk}
    with transaction.atomic():
        locked = m.Proposal.objects.select_for_update().get(pk=proposal.pk)
        if locked.agenda_item_id:
            raise ValidationError({"meeting": _("The proposal is already on an agenda.")})
        item = gov.item_add(actor=actor, meeting=meeting, title=title[:300], text=text)
        item.subject_type, item.subject_id, item.subject_url = "amendments.proposal", str(locked.pk), f"/amendments/{locked.pk}/"
        item.save(update_fields=["subject_type", "subject_id", "subject_url"])
        before = audit.snapshot(locked)
        locked.agenda_item = item
        locked.save(update_fields=["agenda_item"])
        audit.record(actor=actor, action=AuditEvent.Action.UPDATE, obj=locked, before=before, after=audit.snapshot(locked),
                     reason=f"put on the agenda of meeting {meeting.pk}")
    proposal.agenda_item = item
    return item


def convened_meetings(user: Any) -> list[Any]:
    from bilim.apps.governance import meetings as gov
    from bilim.apps.governance.models import Meeting

    return [mt for mt in Meeting.objects.filter(status=Meeting.Status.CONVENED).select_related("body").order_by("held_on", "pk")
            if gov.can_manage(user, mt.body, mt.held_on)]


# --- reading -----------------------------------------------------------------------------------------------------


def totals_rows(p: m.Proposal) -> dict[str, list[dict[str, Any]]]:
    from bilim.apps.curriculum.models import Programme
    from bilim.apps.org.models import Unit

    lg = lang()
    t = p.totals or {}
    units = {str(u.pk): u.name(lg) for u in Unit.objects.filter(pk__in=[k for k in t.get("unit", {}) if k.isdigit()])}
    progs = {str(x.pk): (getattr(x, f"name_{lg}", "") or x.name_en) for x in Programme.objects.filter(pk__in=[k for k in t.get("programme", {}) if k.isdigit()])}
    return {
        "kinds": [{"label": KIND_LABELS[k], "n": t.get("kinds", {}).get(k, 0)} for k in im.KINDS if t.get("kinds", {}).get(k)],
        "unit": sorted(({"label": units.get(k, "—"), "population": v[0], "changed": v[1]} for k, v in t.get("unit", {}).items()),
                       key=lambda r: str(r["label"])),
        "programme": sorted(({"label": progs.get(k, "—"), "population": v[0], "changed": v[1]} for k, v in t.get("programme", {}).items()),
                            key=lambda r: str(r["label"])),
    }


def outcome_text(side: dict[str, Any]) -> str:
    """A case's outcome on one side, in the reader's words."""
    from bilim.apps.standing.labels import GROUND_LABELS

    parts = []
    if "eligible" in side:
        parts.append(_("eligible") if side["eligible"] else _("not eligible"))
    for code, score, letter in side.get("letters") or []:
        parts.append(_("%(course)s: %(score)s → %(letter)s") % {"course": code, "score": score, "letter": letter})
    if "gpa" in side:
        parts.append(_("GPA %(gpa)s") % {"gpa": side["gpa"] or "—"})
    if side.get("grounds"):
        parts.append(_("dismissal ground: %(g)s") % {"g": "; ".join(str(GROUND_LABELS.get(g, g)) for g in side["grounds"])})
    elif "grounds" in side:
        parts.append(_("no dismissal ground"))
    if side.get("watch"):
        parts.append(_("to watch: %(g)s") % {"g": "; ".join(str(GROUND_LABELS.get(g, g)) for g in side["watch"])})
    return "; ".join(parts)


def proposal_xlsx(p: m.Proposal) -> bytes:
    """The report as a workbook: the proposal and totals, then one row per changed case with both explanations."""
    from openpyxl import Workbook

    from bilim.apps.workflow.templatetags.workflow_tags import wf_explain

    wb = Workbook()
    ws = wb.active
    ws.title = _("Totals")[:31]
    ws.append([_("Parameter"), str(PARAMETERS.get(p.parameter, p.parameter))])
    ws.append([_("In force from"), p.since.isoformat()])
    ws.append([_("Proposed value"), p.value_text])
    ws.append([_("Evaluated"), p.total])
    ws.append([_("Outcome changes"), p.changed])
    rows = totals_rows(p)
    for r in rows["kinds"]:
        ws.append([str(r["label"]), r["n"]])
    ws.append([])
    ws.append([_("Faculty / institute"), _("Evaluated"), _("Outcome changes")])
    for r in rows["unit"]:
        ws.append([str(r["label"]), r["population"], r["changed"]])
    ws.append([])
    ws.append([_("Programme"), _("Evaluated"), _("Outcome changes")])
    for r in rows["programme"]:
        ws.append([str(r["label"]), r["population"], r["changed"]])
    cs = wb.create_sheet(_("Changes")[:31])
    cs.append([_("Number"), _("Person"), _("What changes"), _("Value in force"), _("Proposal"),
               _("Explanation (value in force)"), _("Explanation (proposal)")])
    for c in p.cases.order_by("number", "pk").iterator():
        cs.append([c.number, c.label, ", ".join(str(KIND_LABELS.get(k, k)) for k in c.changes), outcome_text(c.before), outcome_text(c.after),
                   "\n".join(wf_explain(e) for e in c.explanation_before), "\n".join(wf_explain(e) for e in c.explanation_after)])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def reads_all(user: Any) -> bool:
    """The administrator and the auditor read every proposal (an empty list included)."""
    from bilim.apps.accounts.models import Role
    from bilim.apps.accounts.permissions import role_codes

    return bool(getattr(user, "is_superuser", False) or {Role.ADMINISTRATOR, Role.AUDITOR} & set(role_codes(user)))
