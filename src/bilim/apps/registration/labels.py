"""Words for the states and actions of KTMU-W-13, W-13a and W-14."""

from django.utils.translation import gettext_lazy as _

from bilim.apps.workflow.labels import register_labels

register_labels("KTMU-W-13", states={
    "SEMESTER_OPEN": _("Semester opened (timetable not yet published)"),
    "SELECTION_OPEN": _("Course selection open"),
    "SUBMITTED": _("Selection awaiting the supervisor"),
    "APPROVED": _("Selection approved"),
    "AUTO_APPROVED": _("Selection in force automatically"),
    "NOT_RENEWED": _("Registration not renewed"),
    "FINAL_PENDING": _("Run list published: replacements possible"),
    "FROZEN": _("Selection final"),
    "SEMESTER_CLOSED": _("Semester closed without registration"),
    "DISMISSAL_CASE": _("Dismissal ground: two semesters without registration"),
}, actions={
    "publish_timetable": _("Publish the weekly timetable"),
    "submit_selection": _("Renew registration and submit the course selection"),
    "approve": _("Approve the selection"),
    "request_changes": _("Ask the student to change the selection"),
    "supervisor_silent_until_deadline": _("Approved automatically: the supervisor did not answer in time"),
    "renewal_window_closes": _("Renewal period ended without renewal"),
    "late_registration_accepted": _("Late registration accepted by the Institute Board"),
    "add_drop": _("Add/drop change with the supervisor's consent"),
    "add_drop_ends": _("Add/drop ended: courses that run published"),
    "replace_course_not_run": _("Replace a course that does not run"),
    "replacement_period_ends": _("Replacement period ended: selection final"),
    "semester_ends": _("Semester ended without registration"),
    "second_consecutive_semester_ends": _("Second semester in a row without registration"),
})
register_labels("KTMU-W-13a", states={
    "NEW": _("Draft"),
    "APPLIED": _("Applied"),
    "CONSENTED": _("Supervisor consented"),
    "PROPOSED": _("Proposed by the FoS academic council"),
    "APPROVED": _("Approved by the Institute Board"),
    "REJECTED": _("Rejected"),
}, actions={
    "apply": _("Apply in writing"),
    "supervisor_consent": _("Supervisor's consent"),
    "propose": _("FoS academic council's proposal"),
    "decide": _("Institute Board's decision"),
    "reject": _("Reject"),
})
register_labels("KTMU-W-14", states={
    "NEW": _("Draft"),
    "RECOG_APPLIED": _("Applied"),
    "RECOG_CONSENTED": _("Supervisor consented"),
    "RECOG_PROPOSED": _("Proposed by the FoS academic council"),
    "RECOGNISED": _("Recognised"),
    "REJECTED": _("Rejected"),
}, actions={
    "apply": _("Apply with transcript and course contents"),
    "consent": _("Supervisor's consent"),
    "propose": _("Evaluate and propose (FoS academic council)"),
    "decide": _("Institute Board's decision"),
    "reject": _("Reject"),
})
