"""Human labels of the workflow state codes and classification codes (codes are stored, labels are shown)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

LABELS = {
    "ABROAD": _("Abroad"),
    "ACADEMIC_CLOSED": _("Academically closed"),
    "ACCEPTED": _("Accepted"),
    "APPLIED": _("Applied"),
    "APPROVAL_DEAN": _("Awaiting the dean"),
    "APPROVAL_HOD": _("Awaiting the head of department"),
    "APPROVAL_PJL": _("Awaiting the project leader"),
    "APPROVAL_VR_SCI": _("Awaiting the vice-rector for research"),
    "ARRIVED": _("Arrived"),
    "BRIEFED": _("Briefed before departure"),
    "CANCELLED": _("Cancelled"),
    "CLOSED": _("Closed"),
    "COMPLETED": _("Completed"),
    "DECLINED": _("Declined"),
    "DEPARTED": _("Departed"),
    "DLT_DEBT": _("Distance-taught exams: debt"),
    "DLT_EXAMS": _("Distance-taught exams"),
    "DLT_PASSED": _("Distance-taught exams passed"),
    "DOCS_COMPLETE": _("Documents complete"),
    "DOCS_RETURNED": _("Results documents returned"),
    "DRAFT": _("Draft"),
    "EXPENSES_REPORTED": _("Expenses reported"),
    "EXPULSION_PROCEDURE": _("Expulsion procedure"),
    "FLAGGED_TO_DEAN": _("Flagged to the dean"),
    "HOST_DECLINED": _("Declined by the host"),
    "HOST_RESULTS_CLEAR": _("Host results without debt"),
    "INVITED": _("Invited"),
    "IN_SELECTION": _("In selection"),
    "ISP_APPROVED": _("Study plan approved"),
    "LA_SIGNED": _("Learning agreement signed"),
    "NOMINATED": _("Nominated"),
    "NOMINATION_RECEIVED": _("Nomination received"),
    "NOT_SELECTED": _("Not selected"),
    "NO_DLT_DISCIPLINES": _("No distance-taught disciplines"),
    "ON_SITE": _("On site"),
    "ON_TRIP": _("On the trip"),
    "ORDER_ISSUED": _("Order issued"),
    "RECOGNISED": _("Recognised"),
    "REFERRED": _("Referred"),
    "REJECTED": _("Rejected"),
    "REPORTING": _("Reporting"),
    "REQUESTED": _("Requested"),
    "RESULTS_ISSUED": _("Results issued"),
    "RETAKE_PENDING": _("Paid summer retake pending"),
    "RETURNED": _("Returned"),
    "SELECTED": _("Selected"),
    "STUDYING": _("Studying"),
    "STUDYING_ONLINE": _("Studying online"),
    "SUBMITTED": _("Submitted"),
    "VISA_AND_MIGRATION": _("Visa and migration"),
    "WITHDRAWN": _("Withdrawn"),
    "AGREED": _("Agreed by the programme leader and the deputy dean"),
    "APPROVED": _("Approved by the dean"),
    "SUBMITTED_TO_IRD": _("Handed to the International Relations Department"),
    "PAID_SUMMER_RETAKE": _("paid summer retake"),  # the threshold is a dated parameter; the explanation states it
    "NO_HOST_DEBT": _("no failed host credits"),
    "LONG": _("long-term"),
    "SHORT": _("short-term"),
    "EXTERNAL": _("external (international)"),
    "INTERNAL": _("internal (domestic)"),
}


def label(code: object) -> str:
    text = str(code or "")
    return str(LABELS.get(text, text))
