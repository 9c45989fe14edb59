"""Pages of KTMU grading (thin): the grade sheet's steps, excuse exams, appeals (art. 34), corrections
(art. 35), the grades queue of instructors / FoS heads / the institute, and the transcript (PDF, ELMO)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _g
from django.views.decorators.http import require_POST

from bilim.apps.accounts.permissions import can, restrict
from bilim.apps.core.listing import get_visible
from bilim.apps.governance.models import Body
from bilim.apps.postgrad import forms as f
from bilim.apps.postgrad import grades
from bilim.apps.postgrad import models as m
from bilim.apps.postgrad import selectors as sel
from bilim.apps.postgrad.views import _offering_page, apply_errors
from bilim.apps.workflow.services import TransitionRefused, history

# --- the grade sheet of an offering ----------------------------------------------------------------------


@login_required
@require_POST
def gradesheet(request: HttpRequest, pk: int) -> HttpResponse:
    """Save all cells at once, or save and submit; a wrong cell: nothing written, the typed input shown again."""
    offering = get_visible(request, "postgrad.view_offering", sel.pg_offerings(), pk)
    plan = m.AssessmentPlan.objects.filter(offering=offering).first()
    if plan is None:
        raise Http404
    rows: dict[int, dict[str, str]] = {}
    for e in offering.enrolments.values_list("pk", flat=True):
        cells = {c["code"]: request.POST.get(f"c_{e}_{c['code']}", "") for c in plan.components}
        if any(f"c_{e}_{c['code']}" in request.POST for c in plan.components):
            rows[e] = cells
    try:
        errors = grades.grade_sheet_save(actor=request.user, offering=offering, rows=rows)
    except ValidationError as exc:
        return _offering_page(request, pk, typed=rows, refusal=" ".join(exc.messages), status=400)
    if errors:
        return _offering_page(request, pk, typed=rows, cell_errors=errors, status=400)
    if request.POST.get("step") == "submit":
        try:
            res = grades.grade_sheet_submit(actor=request.user, offering=offering)
        except TransitionRefused as exc:
            return _offering_page(request, pk, refusal=exc, status=400)
        messages.success(request, _g("%(n)s result(s) submitted to the institute.") % {"n": res["submitted"]})
        if res["pending"]:
            messages.warning(request, _g("%(n)s student(s) wait for their excuse exam.") % {"n": len(res["pending"])})
    else:
        messages.success(request, _g("Grade sheet saved."))
    return redirect("postgrad:offering", pk)


@login_required
@require_POST
def offering_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    """The FoS head publishes the exam schedule; the institute publishes the results."""
    offering = get_visible(request, "postgrad.view_offering", sel.pg_offerings(), pk)
    try:
        if step == "schedule":
            grades.exam_schedule_publish(actor=request.user, offering=offering)
            messages.success(request, _g("Exam schedule published."))
        elif step == "publish":
            n = grades.results_publish(actor=request.user, offering=offering)
            messages.success(request, _g("%(n)s result(s) published.") % {"n": n})
        else:
            raise Http404
    except TransitionRefused as exc:
        return _offering_page(request, pk, refusal=exc, status=400)
    except ValidationError as exc:
        return _offering_page(request, pk, refusal=" ".join(exc.messages), status=400)
    return redirect("postgrad:offering", pk)


def _sheet(request: HttpRequest, pk: int) -> m.ScoreSheet:
    qs = m.ScoreSheet.objects.select_related("enrolment__student__person", "enrolment__offering__course", "enrolment__offering__term")
    sheet = qs.filter(pk=pk).first()
    if sheet is None:
        raise Http404
    own = sheet.enrolment.student.person.user_id == request.user.pk
    teaches = grades.teaches(sheet, request.user)
    staff = restrict(request.user, "postgrad.view_student", sel.pg_students().filter(pk=sheet.enrolment.student_id)).exists()
    if not (own or teaches or staff):
        raise Http404
    return sheet


def _sheet_page(request: HttpRequest, sheet: m.ScoreSheet, *, form: Any = None, kind: str = "", refusal: Any = "", status: int = 200) -> HttpResponse:
    plan = m.AssessmentPlan.objects.filter(offering=sheet.enrolment.offering).first()
    components = plan.components if plan else []
    ctx: dict[str, Any] = {"sheet": sheet, "title": str(grades_label(sheet)), "components": components,
                           "cells": [(c["code"], sheet.scores.get(c["code"])) for c in components],
                           "grade": getattr(sheet.enrolment, "grade", None), "transitions": history(sheet), "form": form, "kind": kind,
                           "refusal": refusal, "appeals": sheet.appeals.all(), "corrections": sheet.corrections.all()}
    if form is None:
        ctx.update(_sheet_forms(request, sheet, components))
    return render(request, "postgrad/sheet_detail.html", ctx, status=status)


def grades_label(sheet: m.ScoreSheet) -> str:
    e = sheet.enrolment
    return f"{e.student.person} — {e.offering.course.code} {e.offering.course.title(sel.lang())} ({e.offering.term})"


def _sheet_forms(request: HttpRequest, sheet: m.ScoreSheet, components: list[dict[str, Any]]) -> dict[str, Any]:
    """The forms of the steps this user may take on this sheet now."""
    user = request.user
    out: dict[str, Any] = {}
    own = sheet.enrolment.student.person.user_id == user.pk
    if own and sheet.state == "ELIGIBLE_FOR_FINAL" and not sheet.excuse_applied_on and not sheet.excuse_exams:
        out["excuse_form"] = f.ExcuseApplyForm()
    if own and sheet.state in grades.PUBLISHED_STATES and not sheet.appeals.exclude(state__in=["CORRECTED", "UPHELD", "DECIDED"]).exists():
        out["appeal_form"] = f.AppealForm()
    if grades.teaches(sheet, user) and sheet.state in grades.PUBLISHED_STATES:
        out["correction_form"] = f.CorrectionForm(components=components)
    if grades.teaches(sheet, user) and sheet.state == "EXCUSE_EXAM_SET":
        out["excuse_exam"] = True
    if sheet.state == "ELIGIBLE_FOR_FINAL" and sheet.excuse_applied_on and may_record_for(user, sheet, Body.Kind.INSTITUTE_BOARD):
        out["board_form"] = f.BoardDecisionForm(initial={"date": timezone.localdate()})
    return out


def may_record_for(user: Any, obj: Any, kind: str) -> bool:
    body = grades.deciding_body(obj, kind)
    return body is not None and restrict(user, "governance.record_decision_for_body", Body.objects.filter(pk=body.pk)).exists()


@login_required
def sheet_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _sheet_page(request, _sheet(request, pk))


@login_required
@require_POST
def sheet_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    sheet = _sheet(request, pk)
    plan = m.AssessmentPlan.objects.filter(offering=sheet.enrolment.offering).first()
    components = plan.components if plan else []
    forms_: dict[str, Any] = {
        "excuse": lambda: f.ExcuseApplyForm(request.POST),
        "appeal": lambda: f.AppealForm(request.POST),
        "correction": lambda: f.CorrectionForm(request.POST, request.FILES, components=components),
        "board": lambda: f.BoardDecisionForm(request.POST),
    }
    if step == "excuse-exam":
        try:
            grades.excuse_exam_record(actor=request.user, sheet=sheet, score=request.POST.get("score", ""))
        except TransitionRefused as exc:
            return _sheet_page(request, sheet, refusal=exc, status=400)
        except ValidationError as exc:
            return _sheet_page(request, sheet, refusal=" ".join(exc.messages), status=400)
        return redirect("postgrad:sheet", pk)
    if step not in forms_:
        raise Http404
    form = forms_[step]()
    if form.is_valid():
        d = form.cleaned_data
        try:
            if step == "excuse":
                grades.excuse_apply(actor=request.user, sheet=sheet, evidence=d["evidence"], note=d["note"])
                messages.success(request, _g("Your application was sent to the institute; the Institute Board decides."))
                return redirect("postgrad:sheet", pk)
            if step == "appeal":
                appeal = grades.appeal_file(actor=request.user, sheet=sheet, statement=d["statement"])
                return redirect("postgrad:appeal", appeal.pk)
            if step == "correction":
                scores = {c["code"]: d[f"score_{c['code']}"] for c in components if d.get(f"score_{c['code']}", "").strip()}
                corr = grades.correction_request(actor=request.user, sheet=sheet, reason=d["reason"], statement=d["statement"], new_scores=scores,
                                                 attachment=d.get("attachment"))
                return redirect("postgrad:correction", corr.pk)
            if step == "board":
                grades.board_decide(actor=request.user, obj=sheet, workflow_code=grades.W15, action="excuse_application",
                                    body_kind=Body.Kind.INSTITUTE_BOARD, number=d["number"], date=d["date"], title=_g("Excuse exam"), text=d["text"])
                return redirect("postgrad:sheet", pk)
        except PermissionDenied:
            raise
        except TransitionRefused as exc:
            return _sheet_page(request, sheet, form=form, kind=step, refusal=exc, status=400)
        except ValidationError as exc:
            _errors_to_form(form, exc)
    return _sheet_page(request, sheet, form=form, kind=step, status=400)


def _errors_to_form(form: Any, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errs in exc.error_dict.items():
            name = field if field in form.fields else (f"score_{field}" if f"score_{field}" in form.fields else None)
            for e in errs:
                form.add_error(name, e.message % e.params if e.params else e.message)
    else:
        apply_errors(form, exc)


# --- appeals and corrections -----------------------------------------------------------------------------


def _case(request: HttpRequest, model: Any, pk: int) -> Any:
    qs = restrict(request.user, "postgrad.view_grade_case", model.objects.select_related("sheet__enrolment__student__person",
                                                                                          "sheet__enrolment__offering__course"))
    obj = qs.filter(pk=pk).first()
    if obj is None:
        raise Http404
    return obj


def _appeal_page(request: HttpRequest, appeal: m.GradeAppeal, *, bound: tuple[str, Any] | None = None, refusal: Any = "", status: int = 200) -> HttpResponse:
    user = request.user
    plan = m.AssessmentPlan.objects.filter(offering=appeal.sheet.enrolment.offering).first()
    components = plan.components if plan else []
    forms_: dict[str, Any] = {}
    if appeal.state == "APPEAL_FILED" and grades.teaches(appeal, user):
        forms_["review"] = f.ReviewForm(components=components)
    if appeal.state == "REVIEWED" and may_record_for(user, appeal, Body.Kind.INSTITUTE_BOARD):
        forms_["board"] = f.BoardDecisionForm(initial={"date": timezone.localdate()}, outcomes=[
            ("correct", _g("Correct the grade")), ("uphold", _g("Uphold the grade"))])
    if appeal.state in ("CORRECTED", "UPHELD") and appeal.sheet.enrolment.student.person.user_id == user.pk:
        forms_["second"] = f.AppealForm()
    if appeal.state == "SECOND_APPEAL" and may_record_for(user, appeal, Body.Kind.UNIVERSITY_BOARD):
        forms_["university"] = f.BoardDecisionForm(initial={"date": timezone.localdate()})
    if bound:
        forms_[bound[0]] = bound[1]
    return render(request, "postgrad/appeal_detail.html", {
        "appeal": appeal, "title": _g("Exam-result appeal") + f": {grades_label(appeal.sheet)}", "forms": forms_, "refusal": refusal,
        "transitions": history(appeal), "deadlines": appeal_deadlines(appeal)}, status=status)


def appeal_deadlines(appeal: m.GradeAppeal) -> list[str]:
    """The time limits that apply now, as the rules compute them (working days skip holidays)."""
    from bilim.regulations.core.registry import evaluate

    lg = sel.lang()
    out = []
    if appeal.state == "APPEAL_FILED":
        out.append(evaluate("KTMU-34-2", {"appeal_received_on": appeal.filed_on}, timezone.localdate()).message(lg))
    if appeal.state in ("CORRECTED", "UPHELD") and appeal.board_decision:
        out.append(evaluate("KTMU-34-4", {"board_decision_published_on": appeal.board_decision.date}, timezone.localdate()).message(lg))
    return out


@login_required
def appeal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _appeal_page(request, _case(request, m.GradeAppeal, pk))


@login_required
@require_POST
def appeal_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    appeal = _case(request, m.GradeAppeal, pk)
    plan = m.AssessmentPlan.objects.filter(offering=appeal.sheet.enrolment.offering).first()
    components = plan.components if plan else []
    if step == "review":
        form: Any = f.ReviewForm(request.POST, components=components)
    elif step == "second":
        form = f.AppealForm(request.POST)
    elif step == "board":
        form = f.BoardDecisionForm(request.POST, outcomes=[("correct", _g("Correct the grade")), ("uphold", _g("Uphold the grade"))])
    elif step == "university":
        form = f.BoardDecisionForm(request.POST)
    else:
        raise Http404
    if form.is_valid():
        d = form.cleaned_data
        try:
            if step == "review":
                scores = {c["code"]: d[f"score_{c['code']}"] for c in components if d.get(f"score_{c['code']}", "").strip()}
                grades.appeal_review(actor=request.user, appeal=appeal, findings=d["findings"], technical_error=d["technical_error"],
                                     proposed_scores=scores, papers_attached=d["papers_attached"])
            elif step == "second":
                grades.appeal_second(actor=request.user, appeal=appeal, statement=d["statement"])
            elif step == "board":
                if not may_record_for(request.user, appeal, Body.Kind.INSTITUTE_BOARD):
                    raise PermissionDenied
                grades.board_decide(actor=request.user, obj=appeal, workflow_code=grades.W16B, action=d["outcome"], body_kind=Body.Kind.INSTITUTE_BOARD,
                                    number=d["number"], date=d["date"], title=_g("Exam-result appeal"), text=d["text"])
            else:
                if not may_record_for(request.user, appeal, Body.Kind.UNIVERSITY_BOARD):
                    raise PermissionDenied
                grades.board_decide(actor=request.user, obj=appeal, workflow_code=grades.W16B, action="decide", body_kind=Body.Kind.UNIVERSITY_BOARD,
                                    number=d["number"], date=d["date"], title=_g("Further appeal"), text=d["text"])
            return redirect("postgrad:appeal", pk)
        except TransitionRefused as exc:
            return _appeal_page(request, appeal, bound=(step, form), refusal=exc, status=400)
        except ValidationError as exc:
            _errors_to_form(form, exc)
    return _appeal_page(request, appeal, bound=(step, form), status=400)


def _correction_page(request: HttpRequest, corr: m.GradeCorrection, *, form: Any = None, refusal: Any = "", status: int = 200) -> HttpResponse:
    from bilim.apps.core.uploads import download_url, opens_inline, preview_url

    if form is None and corr.state == "CORRECTION_REQUESTED" and may_record_for(request.user, corr, Body.Kind.INSTITUTE_BOARD):
        form = f.BoardDecisionForm(initial={"date": timezone.localdate()}, outcomes=[("approve", _g("Approve the correction")),
                                                                                     ("reject", _g("Reject the correction"))])
    return render(request, "postgrad/correction_detail.html", {
        "corr": corr, "title": _g("Grade correction") + f": {grades_label(corr.sheet)}", "form": form, "refusal": refusal,
        "attachment_url": download_url("pg-correction", corr),
        "attachment_view_url": preview_url("pg-correction", corr) if corr.attachment and opens_inline(corr.attachment.name) else "",
        "transitions": history(corr)}, status=status)


@login_required
def correction_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _correction_page(request, _case(request, m.GradeCorrection, pk))


@login_required
@require_POST
def correction_board(request: HttpRequest, pk: int) -> HttpResponse:
    corr = _case(request, m.GradeCorrection, pk)
    if not may_record_for(request.user, corr, Body.Kind.INSTITUTE_BOARD):
        raise PermissionDenied
    form = f.BoardDecisionForm(request.POST, outcomes=[("approve", _g("Approve the correction")), ("reject", _g("Reject the correction"))])
    if form.is_valid():
        d = form.cleaned_data
        try:
            grades.board_decide(actor=request.user, obj=corr, workflow_code=grades.W16C, action=d["outcome"], body_kind=Body.Kind.INSTITUTE_BOARD,
                                number=d["number"], date=d["date"], title=_g("Grade correction"), text=d["text"])
            return redirect("postgrad:correction", pk)
        except TransitionRefused as exc:
            return _correction_page(request, corr, form=form, refusal=exc, status=400)
        except ValidationError as exc:
            _errors_to_form(form, exc)
    return _correction_page(request, corr, form=form, status=400)


# --- queues ------------------------------------------------------------------------------------------------


@login_required
def grade_queue(request: HttpRequest) -> HttpResponse:
    """What waits for this user: grade sheets due, schedules and results to publish, excuse applications,
    appeals and corrections — each a link to the page where the step is taken."""
    from bilim.apps.postgrad.gradebook import queues

    if not can(request.user, "postgrad.view_grade_queue"):
        raise PermissionDenied
    return render(request, "postgrad/grade_queue.html", {"title": _g("Grades: my queue"), "q": queues(request.user)})


# --- transcripts ------------------------------------------------------------------------------------------


@login_required
def transcript(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    from bilim.apps.postgrad import transcripts

    student = get_visible(request, "postgrad.view_student", sel.pg_students(), pk)
    if fmt == "pdf":
        lang = request.GET.get("lang") or sel.lang()
        if lang not in transcripts.LANGS:
            lang = "ky"
        data = transcripts.transcript_pdf(student, lang)
        resp = HttpResponse(data, content_type="application/pdf")
        resp["Content-Disposition"] = f'attachment; filename="transcript-{student.student_number}-{lang}.pdf"'
        return resp
    if fmt == "xml":
        resp = HttpResponse(transcripts.transcript_elmo(student), content_type="application/xml; charset=utf-8")
        resp["Content-Disposition"] = f'attachment; filename="transcript-{student.student_number}.xml"'
        return resp
    raise Http404

