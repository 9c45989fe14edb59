"""The processes' names in the reader's language (the tables in ``bilim.regulations.workflows`` keep English titles)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

TITLES: dict[str, Any] = {
    "KTMU-W-01": _("Opening a PG programme (regular, interdisciplinary, joint) and changing a programme"),
    "KTMU-W-02": _("Opening a course; instructor assignment; timetable; course runs"),
    "KTMU-W-03": _("Quota and admission announcement"),
    "KTMU-W-04": _("Admission — specialist-exam track"),
    "KTMU-W-05": _("Admission — international students"),
    "KTMU-W-06": _("Special-status students"),
    "KTMU-W-07": _("Incoming exchange"),
    "KTMU-W-08": _("Outgoing exchange"),
    "KTMU-W-09": _("Horizontal transfer of a junior researcher"),
    "KTMU-W-10": _("Language exemption and language programme"),
    "KTMU-W-11": _("Scientific preparation programme (SPP)"),
    "KTMU-W-12": _("Supervisors: appointment, second supervisor, foreign supervisor, change"),
    "KTMU-W-13": _("Semester registration, course selection, add/drop"),
    "KTMU-W-13a": _("Courses at other HEIs"),
    "KTMU-W-14": _("Credit transfer (recognition) and exemption"),
    "KTMU-W-15": _("Attendance, exams, excuse exams, grading, GPA, progression"),
    "KTMU-W-16a": _("Appeal against the specialist-exam result (art. 33)"),
    "KTMU-W-16b": _("Appeal against a course-exam result (art. 34)"),
    "KTMU-W-16c": _("Instructor-initiated correction (art. 35)"),
    "KTMU-W-16d": _("Appeal against the thesis-defence result (art. 36)"),
    "KTMU-W-17": _("Leave (permission of absence, art. 37)"),
    "KTMU-W-18": _("Academic leave (art. 38)"),
    "KTMU-W-19": _("Dismissal"),
    "KTMU-W-20": _("Plagiarism"),
    "KTMU-W-21": _("Board of Trustees — meeting and vote"),
    "osu.staff_incoming": _("Incoming staff mobility (OshSU as host / inviting party)"),
    "osu.staff_outgoing": _("Outgoing staff mobility (business trip)"),
    "osu.student_incoming": _("Incoming student mobility (OshSU as host)"),
    "osu.student_outgoing": _("Outgoing student mobility — long-term (semester / year)"),
    "osu.student_outgoing_dlt": _("Exams of distance-taught (difference) disciplines after return — parallel track"),
    "osu.student_outgoing_domestic": _("Outgoing student mobility — internal (domestic), long-term"),
    "osu.student_outgoing_short": _("Outgoing student mobility — short-term (≤ 1 month; events, schools)"),
    "osu.student_outgoing_virtual": _("Outgoing student mobility — distance (virtual), long-term"),
}
