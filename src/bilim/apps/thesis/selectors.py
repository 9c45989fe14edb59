"""Reads for the thesis pages: one student's overview (stage, supervisors, deadlines, what to do next),
the institute's queues, and the explanation texts of stored decisions."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Model, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from bilim.apps.accounts.permissions import restrict
from bilim.apps.people.models import Student
from bilim.apps.postgrad import models as pm
from bilim.apps.postgrad.selectors import lang, pg_level, pg_students
from bilim.apps.thesis import models as m
from bilim.apps.thesis.permissions import own_q
from bilim.apps.workflow.labels import state_label
from bilim.regulations.core import Verdict, add_months
from bilim.regulations.core.outcome import Explanation
from bilim.regulations.core.registry import evaluate

LANGUAGE_NAMES = {"ky": "Кыргыз тили", "tr": "Түрк тили", "en": "English", "ru": "Русский язык", "de": "Deutsch"}


def explain(data: Any) -> str:
    """The sentence(s) of a stored explanation (one dict, a list of dicts, or a transition's list)."""
    if not data:
        return ""
    items = data if isinstance(data, list) else [data]
    out = []
    for d in items:
        try:
            out.append(Explanation.from_dict(d).message(lang()))
        except (KeyError, TypeError, ValueError):
            continue
    return " ".join(out)


def visible(user: Any, model: type[Model], qs: QuerySet[Any] | None = None) -> QuerySet[Any]:
    """Rows of ``model`` the user may see: their institute's (``thesis.view``) or their own."""
    qs = qs if qs is not None else model._default_manager.all()
    staff = restrict(user, "thesis.view", qs)
    if getattr(user, "is_authenticated", False):
        own = qs.filter(own_q(model._meta.label_lower, user))
        return qs.filter(pk__in=staff.values("pk")) | qs.filter(pk__in=own.values("pk"))
    return staff


def can_manage(user: Any, student: Student) -> bool:
    return restrict(user, "thesis.manage", Student.objects.filter(pk=student.pk)).exists()


def is_own(user: Any, student: Student) -> bool:
    return getattr(user, "pk", None) is not None and student.person.user_id == user.pk


def thesis_stage(student: Student) -> tuple[str, str]:
    """(code, words) of where the thesis stands (art. 40 stages; no catalogue table)."""
    f = m.ThesisFile.objects.filter(student=student).first()
    if f is None:
        return "NOT_STARTED", _("Coursework")
    if hasattr(f, "degree"):
        return "DEGREE_AWARDED", _("Degree awarded")
    last = f.defences.order_by("-held_on", "-pk").first()
    if last is not None:
        if last.result == "PASSED" or m.DefenceAppeal.objects.filter(defence=last, outcome="REVERSED").exists():
            return "DEFENDED", _("Thesis defended")
        return "DEFENCE_FAILED", _("Defence not passed")
    if hasattr(f, "jury"):
        return "JURY_FORMED", _("Jury formed, defence ahead")
    if hasattr(f, "submission"):
        return "SUBMITTED", _("Thesis submitted")
    if f.topic_approved_on:
        return "WRITING", _("Writing the thesis (proposal approved)")
    if f.proposals.filter(result="PENDING").exists():
        return "PROPOSAL", _("Proposal under review")
    if pg_level(student) in ("PHD", "AI"):
        if f.qualifying_exams.filter(passed=True).exists():
            return "QE_PASSED", _("Qualifying exam passed: proposal next")
        if f.coursework_completed_on:
            return "QE_DUE", _("Qualifying exam due")
    return "COURSEWORK", _("Coursework")


def _step_ok(student: Student, step: str) -> tuple[bool, str]:
    from bilim.apps.thesis.services import _progress, thesis_file

    out = evaluate("KTMU-40-1", _progress(thesis_file(student), step), timezone.localdate())
    return out.verdict is not Verdict.FAIL, out.message(lang())


def overview(student: Student, user: Any) -> dict[str, Any]:
    """Everything the student's thesis page and section show."""
    from bilim.apps.thesis.services import submission_lock

    today = timezone.localdate()
    own = is_own(user, student)
    manage = can_manage(user, student) if user is not None else False
    languages: list[dict[str, Any]] = [{"r": r, "name": LANGUAGE_NAMES.get(r.language, r.language), "state": state_label("KTMU-W-10", r.state), "why": explain(r.explanation)}
                 for r in m.LanguageRequirement.objects.filter(student=student)]
    spp = m.SppPlan.objects.filter(student=student).first()
    sup_file = m.SupervisionFile.objects.filter(student=student).first()
    sups = list(pm.Supervision.objects.filter(student=student).exclude(status=pm.Supervision.Status.PROPOSED).select_related("staff__person"))
    tf = m.ThesisFile.objects.filter(student=student).first()
    appeals = list(m.DefenceAppeal.objects.filter(student=student).select_related("defence"))
    stage, stage_text = thesis_stage(student)
    deadlines: list[dict[str, Any]] = []
    steps: list[dict[str, Any]] = []
    if sup_file is not None:
        due = evaluate("KTMU-21(1)-1", {"course_selection_start": sup_file.course_selection_start}, today)
        if sup_file.state in ("REGISTERED", "INTERIM", "PROPOSED"):
            deadlines.append({"what": _("Supervisor to be appointed by"), "due": due.explanation.message_values.get("due"), "why": due.message(lang())})
        if sup_file.lock_until:
            deadlines.append({"what": _("Thesis submission locked until"), "due": sup_file.lock_until, "why": explain(sup_file.lock_explanation)})
        if own and sup_file.state in ("SUPERVISED", "THESIS_LOCK") and not sup_file.applications.filter(kind="CHANGE", transition__isnull=True).exists():
            steps.append({"code": "change", "text": _("Apply for a change of supervisor (a justified application, KTMU-23)")})
    if tf is not None and tf.submission_deadline and not hasattr(tf, "submission"):
        deadlines.append({"what": _("Thesis to be submitted by"), "due": tf.submission_deadline, "why": _("The set period of the implementing rules (KTMU-40-1).")})
    for a in appeals:
        if a.state == "DEFENCE_FAILED":
            end = add_months(a.defence.held_on, 2)
            deadlines.append({"what": _("Appeal against the defence result by"), "due": end, "why": _("Within 2 months of the defence (KTMU-36(1)-1).")})
            if own and today <= end:
                steps.append({"code": "appeal", "text": _("Appeal against the defence result"), "appeal": a})
    if own and tf is not None:
        ok, why = _step_ok(student, "PROPOSAL")
        if ok and not tf.topic_approved_on and not tf.proposals.filter(result="PENDING").exists():
            steps.append({"code": "proposal", "text": _("Submit the thesis proposal")})
        if tf.topic_approved_on and not hasattr(tf, "submission"):
            ok, why = _step_ok(student, "SUBMISSION")
            lock = submission_lock(tf, today)
            if lock is not None and lock.verdict is Verdict.FAIL:
                ok, why = False, lock.message(lang())
            steps.append({"code": "submit", "text": _("Submit the thesis"), "ok": ok, "why": why})
    for r in languages:
        if own and r["r"].state == "NOT_EXEMPT":
            steps.append({"code": "lp", "text": _("Join the language programme (optional, KTMU-19(9))"), "req": r["r"]})
    return {
        "student": student, "own": own, "manage": manage, "languages": languages, "spp": spp,
        "spp_state": state_label("KTMU-W-11", spp.state) if spp else "", "sup_file": sup_file,
        "sup_state": state_label("KTMU-W-12", sup_file.state) if sup_file else "", "supervisors": sups,
        "pending_apps": list(sup_file.applications.filter(transition__isnull=True)) if sup_file else [],
        "interim": sup_file is not None and sup_file.state in ("REGISTERED", "INTERIM", "PROPOSED"),
        "thesis": tf, "stage": stage, "stage_text": stage_text, "appeals": [{"a": a, "state": state_label("KTMU-W-16d", a.state)} for a in appeals],
        "deadlines": deadlines, "steps": steps, "level": pg_level(student),
    }


def queue(user: Any) -> dict[str, Any]:
    """The FoS head's / institute's pending work, each restricted to the user's scope."""
    return {
        "languages": visible(user, m.LanguageRequirement).exclude(state__in=["EXEMPT", "DISMISSAL_CASE"]).select_related("student__person"),
        "spp": visible(user, m.SppPlan).exclude(state__in=["SPP_COMPLETED", "DISMISSAL_CASE"]).select_related("student__person"),
        "supervision": visible(user, m.SupervisionFile).exclude(state="SUPERVISED").select_related("student__person"),
        "applications": visible(user, m.SupervisorApplication).filter(transition__isnull=True).select_related("file__student__person"),
        "proposals": visible(user, m.ThesisProposal).filter(result="PENDING").select_related("file__student__person"),
        "appeals": visible(user, m.DefenceAppeal).exclude(state__in=["CLOSED", "EXTERNAL", "DISMISSAL_CASE"]).select_related("student__person"),
        "grounds": _grounds(user),
    }


def _grounds(user: Any) -> list[Any]:
    """Files that reached a dismissal ground (W-10/W-11/W-16d DISMISSAL_CASE): the standing team's W-19 reads these."""
    out: list[Any] = []
    for model in (m.LanguageRequirement, m.SppPlan, m.DefenceAppeal):
        out += list(visible(user, model).filter(state="DISMISSAL_CASE").select_related("student__person"))
    return out


def dismissal_cases(student: Student | None = None) -> list[dict[str, Any]]:
    """Hook for W-19 (standing): every thesis-side file in DISMISSAL_CASE with its ground rule and the transition that reached it."""
    from bilim.apps.workflow.models import Transition

    out = []
    for model, code in ((m.LanguageRequirement, "KTMU-W-10"), (m.SppPlan, "KTMU-W-11"), (m.DefenceAppeal, "KTMU-W-16d")):
        qs = model.objects.filter(state="DISMISSAL_CASE")
        if student is not None:
            qs = qs.filter(student=student)
        for obj in qs:
            tr = Transition.objects.for_object(obj).filter(target="DISMISSAL_CASE").order_by("-at").first()
            rules = [rid for e in (tr.explanation if tr else []) for rid in e.get("rule_ids", []) if rid.startswith("KTMU-39")]
            out.append({"student": obj.student, "workflow": code, "object": obj, "ground_rules": rules, "transition": tr,
                        "on": tr.at.date() if tr else None})
    return out


def students_for(user: Any) -> QuerySet[Student]:
    return visible(user, Student, pg_students())


def today() -> dt.date:
    return timezone.localdate()


def effective_supervisor(student: Student, on: dt.date | None = None) -> dict[str, Any]:
    """Who acts as the student's supervisor now (KTMU-21(1)-2): the appointed supervisor, or the FoS head until one is
    appointed — for other apps (e.g. the course-selection approval of KTMU-26(13)-1). ``user`` may be None."""
    from bilim.apps.thesis.services import fos_head_user

    sup = pm.Supervision.objects.filter(student=student, role=pm.Supervision.Role.SUPERVISOR, status=pm.Supervision.Status.ACTIVE,
                                        staff__isnull=False).select_related("staff__person__user").first()
    head = fos_head_user(student)
    out = evaluate("KTMU-21(1)-2", {"supervisor_id": str(sup.staff.person) if sup and sup.staff else None, "fos_head_id": str(head or "—")}, on or today())
    user = (sup.staff.person.user if sup and sup.staff else head)
    return {"user": user, "is_fos_head": sup is None, "explanation": out.explanation.to_dict(), "text": out.message(lang())}
