"""Pages of bodies at work: memberships, meetings (agenda, attendance, votes, decisions), urgent decisions, the Board
of Trustees' register, alerts, public decisions, minutes and extracts. Views stay thin: forms parse, services decide."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q, Sum
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _g
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_POST

from bilim.apps.core.listing import history_rows, lang
from bilim.apps.core.numbers import AMOUNT, NumberField
from bilim.apps.core.widgets import DateInput
from bilim.apps.governance import documents
from bilim.apps.governance import meetings as svc
from bilim.apps.governance.models import (
    AgendaItem,
    AllowanceAccrual,
    BoardPayment,
    Body,
    BudgetNotice,
    Decision,
    Meeting,
    Membership,
    UrgentDecision,
    Vote,
)
from bilim.apps.people.models import Person
from bilim.apps.records.selectors import explanation_text
from bilim.apps.workflow.services import history

DATE = DateInput()


def _people() -> Any:
    """Persons who can sit on a body: staff and persons who are not students (trustees come from outside)."""
    return Person.objects.filter(Q(employments__isnull=False) | Q(studentships__isnull=True)).distinct().order_by("last_name", "first_name")


class MembershipForm(forms.Form):
    person = forms.ModelChoiceField(queryset=Person.objects.none(), label=_("Person"))
    role = forms.ChoiceField(choices=Membership.Role.choices, label=_("Role"))
    starts_on = forms.DateField(label=_("From"), widget=DATE)
    ends_on = forms.DateField(label=_("To"), widget=DATE, required=False)
    appointed_by = forms.ChoiceField(choices=Membership.Appointer.choices, label=_("Appointed by"), initial="OTHER")
    proposed_by_moes = forms.BooleanField(label=_("On the proposal of the KR Ministry of Education and Science"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = _people()  # type: ignore[attr-defined]


class ConveneForm(forms.Form):
    held_on = forms.DateField(label=_("Date"), widget=DATE)
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    online_link = forms.URLField(label=_("Online link"), max_length=300, required=False, assume_scheme="https")


class ItemForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    text = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    public = forms.BooleanField(label=_("Public decision"), required=False)


class TallyForm(forms.Form):
    yes = forms.IntegerField(label=_("For"), min_value=0)
    no = forms.IntegerField(label=_("Against"), min_value=0)
    abstain = forms.IntegerField(label=_("Abstaining"), min_value=0, initial=0)


class UrgentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    text = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 4}), required=False)
    decided_on = forms.DateField(label=_("Decided on"), widget=DATE)
    decided_by = forms.ModelMultipleChoiceField(queryset=Person.objects.none(), label=_("Decided by"), widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args: Any, body: Body, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        ids = svc.memberships_on(body, today).filter(role__in=[Membership.Role.CHAIR, Membership.Role.DEPUTY_CHAIR]).values("person_id")
        self.fields["decided_by"].queryset = Person.objects.filter(pk__in=ids)  # type: ignore[attr-defined]


class ExpenseForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=[c for c in BoardPayment.Kind.choices if c[0] != "ALLOWANCE"])
    payee = forms.CharField(label=_("Payee"), max_length=200)
    amount = NumberField(AMOUNT, label=_("Amount"))
    currency = forms.ChoiceField(label=_("Currency"), choices=[("USD", "USD"), ("EUR", "EUR"), ("TRY", "TRY"), ("KGS", "KGS")])
    paid_on = forms.DateField(label=_("Paid on"), widget=DATE)
    purpose = forms.CharField(label=_("Purpose"), max_length=300, required=False)
    decision = forms.ModelChoiceField(queryset=Decision.objects.none(), label=_("Decision of the Board that set the amount"), required=False)

    def __init__(self, *args: Any, body: Body, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["decision"].queryset = Decision.objects.filter(body=body, status=Decision.Status.ADOPTED)  # type: ignore[attr-defined]


class NoticeForm(forms.Form):
    budget_year = forms.IntegerField(label=_("Budget year"), min_value=2000, max_value=2100)
    notified_gov_kr = forms.DateField(label=_("Government of the Kyrgyz Republic notified on"), widget=DATE, required=False)
    notified_gov_tr = forms.DateField(label=_("Government of Türkiye notified on"), widget=DATE, required=False)


# ---------------------------------------------------------------------------------------------- helpers


def _bodies(request: HttpRequest) -> Any:
    return svc.visible_bodies(request.user)


def _body(request: HttpRequest, pk: int) -> Body:
    return get_object_or_404(_bodies(request), pk=pk)


def _meeting(request: HttpRequest, pk: int) -> Meeting:
    return get_object_or_404(Meeting.objects.select_related("body__institution").filter(body__in=_bodies(request)), pk=pk)


def _item(request: HttpRequest, pk: int) -> AgendaItem:
    return get_object_or_404(AgendaItem.objects.select_related("meeting__body").filter(meeting__body__in=_bodies(request)), pk=pk)


def _fail(request: HttpRequest, exc: ValidationError) -> None:
    messages.error(request, " ".join(exc.messages))


def _form_errors(request: HttpRequest, form: forms.Form) -> None:
    for field, errs in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        messages.error(request, f"{label}: {' '.join(str(e) for e in errs)}" if label else " ".join(str(e) for e in errs))


def _explain(data: Any) -> str:
    return explanation_text(data, lang()) if data else ""


# ---------------------------------------------------------------------------------------------- bodies


def body_extra(request: HttpRequest, o: Body) -> dict[str, Any]:
    """What the body page adds: composition and alerts, meetings, the queue, urgent decisions, forms for managers."""
    today = timezone.localdate()
    manage = svc.can_manage(request.user, o, today)
    alerts = [{"level": a["level"], "rule": a["rule"], "text": a.get("text") or _explain(a["explanation"].to_dict())} for a in svc.alerts(o, today)]
    ctx: dict[str, Any] = {
        "alerts": alerts,
        "composition": [{"ok": c.ok, "rule": ", ".join(c.rule_ids), "text": _explain(c.explanation.to_dict())} for c in svc.composition(o, today)],
        "meetings": o.meetings.all()[:30],
        "can_manage": manage,
        "is_trustees": o.kind == Body.Kind.TRUSTEES,
        "urgent": o.urgent_decisions.all()[:20] if o.kind == Body.Kind.TRUSTEES else [],
    }
    if manage:
        ctx["queue"] = svc.queue(o)
        ctx["membership_form"] = MembershipForm(initial={"starts_on": today})
        ctx["convene_form"] = ConveneForm(initial={"held_on": today + dt.timedelta(days=7)})
    return ctx


@require_POST
@login_required
def membership_add(request: HttpRequest, pk: int) -> HttpResponse:
    body = _body(request, pk)
    form = MembershipForm(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        try:
            svc.membership_add(actor=request.user, body=body, person=d["person"], role=d["role"], starts_on=d["starts_on"], ends_on=d["ends_on"],
                               appointed_by=d["appointed_by"], proposed_by_moes=d["proposed_by_moes"])
            messages.success(request, _g("Membership recorded."))
        except ValidationError as exc:
            _fail(request, exc)
    else:
        _form_errors(request, form)
    return redirect("governance:body", body.pk)


@require_POST
@login_required
def membership_end(request: HttpRequest, pk: int) -> HttpResponse:
    m = get_object_or_404(Membership.objects.filter(body__in=_bodies(request)), pk=pk)
    field = forms.DateField(widget=DATE)
    try:
        ends_on = field.clean(request.POST.get("ends_on", ""))
        svc.membership_end(actor=request.user, membership=m, ends_on=ends_on)
        messages.success(request, _g("Membership ended."))
    except ValidationError as exc:
        _fail(request, exc)
    return redirect("governance:body", m.body_id)


@require_POST
@login_required
def meeting_convene(request: HttpRequest, pk: int) -> HttpResponse:
    body = _body(request, pk)
    form = ConveneForm(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        try:
            m = svc.meeting_convene(actor=request.user, body=body, held_on=d["held_on"], place=d["place"], online_link=d["online_link"] or "")
        except ValidationError as exc:
            _fail(request, exc)
        else:
            messages.success(request, _g("Meeting convened."))
            return redirect("governance:meeting", m.pk)
    else:
        _form_errors(request, form)
    return redirect("governance:body", body.pk)


# ---------------------------------------------------------------------------------------------- meetings


def _item_row(request: HttpRequest, item: AgendaItem, meeting: Meeting, voters: list[Person]) -> dict[str, Any]:
    votes = {v.person_id: v for v in item.votes.all()}
    conflicts = {c.person_id: c for c in item.conflicts.all()}
    refusal = ""
    if item.step_refusal:
        refusal = " ".join(item.step_refusal.get("messages", {}).get(lang(), []))
    return {
        "item": item, "votes": list(votes.values()), "conflicts": list(conflicts.values()),
        "to_vote": [p for p in voters if p.pk not in votes and p.pk not in conflicts],
        "outcome": _explain(item.outcome), "refusal": refusal,
    }


@login_required
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    manage = svc.can_manage(request.user, meeting.body, meeting.held_on)
    members = list(svc.memberships_on(meeting.body, meeting.held_on))
    present_ids = set(meeting.present.values_list("pk", flat=True))
    voting = set(svc.voting_ids(meeting.body, meeting.held_on))
    voters = [m.person for m in members if str(m.person_id) in voting and m.person_id in present_ids]
    items = [_item_row(request, i, meeting, voters) for i in meeting.items.prefetch_related("votes__person", "conflicts__person")
             .select_related("decision")]
    me = svc.person_of(request.user)
    ctx = {
        "title": str(meeting.body.name(lang())) + " — " + _g("meeting №%(number)s") % {"number": meeting.number},
        "meeting": meeting, "body": meeting.body, "members": members, "present_ids": present_ids, "items": items, "can_manage": manage,
        "my_person": me, "quorum": _explain(meeting.quorum_explanation), "item_form": ItemForm(), "tally_form": TallyForm(),
        "vote_choices": Vote.Choice.choices, "doc_langs": documents.LANGS,
        "transitions": history(meeting) if meeting.is_trustees else [],
        "history": history_rows(meeting),
    }
    return render(request, "governance/meeting_detail.html", ctx)


def _meeting_post(fn: Any) -> Any:
    @require_POST
    @login_required
    def view(request: HttpRequest, pk: int) -> HttpResponse:
        meeting = _meeting(request, pk)
        try:
            text = fn(request, meeting)
        except ValidationError as exc:
            _fail(request, exc)
        else:
            if text:
                messages.success(request, text)
        return redirect("governance:meeting", meeting.pk)

    return view


@_meeting_post
def meeting_agenda_build(request: HttpRequest, meeting: Meeting) -> str:
    added = svc.agenda_build(actor=request.user, meeting=meeting)
    return _g("%(n)s items taken from the queue.") % {"n": len(added)}


@_meeting_post
def meeting_item_add(request: HttpRequest, meeting: Meeting) -> str:
    form = ItemForm(request.POST)
    if not form.is_valid():
        raise ValidationError([f"{form.fields[f].label}: {' '.join(str(x) for x in e)}" for f, e in form.errors.items()])
    d = form.cleaned_data
    svc.item_add(actor=request.user, meeting=meeting, title=d["title"], text=d["text"], public=d["public"])
    return _g("Item added to the agenda.")


@_meeting_post
def meeting_open(request: HttpRequest, meeting: Meeting) -> str:
    ids = [int(x) for x in request.POST.getlist("present") if x.isdigit()]
    people = list(Person.objects.filter(pk__in=ids))
    m = svc.meeting_open(actor=request.user, meeting=meeting, present=people)
    return _explain(m.quorum_explanation)


@_meeting_post
def meeting_close(request: HttpRequest, meeting: Meeting) -> str:
    version = request.POST.get("version", "")
    svc.meeting_close(actor=request.user, meeting=meeting, expected_version=int(version) if version.isdigit() else None,
                      note=request.POST.get("note", "")[:2000])
    return _g("Meeting closed.")


def _item_post(fn: Any) -> Any:
    @require_POST
    @login_required
    def view(request: HttpRequest, pk: int) -> HttpResponse:
        item = _item(request, pk)
        try:
            text = fn(request, item)
        except ValidationError as exc:
            _fail(request, exc)
        else:
            if text:
                messages.success(request, text)
        return redirect(f"/governance/meetings/{item.meeting_id}/#item-{item.pk}")

    return view


@_item_post
def item_votes(request: HttpRequest, item: AgendaItem) -> str:
    """One form, one select per present member: records each chosen vote (refusals reported one by one)."""
    done = 0
    errors: list[str] = []
    for key, value in request.POST.items():
        if not key.startswith("vote_") or not value:
            continue
        pid = key[5:]
        if not pid.isdigit():
            continue
        person = Person.objects.filter(pk=int(pid)).first()
        if person is None:
            continue
        try:
            svc.vote_cast(actor=request.user, item=item, person=person, choice=str(value))
            done += 1
        except ValidationError as exc:
            errors.extend(exc.messages)
    if errors:
        raise ValidationError(errors)
    return _g("%(n)s votes recorded.") % {"n": done}


@_item_post
def item_tally(request: HttpRequest, item: AgendaItem) -> str:
    form = TallyForm(request.POST)
    if not form.is_valid():
        raise ValidationError([f"{form.fields[f].label}: {' '.join(str(x) for x in e)}" for f, e in form.errors.items()])
    d = form.cleaned_data
    svc.item_tally(actor=request.user, item=item, yes=d["yes"], no=d["no"], abstain=d["abstain"] or 0)
    return _g("Tally recorded.")


@_item_post
def item_conflict(request: HttpRequest, item: AgendaItem) -> str:
    pid = request.POST.get("person", "")
    person = Person.objects.filter(pk=int(pid)).first() if pid.isdigit() else None
    if person is None:
        raise ValidationError(_g("Choose the member."))
    svc.conflict_declare(actor=request.user, item=item, person=person, note=request.POST.get("note", ""))
    return _g("Conflict of interest recorded.")


@_item_post
def item_decide(request: HttpRequest, item: AgendaItem) -> str:
    item = svc.item_decide(actor=request.user, item=item)
    return _explain(item.outcome)


@_item_post
def item_retry(request: HttpRequest, item: AgendaItem) -> str:
    svc.item_retry_step(actor=request.user, item=item)
    return _g("Step tried again.")


@login_required
def meeting_document(request: HttpRequest, pk: int, doc_lang: str, fmt: str) -> HttpResponse:
    meeting = _meeting(request, pk)
    try:
        data, ctype, name = documents.render("minutes", meeting, doc_lang, fmt)
    except KeyError:
        raise Http404 from None
    resp = HttpResponse(data, content_type=ctype)
    resp["Content-Disposition"] = f'attachment; filename="{name}"'
    return resp


def decision_document(request: HttpRequest, pk: int, doc_lang: str, fmt: str) -> HttpResponse:
    """An extract of a decision: public decisions for everyone, the others for whoever sees the body."""
    qs = Decision.objects.select_related("body__institution", "meeting").filter(status=Decision.Status.ADOPTED)
    visible = qs.filter(public=True)
    if request.user.is_authenticated:
        visible = qs.filter(Q(public=True) | Q(body__in=_bodies(request)))
    decision = get_object_or_404(visible, pk=pk)
    try:
        data, ctype, name = documents.render("extract", decision, doc_lang, fmt)
    except KeyError:
        raise Http404 from None
    resp = HttpResponse(data, content_type=ctype)
    resp["Content-Disposition"] = f'attachment; filename="{name}"'
    return resp


def public_decisions(request: HttpRequest) -> HttpResponse:
    qs = Decision.objects.filter(public=True, status=Decision.Status.ADOPTED).select_related("body__institution").order_by("-date", "-id")
    q = request.GET.get("q", "")[:100]
    if q:
        qs = qs.filter(Q(title__icontains=q) | Q(number__icontains=q))
    page = Paginator(qs, 25).get_page(request.GET.get("page"))
    return render(request, "governance/public_decisions.html", {"page": page, "q": q, "title": _g("Public decisions")})


# ---------------------------------------------------------------------------------------------- urgent decisions


@login_required
def urgent_new(request: HttpRequest, pk: int) -> HttpResponse:
    body = _body(request, pk)
    form = UrgentForm(request.POST or None, body=body, initial={"decided_on": timezone.localdate()})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            d = form.cleaned_data
            try:
                u = svc.urgent_create(actor=request.user, body=body, title=d["title"], text=d["text"], decided_on=d["decided_on"],
                                      decided_by=d["decided_by"])
            except ValidationError as exc:
                form.add_error(None, " ".join(exc.messages))
            else:
                messages.success(request, _g("Urgent decision recorded: provisional until the Board's next meeting."))
                return redirect("governance:urgent", u.pk)
        status = 400
    return render(request, "governance/urgent_form.html", {"form": form, "body": body, "title": _g("Urgent decision")}, status=status)


@login_required
def urgent_detail(request: HttpRequest, pk: int) -> HttpResponse:
    u = get_object_or_404(UrgentDecision.objects.filter(body__in=_bodies(request)).select_related("body", "decision"), pk=pk)
    items = u.agenda_items.select_related("meeting", "decision")
    return render(request, "governance/urgent_detail.html", {"u": u, "title": u.title, "explanation": _explain(u.explanation), "items": items,
                                                              "transitions": history(u), "history": history_rows(u)})


# ---------------------------------------------------------------------------------------------- the Board's register


def _year(request: HttpRequest) -> int:
    raw = request.GET.get("year", "")
    return int(raw) if raw.isdigit() and 2000 <= int(raw) <= 2100 else timezone.localdate().year


def _register_rows(body: Body, year: int) -> tuple[list[dict[str, Any]], list[BoardPayment]]:
    accruals = AllowanceAccrual.objects.filter(body=body, year=year).select_related("person", "payment")
    rows: dict[int, dict[str, Any]] = {}
    for a in accruals:
        r = rows.setdefault(a.person_id, {"person": a.person, "months": [None] * 12, "total": 0, "paid": 0})
        r["months"][a.month - 1] = a
        r["total"] += a.amount
        if a.payment_id:
            r["paid"] += a.amount
    payments = list(BoardPayment.objects.filter(body=body, paid_on__year=year).select_related("person", "decision"))
    return sorted(rows.values(), key=lambda r: str(r["person"])), payments


@login_required
def board_register(request: HttpRequest, pk: int) -> HttpResponse:
    body = _body(request, pk)
    if body.kind != Body.Kind.TRUSTEES:
        raise Http404
    year = _year(request)
    manage = svc.can_manage(request.user, body)
    if request.method == "POST":
        if not manage:
            messages.error(request, _g("Only the body's chair, deputy chair or secretary (or the officer who records its decisions) may do this."))
            return redirect(f"{request.path}?year={year}")
        what = request.POST.get("what")
        rows: list[Any]
        form: Any
        try:
            if what == "accrue":
                month = int(request.POST.get("month", "0")) if request.POST.get("month", "").isdigit() else 0
                if not 1 <= month <= 12:
                    raise ValidationError(_g("Choose a month."))
                rows = svc.allowance_accrue(actor=request.user, body=body, year=year, month=month)
                messages.success(request, _g("%(n)s allowances accrued.") % {"n": len(rows)})
            elif what == "accrue_year":
                n = sum(len(svc.allowance_accrue(actor=request.user, body=body, year=year, month=mm)) for mm in range(1, 13))
                messages.success(request, _g("%(n)s allowances accrued.") % {"n": n})
            elif what == "pay":
                paid_on = forms.DateField().clean(request.POST.get("paid_on", ""))
                rows = svc.allowance_pay(actor=request.user, body=body, paid_on=paid_on)
                messages.success(request, _g("%(n)s payments recorded.") % {"n": len(rows)})
            elif what == "expense":
                form = ExpenseForm(request.POST, body=body)
                if not form.is_valid():
                    raise ValidationError([f"{form.fields[f].label}: {' '.join(str(x) for x in e)}" for f, e in form.errors.items()])
                d = form.cleaned_data
                svc.expense_record(actor=request.user, body=body, kind=d["kind"], amount=d["amount"], currency=d["currency"], paid_on=d["paid_on"],
                                   payee=d["payee"], purpose=d["purpose"], decision=d["decision"])
                messages.success(request, _g("Expense recorded."))
            elif what == "notice":
                form = NoticeForm(request.POST)
                if not form.is_valid():
                    raise ValidationError([f"{form.fields[f].label}: {' '.join(str(x) for x in e)}" for f, e in form.errors.items()])
                d = form.cleaned_data
                svc.budget_notice_record(actor=request.user, body=body, budget_year=d["budget_year"], notified_gov_kr=d["notified_gov_kr"],
                                         notified_gov_tr=d["notified_gov_tr"])
                messages.success(request, _g("Budget notice recorded."))
        except ValidationError as exc:
            _fail(request, exc)
        return redirect(f"{request.path}?year={year}")
    rows, payments = _register_rows(body, year)  # the register's rows (dicts)
    today = timezone.localdate()
    notices = [{"n": n, "status": _explain(svc.budget_notice_status(body, n.budget_year, today).explanation.to_dict())}
               for n in BudgetNotice.objects.filter(body=body)]
    next_notice = svc.budget_notice_status(body, today.year + 1, today)
    return render(request, "governance/register.html", {
        "body": body, "year": year, "rows": rows, "payments": payments, "can_manage": manage, "title": _g("Payments register of the Board of Trustees"),
        "months": range(1, 13), "expense_form": ExpenseForm(body=body, initial={"paid_on": today}),
        "notice_form": NoticeForm(initial={"budget_year": today.year + 1}), "notices": notices,
        "next_notice": {"ok": next_notice.ok, "text": _explain(next_notice.explanation.to_dict())},
        "notice_rule": ", ".join(next_notice.explanation.rule_ids),
        "total": payments and sum(p.amount for p in payments), "accrued": AllowanceAccrual.objects.filter(body=body, year=year).aggregate(s=Sum("amount"))["s"],
    })


@login_required
def board_register_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    from openpyxl import Workbook

    from bilim.apps.core.spreadsheets import xlsx_append

    body = _body(request, pk)
    if body.kind != Body.Kind.TRUSTEES:
        raise Http404
    year = _year(request)
    rows, payments = _register_rows(body, year)
    wb = Workbook()
    ws = wb.active
    ws.title = str(_g("Allowance"))[:30]
    xlsx_append(ws, [_g("Member"), *[f"{m:02d}.{year}" for m in range(1, 13)], _g("Accrued"), _g("Paid")])
    for r in rows:
        xlsx_append(ws, [str(r["person"]), *[float(a.amount) if a else None for a in r["months"]], float(r["total"]), float(r["paid"])])
    ws2 = wb.create_sheet(str(_g("Payments"))[:30])
    xlsx_append(ws2, [_g("Paid on"), _g("Kind"), _g("Payee"), _g("Amount"), _g("Currency"), _g("Purpose"), _g("Decision")])
    for p in payments:
        xlsx_append(ws2, [p.paid_on, p.get_kind_display(), str(p.person or p.payee), float(p.amount), p.currency, p.purpose,
                          f"№{p.decision.number} {p.decision.date}" if p.decision else ""])
    buf = io.BytesIO()
    wb.save(buf)
    resp = HttpResponse(buf.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    resp["Content-Disposition"] = f'attachment; filename="trustees-payments-{year}.xlsx"'
    return resp


@login_required
def alerts(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    rows = []
    bodies = _bodies(request)
    if not bodies.exists():
        raise PermissionDenied
    for body in bodies.select_related("institution"):
        for a in svc.alerts(body, today):
            rows.append({"body": body, "level": a["level"], "rule": a["rule"], "text": a.get("text") or _explain(a["explanation"].to_dict())})
    return render(request, "governance/alerts.html", {"rows": rows, "title": _g("Governance alerts")})


@require_GET
@login_required
def my_bodies(request: HttpRequest) -> HttpResponse:
    """The bodies a user sits on (and sees), each with its coming meetings."""
    me = svc.person_of(request.user)
    today = timezone.localdate()
    qs = Body.objects.filter(memberships__person=me).distinct() if me else Body.objects.none()
    rows = [{"body": b, "upcoming": b.meetings.filter(held_on__gte=today).order_by("held_on")[:5],
             "urgent": b.urgent_decisions.filter(state="PROVISIONAL")} for b in qs.select_related("institution")]
    return render(request, "governance/mine.html", {"rows": rows, "title": _g("My bodies")})


class BodyForm(forms.Form):
    institution = forms.ModelChoiceField(queryset=Body.objects.none(), label=_("Institution"))
    unit = forms.ModelChoiceField(queryset=Body.objects.none(), label=_("Unit"), required=False)
    kind = forms.ChoiceField(choices=Body.Kind.choices, label=_("Kind"))
    code = forms.SlugField(max_length=60, label=_("Code"))
    name_ky = forms.CharField(max_length=300, label=_("Name (Kyrgyz)"))
    name_ru = forms.CharField(max_length=300, label=_("Name (Russian)"), required=False)
    name_en = forms.CharField(max_length=300, label=_("Name (English)"))
    name_tr = forms.CharField(max_length=300, label=_("Name (Turkish)"), required=False)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from bilim.apps.org.models import Institution, Unit

        homes = [i.pk for i in Institution.objects.filter(is_home=True) if svc.can_create_body(user, i)]
        self.fields["institution"].queryset = Institution.objects.filter(pk__in=homes)  # type: ignore[attr-defined]
        self.fields["unit"].queryset = Unit.objects.filter(institution_id__in=homes).order_by("institution", "code")  # type: ignore[attr-defined]


@login_required
def body_new(request: HttpRequest) -> HttpResponse:
    """Set up a body on a page (the administrator or the institution's rector's office)."""
    form = BodyForm(request.POST or None, user=request.user)
    if not form.fields["institution"].queryset.exists():  # type: ignore[attr-defined]
        raise PermissionDenied
    status = 200
    if request.method == "POST":
        if form.is_valid():
            d = form.cleaned_data
            try:
                b = svc.body_create(actor=request.user, institution=d["institution"], unit=d["unit"], kind=d["kind"], code=d["code"],
                                    name_ky=d["name_ky"], name_en=d["name_en"], name_ru=d["name_ru"], name_tr=d["name_tr"])
            except ValidationError as exc:
                if hasattr(exc, "error_dict"):
                    for field, errs in exc.error_dict.items():
                        for e in errs:
                            form.add_error(field if field in form.fields else None, e)
                else:
                    form.add_error(None, " ".join(exc.messages))
            else:
                messages.success(request, _g("Body set up: seat its members on its page."))
                return redirect("governance:body", b.pk)
        status = 400
    return render(request, "governance/body_form.html", {"form": form, "title": _g("New body")}, status=status)
