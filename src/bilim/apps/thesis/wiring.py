"""The thesis app's place in the workflow engine: subjects of W-10, W-11, W-12, W-16d (with ``perform`` for
the steps a body decides), the words for their states and actions, the relational roles the tables
name (``supervisor``, ``mspc``), and the section on the KTMU student's page."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from bilim.apps.workflow.labels import register_labels
from bilim.apps.workflow.registry import register_subject
from bilim.apps.workflow.services import TransitionRefused, register_relational_role


def _scope(path: str) -> Any:
    p = f"{path}__" if path else ""

    def scope(qs: QuerySet[Any], body: Any) -> QuerySet[Any]:
        if body.unit_id:
            return qs.filter(Q(**{f"{p}unit_id": body.unit_id}) | Q(**{f"{p}programme__field_of_science_id": body.unit_id})
                             | Q(**{f"{p}unit__parent_id": body.unit_id}))
        return qs.filter(**{f"{p}institution_id": body.institution_id})

    return scope


def _refuse(action: str) -> Any:
    raise TransitionRefused(str(_("This step is not taken by a body's decision here: %(action)s.")) % {"action": action}, code="invalid")


def _perform_w10(*, obj: Any, action: str, actor: Any, decision: Any, reason: str = "") -> Any:
    from bilim.apps.thesis import services as s

    if action == "limit_reached":
        return s.language_limit_reached(actor=actor, req=obj, decision=decision, reason=reason)
    return _refuse(action)


def _perform_w11(*, obj: Any, action: str, actor: Any, decision: Any, reason: str = "") -> Any:
    from bilim.apps.thesis import services as s

    if action == "assess_need":
        return s.spp_assess(actor=actor, plan=obj, decision=decision, reason=reason)
    if action == "decide":
        return s.spp_decide(actor=actor, plan=obj, decision=decision, reason=reason)
    if action == "limit_reached":
        return s.spp_limit_reached(actor=actor, plan=obj, decision=decision, reason=reason)
    return _refuse(action)


def _pending(file: Any, kind: str) -> Any:
    app = file.applications.filter(kind=kind, transition__isnull=True).order_by("-pk").first()
    if app is None:
        raise TransitionRefused(str(_("There is no pending application of this kind for the student.")), code="invalid")
    return app


def _perform_w12(*, obj: Any, action: str, actor: Any, decision: Any, reason: str = "") -> Any:
    from bilim.apps.thesis import models as m
    from bilim.apps.thesis import services as s

    K = m.SupervisorApplication.Kind
    if action == "propose_supervisor":
        return s.supervisor_propose(actor=actor, app=_pending(obj, K.APPOINT), proposal=decision, reason=reason)
    if action == "appoint":
        return s.supervisor_appoint(actor=actor, file=obj, decision=decision, reason=reason)
    if action == "add_second_supervisor":
        return s.second_supervisor_add(actor=actor, app=_pending(obj, K.SECOND), decision=decision, reason=reason)
    if action == "add_foreign_supervisor":
        return s.foreign_supervisor_add(actor=actor, app=_pending(obj, K.FOREIGN), decision=decision, reason=reason)
    if action == "change_on_application":
        return s.supervisor_change(actor=actor, app=_pending(obj, K.CHANGE), decision=decision, reason=reason)
    if action == "mandatory_change":
        return s.supervisor_change(actor=actor, app=_pending(obj, K.MANDATORY), decision=decision, reason=reason)
    return _refuse(action)


def _perform_w16d(*, obj: Any, action: str, actor: Any, decision: Any, reason: str = "") -> Any:
    from bilim.apps.thesis import services as s

    if action == "form_commission":
        return s.appeal_commission_form(actor=actor, appeal=obj, decision=decision)
    if action in ("report_uphold", "report_reevaluate"):
        return s.appeal_report(actor=actor, appeal=obj, decision=decision)
    if action == "decide" and obj.state == "REPORT_UPHOLD":
        return s.appeal_board_decide(actor=actor, appeal=obj, decision=decision)
    if action == "decide" and obj.state == "JURY_REEVALUATION":
        return s.appeal_jury_reevaluate(actor=actor, appeal=obj, decision=decision)
    if action == "send_to_jury":
        return s.appeal_send_to_jury(actor=actor, appeal=obj, decision=decision)
    if action == "sign_and_notify":
        return s.appeal_sign_and_notify(actor=actor, appeal=obj, decision=decision)
    return _refuse(action)


def _is_supervisor(obj: Any, actor: Any) -> bool:
    from bilim.apps.postgrad.models import Supervision
    from bilim.apps.thesis.models import SupervisionFile

    if not isinstance(obj, SupervisionFile) or getattr(actor, "pk", None) is None:
        return False
    return Supervision.objects.filter(student_id=obj.student_id, status=Supervision.Status.ACTIVE, staff__person__user=actor).exists()


def _is_exam_office(obj: Any, actor: Any) -> bool:
    """The university's exemption-exam results are entered by the institute that holds the exam (W-10 rows 4, 7)."""
    from bilim.apps.accounts.permissions import ACTIONS, restrict
    from bilim.apps.people.models import Student
    from bilim.apps.thesis.models import LanguageRequirement

    if not isinstance(obj, LanguageRequirement) or "thesis.manage" not in ACTIONS:
        return False
    return restrict(actor, "thesis.manage", Student.objects.filter(pk=obj.student_id)).exists()


def _student_only(obj: Any) -> list[str]:
    email = obj.student.person.email or getattr(obj.student.person.user, "email", "")
    return [email] if email else []


def _student_and_fos_head(obj: Any) -> list[str]:
    from bilim.apps.thesis.services import fos_head_user

    head = fos_head_user(obj.student)
    return [*_student_only(obj), *([head.email] if head is not None and head.email else [])]


def register_all() -> None:
    from bilim.apps.thesis import models as m

    register_subject("KTMU-W-10", m.LanguageRequirement, scope=_scope("student"), view_permission="thesis.view", perform=_perform_w10,
                     label=lambda o: f"{o.student.person} — {o.language}", url=lambda o: reverse("thesis:language", args=[o.pk]))
    register_subject("KTMU-W-11", m.SppPlan, scope=_scope("student"), view_permission="thesis.view", perform=_perform_w11,
                     label=lambda o: f"{o.student.person} — {_('scientific preparation programme')}", url=lambda o: reverse("thesis:spp", args=[o.pk]))
    register_subject("KTMU-W-12", m.SupervisionFile, scope=_scope("student"), view_permission="thesis.view", perform=_perform_w12,
                     label=lambda o: f"{o.student.person} — {_('supervision')}", url=lambda o: reverse("thesis:supervision", args=[o.pk]))
    register_subject("KTMU-W-16d", m.DefenceAppeal, scope=_scope("student"), view_permission="thesis.view", perform=_perform_w16d,
                     label=lambda o: f"{o.student.person} — {_('defence appeal')}", url=lambda o: reverse("thesis:appeal", args=[o.pk]))
    register_relational_role("supervisor", _is_supervisor)
    from bilim.apps.workflow.services import RECIPIENTS

    # the student is told of every step of the defence appeal (36(9): the final decision within 5 days); the FoS head too.
    # (Other files show their steps on the student's page; e-mailing each would flood the demo outbox.)
    RECIPIENTS["thesis.defenceappeal"] = _student_and_fos_head
    register_relational_role("mspc", _is_exam_office)
    _labels()


def _labels() -> None:
    register_labels("KTMU-W-10", states={
        "REGISTERED": _("Registered"), "LANG_CHECK": _("Languages being checked"), "EXEMPT": _("Exempt"),
        "LEX_EXAM_DUE": _("Exemption exam due"), "NOT_EXEMPT": _("Not exempt"), "IN_LP": _("In the language programme"),
        "DISMISSAL_CASE": _("Dismissal ground (art. 39)"),
    }, actions={
        "determine_languages": _("Determine the required languages"), "exempt_by_document": _("Exempt by document"),
        "no_exemption_document": _("No exemption document: exam due"), "exam_passed": _("Exemption exam passed"),
        "exam_failed": _("Exemption exam not passed"), "enrol_language_programme": _("Join the language programme"),
        "take_courses": _("Courses in exempted languages checked"), "resit_passed": _("Re-sit passed"),
        "limit_reached": _("Language period used up"),
    })
    register_labels("KTMU-W-11", states={
        "REGISTERED": _("Registered"), "SPP_PROPOSED": _("Proposed by the FoS council"), "IN_SPP": _("In the scientific preparation programme"),
        "SPP_COMPLETED": _("Scientific preparation completed"), "DISMISSAL_CASE": _("Dismissal ground (art. 39)"),
    }, actions={
        "assess_need": _("Need assessed by the FoS council"), "decide": _("Courses decided by the Institute Board"),
        "register_semester": _("Semester registration checked"), "all_courses_passed": _("All courses passed"),
        "limit_reached": _("Two semesters used up"),
    })
    register_labels("KTMU-W-12", states={
        "REGISTERED": _("Registered"), "INTERIM": _("FoS head acts as supervisor"), "PROPOSED": _("Supervisor proposed"),
        "SUPERVISED": _("Supervisor appointed"), "THESIS_LOCK": _("Thesis submission locked after a change"),
        "SUSPENDED": _("Supervision suspended"), "SUSPENDED_LOCKED": _("Supervision suspended (submission locked)"),
    }, actions={
        "interim_supervision": _("FoS head acts until appointment"), "propose_supervisor": _("Propose a supervisor"),
        "appoint": _("Appoint the supervisor"), "add_second_supervisor": _("Appoint a second supervisor"),
        "add_foreign_supervisor": _("Appoint a foreign supervisor"), "change_on_application": _("Change the supervisor on application"),
        "mandatory_change": _("Necessary and mandatory change"), "lock_expires": _("Submission lock expires"),
        "supervisor_leaves_continue_online": _("Supervisor continues online"), "suspend": _("Suspend supervision"),
        "resume": _("Resume supervision"),
    })
    register_labels("KTMU-W-16d", states={
        "DEFENCE_FAILED": _("Defence not passed"), "APPEAL_FILED": _("Appeal filed"), "COMMISSION_FORMED": _("Appeal commission formed"),
        "REPORT_UPHOLD": _("Report: the jury's decision is correct"), "REPORT_REEVALUATE": _("Report: the jury must re-evaluate"),
        "FINAL_DECISION": _("Final decision"), "JURY_REEVALUATION": _("Jury re-evaluating"), "CLOSED": _("Closed (final)"),
        "EXTERNAL": _("Administrative remedy sought"), "DISMISSAL_CASE": _("Dismissal ground (art. 39)"),
    }, actions={
        "appeal": _("Appeal"), "form_commission": _("Form the appeal commission"), "report_uphold": _("Report: uphold"),
        "report_reevaluate": _("Report: re-evaluate"), "decide": _("Decide"), "send_to_jury": _("Send the report to the jury"),
        "sign_and_notify": _("Sign, notify and publish"), "external_remedy": _("Seek an administrative remedy"),
        "dismissal_ground_master": _("Dismissal ground (i), master's"), "appeal_window_expired_master": _("Appeal window passed (master's)"),
        "dismissal_ground_doctoral": _("Dismissal ground h.2, doctoral"),
    })


def student_section(request: Any, student: Any) -> dict[str, Any]:
    from bilim.apps.thesis import selectors

    return {"thesis": selectors.overview(student, getattr(request, "user", None))}
