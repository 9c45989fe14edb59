"""KTMU workflows (catalogue ``ktmu-postgraduate.md`` §5, W-01 … W-21) as transition tables.

Each :class:`~bilim.regulations.workflows.core.Transition` carries the guard rules (machine-checkable
IDs the app evaluates before the move; any FAIL blocks it), the authority (``role:…`` or
``body:…`` when the catalogue names a deciding body) and the catalogue references of the row.

ERRATA applied: item 21 (W-16d / W-19: a failed defence is dismissal ground (i) for master's
students only; for PhD/AI it is ground h.2 — defence not passed within 2 semesters), item 22 (h.3
needs two consecutive bad semesters), item 23 (W-10: no course in any non-exempt language), item 25
(g.1 counts semesters in total), item 26 (academic leave counts toward the maximum duration), item
27 (foreign-HEI supervision cap includes second supervision), item 28 (W-13 other-programme
courses), item 29 (W-10: SPP courses during the language programme are not capped at 2).

Where one catalogue row applies different rules per level (MA vs PhD/AI) or per programme type,
the row is split into one action per case so that every guard applies to every move it guards.

Public objects: ``KTMU_WORKFLOWS`` (code → Workflow) and the module-level workflows
``W01_PROGRAMME`` … ``W21_TRUSTEES``; ``get_workflow("KTMU-W-01")`` from
:mod:`bilim.regulations.workflows.core` also finds them.
"""

from __future__ import annotations

from bilim.regulations.workflows.core import Transition, Workflow, register_workflow


def _id(short: str) -> str:
    return short if short.startswith(("KTMU-", "§")) else f"KTMU-{short}"


def T(
    source: str,
    action: str,
    target: str,
    authority: tuple[str, ...] | str = (),
    guards: tuple[str, ...] = (),
    refs: tuple[str, ...] = (),
    note: str = "",
) -> Transition:
    """A transition; IDs may omit the ``KTMU-`` prefix; guards are also listed among the refs."""
    auth = (authority,) if isinstance(authority, str) else authority
    g = tuple(_id(x) for x in guards)
    r = tuple(dict.fromkeys([*g, *(_id(x) for x in refs)]))
    return Transition(source, action, target, g, auth, r, note)


def _wf(code: str, title: str, ref: str, initial: str, final: tuple[str, ...], rows: list[Transition]) -> Workflow:
    states: list[str] = [initial]
    for t in rows:
        for s in (t.source, t.target):
            if s not in states:
                states.append(s)
    for s in final:
        if s not in states:
            states.append(s)
    return register_workflow(Workflow(code, title, ref, tuple(states), initial, final, tuple(rows)))


FOS_HEAD = "role:fos_head"
STUDENT = "role:student"
CANDIDATE = "role:candidate"
INSTITUTE = "role:institute_officer"
SUPERVISOR = "role:supervisor"
INSTRUCTOR = "role:instructor"
RECTOR = "role:rector"
SYSTEM = "system"
FOS_COUNCIL = "body:fos_council"
INST_BOARD = "body:institute_board"
INST_COUNCIL = "body:institute_council"  # the Institute Board by default
INST_MGMT = "body:inst_mgmt"
SENATE = "body:senate"
TRUSTEES = "body:trustees"

# ------------------------------------------------------------------------------------------
W01_PROGRAMME = _wf(
    "KTMU-W-01",
    "Opening a PG programme (regular, interdisciplinary, joint) and changing a programme",
    "KTMU §5 W-01",
    "NEW",
    ("OPEN", "REJECTED"),
    [
        T("NEW", "prepare_master", "DRAFT", FOS_HEAD, ("6(8)-1", "6(1)-2", "6(5)-1", "5(1)-1", "5(5)-1"), ("6(7)-1",)),
        T("NEW", "prepare_doctoral", "DRAFT", FOS_HEAD, ("6(8)-1", "6(1)-2", "6(6)-1", "5(1)-1", "5(5)-1"), ("6(7)-1",),
          note="PhD and AI programmes (A-04); staff minimum per the original (ERRATA 1)"),
        T("NEW", "prepare_joint", "DRAFT", FOS_HEAD, ("6(8)-1", "6(1)-2", "6(3)-1", "5(1)-1", "5(5)-1"), ("6(7)-1",),
          note="joint programmes follow the 6(1) chain (A-04)"),
        # art. 6(2): one proposal of the institute management (row IDP_DRAFT —propose→); the package itself is prepared by
        # the institute (its secretariat), not by a second decision of the same body
        T("NEW", "prepare_interdisciplinary", "IDP_DRAFT", INSTITUTE, ("6(8)-1", "5(1)-1", "5(5)-1"), ("6(7)-1",),
          note="art. 6(2): the institute management decides once, at IDP_DRAFT —propose→"),
        T("DRAFT", "propose", "PROPOSED", FOS_COUNCIL, refs=("6(1)-1",)),
        T("PROPOSED", "decide", "INSTITUTE_APPROVED", INST_BOARD, refs=("6(1)-1",)),
        T("INSTITUTE_APPROVED", "consent", "SENATE_APPROVED", SENATE, refs=("6(1)-1",)),
        T("SENATE_APPROVED", "decide", "OPEN", TRUSTEES, ("6(1)-1",), ("BT-4-2",), note="A-68: binding Trustees decision"),
        T("IDP_DRAFT", "propose", "IDP_PROPOSED", INST_MGMT, ("6(2)-2",), ("6(2)-1",)),
        T("IDP_PROPOSED", "decide", "IDP_SENATE_DECIDED", SENATE, refs=("6(2)-1",)),
        T("IDP_SENATE_DECIDED", "consent", "OPEN", TRUSTEES, ("6(2)-1",), note="A-68: consent = binding decision"),
        T("OPEN", "change_curriculum", "OPEN", (INST_COUNCIL, SENATE), ("6(4)-1",), note="new curriculum version"),
        *[
            T(s, "reject", "REJECTED", body, refs=ref)
            for s, body, ref in [
                ("DRAFT", FOS_COUNCIL, ("6(1)-1",)),
                ("PROPOSED", INST_BOARD, ("6(1)-1",)),
                ("INSTITUTE_APPROVED", SENATE, ("6(1)-1",)),
                ("SENATE_APPROVED", TRUSTEES, ("6(1)-1",)),
                ("IDP_DRAFT", INST_MGMT, ("6(2)-1",)),
                ("IDP_PROPOSED", SENATE, ("6(2)-1",)),
                ("IDP_SENATE_DECIDED", TRUSTEES, ("6(2)-1",)),
            ]
        ],
    ],
)

W02_COURSE = _wf(
    "KTMU-W-02",
    "Opening a course; instructor assignment; timetable; course runs",
    "KTMU §5 W-02",
    "NEW",
    ("RUNS", "NOT_RUN", "REJECTED"),
    [
        T("NEW", "submit_application", "SUBMITTED", INSTRUCTOR, ("7-1",), refs=("4-1",)),
        T("SUBMITTED", "propose", "PROPOSED", FOS_COUNCIL, ("24(2)-1", "24(3)-1"), ("7-2",)),
        T("PROPOSED", "decide", "INSTITUTE_APPROVED", INST_BOARD, refs=("7-2",)),
        T("INSTITUTE_APPROVED", "approve", "IN_CATALOGUE", SENATE, ("7-2",)),
        T("IN_CATALOGUE", "add_foreign_language_section", "IN_CATALOGUE", (INST_COUNCIL, SENATE), ("5(2)-1", "5(2)-2")),
        T("IN_CATALOGUE", "propose_instructor", "INSTRUCTOR_PROPOSED", (INST_MGMT, FOS_COUNCIL),
          ("24(4)-1", "24(5)-1", "24(6)-1", "24(9)-1")),
        T("INSTRUCTOR_PROPOSED", "assign", "STAFFED", (INST_COUNCIL, SENATE), ("24(7)-1",)),
        T("INSTRUCTOR_PROPOSED", "assign_external", "STAFFED", "body:university_board", ("24(8)-1",)),
        T("STAFFED", "publish_timetable", "SCHEDULED", FOS_HEAD, ("25-1",)),
        T("SCHEDULED", "close_add_drop_runs", "RUNS", SYSTEM, ("27-1", "27-2"), ("28(2)-1",)),
        T("SCHEDULED", "close_add_drop_not_run", "NOT_RUN", SYSTEM, refs=("27-1", "27-2", "28(2)-1")),
        *[T(s, "reject", "REJECTED", b, refs=("7-2",)) for s, b in
          [("SUBMITTED", FOS_COUNCIL), ("PROPOSED", INST_BOARD), ("INSTITUTE_APPROVED", SENATE)]],
    ],
)

W03_QUOTA_ANNOUNCEMENT = _wf(
    "KTMU-W-03",
    "Quota and admission announcement",
    "KTMU §5 W-03",
    "NEW",
    ("ANNOUNCED", "REJECTED"),
    [
        T("NEW", "propose_quota", "QUOTA_PROPOSED", FOS_COUNCIL, refs=("8-1",)),
        T("QUOTA_PROPOSED", "institute_decide", "QUOTA_INSTITUTE_APPROVED", INST_BOARD, refs=("8-1",)),
        T("QUOTA_INSTITUTE_APPROVED", "senate_consent", "QUOTA_SENATE_APPROVED", SENATE, refs=("8-1",)),
        T("QUOTA_SENATE_APPROVED", "trustees_approve", "QUOTA_APPROVED", TRUSTEES, ("8-1",)),
        T("QUOTA_APPROVED", "draft_announcement", "ANN_DRAFT", INSTITUTE, ("9-1", "9-2", "9-4", "19(7)-2")),
        T("ANN_DRAFT", "propose", "ANN_PROPOSED", INST_BOARD, refs=("9-3",)),
        T("ANN_PROPOSED", "decide", "ANN_APPROVED", SENATE, refs=("9-3",)),
        T("ANN_APPROVED", "publish", "ANNOUNCED", INSTITUTE, ("9-3",)),
        *[T(s, "reject", "REJECTED", b, refs=(r,)) for s, b, r in [
            ("QUOTA_PROPOSED", INST_BOARD, "8-1"), ("QUOTA_INSTITUTE_APPROVED", SENATE, "8-1"),
            ("QUOTA_SENATE_APPROVED", TRUSTEES, "8-1"), ("ANN_DRAFT", INST_BOARD, "9-3"), ("ANN_PROPOSED", SENATE, "9-3")]],
    ],
)

_REGISTRATION = ("14(1)-1", "14(1)-2", "14(1)-4", "10(1)-2")

W04_ADMISSION = _wf(
    "KTMU-W-04",
    "Admission — specialist-exam track",
    "KTMU §5 W-04",
    "ANNOUNCED",
    ("REGISTERED", "LOST_RIGHT", "NOT_PLACED", "FAILED", "INELIGIBLE", "INTL_TRACK", "DISMISSED"),
    [
        # 10(1)-1 «керектүү документтер менен кошо тапшырылат»: the documents of 10(1)a–g and 10(2)–(4) are required
        # at application (copies, 10(1)-2); the check row re-judges them on the file the officer verified.
        T("ANNOUNCED", "apply", "APPLIED", CANDIDATE, ("10(1)-1", "10(1)-2", "10(8)-1", "10(1)a-1", "10(1)b-1", "10(1)e-1", "10(2)-1")),
        T("APPLIED", "check_master", "ELIGIBLE", INSTITUTE,
          ("10(1)a-1", "10(1)b-1", "10(1)d-1", "10(1)e-1", "10(1)f-1", "10(1)g-1", "10(2)-1", "10(3)-1", "10(4)-1", "10(5)-1", "10(6)-1"), ("10(5)-4", "10(6)-2", "10(5)-3"),
          note="master's candidates; a raised GPA minimum (10(5)-4) or a language requirement (10(6)-2) is judged when the round is set"),
        T("APPLIED", "check_doctoral", "ELIGIBLE", INSTITUTE,
          ("10(1)a-1", "10(1)c-1", "10(1)d-1", "10(1)e-1", "10(1)f-1", "10(1)g-1", "10(2)-1", "10(3)-1", "10(4)-1", "10(5)-2", "10(7)-1", "10(7)-2", "10(7)-3", "10(7)-6", "10(7)-7"), ("10(5)-4", "10(7)-4", "10(5)-3", "10(7)-5"),
          note="PhD/AI candidates (A-03); raised minima (10(5)-4, 10(7)-4) are judged when the round is set"),
        T("APPLIED", "reject", "INELIGIBLE", INSTITUTE),
        T("ELIGIBLE", "assign_specialist_track", "SPEC_TRACK", SYSTEM, (), refs=("12(1)-1",)),
        T("ELIGIBLE", "assign_international_track", "INTL_TRACK", SYSTEM, (), note="continue in KTMU-W-05", refs=("4-2", "13(1)-1")),
        T("ELIGIBLE", "reject", "INELIGIBLE", INSTITUTE),
        # 12(5)-3 (GRE/GMAT → ALES) and 12(5)-5 (validity) are sub-rules the waiver rule 12(5)-1 evaluates itself
        T("SPEC_TRACK", "waive_written", "WRITTEN_WAIVED", SYSTEM, ("12(5)-6",), ("12(5)-3", "12(5)-5", "12(5)-1")),
        T("SPEC_TRACK", "require_written", "WRITTEN_REQUIRED", SYSTEM, refs=("12(5)-1",)),
        *[T(s, "sit_exam", "EXAMINED", "body:spec_exam_commission",
            ("11-2", "12(4)-1", "12(4)-2", "12(4)a-1", "12(4)b-1"), ("12(5)-2", "12(5)-4", "11-1"))
          for s in ("WRITTEN_WAIVED", "WRITTEN_REQUIRED")],
        *[T(s, "absent", "ABSENT", SYSTEM, refs=("12(6)-1",)) for s in ("WRITTEN_WAIVED", "WRITTEN_REQUIRED")],
        T("EXAMINED", "score_pass", "PASSED", "body:spec_exam_commission", ("12(6)-1",)),
        # a failing result is what 12(6)-1 returns FAIL for: it is the reason of the step, not a guard that must pass
        T("EXAMINED", "score_fail", "FAILED", "body:spec_exam_commission", refs=("12(6)-1",)),
        T("ABSENT", "close", "FAILED", SYSTEM, refs=("12(6)-1",)),
        T("PASSED", "compute_master_composite", "SCORED", SYSTEM, (), refs=("12(4)c-1", "12(2)-1", "12(7)-1")),
        T("PASSED", "compute_doctoral_composite", "SCORED", SYSTEM, (), refs=("12(4)c-1", "12(2)-1", "12(3)-1", "12(7)-2")),
        T("SCORED", "publish_results", "RESULTS_PUBLISHED", INSTITUTE, refs=("33-1",)),
        # the Institute Board decides in W-16a (on the appeal); this step records the corrected grade on the file,
        # citing that decision
        T("RESULTS_PUBLISHED", "correct_after_appeal", "RESULTS_PUBLISHED", SYSTEM, ("33-1", "33-2", "33-3"),
          note="see KTMU-W-16a (Institute Board decision on the appeal)"),
        T("RESULTS_PUBLISHED", "place_main_list", "ENTITLED", INST_BOARD, ("12(8)-1",), refs=("12(7)-3",)),
        T("RESULTS_PUBLISHED", "place_reserve_list", "RESERVE", INST_BOARD, ("12(8)-2",), refs=("12(7)-3",)),
        T("RESULTS_PUBLISHED", "not_placed", "NOT_PLACED", INST_BOARD, ("12(8)-1",), refs=("12(7)-3",)),
        T("ENTITLED", "register", "REGISTERED", (CANDIDATE, INSTITUTE), _REGISTRATION),
        T("ENTITLED", "registration_period_ends", "LOST_RIGHT", SYSTEM, (), ("14(1)-2", "14(2)-1")),
        T("RESERVE", "promote", "ENTITLED", INSTITUTE, (), refs=("14(3)-1",)),
        # 39(1)b-1 returns FAIL when the ground exists: it is the reason of the step, not a guard that must pass
        T("REGISTERED", "original_not_supplied", "DISMISSED", RECTOR, refs=("39(1)b-1",), note="Institute Board proposal, see KTMU-W-19"),
    ],
)

W05_INTERNATIONAL = _wf(
    "KTMU-W-05",
    "Admission — international students",
    "KTMU §5 W-05",
    "ANNOUNCED",
    ("REGISTERED", "LOST_RIGHT", "FAILED", "INELIGIBLE", "NOT_PLACED"),
    [
        T("ANNOUNCED", "apply", "APPLIED", CANDIDATE, ("10(1)-1", "10(1)-2", "10(8)-1", "10(1)a-1", "10(1)b-1", "10(1)e-1", "10(4)-1")),
        T("APPLIED", "check_master", "INTL_ELIGIBLE", INSTITUTE, ("13(1)c-1", "10(5)-1"),
          note="master's candidates; A-12: GPA minimum applies, no language certificate", refs=("4-2", "13(1)-1", "10(5)-3")),
        T("APPLIED", "check_doctoral", "INTL_ELIGIBLE", INSTITUTE, ("13(1)c-1", "10(5)-2"),
          note="PhD/AI candidates; A-12: GPA minimum applies, no language certificate", refs=("4-2", "13(1)-1", "10(5)-3")),
        T("APPLIED", "reject", "INELIGIBLE", INSTITUTE),
        T("INTL_ELIGIBLE", "appoint_commission", "COMMISSION_SET", INST_BOARD, ("13(2)-1",)),
        T("COMMISSION_SET", "sit_oral_exam", "EXAMINED", "body:intl_oral_commission", ("13(1)c-2",)),
        T("EXAMINED", "score_pass", "PASSED", "body:intl_oral_commission", ("13(1)c-3",)),
        T("EXAMINED", "score_fail", "FAILED", "body:intl_oral_commission", refs=("13(1)c-3",)),
        T("PASSED", "place_main_list", "ENTITLED", INST_BOARD, ("12(8)-1",), note="A-12 ranking by oral score"),
        T("PASSED", "place_reserve_list", "RESERVE", INST_BOARD, ("12(8)-2",)),
        T("PASSED", "not_placed", "NOT_PLACED", INST_BOARD, ("12(8)-1",)),
        T("ENTITLED", "register", "REGISTERED", (CANDIDATE, INSTITUTE), _REGISTRATION),
        T("ENTITLED", "registration_period_ends", "LOST_RIGHT", SYSTEM, (), ("14(1)-2", "14(2)-1")),
        T("RESERVE", "promote", "ENTITLED", INSTITUTE, (), refs=("14(3)-1",)),
    ],
)

W06_SPECIAL = _wf(
    "KTMU-W-06",
    "Special-status students",
    "KTMU §5 W-06",
    "NEW",
    ("CLOSED", "REJECTED"),
    [
        T("NEW", "apply", "SPECIAL_APPLIED", "role:applicant", ("15(1)-1", "15(3)-1", "15(4)-1")),
        # the chain of 15(2)-1 (FoS-Head opinion → Institute Board decision) is complete only at the decision
        T("SPECIAL_APPLIED", "give_opinion", "SPECIAL_REVIEWED", FOS_HEAD, refs=("15(2)-1",)),
        T("SPECIAL_REVIEWED", "accept", "SPECIAL_ACTIVE", INST_BOARD, ("15(2)-1",)),
        T("SPECIAL_REVIEWED", "reject", "REJECTED", INST_BOARD, ("15(2)-1",)),
        T("SPECIAL_ACTIVE", "select_courses", "SPECIAL_ACTIVE", STUDENT, ("15(4)-2", "15(4)-3", "19(11)-1")),
        T("SPECIAL_ACTIVE", "issue_card", "SPECIAL_ACTIVE", INSTITUTE, ("15(6)-1", "15(6)-2")),
        T("SPECIAL_ACTIVE", "semester_ends", "SPECIAL_COMPLETED", INSTITUTE, (), ("15(3)-2", "15(5)-1")),
        T("SPECIAL_COMPLETED", "close", "CLOSED", INSTITUTE, ("15(7)-1", "15(7)-2", "15(6)-2"), ("15(4)-4",),
          note="next semester = new application (A-16)"),
    ],
)

W07_EXCHANGE_IN = _wf(
    "KTMU-W-07",
    "Incoming exchange",
    "KTMU §5 W-07",
    "NEW",
    ("EXCH_IN_DONE", "REJECTED"),
    [
        T("NEW", "apply", "EXCH_IN_APPLIED", STUDENT, ("16(1)-1", "16(2)-3", "16(3)-1")),
        T("EXCH_IN_APPLIED", "accept", "EXCH_IN_ACTIVE", INST_BOARD, ("16(3)-1", "16(4)-1"), note="body not named; recommendation"),
        T("EXCH_IN_APPLIED", "reject", "REJECTED", INST_BOARD),
        T("EXCH_IN_ACTIVE", "attend_course", "EXCH_IN_ACTIVE", STUDENT, ("16(2)-1", "16(4)-1")),
        T("EXCH_IN_ACTIVE", "semester_ends", "EXCH_IN_DONE", INSTITUTE, ("16(5)-1",), ("16(2)-2",)),
    ],
)

W08_EXCHANGE_OUT = _wf(
    "KTMU-W-08",
    "Outgoing exchange",
    "KTMU §5 W-08",
    "ACTIVE",
    (),
    [
        # 17(1)-1 needs the opinion → proposal → decision chain, complete only at the approval
        T("ACTIVE", "request_exchange", "EXCH_OUT_REQUESTED", STUDENT, refs=("17(1)-1",)),
        T("EXCH_OUT_REQUESTED", "approve", "EXCH_OUT_APPROVED", INST_BOARD, ("17(1)-1",), note="supervisor opinion → FoS-Head proposal"),
        T("EXCH_OUT_REQUESTED", "reject", "ACTIVE", INST_BOARD),
        T("EXCH_OUT_APPROVED", "depart", "ON_EXCHANGE", STUDENT, ("17(2)-1",)),
        T("ACTIVE", "rectorate_exchange", "ON_EXCHANGE", ("body:rectorate", INST_BOARD), (), note="deemed academic leave", refs=("37(3)-1",)),
        T("ON_EXCHANGE", "study_at_host", "ON_EXCHANGE", STUDENT, ("17(3)-1", "17(4)-1", "17(5)-1"), ("17(5)-2", "17(6)-1")),
        T("ON_EXCHANGE", "extend_or_shorten", "ON_EXCHANGE", INST_BOARD, ("17(3)-2",), note="thesis stage only"),
        T("ON_EXCHANGE", "return", "RETURNED", STUDENT, ("17(7)-1",)),
        T("RETURNED", "recognise", "ACTIVE", INST_BOARD, ("29(4)-1", "29(5)-1"), ("29(3)-1",), note="see KTMU-W-14"),
    ],
)

W09_TRANSFER = _wf(
    "KTMU-W-09",
    "Horizontal transfer of a junior researcher",
    "KTMU §5 W-09",
    "NEW",
    ("REGISTERED", "REJECTED"),
    [
        T("NEW", "programme_opens", "TRANSFER_POSSIBLE", TRUSTEES, ("18-1",), note="last step of KTMU-W-01"),
        # 18-2 requires the Institute Board decision, which comes at the next step; the application re-checks 18-1
        T("TRANSFER_POSSIBLE", "apply", "TRANSFER_APPLIED", "role:junior_researcher", ("18-1",), ("18-2",), note="A-20 timing"),
        T("TRANSFER_APPLIED", "decide", "REGISTERED", INST_BOARD, ("18-2",), ("18-3",)),
        T("TRANSFER_APPLIED", "reject", "REJECTED", INST_BOARD, refs=("18-2",)),
    ],
)

_COURSES_WHILE_NOT_EXEMPT = ("19(10)-1", "19(10)a-1", "19(10)b-1", "19(11)-1")

W10_LANGUAGE = _wf(
    "KTMU-W-10",
    "Language exemption and language programme",
    "KTMU §5 W-10",
    "REGISTERED",
    ("EXEMPT", "DISMISSAL_CASE"),
    [
        T("REGISTERED", "determine_languages", "LANG_CHECK", SYSTEM, ("5(1)-1",), refs=("19(4)-1",)),
        T("LANG_CHECK", "exempt_by_document", "EXEMPT", INSTITUTE, (), refs=("19(1)-1", "19(2)-1", "19(3)-1", "19(5)-1", "19(8)-1")),
        T("LANG_CHECK", "no_exemption_document", "LEX_EXAM_DUE", SYSTEM, (), refs=("19(6)-1",)),
        T("LEX_EXAM_DUE", "exam_passed", "EXEMPT", "role:mspc", ("19(7)-2",), refs=("19(7)-1", "19(8)-1")),
        T("LEX_EXAM_DUE", "exam_failed", "NOT_EXEMPT", "role:mspc", (), refs=("19(7)-1", "19(8)-1")),
        T("NOT_EXEMPT", "enrol_language_programme", "IN_LP", STUDENT, ("19(9)-1",), note="optional (A-22)"),
        T("NOT_EXEMPT", "take_courses", "NOT_EXEMPT", STUDENT, _COURSES_WHILE_NOT_EXEMPT,
          note="ERRATA 23: never a section in a non-exempt language; ERRATA 29: SPP courses not capped at 2"),
        T("IN_LP", "take_courses", "IN_LP", STUDENT, _COURSES_WHILE_NOT_EXEMPT,
          note="ERRATA 23: never a section in a non-exempt language; ERRATA 29: SPP courses not capped at 2"),
        T("NOT_EXEMPT", "resit_passed", "EXEMPT", "role:mspc", (), refs=("19(7)-1", "19(8)-1")),
        T("IN_LP", "resit_passed", "EXEMPT", "role:mspc", (), refs=("19(7)-1", "19(8)-1")),
        T("NOT_EXEMPT", "limit_reached", "DISMISSAL_CASE", INST_BOARD, ("19(12)-1", "39(1)d-1"), ("19(12)-2",)),
        T("IN_LP", "limit_reached", "DISMISSAL_CASE", INST_BOARD, ("19(12)-1", "39(1)d-1"), ("19(12)-2",)),
    ],
)

W11_SPP = _wf(
    "KTMU-W-11",
    "Scientific preparation programme (SPP)",
    "KTMU §5 W-11",
    "REGISTERED",
    ("SPP_COMPLETED", "DISMISSAL_CASE"),
    [
        T("REGISTERED", "assess_need", "SPP_PROPOSED", FOS_COUNCIL, ("20(1)-1",)),
        T("SPP_PROPOSED", "decide", "IN_SPP", INST_BOARD, ("20(2)-1", "20(3)-1", "20(4)-1")),
        T("IN_SPP", "register_semester", "IN_SPP", STUDENT, ("20(6)-1",)),
        T("IN_SPP", "all_courses_passed", "SPP_COMPLETED", SYSTEM, (), ("20(8)-1", "20(5)-1", "20(7)-1")),
        T("IN_SPP", "limit_reached", "DISMISSAL_CASE", INST_BOARD, ("39(1)e-1",)),
    ],
)

W12_SUPERVISION = _wf(
    "KTMU-W-12",
    "Supervisors: appointment, second supervisor, foreign supervisor, change",
    "KTMU §5 W-12",
    "REGISTERED",
    (),
    [
        T("REGISTERED", "interim_supervision", "INTERIM", FOS_HEAD, (), refs=("21(1)-2",)),
        T("INTERIM", "propose_supervisor", "PROPOSED", FOS_COUNCIL, ("21(2)-1",), ("21(3)-1", "21(4)-1", "21(5)-1")),
        T("PROPOSED", "appoint", "SUPERVISED", INST_BOARD, ("21(1)-1",)),
        T("SUPERVISED", "add_second_supervisor", "SUPERVISED", INST_BOARD, ("22(1)-1", "22(1)-2", "21(7)-1"),
          ("22(1)-3", "22(2)-1"), note="ERRATA 27: a foreign-HEI second supervisor counts toward the cap of 2"),
        T("SUPERVISED", "add_foreign_supervisor", "SUPERVISED", INST_BOARD, ("4-8", "21(6)-1", "21(7)-1", "21(8)-1"),
          ("21(6)-2",), note="PhD (and AI, A-28) after coursework and the qualifying exam"),
        T("SUPERVISED", "change_on_application", "THESIS_LOCK", INST_BOARD, ("23(1)-1",)),
        T("SUPERVISED", "mandatory_change", "SUPERVISED", INST_BOARD, ("23(1)-2",), note="no thesis lock"),
        T("THESIS_LOCK", "lock_expires", "SUPERVISED", SYSTEM, ("23(2)-1",)),
        T("SUPERVISED", "supervisor_leaves_continue_online", "SUPERVISED", SUPERVISOR, refs=("21(9)-1",)),
        T("SUPERVISED", "suspend", "SUSPENDED", SYSTEM, ("21(10)-1",)),
        T("THESIS_LOCK", "suspend", "SUSPENDED_LOCKED", SYSTEM, ("21(10)-1",)),
        T("SUSPENDED", "resume", "SUPERVISED", SYSTEM, refs=("21(10)-1",)),
        T("SUSPENDED_LOCKED", "resume", "THESIS_LOCK", SYSTEM, refs=("21(10)-1",)),
    ],
)

W13_REGISTRATION = _wf(
    "KTMU-W-13",
    "Semester registration, course selection, add/drop",
    "KTMU §5 W-13",
    "SEMESTER_OPEN",
    ("FROZEN", "SEMESTER_CLOSED", "DISMISSAL_CASE"),
    [
        T("SEMESTER_OPEN", "publish_timetable", "SELECTION_OPEN", FOS_HEAD, ("25-1",)),
        T("SELECTION_OPEN", "submit_selection", "SUBMITTED", STUDENT,
          ("26(6)-1", "26(7)-1", "26(8)-1", "26(9)-1", "26(10)-1", "26(11)-1", "26(12)-1", "19(11)-1"),
          ("26(1)-1", "20(6)-1", "15(4)-2", "26(2)-1"),
          note="ERRATA 28: institute-code courses count as own-programme; SPP students also KTMU-W-11 (20(6)-1), "
          "special-status students KTMU-W-06 (15(4)-2)"),
        T("SUBMITTED", "approve", "APPROVED", (SUPERVISOR, FOS_HEAD), (), refs=("26(13)-1", "21(1)-2")),
        T("SUBMITTED", "request_changes", "SELECTION_OPEN", (SUPERVISOR, FOS_HEAD), refs=("26(13)-2",)),
        T("SUBMITTED", "supervisor_silent_until_deadline", "AUTO_APPROVED", SYSTEM, (), refs=("26(13)-3",)),
        T("SELECTION_OPEN", "renewal_window_closes", "NOT_RENEWED", SYSTEM, ("26(4)-1", "26(5)-1")),
        T("NOT_RENEWED", "late_registration_accepted", "SELECTION_OPEN", INST_BOARD, (), refs=("26(3)-1",)),
        T("APPROVED", "add_drop", "APPROVED", (STUDENT, SUPERVISOR), ("28(1)-1",)),
        T("AUTO_APPROVED", "add_drop", "APPROVED", (STUDENT, SUPERVISOR), ("28(1)-1",)),
        T("APPROVED", "add_drop_ends", "FINAL_PENDING", INSTITUTE, ("28(2)-1", "27-1", "27-2")),
        T("AUTO_APPROVED", "add_drop_ends", "FINAL_PENDING", INSTITUTE, ("28(2)-1", "27-1", "27-2")),
        T("FINAL_PENDING", "replace_course_not_run", "FINAL_PENDING", (STUDENT, INSTITUTE), ("28(3)-1",)),
        T("FINAL_PENDING", "replacement_period_ends", "FROZEN", SYSTEM, ("28(3)-2",)),
        T("NOT_RENEWED", "semester_ends", "SEMESTER_CLOSED", SYSTEM, ("26(4)-1",), note="first non-renewed semester (A-55)"),
        T("NOT_RENEWED", "second_consecutive_semester_ends", "DISMISSAL_CASE", SYSTEM, ("39(1)c-1",)),
    ],
)

W13A_OTHER_HEI = _wf(
    "KTMU-W-13a",
    "Courses at other HEIs",
    "KTMU §5 W-13a",
    "NEW",
    ("APPROVED", "REJECTED"),
    [
        T("NEW", "apply", "APPLIED", STUDENT, refs=("26(9)-2",)),
        T("APPLIED", "supervisor_consent", "CONSENTED", SUPERVISOR, refs=("26(9)-2",)),
        T("CONSENTED", "propose", "PROPOSED", FOS_COUNCIL, refs=("26(9)-2",)),
        T("PROPOSED", "decide", "APPROVED", INST_BOARD, ("26(9)-1", "26(9)-2")),
        *[T(s, "reject", "REJECTED", b) for s, b in [("APPLIED", SUPERVISOR), ("CONSENTED", FOS_COUNCIL), ("PROPOSED", INST_BOARD)]],
    ],
)

W14_RECOGNITION = _wf(
    "KTMU-W-14",
    "Credit transfer (recognition) and exemption",
    "KTMU §5 W-14",
    "NEW",
    ("RECOGNISED", "REJECTED"),
    [
        # 29(1)-1 judges the whole chain (documents, consent, FoS council, Board): it can hold only when the Board
        # decides, so it guards "decide"; the first two steps cite it (the application form requires both documents).
        T("NEW", "apply", "RECOG_APPLIED", STUDENT, refs=("29(1)-1",)),
        T("RECOG_APPLIED", "consent", "RECOG_CONSENTED", SUPERVISOR, refs=("29(1)-1",)),
        T("RECOG_CONSENTED", "propose", "RECOG_PROPOSED", FOS_COUNCIL,
          ("29(1)-2", "29(2)-1", "29(2)a-1", "29(2)b-1", "29(2)c-1", "29(2)d-1", "29(2)e-1", "29(5)-1", "29(6)-1")),
        T("RECOG_PROPOSED", "decide", "RECOGNISED", INST_BOARD, ("29(1)-1",)),
        *[T(s, "reject", "REJECTED", b, refs=("29(1)-1",)) for s, b in
          [("RECOG_APPLIED", SUPERVISOR), ("RECOG_CONSENTED", FOS_COUNCIL), ("RECOG_PROPOSED", INST_BOARD)]],
    ],
)

# the letter and the pass (32(3), 32(4), T1-1) are computed values that the step records (refs); the pass/fail
# gate is 32(5) (a value rule is refused as a guard when the tables are validated)
_GRADING_VALUES = ("32(3)-1", "32(4)-1", "T1-1")
_GRADING = ("32(5)-1",)

W15_COURSE_ASSESSMENT = _wf(
    "KTMU-W-15",
    "Attendance, exams, excuse exams, grading, GPA, progression",
    "KTMU §5 W-15",
    "RUNS",
    ("RE_ENROLLED", "COURSEWORK_COMPLETED", "DISMISSAL_CASE"),
    [
        T("RUNS", "set_assessment_plan", "PLAN_SET", INSTRUCTOR, ("31(1)-1", "32(1)-1"), ("31(2)-1", "31(3)-1", "32(2)-1")),
        T("PLAN_SET", "publish_exam_schedule", "SCHEDULED", FOS_HEAD, ("31(4)-1", "31(4)-2"), ("31(4)-3",)),
        T("SCHEDULED", "attendance_sufficient", "ELIGIBLE_FOR_FINAL", INSTRUCTOR, ("30(1)-1",)),
        # a guard blocks on FAIL, so the negative branches carry no guard: the app's facts builder refuses the branch
        # that the rule's outcome does not support (attendance met ⇒ not F1; a passing grade ⇒ not FAILED)
        T("SCHEDULED", "attendance_insufficient", "F1", INSTRUCTOR, refs=("30(1)-1", "30(2)-1", "30(1)-2")),
        T("ELIGIBLE_FOR_FINAL", "excuse_application", "EXCUSE_EXAM_SET", INST_BOARD, ("31(5)-1",), ("31(5)-2",)),
        # the student sits the excuse exam; its instructor records it (KTMU-32(2)-1)
        T("EXCUSE_EXAM_SET", "sit_excuse_exam", "ELIGIBLE_FOR_FINAL", (STUDENT, INSTRUCTOR), ("31(6)-1",)),
        T("ELIGIBLE_FOR_FINAL", "grade_passed", "PASSED", INSTRUCTOR, _GRADING, _GRADING_VALUES),
        T("ELIGIBLE_FOR_FINAL", "grade_failed", "FAILED", INSTRUCTOR, (), (*_GRADING, *_GRADING_VALUES)),
        T("F1", "grade", "FAILED", SYSTEM, refs=("30(2)-1",)),
        T("PASSED", "submit_scores", "SUBMITTED", (INSTRUCTOR, FOS_HEAD), ("32(6)-1",)),
        T("FAILED", "submit_scores", "SUBMITTED", (INSTRUCTOR, FOS_HEAD), ("32(6)-1",)),
        T("SUBMITTED", "publish", "PUBLISHED", INSTITUTE, refs=("34-1",)),
        T("PUBLISHED", "compute_gpa", "PUBLISHED", SYSTEM, ("32(8)-1",), refs=("32(9)-1", "32(9)-2", "32(9)-3", "30(7)-1")),
        # rows 10–11 split per case (each guard applies to every move it guards): the same course again — a failed
        # course repeated (30(3), 30(4)) or a passed one retaken to raise the GPA, the last grade counting (30(7));
        # another elective instead of a failed one, on the supervisor's proposal (30(6)-1). Dropping a failed or
        # surplus elective (30(6)-2, 30(8)-1, Institute Board) leaves the course record as it is.
        T("PUBLISHED", "re_enrol", "RE_ENROLLED", (STUDENT, SUPERVISOR, INST_BOARD), (), ("30(4)-1", "30(7)-1", "30(3)-1")),
        T("PUBLISHED", "substitute_elective", "RE_ENROLLED", (STUDENT, SUPERVISOR, INST_BOARD), ("30(6)-1",), ("30(6)-2", "30(8)-1")),
        T("PUBLISHED", "progression_completed", "COURSEWORK_COMPLETED", SYSTEM, ("32(11)-1", "32(12)-1")),
        # ground (f) is reported as a FAIL of 39(1)f-1, which a guard would block on: the branch carries no guard and the
        # app's facts builder refuses it unless the rule finds the ground (as for the negative branches above)
        T("PUBLISHED", "progression_failed", "DISMISSAL_CASE", SYSTEM, refs=("39(1)f-1",)),
    ],
)

W16A_SPEC_APPEAL = _wf(
    "KTMU-W-16a",
    "Appeal against the specialist-exam result (art. 33)",
    "KTMU §5 W-16a",
    "RESULTS_PUBLISHED",
    ("GRADE_CORRECTED", "CLOSED"),
    [
        T("RESULTS_PUBLISHED", "appeal", "APPEAL_FILED", CANDIDATE, ("33-1",)),
        T("APPEAL_FILED", "review", "REVIEWED", "body:spec_exam_commission", ("33-2",)),
        T("REVIEWED", "correct", "GRADE_CORRECTED", INST_BOARD, ("33-3",), note="re-rank (KTMU-W-04)"),
        T("REVIEWED", "no_error", "CLOSED", INST_BOARD, refs=("33-3",)),
    ],
)

W16B_EXAM_APPEAL = _wf(
    "KTMU-W-16b",
    "Appeal against a course-exam result (art. 34)",
    "KTMU §5 W-16b",
    "PUBLISHED",
    ("DECIDED",),
    [
        T("PUBLISHED", "appeal", "APPEAL_FILED", STUDENT, ("34-1",)),
        T("APPEAL_FILED", "review", "REVIEWED", INSTRUCTOR, ("34-2",)),
        T("REVIEWED", "correct", "CORRECTED", INST_BOARD, ("34-3",)),
        T("REVIEWED", "uphold", "UPHELD", INST_BOARD, ("34-3",)),
        T("CORRECTED", "second_appeal", "SECOND_APPEAL", STUDENT, ("34-4",)),
        T("UPHELD", "second_appeal", "SECOND_APPEAL", STUDENT, ("34-4",)),
        T("SECOND_APPEAL", "decide", "DECIDED", "body:university_board", refs=("34-4",), note="A-63: no deadline"),
    ],
)

W16C_CORRECTION = _wf(
    "KTMU-W-16c",
    "Instructor-initiated correction (art. 35)",
    "KTMU §5 W-16c",
    "PUBLISHED",
    ("CORRECTED", "REJECTED"),
    [
        T("PUBLISHED", "request_correction", "CORRECTION_REQUESTED", INSTRUCTOR, ("35-1",)),
        T("CORRECTION_REQUESTED", "approve", "CORRECTED", INST_BOARD, ("35-2",)),
        T("CORRECTION_REQUESTED", "reject", "REJECTED", INST_BOARD, ("35-2",)),
    ],
)

W16D_DEFENCE_APPEAL = _wf(
    "KTMU-W-16d",
    "Appeal against the thesis-defence result (art. 36)",
    "KTMU §5 W-16d (with ERRATA 21)",
    "DEFENCE_FAILED",
    ("CLOSED", "EXTERNAL", "DISMISSAL_CASE"),
    [
        T("DEFENCE_FAILED", "appeal", "APPEAL_FILED", STUDENT, ("36(1)-1",)),
        T("APPEAL_FILED", "form_commission", "COMMISSION_FORMED", INST_MGMT, ("36(2)-1", "36(3)-1", "36(3)-2")),
        T("COMMISSION_FORMED", "report_uphold", "REPORT_UPHOLD", "body:appeal_commission", ("36(4)-1", "36(4)-2"), refs=("36(5)-1", "36(6)-1")),
        T("COMMISSION_FORMED", "report_reevaluate", "REPORT_REEVALUATE", "body:appeal_commission", ("36(4)-1", "36(4)-2"), refs=("36(5)-1", "36(6)-1")),
        T("REPORT_UPHOLD", "decide", "FINAL_DECISION", INST_BOARD, ("36(7)-1",)),
        T("REPORT_REEVALUATE", "send_to_jury", "JURY_REEVALUATION", INST_MGMT, ("36(8)-1",)),
        T("JURY_REEVALUATION", "decide", "FINAL_DECISION", ("body:jury", INST_BOARD), refs=("36(8)-1", "36(9)-1"),
          note="the Institute Board signs (A-50)"),
        T("FINAL_DECISION", "sign_and_notify", "CLOSED", INST_BOARD, ("36(9)-1",)),
        T("CLOSED", "external_remedy", "EXTERNAL", STUDENT, refs=("36(10)-1",)),
        # ERRATA 21: master's → ground (i); PhD/AI → ground h.2 only (2 semesters without passing).
        T("CLOSED", "dismissal_ground_master", "DISMISSAL_CASE", SYSTEM, ("39(1)i-1",), note="MA only (ERRATA 21)"),
        T("DEFENCE_FAILED", "appeal_window_expired_master", "DISMISSAL_CASE", SYSTEM, ("39(1)i-1", "36(1)-1"),
          note="MA only, after the 2-month appeal window (ERRATA 21)"),
        T("CLOSED", "dismissal_ground_doctoral", "DISMISSAL_CASE", SYSTEM, ("39(1)h-2",),
          note="PhD/AI: only when the defence is not passed within 2 semesters (ERRATA 21)"),
        T("DEFENCE_FAILED", "dismissal_ground_doctoral", "DISMISSAL_CASE", SYSTEM, ("39(1)h-2",),
          note="PhD/AI: only when the defence is not passed within 2 semesters (ERRATA 21)"),
    ],
)

W17_LEAVE = _wf(
    "KTMU-W-17",
    "Leave (permission of absence, art. 37)",
    "KTMU §5 W-17",
    "ACTIVE",
    (),
    [
        T("ACTIVE", "request_leave", "LEAVE_REQUESTED", STUDENT, ("37(1)-1", "37(7)-1")),
        T("LEAVE_REQUESTED", "decide", "ON_LEAVE", INST_BOARD, ("37(1)-1",)),
        T("LEAVE_REQUESTED", "reject", "ACTIVE", INST_BOARD, refs=("37(7)-1",), note="the Board refuses (standing: no guard, the refusal is its decision)"),
        T("ACTIVE", "study_leave", "ON_LEAVE", INST_BOARD, ("37(2)-1",), ("37(2)-2",),
          note="37(2)-2's value (counts or not) is the board's choice, recorded; only an undecided value refuses"),
        T("ACTIVE", "academic_permission", "ON_LEAVE", INST_BOARD, (), refs=("37(3)-1",)),
        T("ON_LEAVE", "notify_instructors", "ON_LEAVE", INSTITUTE, ("37(4)-1",)),
        T("ON_LEAVE", "exam_sat_during_leave", "ON_LEAVE", SYSTEM, refs=("37(5)-1",),
          note="the result is void (the rule's VOID is recorded as the explanation; the app moves only on VOID)"),
        T("ON_LEAVE", "leave_ends", "ACTIVE", SYSTEM, refs=("37(6)-1",)),
    ],
)

_LEAVE_STATES = ("ACADEMIC_LEAVE_HEALTH", "ACADEMIC_LEAVE_CHILDBIRTH", "ACADEMIC_LEAVE_EXCUSED", "ACADEMIC_LEAVE_MILITARY")

W18_ACADEMIC_LEAVE = _wf(
    "KTMU-W-18",
    "Academic leave (art. 38)",
    "KTMU §5 W-18",
    "ACTIVE",
    (),
    [
        T("ACTIVE", "submit_health_documents", "HEALTH_DOCS_IN", STUDENT, ("38(1)c-1",)),
        T("HEALTH_DOCS_IN", "decide", "ACADEMIC_LEAVE_HEALTH", INST_BOARD, ("38(1)a-1", "38(1)a-2")),
        T("HEALTH_DOCS_IN", "reject", "ACTIVE", INST_BOARD, refs=("38(1)a-1",), note="a FAIL of 38(1)a-1 is the reason to reject, not a block"),
        T("ACTIVE", "childbirth", "ACADEMIC_LEAVE_CHILDBIRTH", INST_BOARD, ("38(1)b-1",)),
        T("ACADEMIC_LEAVE_HEALTH", "recovered", "ACTIVE", INST_BOARD, (), refs=("38(1)d-1",)),
        T("ACADEMIC_LEAVE_CHILDBIRTH", "return", "ACTIVE", INST_BOARD, refs=("38(1)b-1",)),
        T("ACTIVE", "excused_reason", "ACADEMIC_LEAVE_EXCUSED", INST_BOARD, ("38(2)a-1", "38(2)a-2", "38(2)b-1")),
        T("ACADEMIC_LEAVE_EXCUSED", "resolved", "ACTIVE", INST_BOARD, (), refs=("38(2)c-1",)),
        T("ACTIVE", "military_service", "ACADEMIC_LEAVE_MILITARY", INST_BOARD, (), refs=("38(3)a-1",)),
        T("ACADEMIC_LEAVE_MILITARY", "return", "RETURNING", INST_MGMT, ("38(3)b-1",)),
        T("RETURNING", "renew_registration", "ACTIVE", STUDENT, refs=("38(3)b-1", "26(4)-1"), note="A-53"),
        *[T(s, "activity_attempt", s, SYSTEM, refs=("38(4)-1", "38(5)-1", "21(10)-1"),
            note="classes, exams, QE, proposal, review, pre-defence, defence are blocked / not counted")
          for s in _LEAVE_STATES],
    ],
)

_GROUNDS = [
    ("own_request", "39(1)a-1", ""),
    ("originals_missing", "39(1)b-1", ""),
    ("not_renewed_twice", "39(1)c-1", ""),
    ("language_limit", "39(1)d-1", ""),
    ("spp_limit", "39(1)e-1", ""),
    ("coursework_limit_or_gpa", "39(1)f-1", ""),
    ("ma_practice_reports", "39(1)g-1", "MA; 2 semesters in total (ERRATA 25)"),
    ("ma_interim_reports", "39(1)g-2", "MA"),
    ("ma_thesis_not_submitted", "39(1)g-3", "MA"),
    ("ma_publications_not_submitted", "39(1)g-4", "MA"),
    ("phd_qe_not_passed", "39(1)h-1", "PhD/AI"),
    ("phd_defence_not_passed_2_semesters", "39(1)h-2", "PhD/AI (ERRATA 21)"),
    ("phd_progress_reports", "39(1)h-3", "PhD/AI; 2 consecutive bad semesters (ERRATA 22)"),
    ("phd_successful_reports", "39(1)h-4", "PhD/AI"),
    ("phd_research_abroad", "39(1)h-5", "PhD/AI"),
    ("phd_thesis_not_submitted", "39(1)h-6", "PhD/AI"),
    ("phd_publications_not_submitted", "39(1)h-7", "PhD/AI"),
    ("phd_predefence_failed", "39(1)h-8", "PhD/AI"),
    ("ma_defence_failed", "39(1)i-1", "MA only (ERRATA 21)"),
    ("disciplinary_dismissal", "39(1)j-1", ""),
    ("plagiarism", "39(1)k-1", "see KTMU-W-20"),
]

W19_DISMISSAL = _wf(
    "KTMU-W-19",
    "Dismissal",
    "KTMU §5 W-19 (with ERRATA 21, 22, 25)",
    "ENROLLED",
    ("DISMISSED", "TRANSCRIPT_ISSUED"),
    [
        # a ground rule FAILs when the ground exists: it is the reason of the step (checked by the app, stored as the
        # explanation), not a guard (a FAIL guard would refuse the very move it justifies)
        *[T("ENROLLED", f"ground_{name}", "DISMISSAL_CASE", (SYSTEM, INSTITUTE), refs=(rid,), note=note) for name, rid, note in _GROUNDS],
        T("DISMISSAL_CASE", "propose_dismissal", "DISMISSAL_PROPOSED", INST_BOARD, ("39(2)-1",)),
        T("DISMISSAL_CASE", "drop_case", "ENROLLED", INST_BOARD, note="ground not confirmed"),
        T("DISMISSAL_PROPOSED", "rector_order", "DISMISSED", RECTOR, ("39(2)-1",)),
        T("DISMISSED", "request_transcript", "TRANSCRIPT_REQUESTED", "role:former_student", refs=("39(3)-1",)),
        T("TRANSCRIPT_REQUESTED", "issue_transcript", "TRANSCRIPT_ISSUED", INSTITUTE, refs=("39(3)-1",),
          note="a late issue is still issued; the 2-week check is recorded"),
    ],
)

W20_PLAGIARISM = _wf(
    "KTMU-W-20",
    "Plagiarism",
    "KTMU §5 W-20",
    "NEW",
    ("CLOSED", "DISMISSAL_CASE"),
    [
        T("NEW", "complaint", "COMPLAINT", "role:any_person", ("43(1)-1",)),
        T("COMPLAINT", "refer_to_ethics_committee", "UNDER_INVESTIGATION", INSTITUTE, ("43(1)-1",), ("43(2)-1",),
          note="diploma blocked"),
        T("UNDER_INVESTIGATION", "no_plagiarism", "CLOSED", "body:ethics_committee", ("43(2)-1",)),
        T("UNDER_INVESTIGATION", "plagiarism_found", "DISMISSAL_CASE", "body:ethics_committee", refs=("43(3)-1", "39(1)k-1"),
          note="the ground rule FAILs when plagiarism is established: it is the reason, not a guard"),
    ],
)

W21_TRUSTEES = _wf(
    "KTMU-W-21",
    "Board of Trustees — meeting and vote",
    "KTMU §5 W-21",
    "NEW",
    ("CLOSED", "NOT_QUORATE", "LAPSED"),
    [
        T("NEW", "convene", "CONVENED", "role:bt_chair", ("BT-1-5", "BT-1-6"), ("BT-1-7",)),
        T("CONVENED", "open_quorate", "QUORATE", "role:bt_chair", ("BT-1-8",)),
        # Fixed (governance, issue 8): the quorum rule answers False without quorum, which as a guard would refuse the
        # very step that records it; the app evaluates KTMU-BT-1-8 and cites it (refs), the step has no guard.
        T("CONVENED", "open_not_quorate", "NOT_QUORATE", "role:bt_chair", (), ("BT-1-8",), note="no decisions"),
        # Fixed (governance, issue 8): the catalogue's actor is "members" voting; the vote is the guard's facts (each
        # member's vote), the chair announces the result. A vote that does not adopt produces no adopted decision of
        # the Board, so "body:trustees" alone (an adopted Decision) could never record it.
        T("QUORATE", "vote_adopted", "ADOPTED", (TRUSTEES, "role:bt_chair"), (),
          note="vote_outcome must return ADOPTED (value, not a verdict)", refs=("BT-1-9", "BT-1-10")),
        T("QUORATE", "vote_not_adopted", "NOT_ADOPTED", (TRUSTEES, "role:bt_chair"), (),
          note="vote_outcome must return NOT_ADOPTED", refs=("BT-1-9", "BT-1-10")),
        T("ADOPTED", "next_item", "QUORATE", "role:bt_chair"),
        T("NOT_ADOPTED", "next_item", "QUORATE", "role:bt_chair"),
        T("ADOPTED", "close_meeting", "CLOSED", "role:bt_chair"),
        T("NOT_ADOPTED", "close_meeting", "CLOSED", "role:bt_chair"),
        T("NEW", "urgent_decision", "PROVISIONAL", "body:bt_chair_and_deputies", (), refs=("BT-1-11",)),
        T("PROVISIONAL", "ratify", "ADOPTED", TRUSTEES, (), note="ratification inferred", refs=("BT-1-11",)),
        T("PROVISIONAL", "lapse", "LAPSED", SYSTEM, (), refs=("BT-1-11",)),
    ],
)

KTMU_WORKFLOWS: dict[str, Workflow] = {
    wf.code: wf
    for wf in (
        W01_PROGRAMME, W02_COURSE, W03_QUOTA_ANNOUNCEMENT, W04_ADMISSION, W05_INTERNATIONAL, W06_SPECIAL,
        W07_EXCHANGE_IN, W08_EXCHANGE_OUT, W09_TRANSFER, W10_LANGUAGE, W11_SPP, W12_SUPERVISION,
        W13_REGISTRATION, W13A_OTHER_HEI, W14_RECOGNITION, W15_COURSE_ASSESSMENT, W16A_SPEC_APPEAL,
        W16B_EXAM_APPEAL, W16C_CORRECTION, W16D_DEFENCE_APPEAL, W17_LEAVE, W18_ACADEMIC_LEAVE,
        W19_DISMISSAL, W20_PLAGIARISM, W21_TRUSTEES,
    )
}
