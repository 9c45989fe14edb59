"""Bodies with dated memberships; decisions and orders with their life cycle (draft → adopted → superseded)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _g
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from bilim.apps.accounts.permissions import can, restrict
from bilim.apps.core.listing import (
    Column,
    Filter,
    ListSpec,
    get_visible,
    history_rows,
    lang,
    localized_date,
    make_detail_view,
    make_export_view,
    make_list_view,
)
from bilim.apps.governance import services
from bilim.apps.governance.forms import DecisionForm, SupersedeForm
from bilim.apps.governance.models import Body, Decision
from bilim.apps.org.views import home_institutions
from bilim.apps.records.selectors import explanation_text

BODIES = ListSpec(
    action="governance.view_body",
    queryset=lambda: Body.objects.select_related("institution", "unit"),
    title=_("Bodies"),
    detail_url="governance:body",
    export_url="governance:bodies_csv",
    csv_name="bodies",
    search_fields=["code", "name_ky", "name_ru", "name_en", "name_tr"],
    filters=[
        Filter("institution", _("Institution"), "institution_id", home_institutions),
        Filter("kind", _("Kind"), "kind", lambda u: Body.Kind.choices),
    ],
    columns=[
        Column(_("Name"), lambda o: o.name(lang()), link=True),
        Column(_("Kind"), lambda o: o.get_kind_display()),
        Column(_("Institution"), lambda o: o.institution.name(lang())),
        Column(_("Unit"), lambda o: o.unit.name(lang()) if o.unit else ""),
    ],
    create_url="governance:body_new",
    create_action="governance.add_body",
)


def _body_fields(o: Body) -> list[tuple[Any, Any]]:
    return [
        (_("Code"), o.code),
        (_("Kind"), o.get_kind_display()),
        (_("Institution"), o.institution.name(lang())),
        (_("Unit"), o.unit.name(lang()) if o.unit else None),
    ]


def _body_extra(request: HttpRequest, o: Body) -> dict[str, Any]:
    today = timezone.localdate()
    members = []
    for m in o.memberships.select_related("person").order_by("-starts_on"):
        current = m.starts_on <= today and (m.ends_on is None or m.ends_on >= today)
        members.append({"m": m, "current": current})
    decisions = restrict(request.user, "governance.view_decision", o.decisions.all())[:20]
    from bilim.apps.governance.meeting_views import body_extra

    return {"members": members, "decisions": decisions, **body_extra(request, o)}


body_list = make_list_view(BODIES)
body_csv = make_export_view(BODIES)


@login_required
def body_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A body's page: staff of its scope and its own members (a trustee from outside the university) see it."""
    from bilim.apps.governance.meetings import visible_bodies

    obj = BODIES.queryset().filter(pk__in=visible_bodies(request.user).values("pk"), pk=pk).first()
    if obj is None:
        raise Http404
    ctx = {"obj": obj, "title": obj.name(lang()), "fields": [(label, value if value is not None else "—") for label, value in _body_fields(obj)],
           "history": history_rows(obj), **_body_extra(request, obj)}
    return render(request, "governance/body_detail.html", ctx)

DECISIONS = ListSpec(
    action="governance.view_decision",
    queryset=lambda: Decision.objects.select_related("body__institution"),
    title=_("Decisions and orders"),
    detail_url="governance:decision",
    export_url="governance:decisions_csv",
    csv_name="decisions",
    search_fields=["number", "title", "text", "subject_type", "subject_id"],
    search_help=_("Number, title, text or subject"),
    filters=[
        Filter("institution", _("Institution"), "body__institution_id", home_institutions),
        Filter("body_kind", _("Body"), "body__kind", lambda u: Body.Kind.choices),
        Filter("status", _("Status"), "status", lambda u: Decision.Status.choices),
    ],
    columns=[
        Column(_("Number"), lambda o: o.number, link=True),
        Column(_("Date"), lambda o: localized_date(o.date)),
        Column(_("Body"), lambda o: o.body.name(lang())),
        Column(_("Title"), lambda o: o.title, link=True),
        Column(_("Subject"), lambda o: subject_text(o)),
        Column(_("Status"), lambda o: o.get_status_display()),
        Column(_("Text"), lambda o: o.text, csv_only=True),
    ],
    create_url="governance:decision_new",
    create_action="governance.add_decision",
)


# Subjects that are not a model of their own (a decision on a batch of excuse exams).
SUBJECT_WORDS = {"postgrad.excuse_exams": _("Excuse exams")}


def subject_text(o: Decision) -> str:
    """What a decision is about in words: the record kind's name (never ``app.model``) and its number."""
    from django.apps import apps as django_apps

    if not o.subject_type:
        return ""
    kind: Any = SUBJECT_WORDS.get(o.subject_type)
    if kind is None:
        try:
            kind = django_apps.get_model(o.subject_type)._meta.verbose_name
        except (LookupError, ValueError):
            kind = _("Record")
    text = str(kind)
    return f"{text[:1].upper()}{text[1:]} №{o.subject_id}" if o.subject_id else text[:1].upper() + text[1:]


def _decision_fields(o: Decision) -> list[tuple[Any, Any]]:
    return [
        (_("Number"), o.number),
        (_("Date"), localized_date(o.date)),
        (_("Body"), o.body.name(lang())),
        (_("Subject"), subject_text(o)),
        (_("Status"), o.get_status_display()),
        (_("Adopted at"), o.adopted_at),
        (_("Votes for"), o.votes_for),
        (_("Votes against"), o.votes_against),
        (_("Abstentions"), o.votes_abstain),
    ]


def _decision_extra(request: HttpRequest, o: Decision) -> dict[str, Any]:
    superseded_by = getattr(o, "superseded_by", None) if hasattr(o, "superseded_by") else None
    return {
        "decision": o,
        "explanation": explanation_text(o.explanation, lang()),
        "superseded_by": superseded_by,
        "can_edit": o.status == Decision.Status.DRAFT and can(request.user, "governance.change_decision") and _in_scope(request, "governance.change_decision", o),
        "can_adopt": o.status == Decision.Status.DRAFT and _in_scope(request, "governance.adopt_decision", o),
        "can_supersede": o.status == Decision.Status.ADOPTED and _in_scope(request, "governance.supersede_decision", o),
    }


def _in_scope(request: HttpRequest, action: str, o: Decision) -> bool:
    return can(request.user, action) and restrict(request.user, action, Decision.objects.filter(pk=o.pk)).exists()


decision_list = make_list_view(DECISIONS)
decision_csv = make_export_view(DECISIONS)
decision_detail = make_detail_view(
    "governance.view_decision", DECISIONS.queryset, "governance/decision_detail.html", _decision_fields, _decision_extra,
    title=lambda o: f"№{o.number} — {o.title}",
)


def _apply_errors(form: Any, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errs in exc.error_dict.items():
            for e in errs:
                form.add_error(field if field in form.fields else None, e)
    else:
        for msg in exc.messages:
            form.add_error(None, msg)


@login_required
def decision_new(request: HttpRequest) -> HttpResponse:
    if not can(request.user, "governance.add_decision"):
        raise PermissionDenied
    form = DecisionForm(request.POST or None, user=request.user)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            d = form.cleaned_data
            try:
                decision = services.decision_create(
                    actor=request.user, body=d["body"], number=d["number"], date=d["date"], title=d["title"], text=d["text"], reason=d["reason"]
                )
            except ValidationError as exc:
                _apply_errors(form, exc)
            else:
                messages.success(request, _g("Draft decision recorded."))
                return redirect("governance:decision", decision.pk)
        status = 400
    return render(request, "governance/decision_form.html", {"form": form, "title": _g("New decision")}, status=status)


@login_required
def decision_edit(request: HttpRequest, pk: int) -> HttpResponse:
    decision = get_visible(request, "governance.change_decision", Decision.objects.all(), pk)
    form = DecisionForm(request.POST or None, user=request.user, with_body=False, initial={
        "number": decision.number, "date": decision.date, "title": decision.title, "text": decision.text,
    })
    status = 200
    locked = ""
    if decision.status != Decision.Status.DRAFT:
        locked = services._immutable(decision).messages[0]
        status = 409
    elif request.method == "POST":
        if form.is_valid():
            d = form.cleaned_data
            try:
                services.decision_update(
                    actor=request.user, decision=decision, reason=d["reason"], number=d["number"], date=d["date"], title=d["title"], text=d["text"]
                )
            except ValidationError as exc:
                _apply_errors(form, exc)
            else:
                messages.success(request, _g("Decision saved."))
                return redirect("governance:decision", decision.pk)
        status = 400
    return render(request, "governance/decision_form.html", {"form": form, "title": _g("Edit decision"), "decision": decision, "locked": locked}, status=status)


@require_POST
@login_required
def decision_adopt(request: HttpRequest, pk: int) -> HttpResponse:
    decision = get_visible(request, "governance.adopt_decision", Decision.objects.all(), pk)
    try:
        services.decision_adopt(actor=request.user, decision=decision, reason=request.POST.get("reason", "")[:500])
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _g("Decision adopted. It can no longer be changed."))
    return redirect("governance:decision", decision.pk)


@login_required
def decision_supersede(request: HttpRequest, pk: int) -> HttpResponse:
    decision = get_visible(request, "governance.supersede_decision", Decision.objects.all(), pk)
    form = SupersedeForm(request.POST or None, initial={"title": decision.title, "text": decision.text, "date": timezone.localdate()})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            d = form.cleaned_data
            try:
                new = services.decision_supersede(
                    actor=request.user, decision=decision, number=d["number"], date=d["date"], title=d["title"], text=d["text"], reason=d["reason"]
                )
            except ValidationError as exc:
                _apply_errors(form, exc)
            else:
                messages.success(request, _g("Correction adopted; the old decision is superseded."))
                return redirect("governance:decision", new.pk)
        status = 400
    return render(
        request, "governance/decision_form.html", {"form": form, "title": _g("Supersede decision №%(number)s") % {"number": decision.number}, "decision": decision},
        status=status,
    )


__all__ = ["history_rows"]
