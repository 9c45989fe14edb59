"""Registration of the admissions subjects with the workflow engine: tables, relational roles, the body steps'
``perform`` (governance fires a waiting step with its adopted decision), file downloads and dashboard links."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from bilim.apps.admissions import models as m
from bilim.apps.admissions import services as svc
from bilim.apps.workflow.registry import register_subject
from bilim.apps.workflow.services import TransitionRefused, register_relational_role


def _last(obj: Any, workflow: str, action: str) -> Any:
    from bilim.apps.workflow.services import history

    return history(obj).filter(workflow=workflow, action=action).order_by("-at").first()


def _programme_in_body(path: str) -> Any:
    def scope(qs: QuerySet[Any], body: Any) -> QuerySet[Any]:
        if body.unit_id is None:
            return qs.filter(**{f"{path}__institution_id": body.institution_id})
        return qs.filter(Q(**{f"{path}__unit_id": body.unit_id}) | Q(**{f"{path}__field_of_science_id": body.unit_id}))

    return scope


def perform_application(*, obj: m.Application, action: str, actor: Any, decision: Any, reason: str = "") -> Any:
    if action in ("place_main_list", "place_reserve_list", "not_placed"):
        svc.lists_decide(actor=actor, round=obj.round, decision=decision)
        return _last(obj, obj.workflow_code, action)
    if action == "appoint_commission":
        comm = obj.round.commissions.filter(kind=m.Commission.Kind.INTERNATIONAL).first()
        if comm is None:
            raise TransitionRefused(_("Record the oral exam commission of the round first."), code="guard")
        svc._appoint_intl(actor=actor, app=obj, comm=comm)
        return _last(obj, obj.workflow_code, action)
    raise TransitionRefused(_("This step is taken on the commission's score sheet, where the scores are entered."), code="guard")


def perform_appeal(*, obj: m.SpecialistAppeal, action: str, actor: Any, decision: Any, reason: str = "") -> Any:
    if action in ("correct", "no_error"):
        svc.appeal_decide(actor=actor, appeal=obj, decision=decision)
        return _last(obj, svc.W16A, action)
    raise TransitionRefused(_("The commission records its findings on the appeal's page."), code="guard")


def _perform(step: Any, code: str) -> Any:
    def perform(*, obj: Any, action: str, actor: Any, decision: Any, reason: str = "") -> Any:
        step(actor=actor, obj=obj, action=action, decision=decision, reason=reason)
        return _last(obj, code, action)

    return perform


def register() -> None:
    from bilim.apps.core import uploads
    from bilim.apps.core.selectors import DASHBOARD_LINKS

    app_url = lambda o: reverse("admissions:application", args=[o.pk])  # noqa: E731
    tracks = {svc.W04: ~Q(track=m.Application.Track.INTERNATIONAL), svc.W05: Q(track=m.Application.Track.INTERNATIONAL)}
    for code in (svc.W04, svc.W05):
        register_subject(code, m.Application, scope=_programme_in_body("round__programme"), url=app_url,
                         label=lambda o: f"{o.number} · {o.round}", perform=perform_application,
                         view_permission="admissions.view_application", rows=tracks[code])  # an application runs on its track's table
    register_subject(svc.W16A, m.SpecialistAppeal, scope=_programme_in_body("application__round__programme"),
                     url=lambda o: reverse("admissions:appeal", args=[o.pk]), perform=perform_appeal,
                     view_permission="admissions.view_application")
    register_subject(svc.W06, m.SpecialStudent, scope=_programme_in_body("programme"), url=lambda o: reverse("admissions:case", args=["special", o.pk]),
                     perform=_perform(lambda **k: svc.special_step(actor=k["actor"], special=k["obj"], action=k["action"], decision=k["decision"], reason=k["reason"]), svc.W06), view_permission="admissions.view_case")
    register_subject(svc.W07, m.IncomingExchange, scope=_programme_in_body("programme"), url=lambda o: reverse("admissions:case", args=["incoming", o.pk]),
                     perform=_perform(lambda **k: svc.incoming_step(actor=k["actor"], rec=k["obj"], action=k["action"], decision=k["decision"], reason=k["reason"]), svc.W07), view_permission="admissions.view_case")
    register_subject(svc.W08, m.OutgoingExchange, scope=_programme_in_body("student__programme"), url=lambda o: reverse("admissions:case", args=["outgoing", o.pk]),
                     perform=_perform(lambda **k: svc.outgoing_step(actor=k["actor"], rec=k["obj"], action=k["action"], decision=k["decision"], reason=k["reason"]), svc.W08), view_permission="admissions.view_case")
    register_subject(svc.W09, m.JuniorResearcherTransfer, scope=_programme_in_body("target"), url=lambda o: reverse("admissions:case", args=["transfer", o.pk]),
                     perform=_perform(lambda **k: svc.transfer_step(actor=k["actor"], rec=k["obj"], action=k["action"], decision=k["decision"], reason=k["reason"]), svc.W09), view_permission="admissions.view_case")

    def owner(obj: Any, actor: Any) -> bool:
        pk = getattr(actor, "pk", None)
        if pk is None:
            return False
        if isinstance(obj, m.Application):
            return obj.user_id == pk
        if isinstance(obj, m.SpecialistAppeal):
            return obj.application.user_id == pk
        return False

    register_relational_role("candidate", owner)
    register_relational_role("applicant", lambda obj, actor: isinstance(obj, m.SpecialStudent) and obj.user_id == getattr(actor, "pk", None))
    register_relational_role("student", lambda obj, actor: (isinstance(obj, (m.SpecialStudent, m.IncomingExchange)) and obj.user_id == getattr(actor, "pk", None))
                             or (isinstance(obj, m.OutgoingExchange) and obj.student.person.user_id == getattr(actor, "pk", None)))
    register_relational_role("junior_researcher", lambda obj, actor: isinstance(obj, m.JuniorResearcherTransfer) and obj.user_id == getattr(actor, "pk", None))

    def readable_docs(user: Any) -> QuerySet[Any]:
        from bilim.apps.accounts.permissions import restrict

        staff = restrict(user, "admissions.view_application", m.Application.objects.all()).values("pk")
        return m.ApplicationDocument.objects.filter(Q(application__user=user) | Q(application__in=staff))

    def readable_applications(user: Any) -> QuerySet[Any]:
        from bilim.apps.accounts.permissions import restrict

        staff = restrict(user, "admissions.view_application", m.Application.objects.all()).values("pk")
        return m.Application.objects.filter(Q(user=user) | Q(pk__in=staff)) if getattr(user, "is_authenticated", False) else m.Application.objects.filter(pk__in=staff)

    uploads.register("admission-document", m.ApplicationDocument, "file", readable_docs, filename=lambda d: d.kind.lower(),
                     record=lambda d: d.application, record_readable=readable_applications)
    DASHBOARD_LINKS.extend([
        ("admissions.view_round", _lazy("Admissions: rounds, applications, ranking"), "admissions:rounds"),
    ])


def _student_section(request: Any, student: Any) -> dict[str, Any]:
    """The KTMU student's page: how the student was admitted, and any outgoing exchange (W-08)."""
    return {
        "admission": m.Application.objects.filter(student=student).select_related("round__programme").first(),
        "exchanges": list(m.OutgoingExchange.objects.filter(student=student).order_by("-pk")[:5]),
    }


def register_sections() -> None:
    from bilim.apps.postgrad.sections import register_section

    register_section("admissions/_student_section.html", _student_section)
