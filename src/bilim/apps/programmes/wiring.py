"""The app's subjects, labels, hooks and relational roles in the workflow engine (called from ``AppConfig.ready``)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from bilim.apps.programmes import models as m

W01_STATES = {
    "NEW": _("Being prepared"),
    "DRAFT": _("Prepared (for the FoS council)"),
    "IDP_DRAFT": _("Prepared by the institute management"),
    "PROPOSED": _("Proposed by the FoS council"),
    "INSTITUTE_APPROVED": _("Decided by the institute board"),
    "SENATE_APPROVED": _("Consented by the Senate"),
    "OPEN": _("Open"),
    "IDP_PROPOSED": _("Proposed by the institute management"),
    "IDP_SENATE_DECIDED": _("Decided by the Senate"),
    "REJECTED": _("Rejected"),
}
W01_ACTIONS = {
    "prepare_master": _("Prepare the master's programme proposal"),
    "prepare_doctoral": _("Prepare the doctoral programme proposal"),
    "prepare_joint": _("Prepare the joint programme proposal"),
    "prepare_interdisciplinary": _("Prepare the interdisciplinary programme proposal"),
    "propose": _("Propose"),
    "decide": _("Decide"),
    "consent": _("Consent"),
    "change_curriculum": _("Change the curriculum"),
    "reject": _("Reject"),
}
W02_STATES = {
    "NEW": _("Application being written"),
    "SUBMITTED": _("Application submitted"),
    "PROPOSED": _("Proposed by the FoS council"),
    "INSTITUTE_APPROVED": _("Decided by the institute board"),
    "IN_CATALOGUE": _("In the course catalogue"),
    "INSTRUCTOR_PROPOSED": _("Instructor proposed"),
    "STAFFED": _("Instructor appointed"),
    "SCHEDULED": _("Timetable published"),
    "RUNS": _("Runs"),
    "NOT_RUN": _("Does not run"),
    "REJECTED": _("Rejected"),
}
W02_ACTIONS = {
    "submit_application": _("Submit the application"),
    "propose": _("Propose"),
    "decide": _("Decide"),
    "approve": _("Approve"),
    "add_foreign_language_section": _("Offer also in a foreign language"),
    "propose_instructor": _("Propose the instructor"),
    "assign": _("Appoint the instructor"),
    "assign_external": _("Appoint the external instructor"),
    "publish_timetable": _("Publish the timetable"),
    "close_add_drop_runs": _("Close add/drop: the course runs"),
    "close_add_drop_not_run": _("Close add/drop: the course does not run"),
    "reject": _("Reject"),
}
W03_STATES = {
    "NEW": _("Quota being prepared"),
    "QUOTA_PROPOSED": _("Quota proposed by the FoS council"),
    "QUOTA_INSTITUTE_APPROVED": _("Quota decided by the institute board"),
    "QUOTA_SENATE_APPROVED": _("Quota consented by the Senate"),
    "QUOTA_APPROVED": _("Quota approved by the Trustees"),
    "ANN_DRAFT": _("Announcement drafted"),
    "ANN_PROPOSED": _("Announcement proposed by the institute board"),
    "ANN_APPROVED": _("Announcement decided by the Senate"),
    "ANNOUNCED": _("Announced"),
    "REJECTED": _("Rejected"),
}
W03_ACTIONS = {
    "propose_quota": _("Propose the quota"),
    "institute_decide": _("Decide on the quota"),
    "senate_consent": _("Consent to the quota"),
    "trustees_approve": _("Approve the quota"),
    "draft_announcement": _("Draft the announcement"),
    "propose": _("Propose the announcement"),
    "decide": _("Decide on the announcement"),
    "publish": _("Publish the announcement"),
    "reject": _("Reject"),
}




def _proposal_scope(qs: QuerySet[Any], body: Any) -> QuerySet[Any]:
    qs = qs.filter(institution_id=body.institution_id)
    if body.unit_id:
        qs = qs.filter(Q(institute_id=body.unit_id) | Q(fos_id=body.unit_id))
    # an open programme waits for a body only while a change of it is pending
    return qs.filter(~Q(state="OPEN") | Q(changes__applied_version__isnull=True, changes__isnull=False)).distinct()


def _course_scope(qs: QuerySet[Any], body: Any) -> QuerySet[Any]:
    qs = qs.filter(programme__institution_id=body.institution_id)
    if body.unit_id:
        qs = qs.filter(Q(programme__unit_id=body.unit_id) | Q(programme__field_of_science_id=body.unit_id))
    # a catalogue course waits for the institute board / Senate only while a foreign-language section is asked for
    if body.kind in ("institute_board", "senate"):
        qs = qs.filter(~Q(state="IN_CATALOGUE") | Q(foreign_language__gt="", foreign_language_approved=False))
    return qs


def _quota_scope(qs: QuerySet[Any], body: Any) -> QuerySet[Any]:
    qs = qs.filter(programme__institution_id=body.institution_id)
    if body.unit_id:
        qs = qs.filter(Q(programme__unit_id=body.unit_id) | Q(programme__field_of_science_id=body.unit_id))
    return qs


def _perform_programme(*, obj: Any, action: str, actor: Any, decision: Any, reason: str = "") -> Any:
    from bilim.apps.programmes.services import programme_step

    return programme_step(actor=actor, proposal=obj, action=action, decision=decision, reason=reason)


def _perform_course(*, obj: Any, action: str, actor: Any, decision: Any, reason: str = "") -> Any:
    from bilim.apps.programmes.services import course_step

    return course_step(actor=actor, course=obj, action=action, decision=decision, reason=reason)


def _perform_quota(*, obj: Any, action: str, actor: Any, decision: Any, reason: str = "") -> Any:
    from bilim.apps.programmes.services import quota_step

    return quota_step(actor=actor, quota=obj, action=action, decision=decision, reason=reason)


def _is_applicant(obj: Any, actor: Any) -> bool:
    return isinstance(obj, m.CourseProposal) and obj.applicant.person.user_id == getattr(actor, "pk", -1)


def register_all() -> None:
    from bilim.apps.core.uploads import register as register_download
    from bilim.apps.programmes import services
    from bilim.apps.workflow.labels import register_labels
    from bilim.apps.workflow.registry import register_subject
    from bilim.apps.workflow.services import ON_MOVE, register_relational_role

    register_labels(m.W01, states=W01_STATES, actions=W01_ACTIONS)
    register_labels(m.W02, states=W02_STATES, actions=W02_ACTIONS)
    register_labels(m.W03, states=W03_STATES, actions=W03_ACTIONS)
    register_subject(m.W01, m.ProgrammeProposal, scope=_proposal_scope, label=lambda o: f"{o.code} — {o.name_ky}",
                     url=lambda o: reverse("programmes:proposal", args=[o.pk]), perform=_perform_programme, view_permission="programmes.view_proposal")
    register_subject(m.W02, m.CourseProposal, scope=_course_scope, label=lambda o: f"{o.code} — {o.title_ky}",
                     url=lambda o: reverse("programmes:course", args=[o.pk]), perform=_perform_course, view_permission="programmes.view_course")
    register_subject(m.W03, m.Quota, scope=_quota_scope, label=lambda o: f"{o.programme.code} {o.admission_year}: {o.places}",
                     url=lambda o: reverse("programmes:quota", args=[o.pk]), perform=_perform_quota, view_permission="programmes.view_quota")
    register_relational_role("instructor", _is_applicant)
    for label, hook in (("programmes.courseproposal", services.course_on_move), ("programmes.quota", services.quota_on_move)):
        hooks = ON_MOVE.setdefault(label, [])
        if hook not in hooks:
            hooks.append(hook)
    register_download("programme-cv", m.ProposalInstructor, "cv", _instructor_files, filename=lambda r: "cv")
    register_download("programme-publications", m.ProposalInstructor, "publications", _instructor_files, filename=lambda r: "publications")


def _instructor_files(user: Any) -> QuerySet[Any]:
    from bilim.apps.accounts.permissions import restrict

    visible = restrict(user, "programmes.view_proposal", m.ProgrammeProposal.objects.all()).values("pk")
    return m.ProposalInstructor.objects.filter(proposal_id__in=visible)
