"""Words for every state and action of KTMU-W-17 … W-20 (the catalogue's codes stay in the data)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from bilim.apps.workflow.labels import register_labels

GROUND_LABELS = {
    "KTMU-39(1)a-1": _("(a) at the student's own request"),
    "KTMU-39(1)b-1": _("(b) originals of the final-registration documents not submitted"),
    "KTMU-39(1)c-1": _("(c) not registered for 2 consecutive semesters without a justified reason"),
    "KTMU-39(1)d-1": _("(d) not exempted from the compulsory languages in time"),
    "KTMU-39(1)e-1": _("(e) scientific preparation programme not completed within 2 semesters"),
    "KTMU-39(1)f-1": _("(f) courses not completed within 4 semesters, or CGPA below the minimum"),
    "KTMU-39(1)g-1": _("(g.1) no research and pedagogical practice report in 2 semesters"),
    "KTMU-39(1)g-2": _("(g.2) no interim thesis report for 2 consecutive semesters"),
    "KTMU-39(1)g-3": _("(g.3) thesis not submitted within the set period"),
    "KTMU-39(1)g-4": _("(g.4) list of publications not submitted within the set period"),
    "KTMU-39(1)h-1": _("(h.1) qualifying exam not passed in 2 consecutive semesters"),
    "KTMU-39(1)h-2": _("(h.2) thesis defence not passed within 2 semesters"),
    "KTMU-39(1)h-3": _("(h.3) progress report missing or not approved in 2 consecutive semesters"),
    "KTMU-39(1)h-4": _("(h.4) fewer than 3 successful thesis reports before the last semester"),
    "KTMU-39(1)h-5": _("(h.5) research practice abroad not completed within the set period"),
    "KTMU-39(1)h-6": _("(h.6) thesis or art work not submitted within the set period"),
    "KTMU-39(1)h-7": _("(h.7) list of publications not submitted within the additional period"),
    "KTMU-39(1)h-8": _("(h.8) pre-defence exam failed"),
    "KTMU-39(1)i-1": _("(i) thesis defence failed (master's)"),
    "KTMU-39(1)j-1": _("(j) dismissal imposed as a disciplinary penalty"),
    "KTMU-39(1)k-1": _("(k) plagiarism established"),
}


def register_all() -> None:
    register_labels("KTMU-W-17", states={
        "ACTIVE": _("Studying (no leave)"), "LEAVE_REQUESTED": _("Leave requested"), "ON_LEAVE": _("On leave"),
    }, actions={
        "request_leave": _("Apply for leave"), "decide": _("Grant the leave (institute board)"), "reject": _("Refuse the leave (institute board)"),
        "study_leave": _("Grant study leave (institute board)"), "academic_permission": _("Grant academic permission for the exchange (institute board)"),
        "notify_instructors": _("Notify the instructors and the supervisor in writing"), "exam_sat_during_leave": _("Exam sat during the leave: result void"),
        "leave_ends": _("The leave has ended"),
    })
    register_labels("KTMU-W-18", states={
        "ACTIVE": _("Studying (no academic leave)"), "HEALTH_DOCS_IN": _("Health documents submitted"),
        "ACADEMIC_LEAVE_HEALTH": _("On academic leave (health)"), "ACADEMIC_LEAVE_CHILDBIRTH": _("On academic leave (birth of a child)"),
        "ACADEMIC_LEAVE_EXCUSED": _("On academic leave (excused reason)"), "ACADEMIC_LEAVE_MILITARY": _("On academic leave (military service)"),
        "RETURNING": _("Back from service: registration to renew"),
    }, actions={
        "submit_health_documents": _("Submit the health documents"), "decide": _("Grant academic leave for health (institute board)"),
        "reject": _("Refuse the academic leave (institute board)"), "childbirth": _("Grant academic leave for a birth (institute board)"),
        "recovered": _("End the academic leave after recovery (institute board)"), "return": _("Return from academic leave"),
        "excused_reason": _("Grant academic leave for an excused reason (institute board)"),
        "resolved": _("End the academic leave: reason resolved (institute board)"),
        "military_service": _("Grant academic leave for military service (institute board)"),
        "renew_registration": _("Renew the registration"), "activity_attempt": _("Activity during academic leave: not counted"),
    })
    actions19 = {f"ground_{k}": v for k, v in (
        ("own_request", GROUND_LABELS["KTMU-39(1)a-1"]), ("originals_missing", GROUND_LABELS["KTMU-39(1)b-1"]),
        ("not_renewed_twice", GROUND_LABELS["KTMU-39(1)c-1"]), ("language_limit", GROUND_LABELS["KTMU-39(1)d-1"]),
        ("spp_limit", GROUND_LABELS["KTMU-39(1)e-1"]), ("coursework_limit_or_gpa", GROUND_LABELS["KTMU-39(1)f-1"]),
        ("ma_practice_reports", GROUND_LABELS["KTMU-39(1)g-1"]), ("ma_interim_reports", GROUND_LABELS["KTMU-39(1)g-2"]),
        ("ma_thesis_not_submitted", GROUND_LABELS["KTMU-39(1)g-3"]), ("ma_publications_not_submitted", GROUND_LABELS["KTMU-39(1)g-4"]),
        ("phd_qe_not_passed", GROUND_LABELS["KTMU-39(1)h-1"]), ("phd_defence_not_passed_2_semesters", GROUND_LABELS["KTMU-39(1)h-2"]),
        ("phd_progress_reports", GROUND_LABELS["KTMU-39(1)h-3"]), ("phd_successful_reports", GROUND_LABELS["KTMU-39(1)h-4"]),
        ("phd_research_abroad", GROUND_LABELS["KTMU-39(1)h-5"]), ("phd_thesis_not_submitted", GROUND_LABELS["KTMU-39(1)h-6"]),
        ("phd_publications_not_submitted", GROUND_LABELS["KTMU-39(1)h-7"]), ("phd_predefence_failed", GROUND_LABELS["KTMU-39(1)h-8"]),
        ("ma_defence_failed", GROUND_LABELS["KTMU-39(1)i-1"]), ("disciplinary_dismissal", GROUND_LABELS["KTMU-39(1)j-1"]),
        ("plagiarism", GROUND_LABELS["KTMU-39(1)k-1"]))}
    register_labels("KTMU-W-19", states={
        "ENROLLED": _("Enrolled (no case)"), "DISMISSAL_CASE": _("Dismissal case: waiting for the institute board"),
        "DISMISSAL_PROPOSED": _("Dismissal proposed: waiting for the rector's order"), "DISMISSED": _("Dismissed"),
        "TRANSCRIPT_REQUESTED": _("Transcript requested"), "TRANSCRIPT_ISSUED": _("Transcript issued"),
    }, actions={
        **actions19, "propose_dismissal": _("Propose dismissal (institute board)"), "drop_case": _("Ground not confirmed: close the case (institute board)"),
        "rector_order": _("Rector's order of dismissal"), "request_transcript": _("Request the transcript"), "issue_transcript": _("Issue the transcript"),
    })
    register_labels("KTMU-W-20", states={
        "NEW": _("New"), "COMPLAINT": _("Complaint received"), "UNDER_INVESTIGATION": _("Under investigation by the ethics committee (diploma held)"),
        "CLOSED": _("Closed: no plagiarism"), "DISMISSAL_CASE": _("Plagiarism established: dismissal case opened"),
    }, actions={
        "complaint": _("File a complaint"), "refer_to_ethics_committee": _("Refer in writing to the ethics committee"),
        "no_plagiarism": _("Finding: no plagiarism (ethics committee)"), "plagiarism_found": _("Finding: plagiarism and violation of ethical norms (ethics committee)"),
    })
