"""Words for the states and actions of KTMU-W-04 … W-09 and W-16a (registered in ``AdmissionsConfig.ready``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from bilim.apps.workflow.labels import register_labels

ADMISSION_STATES = {
    "ANNOUNCED": _("Draft (not submitted)"), "APPLIED": _("Submitted"), "ELIGIBLE": _("Eligible"), "INELIGIBLE": _("Not eligible"),
    "SPEC_TRACK": _("Specialist exam track"), "INTL_TRACK": _("International track"), "WRITTEN_WAIVED": _("Written exam waived"),
    "WRITTEN_REQUIRED": _("Written exam required"), "EXAMINED": _("Examined"), "ABSENT": _("Absent from the exam"),
    "PASSED": _("Passed the exam"), "FAILED": _("Failed"), "SCORED": _("Composite score computed"),
    "RESULTS_PUBLISHED": _("Exam results published"), "ENTITLED": _("Entitled to register"), "RESERVE": _("Reserve list"),
    "NOT_PLACED": _("Not placed"), "REGISTERED": _("Registered"), "LOST_RIGHT": _("Lost the right to register"),
    "DISMISSED": _("Dismissed"), "INTL_ELIGIBLE": _("Eligible (international)"), "COMMISSION_SET": _("Oral commission appointed"),
}
ADMISSION_ACTIONS = {
    "apply": _("Submit the application"), "check_master": _("Check documents and eligibility (master's)"),
    "check_doctoral": _("Check documents and eligibility (doctorate)"), "reject": _("Reject"),
    "assign_specialist_track": _("Assign the specialist exam track"), "assign_international_track": _("Assign the international track"),
    "waive_written": _("Waive the written exam"), "require_written": _("Require the written exam"), "sit_exam": _("Sit the specialist exam"),
    "absent": _("Record absence"), "score_pass": _("Record a pass"), "score_fail": _("Record a fail"), "close": _("Close"),
    "compute_master_composite": _("Compute the composite score (master's)"), "compute_doctoral_composite": _("Compute the composite score (doctorate)"),
    "publish_results": _("Publish the exam results"), "correct_after_appeal": _("Correct the grade after an appeal"),
    "place_main_list": _("Place on the list of those entitled to register"), "place_reserve_list": _("Place on the reserve list"),
    "not_placed": _("Not placed"), "register": _("Final registration"), "registration_period_ends": _("Registration days ended"),
    "promote": _("Call from the reserve list"), "original_not_supplied": _("Original document not supplied"),
    "appoint_commission": _("Appoint the oral exam commission"), "sit_oral_exam": _("Sit the oral exam"),
}


def register() -> None:
    for code in ("KTMU-W-04", "KTMU-W-05"):
        register_labels(code, states=ADMISSION_STATES, actions=ADMISSION_ACTIONS)
    register_labels("KTMU-W-06", states={
        "NEW": _("New"), "SPECIAL_APPLIED": _("Applied"), "SPECIAL_REVIEWED": _("FoS head's opinion given"),
        "SPECIAL_ACTIVE": _("Studying with special status"), "REJECTED": _("Rejected"), "SPECIAL_COMPLETED": _("Semester completed"),
        "CLOSED": _("Closed"),
    }, actions={
        "apply": _("Apply"), "give_opinion": _("Give the FoS head's opinion"), "accept": _("Admit (institute board)"),
        "reject": _("Reject (institute board)"), "select_courses": _("Select courses"), "issue_card": _("Issue the student card"),
        "semester_ends": _("End of the semester"), "close": _("Issue documents and close"),
    })
    register_labels("KTMU-W-07", states={
        "NEW": _("New"), "EXCH_IN_APPLIED": _("Applied"), "EXCH_IN_ACTIVE": _("Studying on exchange"), "REJECTED": _("Rejected"),
        "EXCH_IN_DONE": _("Exchange semester completed"),
    }, actions={
        "apply": _("Apply"), "accept": _("Accept (institute board)"), "reject": _("Reject (institute board)"),
        "attend_course": _("Attend courses"), "semester_ends": _("End of the semester"),
    })
    register_labels("KTMU-W-08", states={
        "ACTIVE": _("Studying at KTMU"), "EXCH_OUT_REQUESTED": _("Exchange requested"), "EXCH_OUT_APPROVED": _("Exchange approved"),
        "ON_EXCHANGE": _("On exchange"), "RETURNED": _("Returned"),
    }, actions={
        "request_exchange": _("Request an exchange"), "approve": _("Approve (institute board)"), "reject": _("Reject (institute board)"),
        "depart": _("Submit the host decision and depart"), "rectorate_exchange": _("Exchange by Rectorate decision"),
        "study_at_host": _("Record the host semester"), "extend_or_shorten": _("Extend or shorten the period"),
        "return": _("Return and submit the documents"), "recognise": _("Recognise the host courses"),
    })
    register_labels("KTMU-W-09", states={
        "NEW": _("New"), "TRANSFER_POSSIBLE": _("Transfer possible"), "TRANSFER_APPLIED": _("Transfer applied for"),
        "REGISTERED": _("Transferred"), "REJECTED": _("Rejected"),
    }, actions={
        "programme_opens": _("Programme of the specialty opened"), "apply": _("Apply for the transfer"),
        "decide": _("Transfer (institute board)"), "reject": _("Reject (institute board)"),
    })
    register_labels("KTMU-W-16a", states={
        "RESULTS_PUBLISHED": _("Results published"), "APPEAL_FILED": _("Appeal filed"), "REVIEWED": _("Reviewed by the commission"),
        "GRADE_CORRECTED": _("Grade corrected"), "CLOSED": _("Closed without change"),
    }, actions={
        "appeal": _("Appeal"), "review": _("Review the exam papers"), "correct": _("Correct the grade (institute board)"),
        "no_error": _("No technical error (institute board)"),
    })
