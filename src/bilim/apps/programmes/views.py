"""Pages of KTMU programmes, courses, quotas and the public admission announcement (thin: services decide)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _

from bilim.apps.accounts.permissions import can, restrict
from bilim.apps.core.listing import Column, Filter, ListSpec, get_visible, lang, make_export_view, make_list_view
from bilim.apps.curriculum.models import Programme
from bilim.apps.programmes import forms as f
from bilim.apps.programmes import models as m
from bilim.apps.programmes import selectors, services
from bilim.apps.workflow.labels import state_label
from bilim.apps.workflow.selectors import next_steps
from bilim.apps.workflow.services import TransitionRefused, has_authority, history

# ------------------------------------------------------------------------------------------------ lists


def _states(code: str, model: Any) -> Any:
    from bilim.regulations.workflows.core import get_workflow

    return lambda _u: [(s, state_label(code, s)) for s in get_workflow(code).states]


PROPOSAL_COLUMNS = [
    Column(_("Code"), lambda o: o.code, link=True),
    Column(_("Name"), lambda o: o.name(lang())),
    Column(_("Kind"), lambda o: o.get_kind_display()),
    Column(_("Level"), lambda o: o.get_level_display()),
    Column(_("Institute"), lambda o: o.institute.name(lang())),
    Column(_("State"), lambda o: state_label(m.W01, o.state)),
]


def _proposals_qs() -> QuerySet[m.ProgrammeProposal]:
    return m.ProgrammeProposal.objects.select_related("institute", "fos")


PROPOSALS = ListSpec(
    action="programmes.view_proposal", queryset=_proposals_qs, title=_("Programme proposals"), columns=PROPOSAL_COLUMNS,
    detail_url="programmes:proposal", search_fields=["code", "name_ky", "name_en", "name_tr", "name_ru"],
    filters=[Filter("state", _("State"), "state", _states(m.W01, m.ProgrammeProposal))],
    export_url="programmes:proposals_export", csv_name="programme-proposals", create_url="programmes:proposal_new",
    create_action="programmes.create_proposal",
)
proposals = make_list_view(PROPOSALS)
proposals_export = make_export_view(PROPOSALS)

#: the queue of each body: the states where a step of W-01 waits for it
QUEUES = {
    "fos_council": (_("Queue of the FoS academic council"), ["DRAFT"]),
    "institute_board": (_("Queue of the institute board"), ["PROPOSED"]),
    "inst_mgmt": (_("Queue of the institute management"), ["IDP_DRAFT"]),
    "senate": (_("Queue of the Senate"), ["INSTITUTE_APPROVED", "IDP_PROPOSED"]),
    "trustees": (_("Queue of the Board of Trustees"), ["SENATE_APPROVED", "IDP_SENATE_DECIDED"]),
}
def _in_states(states: list[str]) -> Any:
    """The proposals in ``states``, built anew at each request."""
    return lambda: _proposals_qs().filter(state__in=states)


_queue_views = {
    body: make_list_view(ListSpec(
        action="programmes.view_proposal", queryset=_in_states(states), title=title,
        columns=PROPOSAL_COLUMNS, detail_url="programmes:proposal", search_fields=["code", "name_ky", "name_en"],
        export_url="programmes:proposals_export", csv_name=f"queue-{body}"))
    for body, (title, states) in QUEUES.items()
}


def queue(request: HttpRequest, body: str) -> HttpResponse:
    view = _queue_views.get(body)
    if view is None:
        raise Http404
    return view(request)


def _catalogue_qs() -> QuerySet[Programme]:
    from bilim.apps.org.models import RegulationSet

    return Programme.objects.filter(institution__regulation_set=RegulationSet.KTMU_POSTGRAD).exclude(level="bachelor").select_related("unit")


CATALOGUE = ListSpec(
    action="programmes.view_catalogue", queryset=_catalogue_qs, title=_("Programme catalogue"),
    columns=[Column(_("Code"), lambda o: o.code, link=True), Column(_("Name"), lambda o: o.name(lang())), Column(_("Level"), lambda o: o.get_level_display()),
             Column(_("Institute"), lambda o: o.unit.name(lang())), Column(_("Languages"), lambda o: o.languages),
             Column(_("Active"), lambda o: o.is_active)],
    detail_url="programmes:programme", search_fields=["code", "name_ky", "name_en", "name_tr", "name_ru"],
    export_url="programmes:catalogue_export", csv_name="programmes",
)
catalogue = make_list_view(CATALOGUE)
catalogue_export = make_export_view(CATALOGUE)

COURSES = ListSpec(
    action="programmes.view_course", queryset=lambda: m.CourseProposal.objects.select_related("programme", "applicant__person", "term__year", "offering"),
    title=_("Course proposals"),
    columns=[Column(_("Code"), lambda o: o.code, link=True), Column(_("Title"), lambda o: o.title(lang())),
             Column(_("Programme"), lambda o: o.programme.code), Column(_("Instructor applying"), lambda o: o.applicant.person),
             Column(_("Semester"), lambda o: o.term or ""), Column(_("State"), lambda o: state_label(m.W02, o.state)),
             Column(_("Runs"), lambda o: o.offering.runs if o.offering_id else None)],
    detail_url="programmes:course", search_fields=["code", "title_ky", "title_en", "title_tr", "title_ru"],
    filters=[Filter("state", _("State"), "state", _states(m.W02, m.CourseProposal))],
    export_url="programmes:courses_export", csv_name="course-proposals", create_url="programmes:course_new", create_action="programmes.create_course",
)
courses = make_list_view(COURSES)
courses_export = make_export_view(COURSES)

QUOTAS = ListSpec(
    action="programmes.view_quota", queryset=lambda: m.Quota.objects.select_related("programme__unit"), title=_("Admission quotas and announcements"),
    columns=[Column(_("Programme"), lambda o: o.programme.code, link=True), Column(_("Name"), lambda o: o.programme.name(lang())),
             Column(_("Admission year"), lambda o: o.admission_year), Column(_("Places"), lambda o: o.places),
             Column(_("Of which international"), lambda o: o.places_international), Column(_("State"), lambda o: state_label(m.W03, o.state))],
    detail_url="programmes:quota", search_fields=["programme__code", "programme__name_ky", "programme__name_en"],
    filters=[Filter("state", _("State"), "state", _states(m.W03, m.Quota)),
             Filter("year", _("Admission year"), "admission_year", lambda _u: [(str(y), str(y)) for y in range(2025, 2030)])],
    export_url="programmes:quotas_export", csv_name="quotas", create_url="programmes:quota_new", create_action="programmes.create_quota",
)
quotas = make_list_view(QUOTAS)
quotas_export = make_export_view(QUOTAS)


# ------------------------------------------------------------------------------------------------ shared step handling


def _do_step(request: HttpRequest, obj: Any, step: Any) -> tuple[Any, str]:
    """Run a posted step (recording the body's decision first when its number and date are given); return (refusal, error)."""
    form = f.DecisionStepForm(request.POST, obj=obj)
    if not form.is_valid():
        errors = [str(e) for errs in form.errors.values() for e in errs]
        return None, " ".join(errors) or _t("The step could not be read; reload the page.")
    data = form.cleaned_data
    action, reason = data["action"], data.get("reason", "")
    try:
        if data.get("decision") is None and data.get("body") is not None:
            body = data["body"]
            if not services.bodies_for(obj, body.kind).filter(pk=body.pk).exists():
                return None, _t("This body does not decide on this record.")
            title = f"{obj}: {action_label(obj, action)}"
            services.record_decision_and_step(actor=request.user, obj=obj, body=body, number=data["number"], date=data["date"], title=title,
                                              step=lambda d: step(action=action, decision=d, reason=reason))
        else:
            step(action=action, decision=data.get("decision"), reason=reason)
    except TransitionRefused as exc:
        return exc, ""
    except ValidationError as exc:
        return None, " ".join(exc.messages)
    except PermissionDenied:
        return None, _t("You may not take this step.")
    return None, ""


def action_label(obj: Any, action: str) -> str:
    from bilim.apps.workflow.labels import action_label as label

    code = {m.ProgrammeProposal: m.W01, m.CourseProposal: m.W02, m.Quota: m.W03}[type(obj)]
    return label(code, action)


def _steps(obj: Any, code: str, user: Any, manage: bool) -> list[dict[str, Any]]:
    """The steps of the table from the record's state the user may take: a role's step for those who manage the record;
    a body's step for those who may record that body's decision (or choose an adopted decision naming the record)."""
    from bilim.apps.governance.models import Body, Decision

    adopted = Decision.objects.filter(subject_type=obj._meta.label_lower, subject_id=str(obj.pk), status=Decision.Status.ADOPTED).exists()
    out = []
    for t in next_steps(obj, code):
        if t.authority == ("system",):
            continue  # the system's step (close of add/drop) has its own button
        kinds = [a[5:] for a in t.authority if a.startswith("body:")]
        bodies: list[Body] = []
        for kind in kinds:
            bodies += list(restrict(user, "governance.record_decision_for_body", services.bodies_for(obj, kind)))
        # a role's step only for those the engine would let take it (the same authority check as the transition service)
        if kinds and (bodies or (manage and adopted)) or (not kinds and manage and has_authority(user, t.authority, obj)):
            out.append({"action": t.action, "body": bool(kinds), "bodies": bodies, "target": t.target})
    return out


def _page(request: HttpRequest, template: str, ctx: dict[str, Any]) -> HttpResponse:
    return render(request, template, ctx)


# ------------------------------------------------------------------------------------------------ W-01 pages


@login_required
def proposal_new(request: HttpRequest) -> HttpResponse:
    if not can(request.user, "programmes.create_proposal"):
        raise PermissionDenied
    form = f.ProposalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k not in ("institute", "fos", "partners")}
        try:
            p = services.proposal_create(actor=request.user, institute=form.cleaned_data["institute"], fos=form.cleaned_data["fos"], data=data,
                                         partners=form.cleaned_data["partners"])
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return redirect("programmes:proposal", pk=p.pk)
    return _page(request, "programmes/form.html", {"form": form, "title": _t("New programme proposal"), "multipart": False})


@login_required
def proposal_edit(request: HttpRequest, pk: int) -> HttpResponse:
    p = get_visible(request, "programmes.manage_proposal", m.ProgrammeProposal.objects.all(), pk)
    form = f.ProposalForm(request.POST or None, instance=p, initial={"partners": list(p.partners.all())})
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k not in ("institute", "fos", "partners")}
        data.update(institute=form.cleaned_data["institute"], fos=form.cleaned_data["fos"])
        try:
            services.proposal_update(actor=request.user, proposal=p, data=data, partners=form.cleaned_data["partners"])
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return redirect("programmes:proposal", pk=p.pk)
    return _page(request, "programmes/form.html", {"form": form, "title": _t("Edit the programme proposal"), "multipart": False})


def _checks(outcomes: dict[str, Any]) -> list[dict[str, Any]]:
    return [{"rule": rid, "ok": o.ok, "explanation": o.explanation} for rid, o in outcomes.items()]


@login_required
def proposal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    p = get_visible(request, "programmes.view_proposal", _proposals_qs(), pk)
    manage = restrict(request.user, "programmes.manage_proposal", m.ProgrammeProposal.objects.filter(pk=p.pk)).exists()
    refusal, error = None, ""
    forms_: dict[str, Any] = {"instructor": f.InstructorForm(), "line": f.CourseLineForm(), "change": f.ChangeForm()}
    if request.method == "POST":
        kind = request.POST.get("form")
        form: Any  # the form of the step posted (one of several)
        if not manage and kind != "step":  # a body's step is checked by the engine and the decision's recording
            raise PermissionDenied
        try:
            if kind == "step":
                refusal, error = _do_step(request, p, lambda **kw: services.programme_step(actor=request.user, proposal=p, **kw))
            elif kind == "instructor":
                form = forms_["instructor"] = f.InstructorForm(request.POST, request.FILES)
                if form.is_valid():
                    services.proposal_instructor_add(actor=request.user, proposal=p, staff=form.cleaned_data["staff"],
                                                     cv=form.cleaned_data.get("cv"), publications=form.cleaned_data.get("publications"))
                else:
                    error = _t("Correct the instructor's data.")
            elif kind in ("line", "change_line"):
                form = forms_["line"] = f.CourseLineForm(request.POST)
                change = m.ProgrammeChange.objects.filter(proposal=p, applied_version__isnull=True).first() if kind == "change_line" else None
                if form.is_valid():
                    services.proposal_course_add(actor=request.user, proposal=p, data=form.cleaned_data, change=change)
                else:
                    error = _t("Correct the course line.")
            elif kind == "change":
                form = forms_["change"] = f.ChangeForm(request.POST)
                if form.is_valid():
                    services.change_create(actor=request.user, proposal=p, **form.cleaned_data)
                else:
                    error = _t("Correct the change.")
        except ValidationError as exc:
            error = " ".join(exc.messages)
        if not refusal and not error:
            return redirect("programmes:proposal", pk=p.pk)
        p.refresh_from_db()
    checks = []
    if p.state == "NEW":
        checks = _checks(services.prepare_checks(p))
    pending = m.ProgrammeChange.objects.filter(proposal=p, applied_version__isnull=True).first()
    ctx = {
        "obj": p, "title": f"{p.code} — {p.name(lang())}", "manage": manage, "refusal": refusal, "error": error, "forms": forms_,
        "steps": [s for s in _steps(p, m.W01, request.user, manage)
                  if not s["action"].startswith("prepare_") or s["action"] == services.prepare_action(p)],
        "decision_form": f.DecisionStepForm(obj=p), "checks": checks, "transitions": history(p),
        "instructors": p.instructors.select_related("staff__person", "staff__institution"),
        "lines": p.courses.filter(change__isnull=True), "pending_change": pending,
        "pending_lines": pending.courses.all() if pending else [],
        "versions": selectors.curriculum_versions(p.programme) if p.programme_id else [],
        "queues": QUEUES, "institute_name": p.institute.name(lang()), "fos_name": p.fos.name(lang()),
    }
    return _page(request, "programmes/proposal_detail.html", ctx)


@login_required
def programme_detail(request: HttpRequest, pk: int) -> HttpResponse:
    prog = get_visible(request, "programmes.view_catalogue", _catalogue_qs(), pk)
    versions = list(selectors.curriculum_versions(prog))
    from django.utils import timezone

    in_force = services.curriculum_in_force(prog, timezone.localdate())
    return _page(request, "programmes/programme_detail.html", {
        "obj": prog, "title": f"{prog.code} — {prog.name(lang())}", "versions": versions, "in_force": in_force,
        "proposal": getattr(prog, "proposal", None), "courses": prog.courses.order_by("semester", "code"),
        "quotas": m.Quota.objects.filter(programme=prog).order_by("-admission_year"), "institute_name": prog.unit.name(lang()),
    })


# ------------------------------------------------------------------------------------------------ W-02 pages


@login_required
def course_new(request: HttpRequest) -> HttpResponse:
    if not can(request.user, "programmes.create_course"):
        raise PermissionDenied
    form = f.CourseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k not in ("programme", "applicant")}
        try:
            c = services.course_create(actor=request.user, programme=form.cleaned_data["programme"], applicant=form.cleaned_data["applicant"], data=data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return redirect("programmes:course", pk=c.pk)
    return _page(request, "programmes/form.html", {"form": form, "title": _t("New course application"), "multipart": False})


@login_required
def course_detail(request: HttpRequest, pk: int) -> HttpResponse:
    c = get_visible(request, "programmes.view_course", m.CourseProposal.objects.select_related("programme", "applicant__person", "term", "offering"), pk)
    manage = restrict(request.user, "programmes.manage_course", m.CourseProposal.objects.filter(pk=c.pk)).exists()
    refusal, error = None, ""
    forms_: dict[str, Any] = {"offering": f.OfferingForm(initial={"term": c.term_id, "foreign_language": c.foreign_language}),
                              "instructor": f.CourseInstructorForm(), "slot": f.SlotForm()}
    if request.method == "POST":
        kind = request.POST.get("form")
        form: Any  # the form of the step posted (one of several)
        if not manage and kind != "step":  # a body's step is checked by the engine and the decision's recording
            raise PermissionDenied
        try:
            if kind == "step":
                refusal, error = _do_step(request, c, lambda **kw: services.course_step(actor=request.user, course=c, **kw))
            elif kind == "close_add_drop":
                services.course_close_add_drop(actor=request.user, course=c)
            elif kind == "offering":
                form = forms_["offering"] = f.OfferingForm(request.POST)
                if form.is_valid():
                    services.course_update(actor=request.user, course=c, data=form.cleaned_data)
                else:
                    error = _t("Correct the offering's data.")
            elif kind == "instructor":
                form = forms_["instructor"] = f.CourseInstructorForm(request.POST)
                if form.is_valid():
                    services.course_instructor_add(actor=request.user, course=c, **form.cleaned_data)
                else:
                    error = _t("Correct the instructor's data.")
            elif kind == "slot":
                form = forms_["slot"] = f.SlotForm(request.POST)
                if form.is_valid():
                    services.timetable_slot_add(actor=request.user, course=c, **form.cleaned_data)
                else:
                    error = _t("Correct the class time.")
        except TransitionRefused as exc:
            refusal = exc
        except PermissionDenied:
            error = _t("You may not take this step.")
        except ValidationError as exc:
            if kind == "slot" and hasattr(exc, "error_dict"):
                for field, errs in exc.error_dict.items():
                    forms_["slot"].add_error(field if field in forms_["slot"].fields else None, errs)
                error = _t("Correct the class time.")
            else:
                error = " ".join(exc.messages)
        if not refusal and not error:
            return redirect("programmes:course", pk=c.pk)
        c.refresh_from_db()
    ctx = {
        "obj": c, "title": f"{c.code} — {c.title(lang())}", "manage": manage, "refusal": refusal, "error": error, "forms": forms_,
        "steps": _steps(c, m.W02, request.user, manage), "decision_form": f.DecisionStepForm(obj=c),
        "transitions": history(c), "instructors": c.instructors.select_related("staff__person", "staff__institution"),
        "slots": c.offering.slots.all() if c.offering_id else [],
        "texts": [(code, label, getattr(c, f"title_{code}"), getattr(c, f"content_{code}"), getattr(c, f"sources_{code}"), getattr(c, f"outcomes_{code}"))
                  for code, label in m.LANGS],
    }
    return _page(request, "programmes/course_detail.html", ctx)


# ------------------------------------------------------------------------------------------------ W-03 pages


@login_required
def quota_new(request: HttpRequest) -> HttpResponse:
    if not can(request.user, "programmes.create_quota"):
        raise PermissionDenied
    form = f.QuotaForm(request.POST or None)
    load = []
    if request.method == "POST" and form.is_valid():
        try:
            q = services.quota_create(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                for field, errs in exc.error_dict.items():
                    form.add_error(field if field in form.fields else None, errs)
            else:
                form.add_error(None, exc)
        else:
            return redirect("programmes:quota", pk=q.pk)
    if form.is_bound and form.is_valid():
        load = selectors.supervision_load(form.cleaned_data["programme"])
    return _page(request, "programmes/form.html", {"form": form, "title": _t("New admission quota"), "load": load})


@login_required
def quota_detail(request: HttpRequest, pk: int) -> HttpResponse:
    q = get_visible(request, "programmes.view_quota", m.Quota.objects.select_related("programme__unit"), pk)
    manage = restrict(request.user, "programmes.manage_quota", m.Quota.objects.filter(pk=q.pk)).exists()
    ann = m.Announcement.objects.filter(quota=q).first()
    refusal, error = None, ""
    ann_form = f.AnnouncementForm(instance=ann)
    if request.method == "POST":
        kind = request.POST.get("form")
        if not manage and kind != "step":  # a body's step is checked by the engine and the decision's recording
            raise PermissionDenied
        try:
            if kind == "step":
                refusal, error = _do_step(request, q, lambda **kw: services.quota_step(actor=request.user, quota=q, **kw))
            elif kind == "announcement":
                ann_form = f.AnnouncementForm(request.POST, instance=ann or m.Announcement(quota=q))
                if ann_form.is_valid():
                    data = {k: v for k, v in ann_form.cleaned_data.items() if k != "documents"}
                    services.announcement_save(actor=request.user, quota=q, data=data, documents=ann_form.document_rows())
                else:
                    error = _t("Correct the announcement.")
        except ValidationError as exc:
            if hasattr(exc, "error_dict") and kind == "announcement":
                for field, errs in exc.error_dict.items():
                    ann_form.add_error(field if field in ann_form.fields else None, errs)
                error = _t("Correct the announcement.")
            else:
                error = " ".join(exc.messages)
        if not refusal and not error:
            return redirect("programmes:quota", pk=q.pk)
        q.refresh_from_db()
    ctx = {
        "obj": q, "title": f"{q.programme.code} — {q.admission_year}", "manage": manage, "refusal": refusal, "error": error,
        "steps": _steps(q, m.W03, request.user, manage), "decision_form": f.DecisionStepForm(obj=q),
        "transitions": history(q), "announcement": ann, "ann_form": ann_form, "ann_editable": manage and q.state in services.ANN_EDITABLE,
        "load": selectors.supervision_load(q.programme),
    }
    return _page(request, "programmes/quota_detail.html", ctx)


# ------------------------------------------------------------------------------------------------ public announcement (no login)

PUBLIC_LANGS = ("ky", "tr", "en", "ru")
#: each language named in itself (the visitor finds their own)
PUBLIC_LANG_NAMES = (("ky", "Кыргызча"), ("tr", "Türkçe"), ("en", "English"), ("ru", "Русский"))


def _public_lang(request: HttpRequest) -> str:
    code = request.GET.get("lang", "")
    return code if code in PUBLIC_LANGS else lang()


def announcements_public(request: HttpRequest) -> HttpResponse:
    code = _public_lang(request)
    with translation.override(code):
        items = list(selectors.published_announcements())
        year = request.GET.get("year", "")
        if year.isascii() and year.isdigit() and len(year) == 4:
            items = [a for a in items if a.quota.admission_year == int(year)]
        rows = [{"a": a, "name": a.quota.programme.name(code), "institute": a.quota.programme.unit.name(code)} for a in items]
        return render(request, "programmes/public_list.html", {"items": rows, "lang": code, "langs": PUBLIC_LANGS,
                                                                "title": _t("Admission to postgraduate programmes")})


def announcement_public(request: HttpRequest, pk: int) -> HttpResponse:
    code = _public_lang(request)
    a = selectors.published_announcements().filter(pk=pk).first()
    if a is None:
        raise Http404
    with translation.override(code):
        docs: dict[str, dict[str, list[str]]] = {}
        for d in a.documents.all():
            docs.setdefault(d.get_stage_display(), {}).setdefault(d.get_category_display(), []).append(d.get_code_display())
        return render(request, "programmes/public_detail.html", {
            "a": a, "q": a.quota, "p": a.quota.programme, "name": a.quota.programme.name(code), "conditions": a.conditions(code), "docs": docs,
            "lang": code, "public_langs": PUBLIC_LANG_NAMES, "title": a.quota.programme.name(code), "institute": a.quota.programme.unit.name(code),
        })
