"""KTMU postgraduate pages (thin: forms in, services do the work, selectors read)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django import forms as djforms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _g
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_POST

from bilim.apps.accounts.permissions import can, restrict, signed_in
from bilim.apps.core.listing import Column, Filter, ListSpec, get_visible, history_rows, localized_date, make_list_view
from bilim.apps.core.params import parse_id
from bilim.apps.org.models import Unit
from bilim.apps.people.models import Staff, Student
from bilim.apps.postgrad import forms as f
from bilim.apps.postgrad import models as m
from bilim.apps.postgrad import selectors as sel
from bilim.apps.postgrad import services
from bilim.apps.records.models import Enrolment, Grade

# The kinds of an assessment plan's components, in words (the plan stores MIDTERM / FINAL / OTHER).
COMPONENT_KINDS = {"MIDTERM": _("Midterm exam"), "FINAL": _("Final exam"), "OTHER": _("Other assessment")}

def apply_errors(form: djforms.Form, exc: ValidationError) -> None:
    """Put a service's errors beside the fields they concern (unknown fields: at the top of the form)."""
    if hasattr(exc, "error_dict"):
        for field, errs in exc.error_dict.items():
            for e in errs:
                form.add_error(field if field in form.fields else None, e.message % e.params if e.params else e.message)
    else:
        for msg in exc.messages:
            form.add_error(None, msg)


def _need(request: HttpRequest, action: str) -> None:
    if not can(request.user, action):
        raise PermissionDenied(action)


def _student_label(o: Any) -> str:
    return f"{o.person} ({o.student_number})"


# --- offerings: weight plan, scores, attendance --------------------------------------------------

OFFERINGS = ListSpec(
    action="postgrad.view_offering",
    queryset=sel.pg_offerings,
    title=_("Postgraduate courses"),
    detail_url="postgrad:offering",
    search_fields=["course__code", "course__title_ky", "course__title_en", "course__title_tr", "course__title_ru"],
    search_help=_("Course code or title"),
    columns=[
        Column(_("Course"), lambda o: f"{o.course.code} {o.course.title(sel.lang())}", link=True),
        Column(_("Term"), lambda o: str(o.term)),
        Column(_("Programme"), lambda o: o.course.programme.name(sel.lang()) if o.course.programme else ""),
    ],
)
offering_list = make_list_view(OFFERINGS)


def _offering_page(request: HttpRequest, pk: int, *, plan_form: Any = None, plan_formset: Any = None, session_form: Any = None,
                   score_errors: dict[int, list[str]] | None = None, typed: dict[int, dict[str, str]] | None = None,
                   cell_errors: dict[int, dict[str, str]] | None = None, refusal: Any = "", status: int = 200) -> HttpResponse:
    from bilim.apps.postgrad import grades as gw

    offering = get_visible(request, "postgrad.view_offering", sel.pg_offerings(), pk)
    plan = m.AssessmentPlan.objects.filter(offering=offering).first()
    instructor = services.is_instructor(request.user, offering)
    enrolments = list(offering.enrolments.exclude(status=Enrolment.Status.DROPPED).select_related("student__person").order_by("student__person__last_name"))
    sheets = {s.enrolment_id: s for s in m.ScoreSheet.objects.filter(enrolment__offering=offering)}
    grades = {g.enrolment_id: g for g in Grade.objects.filter(enrolment__offering=offering)}
    components = plan.components if plan else []
    rows = []
    for e in enrolments:
        sheet = sheets.get(e.pk)
        att = sel.attendance_outcome(e)
        counts = sel.attendance_counts(e)
        g = grades.get(e.pk)
        cells = (typed or {}).get(e.pk)
        errs = (cell_errors or {}).get(e.pk, {})
        rows.append({
            "enrolment": e, "sheet": sheet, "state": sheet.state if sheet else "RUNS",
            "locked": bool(sheet and sheet.state not in gw.OPEN_STATES),
            "cells": [{"code": c["code"], "name": f"c_{e.pk}_{c['code']}", "error": errs.get(c["code"], ""),
                       "value": cells.get(c["code"], "") if cells is not None else ((sheet.scores.get(c["code"]) if sheet else None) or "")}
                      for c in components],
            "row_error": errs.get("__all__", ""),
            "scores": [(c["code"], (sheet.scores.get(c["code"]) if sheet else None) or "") for c in components],
            "final_excused": sheet.final_excused if sheet else False,
            "attendance": counts, "attendance_ok": att.ok, "attendance_text": att.message(sel.lang()),
            "grade": g, "grade_text": sel.explanation(g.explanation) if g else "",
            "errors": (score_errors or {}).get(e.pk, []),
        })
    if plan_form is None and instructor:
        plan_form = f.PlanForm(initial={"final_exam_date": plan.final_exam_date if plan else offering.term.ends_on})
    if plan_formset is None and instructor:
        rows_initial = [{"code": c["code"], "kind": c["kind"], "weight": c["weight"]} for c in components] or [
            {"code": "MID1", "kind": "MIDTERM", "weight": "0.40"}, {"code": "FIN", "kind": "FINAL", "weight": "0.60"}]
        plan_formset = f.PlanFormSet(prefix="plan", initial=rows_initial)
    if session_form is None and instructor:
        session_form = f.SessionForm(enrolments=[e for e in enrolments if e.status == Enrolment.Status.REGISTERED])
    due = _due(offering) if plan else None
    ctx = {
        "offering": offering, "title": f"{offering.course.code} {offering.course.title(sel.lang())} — {offering.term}",
        "plan": plan, "plan_text": sel.explanation(plan.explanation) if plan else "", "components": [{**c, "kind_label": COMPONENT_KINDS.get(c.get("kind"), c.get("kind"))} for c in components],
        "instructor": instructor, "rows": rows, "plan_form": plan_form, "plan_formset": plan_formset, "session_form": session_form,
        "sessions": offering.attendance_sessions.all(),
        "history": history_rows(plan) if plan else [],
        "refusal": refusal, "cell_errors": bool(cell_errors),
        "due": due, "due_text": due.message(sel.lang()) if due else "", "due_fail": bool(due is not None and not due.ok),
        "may_schedule": any(r["state"] in ("RUNS", "PLAN_SET") for r in rows) and plan is not None
        and restrict(request.user, "postgrad.publish_exam_schedule", sel.pg_offerings().filter(pk=pk)).exists(),
        "may_submit": plan is not None and any(r["state"] in gw.OPEN_STATES for r in rows) and (
            instructor or restrict(request.user, "postgrad.submit_results", sel.pg_offerings().filter(pk=pk)).exists()),
        "may_publish": any(r["state"] == "SUBMITTED" for r in rows)
        and restrict(request.user, "postgrad.publish_results", sel.pg_offerings().filter(pk=pk)).exists(),
        "may_edit": instructor and any(not r["locked"] for r in rows),
    }
    return render(request, "postgrad/offering_detail.html", ctx, status=status)


def _due(offering: Any) -> Any:
    from bilim.apps.postgrad import grades

    return grades.submission_due(offering)


@login_required
def offering_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _offering_page(request, pk)


def _own_offering(request: HttpRequest, pk: int) -> Any:
    offering = sel.pg_offerings().filter(pk=pk).first()
    if offering is None:
        raise Http404
    services.require_instructor(request.user, offering)
    return offering


@login_required
@require_POST
def offering_plan(request: HttpRequest, pk: int) -> HttpResponse:
    """The weight plan as a table (code, kind, weight); the rules (``weight_plan``) still decide, a refusal keeps every row."""
    offering = _own_offering(request, pk)
    form = f.PlanForm(request.POST)
    formset = f.PlanFormSet(request.POST, prefix="plan")
    if form.is_valid() and formset.is_valid():
        rows = [{"code": r["code"], "kind": r["kind"], "weight": r["weight"]} for r in formset.rows()]
        try:
            if not rows:
                raise ValidationError({"components": _g("Enter at least one component.")})
            services.assessment_plan_set(actor=request.user, offering=offering, components=rows,
                                         final_exam_date=form.cleaned_data["final_exam_date"])
            messages.success(request, _g("Weight plan saved."))
            return redirect("postgrad:offering", pk)
        except ValidationError as exc:
            for field, errs in (exc.message_dict.items() if hasattr(exc, "error_dict") else [(None, exc.messages)]):
                if field in form.fields:
                    form.add_error(field, errs)
                else:  # the plan as a whole (the rule's sentence: weights must add up, one final …) above the table
                    formset._non_form_errors = formset.error_class(  # type: ignore[attr-defined]
                        [*formset.non_form_errors(), *errs], error_class="nonform")
    return _offering_page(request, pk, plan_form=form, plan_formset=formset, status=400)


@login_required
@require_POST
def offering_scores(request: HttpRequest, pk: int) -> HttpResponse:
    offering = _own_offering(request, pk)
    enrolment_id = parse_id(request.POST.get("enrolment"), label=_g("Student"))  # "²", "abc", 20 digits → a 400
    enrolment = offering.enrolments.filter(pk=enrolment_id).first() if enrolment_id else None
    if enrolment is None:
        raise Http404
    plan = m.AssessmentPlan.objects.filter(offering=offering).first()
    scores = {c["code"]: request.POST.get(f"score_{c['code']}", "") for c in (plan.components if plan else [])}
    try:
        services.scores_enter(actor=request.user, enrolment=enrolment, scores=scores, final_excused=request.POST.get("final_excused") == "on")
        messages.success(request, _g("Scores saved for %(student)s.") % {"student": enrolment.student.person})
        return redirect("postgrad:offering", pk)
    except ValidationError as exc:
        return _offering_page(request, pk, score_errors={enrolment.pk: exc.messages}, status=400)


@login_required
@require_POST
def offering_session(request: HttpRequest, pk: int) -> HttpResponse:
    offering = _own_offering(request, pk)
    enrolments = list(offering.enrolments.filter(status=Enrolment.Status.REGISTERED).select_related("student__person"))
    form = f.SessionForm(request.POST, enrolments=enrolments)
    if form.is_valid():
        try:
            services.attendance_session_add(actor=request.user, offering=offering, held_on=form.cleaned_data["held_on"], kind=form.cleaned_data["kind"],
                                            topic=form.cleaned_data["topic"], present={int(x) for x in form.cleaned_data["present"]})
            messages.success(request, _g("Session recorded."))
            return redirect("postgrad:offering", pk)
        except ValidationError as exc:
            apply_errors(form, exc)
    return _offering_page(request, pk, session_form=form, status=400)


# --- supervision ---------------------------------------------------------------------------------

SUPERVISIONS = ListSpec(
    action="postgrad.view_supervision",
    queryset=lambda: m.Supervision.objects.select_related("student__person", "staff__person"),
    title=_("Supervision"),
    detail_url="postgrad:supervision",
    search_fields=["student__person__last_name", "student__person__first_name", "student__student_number", "staff__person__last_name", "external_name"],
    search_help=_("Student, number or supervisor"),
    filters=[
        Filter("status", _("Status"), "status", lambda u: m.Supervision.Status.choices),
        Filter("role", _("Role"), "role", lambda u: m.Supervision.Role.choices),
    ],
    columns=[
        Column(_("Student"), lambda o: _student_label(o.student), link=True),
        Column(_("Role"), lambda o: o.get_role_display()),
        Column(_("Supervisor"), lambda o: o.supervisor_name),
        Column(_("Mode"), lambda o: o.get_mode_display()),
        Column(_("Status"), lambda o: o.get_status_display()),
    ],
    create_url="postgrad:supervision_new",
    create_action="postgrad.manage_supervision",
)
supervision_list = make_list_view(SUPERVISIONS)


def _supervision_page(request: HttpRequest, pk: int, appoint_form: Any = None, status: int = 200) -> HttpResponse:
    sup = get_visible(request, "postgrad.view_supervision", SUPERVISIONS.queryset(), pk)
    may_manage = can(request.user, "postgrad.manage_supervision") and restrict(request.user, "postgrad.manage_supervision", m.Supervision.objects.filter(pk=sup.pk)).exists()
    if appoint_form is None and may_manage and sup.status == m.Supervision.Status.PROPOSED:
        appoint_form = f.AppointForm(institution_id=sup.student.institution_id)
    load = sel.supervision_load(sup.staff) if sup.staff_id else sel.external_load(sup.external_name)
    ctx = {
        "sup": sup, "title": str(sup), "load": load, "rulesets": sel.rulesets_for(sup.student), "tasks": sup.tasks.all(),
        "appoint_form": appoint_form if may_manage else None, "may_manage": may_manage, "history": history_rows(sup),
    }
    return render(request, "postgrad/supervision_detail.html", ctx, status=status)


@login_required
def supervision_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _supervision_page(request, pk)


@login_required
def supervision_new(request: HttpRequest) -> HttpResponse:
    _need(request, "postgrad.manage_supervision")
    students = restrict(request.user, "postgrad.manage_record", sel.pg_students())
    form = f.SupervisionForm(request.POST or None, students=students)
    candidate = None
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            sup = services.supervision_propose(actor=request.user, student=d["student"], role=d["role"], staff=d["staff"], external_name=d["external_name"],
                                               external_institution=d["external_institution"], external_country=d["external_country"], mode=d["mode"],
                                               student_preference=d["student_preference"])
            return redirect("postgrad:supervision", sup.pk)
        except ValidationError as exc:
            apply_errors(form, exc)
    if request.method == "POST":
        staff = form.cleaned_data.get("staff")  # the form's own field judged the posted id
        staff_id = staff.pk if staff is not None else None
    else:
        staff_id = parse_id(request.GET.get("staff"), label=_g("Supervisor"))  # "²", "abc", 20 digits → a 400
    if staff_id:
        candidate = Staff.objects.filter(pk=staff_id, institution__in=sel.pg_institutions()).first()
    return render(request, "postgrad/form.html", {
        "title": _g("Propose a supervisor"), "form": form, "status": 400 if request.method == "POST" else 200,
        "candidate": candidate, "candidate_load": sel.supervision_load(candidate) if candidate else None,
    }, status=400 if request.method == "POST" else 200)


@login_required
@require_POST
def supervision_appoint(request: HttpRequest, pk: int) -> HttpResponse:
    _need(request, "postgrad.manage_supervision")
    sup = get_visible(request, "postgrad.manage_supervision", SUPERVISIONS.queryset(), pk)
    form = f.AppointForm(request.POST, institution_id=sup.student.institution_id)
    if form.is_valid():
        try:
            services.supervision_appoint(actor=request.user, supervision=sup, decision=form.cleaned_data["decision"])
            return redirect("postgrad:supervision", pk)
        except ValidationError as exc:
            apply_errors(form, exc)
    return _supervision_page(request, pk, appoint_form=form, status=400)


@login_required
@require_POST
def staff_left(request: HttpRequest, pk: int) -> HttpResponse:
    """The institute records that a supervisor's employment ended (KTMU-21(9)-1)."""
    _need(request, "postgrad.manage_supervision")
    staff = Staff.objects.filter(pk=pk, institution__in=sel.pg_institutions()).first()
    if staff is None:
        raise Http404
    try:
        ended_on = dt.date.fromisoformat(request.POST.get("ended_on", ""))
    except ValueError:
        messages.error(request, _g("Enter the date the employment ended."))
        return redirect("postgrad:supervisions")
    tasks = services.supervisor_employment_end(actor=request.user, staff=staff, ended_on=ended_on)
    messages.success(request, _g("%(n)s task(s) created for the institute.") % {"n": len(tasks)})
    return redirect("postgrad:tasks")


TASKS = ListSpec(
    action="postgrad.view_task",
    queryset=lambda: m.SupervisionTask.objects.select_related("supervision__student__person", "supervision__staff__person"),
    title=_("Supervision tasks"),
    detail_url="postgrad:task",
    search_fields=["supervision__student__person__last_name", "supervision__staff__person__last_name"],
    filters=[Filter("status", _("Status"), "status", lambda u: m.SupervisionTask.Status.choices)],
    columns=[
        Column(_("Student"), lambda o: _student_label(o.supervision.student), link=True),
        Column(_("Supervisor"), lambda o: o.supervision.supervisor_name),
        Column(_("Employment ended on"), lambda o: localized_date(o.employment_ended_on)),
        Column(_("Status"), lambda o: o.get_status_display()),
    ],
)
task_list = make_list_view(TASKS)


@login_required
def task_detail(request: HttpRequest, pk: int) -> HttpResponse:
    task = get_visible(request, "postgrad.view_task", TASKS.queryset(), pk)
    may = can(request.user, "postgrad.manage_task") and restrict(request.user, "postgrad.manage_task", m.SupervisionTask.objects.filter(pk=pk)).exists()
    form = f.TaskResolveForm(request.POST or None) if may and task.status == m.SupervisionTask.Status.OPEN else None
    status = 200
    if request.method == "POST":
        if form is None:
            raise PermissionDenied("postgrad.manage_task")
        if form.is_valid():
            try:
                services.task_resolve(actor=request.user, task=task, resolution=form.cleaned_data["resolution"], note=form.cleaned_data["note"])
                return redirect("postgrad:task", pk)
            except ValidationError as exc:
                apply_errors(form, exc)
        status = 400
    return render(request, "postgrad/task_detail.html", {"task": task, "title": str(task), "form": form, "history": history_rows(task)}, status=status)


# --- exam schedules --------------------------------------------------------------------------------

EXAMS = ListSpec(
    action="postgrad.view_exam_management",
    queryset=lambda: m.ExamScheduleEntry.objects.select_related("offering__course", "institute", "decision"),
    title=_("Special and excuse exams"),
    detail_url="postgrad:exam",
    search_fields=["offering__course__code", "offering__course__title_en", "offering__course__title_ky", "room"],
    filters=[Filter("kind", _("Kind"), "kind", lambda u: m.ExamScheduleEntry.Kind.choices)],
    columns=[
        Column(_("Course"), lambda o: f"{o.offering.course.code} {o.offering.course.title(sel.lang())}", link=True),
        Column(_("Kind"), lambda o: o.get_kind_display()),
        Column(_("Exam date"), lambda o: localized_date(o.exam_date)),
        Column(_("Institute"), lambda o: o.institute.name(sel.lang())),
        Column(_("Published on"), lambda o: localized_date(o.published_on)),
    ],
    create_url="postgrad:exam_new",
    create_action="postgrad.manage_exam_schedule",
)
exam_list = make_list_view(EXAMS)


@login_required
def exam_detail(request: HttpRequest, pk: int) -> HttpResponse:
    e = get_visible(request, "postgrad.view_exam_management", EXAMS.queryset(), pk)
    return render(request, "postgrad/exam_detail.html", {"e": e, "title": str(e), "history": history_rows(e)})


@login_required
def exam_new(request: HttpRequest) -> HttpResponse:
    _need(request, "postgrad.manage_exam_schedule")
    form = f.ExamForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            e = services.exam_entry_create(actor=request.user, institute=d["institute"], kind=d["kind"], offering=d["offering"], exam_date=d["exam_date"],
                                           starts_at=d["starts_at"], room=d["room"], decision=d["decision"])
            return redirect("postgrad:exam", e.pk)
        except ValidationError as exc:
            apply_errors(form, exc)
    status = 400 if request.method == "POST" else 200
    return render(request, "postgrad/form.html", {"title": _g("Publish an exam date"), "form": form}, status=status)


@require_GET
def institute_exams(request: HttpRequest, pk: int) -> HttpResponse:
    """The institute's public page of special and excuse exams (KTMU-31(4)-3, 31(5)-2)."""
    institute = Unit.objects.filter(pk=pk, kind=Unit.Kind.INSTITUTE).select_related("institution").first()
    if institute is None:
        raise Http404
    entries = sel.published_exams(institute.pk)
    return render(request, "postgrad/institute_exams.html", {"institute": institute, "title": institute.name(sel.lang()), "entries": entries})


# --- student records ------------------------------------------------------------------------------

RECORDS = ListSpec(
    action="postgrad.view_record",
    queryset=sel.pg_students,
    title=_("Postgraduate student records"),
    detail_url="postgrad:student",
    search_fields=["person__last_name", "person__first_name", "person__last_name_latin", "student_number"],
    search_help=_("Name or student number"),
    filters=[Filter("status", _("Status"), "status", lambda u: Student.Status.choices)],
    columns=[
        Column(_("Student"), lambda o: _student_label(o), link=True),
        Column(_("Programme"), lambda o: o.programme.name(sel.lang())),
        Column(_("Level"), lambda o: o.get_level_display()),
        Column(_("Status"), lambda o: o.get_status_display()),
    ],
)
record_list = make_list_view(RECORDS)

STUDENT_FORMS: dict[str, tuple[type[djforms.Form], Callable[..., Any]]] = {
    "scope": (f.ScopeForm, lambda u, s, d: services.semester_scope_set(actor=u, student=s, **d)),
    "host": (f.HostGradeForm, lambda u, s, d: services.host_grade_record(actor=u, student=s, **d)),
    "remedy": (f.RemedyForm, lambda u, s, d: services.external_remedy_record(actor=u, student=s, **d)),
    "case": (f.CaseForm, lambda u, s, d: services.disciplinary_case_open(actor=u, student=s, **d)),
}


def _student_page(request: HttpRequest, pk: int, bound: tuple[str, Any] | None = None, status: int = 200) -> HttpResponse:
    student = get_visible(request, "postgrad.view_student", sel.pg_students(), pk)
    may_manage = can(request.user, "postgrad.manage_record") and restrict(request.user, "postgrad.manage_record", Student.objects.filter(pk=pk)).exists()
    forms_ = {}
    if may_manage:
        forms_ = {k: cls() for k, (cls, _fn) in STUDENT_FORMS.items()}
        if bound:
            forms_[bound[0]] = bound[1]
    enrols = []
    for e in student.enrolments.select_related("offering__course", "offering__term__year").order_by("-offering__term__starts_on"):
        g = Grade.objects.filter(enrolment=e).first()
        att = sel.attendance_outcome(e) if m.AttendanceMark.objects.filter(enrolment=e).exists() else None
        enrols.append({"e": e, "grade": g, "grade_text": sel.explanation(g.explanation) if g else "",
                       "attendance_text": att.message(sel.lang()) if att else "", "attendance_ok": att.ok if att else None})
    scopes = {s.term_id: s for s in student.pg_semester_scopes.select_related("term__year")}
    from bilim.apps.postgrad import gradebook as _gb

    ov = _gb.student_overview(student, request.user)
    ov_courses = {c["e"].pk: c for c in ov["courses"]}
    for row in enrols:
        row["scope"] = scopes.get(row["e"].offering.term_id)
        row["course"] = ov_courses.get(row["e"].pk, {})
    cases = []
    for c in student.pg_disciplinary_cases.all():
        cases.append({"c": c, "ground": sel.explanation(c.ground_explanation)})
    from bilim.apps.postgrad import gradebook
    from bilim.apps.postgrad.sections import STUDENT_SECTIONS

    standing = gradebook.standing(student)
    sections = []
    from django.template.loader import render_to_string

    for template, builder in STUDENT_SECTIONS:
        try:  # each section renders with its own context (the apps keep their data; this page only hosts them)
            sections.append(render_to_string(template, {"student": student, **builder(request, student)}, request=request))
        except Exception:  # noqa: BLE001 - another app's section must not take the student's page down
            import logging

            logging.getLogger(__name__).exception("student section %s failed", template)
    ctx = {
        "standing": standing, "standing_reasons": standing.reasons(), "cgpa": gradebook.gpa_shown(standing.cgpa),
        "duration_text": standing.duration.message(sel.lang()) if standing.duration is not None else "",
        "terms": [{"b": b, "sgpa": gradebook.gpa_shown(b.sgpa), "cgpa": gradebook.gpa_shown(b.cgpa),
                   "why": _g("%(points)s grade points ÷ %(ects)s ECTS; G/K work, the preparation programme and dropped courses are left out (KTMU-32(8)-1, 32(9)-1).")
                   % {"points": b.sgpa.value.points, "ects": b.sgpa.value.ects} if b.sgpa and b.sgpa.value.exact is not None else ""}
                  for b in gradebook.transcript(student)],
        "ov": ov, "sections": sections, "transcript_langs": ["ky", "tr", "ru", "en"],
        "student": student, "title": _student_label(student), "enrols": enrols, "scopes": scopes.values(),
        "supervisions": student.pg_supervisions.select_related("staff__person"), "host_grades": student.pg_host_grades.select_related("host"),
        "remedies": student.pg_external_remedies.all(), "cases": cases, "forms": forms_, "may_manage": may_manage,
        "rulesets": sel.rulesets_for(student), "history": history_rows(student),
    }
    return render(request, "postgrad/student_detail.html", ctx, status=status)


@login_required
def student_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _student_page(request, pk)


@login_required
def me(request: HttpRequest) -> HttpResponse:
    student = sel.pg_students().filter(person__user=signed_in(request)).first()
    if student is None:
        raise Http404
    return redirect("postgrad:student", student.pk)


@login_required
@require_POST
def student_action(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    _need(request, "postgrad.manage_record")
    student = get_visible(request, "postgrad.manage_record", sel.pg_students(), pk)
    if kind == "resume":
        try:
            services.student_resume_after_leave(actor=request.user, student=student, reason=request.POST.get("reason", ""))
            messages.success(request, _g("The student continues where they stopped."))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        return redirect("postgrad:student", pk)
    if kind == "progression":  # KTMU-W-15 row 12 at the semester's end (KTMU-32(11)-1, 32(12)-1, 39(1)f-1)
        from bilim.apps.postgrad import grades as gw
        from bilim.apps.workflow.services import TransitionRefused

        try:
            done = gw.progression_check(actor=request.user, student=student)
            messages.success(request, _g("Progression checked: %(result)s") % {"result": {
                "progression_completed": _g("coursework completed"), "progression_failed": _g("a dismissal case is opened (KTMU-39(1)f-1)")
            }.get(done or "", _g("nothing changes yet"))})
        except TransitionRefused as exc:
            messages.error(request, " ".join(exc.messages(sel.lang())))
        return redirect("postgrad:student", pk)
    if kind not in STUDENT_FORMS:
        raise Http404
    cls, fn = STUDENT_FORMS[kind]
    form = cls(request.POST)
    if form.is_valid():
        try:
            fn(request.user, student, form.cleaned_data)
            return redirect("postgrad:student", pk)
        except ValidationError as exc:
            apply_errors(form, exc)
    return _student_page(request, pk, bound=(kind, form), status=400)


@login_required
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    case = m.DisciplinaryCase.objects.select_related("student__person").filter(pk=pk).first()
    if case is None or not restrict(request.user, "postgrad.view_record", sel.pg_students().filter(pk=case.student_id)).exists():
        raise Http404
    may = can(request.user, "postgrad.manage_record") and restrict(request.user, "postgrad.manage_record", Student.objects.filter(pk=case.student_id)).exists()
    form = f.CaseDecideForm(request.POST or None) if may and case.outcome == m.DisciplinaryCase.Outcome.PENDING else None
    status = 200
    if request.method == "POST":
        if form is None:
            raise PermissionDenied("postgrad.manage_record")
        if form.is_valid():
            try:
                services.disciplinary_case_decide(actor=request.user, case=case, **form.cleaned_data)
                return redirect("postgrad:case", pk)
            except ValidationError as exc:
                apply_errors(form, exc)
        status = 400
    return render(request, "postgrad/case_detail.html", {"case": case, "title": str(case), "form": form, "ground": sel.explanation(case.ground_explanation),
                                                         "history": history_rows(case)}, status=status)


@login_required
def not_covered_new(request: HttpRequest) -> HttpResponse:
    _need(request, "postgrad.manage_record")
    form = f.NotCoveredForm(request.POST or None)
    form.fields["student"].queryset = restrict(request.user, "postgrad.manage_record", sel.pg_students())  # type: ignore[attr-defined]
    if request.method == "POST" and form.is_valid():
        try:
            matter = services.not_covered_record(actor=request.user, **form.cleaned_data)
            return redirect("governance:decision", matter.decision_id)
        except PermissionDenied:
            form.add_error("body", _g("You may not record decisions of this body."))
        except ValidationError as exc:
            apply_errors(form, exc)
    status = 400 if request.method == "POST" else 200
    return render(request, "postgrad/form.html", {"title": _g("Decision on a matter not covered by the instruction"), "form": form,
                                                  "intro": _g("KTMU-44-1: matters the instruction does not cover are decided under the laws of the Kyrgyz Republic and the Republic of Türkiye; cite the law.")}, status=status)


# --- implementing rule sets -------------------------------------------------------------------------

RULESETS = ListSpec(
    action="postgrad.view_ruleset",
    queryset=lambda: m.ExternalRuleSet.objects.select_related("adopted_by__body"),
    title=_("Implementing rule sets"),
    detail_url="postgrad:ruleset",
    search_fields=["name", "rule_ids"],
    filters=[Filter("scope", _("Applies to"), "scope", lambda u: m.ExternalRuleSet.Scope.choices)],
    columns=[
        Column(_("Name"), lambda o: o.name, link=True),
        Column(_("Applies to"), lambda o: o.get_scope_display()),
        Column(_("Level"), lambda o: o.get_level_display() if o.level else _g("Every level")),
        Column(_("Adopted on"), lambda o: localized_date(o.adopted_on)),
    ],
    create_url="postgrad:ruleset_new",
    create_action="postgrad.manage_ruleset",
)
ruleset_list = make_list_view(RULESETS)


@login_required
def ruleset_detail(request: HttpRequest, pk: int) -> HttpResponse:
    rs = get_visible(request, "postgrad.view_ruleset", RULESETS.queryset(), pk)
    return render(request, "postgrad/ruleset_detail.html", {"rs": rs, "title": rs.name, "history": history_rows(rs)})


@login_required
def ruleset_new(request: HttpRequest) -> HttpResponse:
    _need(request, "postgrad.manage_ruleset")
    form = f.RuleSetForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        institution = sel.actor_pg_institution(request.user)
        if institution is None:
            raise PermissionDenied
        try:
            rs = services.ruleset_create(actor=request.user, institution=institution, **form.cleaned_data)
            return redirect("postgrad:ruleset", rs.pk)
        except ValidationError as exc:
            apply_errors(form, exc)
    status = 400 if request.method == "POST" else 200
    return render(request, "postgrad/form.html", {"title": _g("Record an implementing rule set"), "form": form}, status=status)
