"""Who is e-mailed about mobility state changes, and the daily deadline reminders."""

from __future__ import annotations

from typing import Any

from bilim.apps.workflow.services import RECIPIENTS


def _student_mobility(obj: Any) -> list[str]:
    from bilim.apps.accounts.models import RoleAssignment

    emails = [obj.student.person.email, getattr(obj.student.person.user, "email", "")]
    emails += list(RoleAssignment.objects.active().filter(role__in=["ird_officer", "deputy_dean_ir"]).values_list("user__email", flat=True))
    return [e for e in emails if e]


def _trip(obj: Any) -> list[str]:
    return [e for e in [obj.staff.person.email, getattr(obj.staff.person.user, "email", "")] if e]


def _incoming(obj: Any) -> list[str]:
    return [obj.email] if obj.email else []


def register_recipients() -> None:
    RECIPIENTS["mobility.studentmobility"] = _student_mobility
    RECIPIENTS["mobility.stafftrip"] = _trip
    RECIPIENTS["mobility.incomingmobility"] = _incoming


def send_reminders(*, on: Any = None, days_before: int = 7) -> int:
    """Send the day's reminders; returns the number of e-mails sent."""
    import datetime as dt

    from django.conf import settings
    from django.core.mail import send_mail
    from django.utils import timezone, translation
    from django.utils.translation import gettext as _

    from bilim.apps.accounts.models import RoleAssignment
    from bilim.apps.mobility import models as m
    from bilim.apps.mobility.services import trip_expense_status
    from bilim.regulations.mobility import student as stu_rules

    on = on or timezone.localdate()
    sent = 0
    deans = list(RoleAssignment.objects.active().filter(role="dean_office").values_list("user__email", flat=True))
    accounting = list(RoleAssignment.objects.active().filter(role="accounting").values_list("user__email", flat=True))
    with translation.override(settings.LANGUAGE_CODE):
        for mob in m.StudentMobility.objects.filter(state="RETURNED").select_related("student__person__user"):
            due = stu_rules.results_documents_due({"mobility_end_date": mob.end_date, "results_documents_submitted_on": mob.docs_submitted_on,
                                                   "report_submitted_on": mob.report_submitted_on}, on)
            due_on = due.value
            if due_on is None or (due_on - on).days > days_before:
                continue
            overdue = on > due_on
            subject = (_("Mobility: host documents and report are overdue") if overdue else _("Mobility: host documents and report are due soon"))
            body = _("Bring the host's results documents and your report to the dean's office by %(due)s (one month after the end of your stay).") % {"due": due_on}
            to = [e for e in [mob.student.person.email, getattr(mob.student.person.user, "email", "")] + (deans if overdue else []) if e]
            if to:
                sent += send_mail(subject, body + "\n\n" + due.message("ky"), None, sorted(set(to)), fail_silently=True)
        for trip in m.StaffTrip.objects.filter(state="RETURNED").select_related("staff__person__user"):
            status = trip_expense_status(trip, on)
            if status is None or status.value not in ("PENDING", "OVERDUE") or trip.expense_report_on is not None:
                continue  # a report handed in (late or not) needs no reminder; its OVERDUE flag stays on record
            due_on = status.explanation.message_values.get("due")
            if status.value == "PENDING" and isinstance(due_on, dt.date) and (due_on - on).days > 2:
                continue
            to = [e for e in [trip.staff.person.email, getattr(trip.staff.person.user, "email", "")] + (accounting if status.value == "OVERDUE" else []) if e]
            if to:
                sent += send_mail(_("Business trip: advance expense report"), status.message("ky"), None, sorted(set(to)), fail_silently=True)
    return sent
