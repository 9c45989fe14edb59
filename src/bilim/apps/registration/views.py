"""Pages of KTMU semester registration: the student's registration (offerings with timetable, limits, refusals beside
the course), the supervisor's queue, the institute's overview (search, paging, CSV), applications for courses at other
HEIs and for credit transfer, and the public weekly timetable. Views are thin: services decide and write."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_safe

from bilim.apps.accounts.permissions import active_roles, can, restrict
from bilim.apps.core.listing import Column, Filter, ListSpec, get_visible, lang, make_export_view, make_list_view
from bilim.apps.core.numbers import KTMU_CREDITS, NumberField
from bilim.apps.core.templatetags.file_tags import file_links
from bilim.apps.core.uploads import UPLOAD_ACCEPT, UPLOAD_HELP
from bilim.apps.core.widgets import DateInput
from bilim.apps.curriculum.models import Course, Term
from bilim.apps.people.models import Student
from bilim.apps.workflow.labels import state_label
from bilim.apps.workflow.services import TransitionRefused, history

from . import facts as F
from . import models as m
from . import services as svc


def _student_of(user: Any) -> Student | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return (Student.objects.filter(person__user=user, institution__regulation_set="ktmu_postgrad", level__in=svc.PG_LEVELS)
            .select_related("programme", "unit").order_by("-pk").first())


@login_required
@require_safe
def mine(request: HttpRequest) -> HttpResponse:
    if not can(request.user, "registration.select"):
        raise PermissionDenied("registration.select")
    student = _student_of(request.user)
    reg = svc.registration_for(student) if student else None
    if reg is None:
        return render(request, "registration/none.html", {"title": _("My semester registration")})
    return redirect("registration:detail", reg.pk)


def _offering_rows(reg: m.Registration, selected: set[int], refusals: dict[int, list[Any]]) -> list[dict[str, Any]]:
    proposed = set(reg.proposed.values_list("pk", flat=True))
    rows = []
    for o in svc.selectable_offerings(reg):
        org, _lvl, _same = F.origin(o, reg.student)
        if org == "OTHER_PROGRAMME" and o.pk not in proposed and o.pk not in selected:
            continue  # courses of other programmes are offered on the supervisor's proposal (KTMU-26(8)-1)
        rows.append({"o": o, "code": F.course_code(o), "title": o.course.title(lang()), "instructors": ", ".join(F.instructor_names(o)),
                     "slots": list(o.slots.all()), "seats": svc.seats_left(o), "selected": o.pk in selected,
                     "other": org == "OTHER_PROGRAMME", "refusals": refusals.get(o.pk, []), "kind": o.course.get_kind_display()})
    return rows


def _posted_ids(request: HttpRequest, name: str = "offering") -> list[str]:
    return [v for v in request.POST.getlist(name) if v][:50]


class LateNoticeForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("Justified reason (in writing)"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)


class CommentForm(forms.Form):
    comment = forms.CharField(label=gettext_lazy("Comment to the student"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000, required=False)


@login_required
@require_http_methods(["GET", "POST"])
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    reg = get_visible(request, "registration.view_registration",
                      m.Registration.objects.select_related("student__person", "student__programme", "term", "calendar"), pk)
    svc.refresh(reg)  # the system's steps that are due (automatic approval, end of renewal, freeze) — evaluated on opening
    user = request.user
    own = reg.student.person.user_id == user.pk
    decider = F.is_supervisor(user, reg.student) or F.is_fos_head(user, reg.student)
    refusal: TransitionRefused | None = None
    status = 200
    selected = set(reg.lines.filter(status=m.Selection.Status.ACTIVE).values_list("offering_id", flat=True))
    posted: set[int] | None = None
    forms_ = {"late": LateNoticeForm(), "comment": CommentForm()}
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            if action == "submit" and own:
                raw = _posted_ids(request)
                posted = {int(x) for x in raw if x.isdigit()}
                svc.selection_submit(actor=user, registration=reg, offering_ids=raw)
            elif action == "check" and own:
                raw = _posted_ids(request)
                posted = {int(x) for x in raw if x.isdigit()}
                outcomes = svc.selection_check(reg, raw)
                failed = [o.explanation for o in outcomes.values() if not o.ok]
                if failed:
                    raise TransitionRefused(_("The selection breaks a limit."), failed, code="guard")
                refusal = None
            elif action in ("approve", "changes") and decider:
                f = CommentForm(request.POST)
                forms_["comment"] = f
                comment = f.data.get("comment", "")[:2000]
                if action == "approve":
                    svc.selection_approve(actor=user, registration=reg, comment=comment)
                else:
                    svc.selection_request_changes(actor=user, registration=reg, comment=comment)
            elif action == "propose" and decider:
                svc.propose_other_programme(actor=user, registration=reg, offering_ids=_posted_ids(request, "proposed"))
            elif action == "adddrop" and own:
                svc.adddrop_request(actor=user, registration=reg, add=_posted_ids(request, "add"), drop=_posted_ids(request, "drop"))
            elif action in ("consent", "refuse") and decider:
                svc.adddrop_decide(actor=user, registration=reg, consent=action == "consent", comment=request.POST.get("comment", "")[:2000])
            elif action == "replace" and own:
                line = get_object_or_404(m.Selection, pk=request.POST.get("line") if str(request.POST.get("line", "")).isdigit() else 0,
                                         registration=reg)
                svc.course_replace(actor=user, registration=reg, line=line, new_offering_id=request.POST.get("new_offering"))
            elif action == "late" and own:
                f = LateNoticeForm(request.POST)  # type: ignore[assignment]  # each action's own form
                forms_["late"] = f
                if f.is_valid():
                    svc.late_notice(actor=user, registration=reg, reason=f.cleaned_data["reason"])
                else:
                    status = 400
            else:
                raise PermissionDenied(action)
            if status == 200 and action != "check":
                return redirect("registration:detail", reg.pk)
        except TransitionRefused as exc:
            refusal, status = exc, 400
        reg.refresh_from_db()
    shown = posted if posted is not None else selected
    by_course: dict[int, list[Any]] = {}
    general: list[Any] = []
    if refusal is not None:
        offerings = [o for o in svc.selectable_offerings(reg) if o.pk in shown]
        by_course, general = svc.explanations_by_course(refusal.explanations, offerings)
    rows = _offering_rows(reg, shown, by_course)
    lines = list(reg.lines.select_related("offering__course").prefetch_related("offering__slots").order_by("status", "offering__course__code"))
    active = [x for x in lines if x.status == m.Selection.Status.ACTIVE]
    limits = None
    if shown and reg.state in ("SELECTION_OPEN", "SUBMITTED", "APPROVED", "AUTO_APPROVED"):
        try:
            limits = [o for o in F.limit_outcomes(reg, [r["o"] for r in rows if r["selected"]], svc.today()).items()]
        except TransitionRefused:
            limits = None
    running = [r for r in rows if r["o"].runs is True and not r["selected"]]
    other_programme = [o for o in svc.selectable_offerings(reg) if F.origin(o, reg.student)[0] == "OTHER_PROGRAMME"]
    ctx = {
        "title": _("Semester registration: %(term)s") % {"term": reg.term}, "reg": reg, "cal": reg.calendar, "rows": rows, "lines": lines,
        "active": active, "own": own, "decider": decider, "refusal": refusal, "general": general, "limits": limits, "running": running,
        "state": state_label(m.W13, reg.state), "deadline": F.supervisor_deadline(reg) if reg.state == "SUBMITTED" else None,
        "pending_add": [r for r in rows if r["o"].pk in (reg.pending_change or {}).get("add", [])],
        "pending_drop": [x for x in active if x.offering_id in (reg.pending_change or {}).get("drop", [])],
        "other_programme": other_programme, "proposed": set(reg.proposed.values_list("pk", flat=True)),
        "forms": forms_, "transitions": history(reg),
        "other_hei": m.OtherHeiCourse.objects.filter(student=reg.student).order_by("-created_at"),
        "recognitions": m.Recognition.objects.filter(student=reg.student).select_related("target").order_by("-created_at"),
    }
    return render(request, "registration/detail.html", ctx, status=status)


@login_required
def queue(request: HttpRequest) -> HttpResponse:
    """The supervisor's (and, for students without one, the FoS head's) selections and add/drop requests to decide; the
    auditor reads it."""
    if not can(request.user, "registration.view_queue"):
        raise PermissionDenied("registration.view_queue")
    qs = restrict(request.user, "registration.view_queue", m.Registration.objects.all())
    waiting = qs.filter(Q(state="SUBMITTED") | Q(pending_change__isnull=False)).select_related("student__person", "term", "calendar")
    for reg in waiting:
        svc.refresh(reg)
    mine_only = not (request.user.is_superuser or "auditor" in {a.role for a in active_roles(request.user)})
    rows = [{"reg": r, "deadline": F.supervisor_deadline(r) if r.state == "SUBMITTED" else None, "state": state_label(m.W13, r.state)}
            for r in waiting if (r.state == "SUBMITTED" or r.pending_change)
            and (not mine_only or F.is_supervisor(request.user, r.student) or F.is_fos_head(request.user, r.student))]
    apps = restrict(request.user, "registration.view_application", m.OtherHeiCourse.objects.filter(state="APPLIED"))
    recs = restrict(request.user, "registration.view_application", m.Recognition.objects.filter(state="RECOG_APPLIED"))
    return render(request, "registration/queue.html", {"title": _("Course selections to approve"), "rows": rows, "apps": apps, "recs": recs})


def _overview_qs() -> Any:
    return m.Registration.objects.select_related("student__person", "student__programme", "term").order_by("-term__starts_on", "student__student_number")


def _terms(user: Any) -> list[tuple[str, str]]:
    return [(str(t.pk), str(t)) for t in Term.objects.filter(year__institution__regulation_set="ktmu_postgrad").select_related("year").order_by("-starts_on")[:12]]


def _states(user: Any) -> list[tuple[str, str]]:
    from bilim.regulations.workflows.core import get_workflow

    return [(s, state_label(m.W13, s)) for s in get_workflow(m.W13).states]


OVERVIEW = ListSpec(
    action="registration.view_overview",
    queryset=_overview_qs,
    title=gettext_lazy("Semester registrations"),
    detail_url="registration:detail",
    search_fields=["student__person__last_name", "student__person__first_name", "student__student_number", "student__programme__code"],
    search_help=gettext_lazy("Name, student number or programme"),
    filters=[Filter("term", gettext_lazy("Term"), "term_id", _terms), Filter("state", gettext_lazy("State"), "state", _states)],
    columns=[
        Column(gettext_lazy("Student"), lambda r: f"{r.student.person} ({r.student.student_number})", link=True),
        Column(gettext_lazy("Programme"), lambda r: r.student.programme.code),
        Column(gettext_lazy("Term"), lambda r: str(r.term)),
        Column(gettext_lazy("State"), lambda r: state_label(m.W13, r.state)),
        Column(gettext_lazy("Courses"), lambda r: r.lines.filter(status="active").count()),
        Column(gettext_lazy("Submitted on"), lambda r: r.submitted_on),
        Column(gettext_lazy("Course codes"), lambda r: " ".join(r.lines.filter(status="active").values_list("offering__course__code", flat=True)),
               csv_only=True),
    ],
    export_url="registration:overview_csv",
    csv_name="registrations",
)
overview = make_list_view(OVERVIEW)
overview_csv = make_export_view(OVERVIEW)


# --- applications -------------------------------------------------------------------------------


class OtherHeiForm(forms.Form):
    host_name = forms.CharField(label=gettext_lazy("Higher education institution"), max_length=300)
    host_country = forms.CharField(label=gettext_lazy("Country (ISO code)"), max_length=2, required=False)
    course_title = forms.CharField(label=gettext_lazy("Course"), max_length=300)
    ects = NumberField(KTMU_CREDITS, label=gettext_lazy("ECTS credits"))
    elective = forms.BooleanField(label=gettext_lazy("Elective course"), required=False, initial=True)
    application_text = forms.CharField(label=gettext_lazy("Written application"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000)


class RecognitionForm(forms.ModelForm):
    ects = NumberField(KTMU_CREDITS, label=gettext_lazy("ECTS credits"))

    class Meta:
        model = m.Recognition
        fields = ["category", "source_institution", "source_course", "completed_on", "result", "letter", "ects", "target",
                  "language_matches", "content_matches", "transcript", "course_contents"]
        widgets = {"completed_on": DateInput(),
                   "transcript": forms.ClearableFileInput(attrs={"accept": UPLOAD_ACCEPT}),
                   "course_contents": forms.ClearableFileInput(attrs={"accept": UPLOAD_ACCEPT})}
        help_texts = {"transcript": UPLOAD_HELP, "course_contents": UPLOAD_HELP}

    def __init__(self, *args: Any, student: Student, **kw: Any) -> None:
        super().__init__(*args, **kw)
        self.fields["target"].queryset = Course.objects.filter(programme=student.programme)  # type: ignore[attr-defined]
        self.fields["transcript"].required = True
        self.fields["course_contents"].required = True


@login_required
@require_http_methods(["GET", "POST"])
def apply_other_hei(request: HttpRequest) -> HttpResponse:
    student = _student_of(request.user)
    reg = svc.registration_for(student) if student else None
    if reg is None or student is None:
        raise Http404
    form = OtherHeiForm(request.POST or None)
    refusal = None
    if request.method == "POST" and form.is_valid():
        try:
            app = svc.other_hei_apply(actor=request.user, student=student, term=reg.term, **form.cleaned_data)
            return redirect("registration:other_hei", app.pk)
        except TransitionRefused as exc:
            refusal = exc
    return render(request, "registration/form.html", {"title": _("Apply for a course at another HEI (KTMU-26(9))"), "form": form,
                                                       "refusal": refusal}, status=400 if request.method == "POST" else 200)


@login_required
@require_http_methods(["GET", "POST"])
def apply_recognition(request: HttpRequest) -> HttpResponse:
    student = _student_of(request.user)
    if student is None:
        raise Http404
    form = RecognitionForm(request.POST or None, request.FILES or None, student=student)
    refusal = None
    if request.method == "POST" and form.is_valid():
        try:
            data = {k: v for k, v in form.cleaned_data.items()}
            rec = svc.recognition_apply(actor=request.user, student=student, **data)
            return redirect("registration:recognition", rec.pk)
        except TransitionRefused as exc:
            refusal = exc
    return render(request, "registration/form.html", {"title": _("Apply for credit transfer or exemption (KTMU-29)"), "form": form,
                                                       "refusal": refusal, "multipart": True}, status=400 if request.method == "POST" else 200)


def _application_page(request: HttpRequest, obj: Any, code: str, fields: list[tuple[Any, Any]], consent: Any) -> HttpResponse:
    refusal = None
    supervisor = obj.state in ("APPLIED", "RECOG_APPLIED") and F.is_supervisor(request.user, obj.student)
    if request.method == "POST" and supervisor:
        try:
            consent(request.POST.get("action") == "consent", request.POST.get("reason", "")[:2000])
            return redirect(request.path)
        except TransitionRefused as exc:
            refusal = exc
    return render(request, "registration/application.html", {
        "title": str(obj), "obj": obj, "fields": fields, "state": state_label(code, obj.state), "supervisor": supervisor,
        "refusal": refusal, "transitions": history(obj)}, status=400 if refusal else 200)


@login_required
@require_http_methods(["GET", "POST"])
def other_hei(request: HttpRequest, pk: int) -> HttpResponse:
    app = get_visible(request, "registration.view_application", m.OtherHeiCourse.objects.select_related("student__person", "term"), pk)
    fields = [(_("Student"), app.student), (_("Term"), app.term), (_("Higher education institution"), app.host_name),
              (_("Course"), app.course_title), (_("ECTS credits"), app.ects), (_("Written application"), app.application_text)]
    return _application_page(request, app, m.W13A, fields, lambda ok, reason: svc.other_hei_consent(
        actor=request.user, application=app, consent=ok, reason=reason))


@login_required
@require_http_methods(["GET", "POST"])
def recognition(request: HttpRequest, pk: int) -> HttpResponse:
    rec = get_visible(request, "registration.view_application", m.Recognition.objects.select_related("student__person", "target"), pk)
    fields = [(_("Student"), rec.student), (_("Category"), rec.get_category_display()), (_("Where the course was taken"), rec.source_institution),
              (_("Course taken"), rec.source_course), (_("Completed on"), rec.completed_on), (_("Letter grade"), rec.letter or "—"),
              (_("ECTS credits"), rec.ects), (_("Course of the programme it replaces"), f"{rec.target.code} {rec.target.title(lang())}"),
              (_("Transcript"), file_links("pg-recognition-transcript", rec)), (_("Course contents"), file_links("pg-recognition-contents", rec))]
    return _application_page(request, rec, m.W14, fields, lambda ok, reason: svc.recognition_consent(
        actor=request.user, recognition=rec, consent=ok, reason=reason))


@require_safe
def timetable(request: HttpRequest, pk: int) -> HttpResponse:
    """The institute's public weekly timetable of a term (the "institute web page" channel of KTMU-25-1)."""
    cal = get_object_or_404(m.TermCalendar.objects.select_related("institute", "term"), pk=pk, timetable_published_on__isnull=False)
    from bilim.apps.curriculum.models import TimetableSlot

    slots = (TimetableSlot.objects.filter(offering__term=cal.term)
             .filter(Q(offering__course__programme__unit=cal.institute) | Q(offering__course__programme__isnull=True))
             .select_related("offering__course").order_by("weekday", "starts_at"))
    return render(request, "registration/timetable.html", {"title": _("Weekly timetable: %(term)s") % {"term": cal.term}, "cal": cal, "slots": slots})


# --- the institute's registration calendars: open a term, publish the timetable (FoS head), the run list (institute) ---


class CalendarForm(forms.ModelForm):
    class Meta:
        model = m.TermCalendar
        fields = ["institute", "term", "selection_starts_on", "renewal_ends_on", "adddrop_starts_on", "adddrop_ends_on", "run_list_on",
                  "replacement_deadline", "supervisor_deadline"]
        widgets = {f: DateInput() for f in fields[2:]}

    def __init__(self, *args: Any, user: Any, **kw: Any) -> None:
        super().__init__(*args, **kw)
        from bilim.apps.accounts.permissions import restrict_targets
        from bilim.apps.org.models import Unit

        allowed = restrict_targets(user, "registration.manage_calendar", Unit.objects.filter(kind=Unit.Kind.INSTITUTE),
                                   model=m.TermCalendar, through="institute")
        self.fields["institute"].queryset = Unit.objects.filter(pk__in=allowed.values("pk")).order_by("code")  # type: ignore[attr-defined]
        self.fields["term"].queryset = Term.objects.filter(year__institution__regulation_set="ktmu_postgrad").select_related("year").order_by("-starts_on")  # type: ignore[attr-defined]


def _calendars(user: Any) -> Any:
    qs = m.TermCalendar.objects.select_related("institute", "term").order_by("-term__starts_on", "institute__code")
    ids = restrict(user, "registration.view_calendars", qs).values("pk")
    return qs.filter(pk__in=ids)


def _calendars_page(request: HttpRequest, form: Any, refusal: Any, status: int) -> HttpResponse:
    from django.db.models import Count

    rows = []
    for cal in _calendars(request.user):
        one = m.TermCalendar.objects.filter(pk=cal.pk)
        counts = dict(m.Registration.objects.filter(calendar=cal).values("state").annotate(n=Count("pk")).values_list("state", "n"))
        rows.append({"cal": cal, "counts": [(state_label(m.W13, k), v) for k, v in sorted(counts.items())],
                     "may_publish": cal.timetable_published_on is None and restrict(request.user, "registration.publish_timetable", one).exists(),
                     "may_run_list": cal.run_list_published_on is None and cal.timetable_published_on is not None
                     and restrict(request.user, "registration.manage_calendar", one).exists()})
    return render(request, "registration/calendars.html", {"title": _("Registration calendars"), "rows": rows, "form": form, "refusal": refusal},
                  status=status)


@login_required
@require_http_methods(["GET", "POST"])
def calendars(request: HttpRequest) -> HttpResponse:
    if not can(request.user, "registration.view_calendars"):
        raise PermissionDenied("registration.view_calendars")
    form = CalendarForm(request.POST or None, user=request.user) if can(request.user, "registration.manage_calendar") else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied("registration.manage_calendar")
        if form.is_valid():
            svc.calendar_open(actor=request.user, **form.cleaned_data)
            return redirect("registration:calendars")
        return _calendars_page(request, form, None, 400)
    return _calendars_page(request, form, None, 200)


@login_required
@require_http_methods(["POST"])
def calendar_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    cal = get_object_or_404(_calendars(request.user), pk=pk)
    try:
        if action == "timetable":
            svc.timetable_publish(actor=request.user, calendar=cal)
        elif action == "run-list":
            svc.run_list_publish(actor=request.user, calendar=cal)
        else:
            raise Http404
    except TransitionRefused as exc:
        form = CalendarForm(user=request.user) if can(request.user, "registration.manage_calendar") else None
        return _calendars_page(request, form, exc, 400)
    return redirect("registration:calendars")
