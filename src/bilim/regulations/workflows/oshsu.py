"""OshSU Regulation on Academic Mobility — the workflow tables of catalogue §4, as data.

Registered workflows (codes; ``ref`` names the catalogue section the apps look them up by):

* ``osu.student_outgoing`` — §4.1 outgoing long-term student mobility (main line, one state column);
* ``osu.student_outgoing_dlt`` — the exams of distance-taught disciplines, a **parallel track** opened at
  ``RETURNED`` (ERRATA 8, ref without a section number so that section look-ups find the main line);
* ``osu.student_outgoing_short`` / ``osu.student_outgoing_virtual`` / ``osu.student_outgoing_domestic`` —
  the §4.2 variants;
* ``osu.student_incoming`` — §4.3; ``osu.staff_outgoing`` — §4.4; ``osu.staff_incoming`` — §4.5.

Parallel tracks (ERRATA 8). The catalogue reached ``DLT_EXAMS`` only after recognition and the paid summer
retake; the original ties the free DLT exams to the return alone. Here the main line carries the results
documents → recognition → summer-retake sequence (the retake needs the failed-credit sum of the host
results, ERRATA 9), and the DLT exams run as a separate small workflow with its own state column, opened
when the main line reaches ``RETURNED`` (``parallel_tracks = {"RETURNED": ("osu.student_outgoing_dlt",)}``).
Its windows (OSU-4.8-FD-14, ERRATA 3) never wait for recognition or retakes. ``ACADEMIC_CLOSED`` is the
join: the main line leaves ``HOST_RESULTS_CLEAR`` (all host results recognised or retaken) only when the
DLT track is in a final state — :func:`tracks_joined` is the check the apps call (guard OSU-4.8-STU-10).
The Appendix 4 report and interview (OSU-4.8-STU-17) may be handed in any time after ``RETURNED``; they
are checked on ``ACADEMIC_CLOSED → CLOSED``.

Other ERRATA applied: 10 (S7/S10: the ISP gate is the milestone SUBMITTED_TO_IRD — guard OSU-4.8-STU-4 /
OSU-4.8-STU-5), 11 (staff chain HOD → DEAN → PJL if project-funded → VR-SCI → rector's order; the
dean's consent is the DEAN step, nothing before ``APPROVAL_HOD`` needs it), 12 (no GPA rejection outside
a competition: the non-competitive path to SELECTED has the IRD-9 guard, which only warns there),
14 (contract debt, guard OSU-4.8-STU-15 — a warning on individual bases), 15 (``OVERDUE`` is a flag
computed by OSU-4.8-STU-12 from the documents and report dates only; the recognition application is a
separate guard of DOCS_RETURNED → RECOGNISED), 16 (announcements warn, never block: OSU-5.5-1 is not
a guard), 18 (substitution information abroad only: guard OSU-4.8-STAFF-2 on the HOD step), 19
(short-term and year-1 bachelors: the short-term variant has no window guard besides OSU-4.8-STU-22).

Guards are the rules that decide a move (the apps must bring their facts, else the move is refused); refs
name every other rule of the step — some are further checks the apps may evaluate on the way (listed in
the note). One rule function implementing several IDs (e.g. the window function STU-19…23) is guarded once.

Authorities use the role codes of :mod:`bilim.regulations.workflows.core`; the dean acts through
``role:dean_office`` (no separate dean role exists), the project leader as ``role:project_leader``.

Public: ``WORKFLOW_CODES``, ``tracks_joined(main_state, dlt_state)``, ``DLT_FINAL_OK``; the tables are
fetched with ``workflows.core.get_workflow(code)``.
"""

from __future__ import annotations

from bilim.regulations.workflows.core import Transition, Workflow, register_workflow

T = Transition

STUDENT = "role:student"
IRD = "role:ird_officer"
FD = "role:dean_office"
VDIR = "role:deputy_dean_ir"
VDAA = "role:deputy_dean_academic"
PL = "role:programme_leader"
HOD = "role:head_of_department"
PJL = "role:project_leader"
VR_SCI = "role:vice_rector_research"
RECTOR = "body:rector_office"
ACC = "role:accounting"
STAFF = "role:staff"
COMMISSION = "body:commission"
SYSTEM = "system"

WINDOW = ("OSU-4.8-STU-19", "OSU-4.8-STU-20", "OSU-4.8-STU-21", "OSU-4.8-STU-22", "OSU-4.8-STU-23")


# --- §4.1 / §4.2 outgoing students --------------------------------------------------------------------------


def _pre_departure(short: bool, domestic: bool, virtual: bool = False) -> list[Transition]:
    """S0…S10: application to departure order. ``short`` drops the ISP/LA steps (OSU-1.3.6-1 long-term only)."""
    apply_guards = ("OSU-4.8-STU-1", "OSU-4.8-STU-2", "OSU-4.8-STU-15", "OSU-4.8-STU-22" if short else "OSU-4.8-STU-19")
    apply_refs = ("OSU-4.2-1", "OSU-3.2-1", "OSU-4.8-STU-18") + (() if short else WINDOW[1:])
    rows = [
        T("DRAFT", "apply", "APPLIED", apply_guards, (STUDENT,), apply_refs,
          "Application D-01 addressed to the dean, lodged with IRD or the dean. The window function (one rule for "
          "STU-19…23) applies to long-term only (ERRATA 19). Also check OSU-4.8-STU-18 when a previous mobility exists."),
        T("APPLIED", "cancel", "CANCELLED", (), (STUDENT,), ("§4.1 S1",)),
        T("APPLIED", "documents_complete", "DOCS_COMPLETE", ("OSU-4.8-STU-3",), (IRD,), ("OSU-4.8-STU-3",),
          "ISP (with its DLT list) required only for long-term mobility (ERRATA 10)."),
        T("DOCS_COMPLETE", "open_selection", "IN_SELECTION", (), (IRD, FD), ("OSU-4.8-IRD-7", "OSU-4.8-FD-1"),
          "Selection announced in advance (IRD-7); announcement content only warns (ERRATA 16)."),
        T("DOCS_COMPLETE", "select_non_competitive", "SELECTED", ("OSU-4.8-IRD-9",), (IRD, VDIR), ("§4.1 S2", "OSU-4.8-VDIR-4"),
          "Individual invitation/initiative or short events: no competition; GPA ≤ 3 only warns (ERRATA 12, A-31)."),
        T("IN_SELECTION", "select", "SELECTED", ("OSU-4.8-IRD-9",), (FD, IRD, COMMISSION),
          ("OSU-4.8-FD-2", "OSU-4.8-IRD-4", "OSU-4.8-IRD-6", "OSU-4.8-IRD-8", "OSU-4.8-FD-1", "OSU-4.8-VDIR-3"),
          "GPA > 3 is a hard gate inside a competition; language is a criterion, not a gate (ERRATA 13)."),
        T("IN_SELECTION", "not_select", "NOT_SELECTED", (), (FD, IRD, COMMISSION), ("OSU-4.8-IRD-9", "OSU-4.8-FD-2")),
        T("SELECTED", "nominate", "NOMINATED", ("OSU-4.8-FD-3",), (FD,), ("OSU-1.3.6-2",),
          "Appendix 1; the ISP (Appendix 2) attached for long-term mobility."),
        T("NOMINATED", "refer", "REFERRED", ("OSU-4.8-STU-15",), (IRD,), ("OSU-4.8-IRD-12", "OSU-4.8-IRD-11"),
          "IRD re-check (contract debt re-evaluated, ERRATA 14) and referral letter D-12."),
        T("NOMINATED", "withdraw", "WITHDRAWN", (), (STUDENT, IRD), ("OSU-4.8-IRD-13",)),
        T("REFERRED", "invitation_received", "INVITED", (), (IRD,), ("OSU-4.3-1", "OSU-4.8-IRD-5"),
          "The official invitation letter D-13 is on file (it is also a term of the STU-5 gate)."),
        T("REFERRED", "host_declines", "HOST_DECLINED", (), (IRD,), ("§4.1 S6",)),
        T("REFERRED", "withdraw", "WITHDRAWN", (), (STUDENT, IRD), ("OSU-4.8-IRD-13",)),
        T("INVITED", "withdraw", "WITHDRAWN", (), (STUDENT, IRD), ("OSU-4.8-IRD-13",)),
    ]
    if short:
        rows.append(
            T("INVITED", "issue_order", "ORDER_ISSUED", ("OSU-4.8-STU-5",), (RECTOR,),
              ("OSU-1.4-2", "OSU-4.8-VDIR-9", "OSU-4.8-HOME-5"), "Departure order; no ISP for short-term mobility (OSU-1.3.6-1).")
        )
        return rows
    rows += [
        T("INVITED", "isp_submitted", "ISP_APPROVED", (),
          (PL, VDAA, FD, IRD), ("OSU-1.3.6-1", "OSU-4.8-FD-4", "OSU-4.8-FD-7", "OSU-4.8-VDIR-7", "OSU-4.8-FD-9", "OSU-4.8-STU-8", "OSU-4.4-1", "OSU-4.8-STU-4"),
          "ISP agreed by PL and VDAA, approved by the dean and handed to IRD: milestone SUBMITTED_TO_IRD (ERRATA 10); "
          "provisional ISP allowed only under OSU-4.8-STU-8."),
        T("ISP_APPROVED", "sign_la", "LA_SIGNED", (), (IRD, VDIR), ("OSU-4.8-IRD-10", "OSU-4.8-VDIR-6")),
        T("ISP_APPROVED", "brief_without_la", "BRIEFED", ("OSU-4.8-IRD-10",), (VDIR,), ("OSU-4.8-IRD-10", "OSU-4.8-VDIR-5"),
          "Only when no learning agreement is required (A-29): guarded by IRD-10, so a file whose call or host requires "
          "an LA is never briefed without it (it could then never get its order, STU-5)."),
        T("LA_SIGNED", "brief", "BRIEFED", (), (VDIR,), ("OSU-4.8-VDIR-5",)),
        T("ISP_APPROVED", "withdraw", "WITHDRAWN", (), (STUDENT, IRD), ("OSU-4.8-IRD-13",)),
        T("LA_SIGNED", "withdraw", "WITHDRAWN", (), (STUDENT, IRD), ("OSU-4.8-IRD-13",)),
        T("BRIEFED", "withdraw", "WITHDRAWN", (), (STUDENT, IRD), ("OSU-4.8-IRD-13",)),
        T("BRIEFED", "issue_order", "ORDER_ISSUED", ("OSU-4.8-STU-5",), (RECTOR,),
          ("OSU-1.4-2", "OSU-4.8-HOME-5", "OSU-4.8-VDIR-9") + (("OSU-1.3.4-1",) if domestic else ("OSU-1.3.2-2",) if virtual else ("OSU-6.2-1",)),
          "Composite gate STU-5 (ISP milestone, LA, debt, window …); AiDoc order by the rector or a vice-rector."),
    ]
    return rows


def _stay(active: str, return_action: str) -> list[Transition]:
    return [
        T("ORDER_ISSUED", "start", active, (), (STUDENT, IRD, VDIR, SYSTEM), ("§4.1 S11", "OSU-4.8-HOME-5"),
          "On the start date (arrival confirmation); finance while away: OSU-4.8-HOME-2, OSU-4.8-STU-14, OSU-4.8-STU-16."),
        T(active, return_action, "RETURNED", (), (RECTOR, VDIR), ("OSU-1.3-4", "OSU-4.8-VDIR-9"),
          "End date passed and the return order issued in AiDoc; opens the parallel DLT track (ERRATA 8)."),
    ]


def _results_line(graded_credits: bool) -> list[Transition]:
    """S13…S19 of the main line (documents → recognition → retake), ERRATA 8/9/15."""
    docs = T("RETURNED", "documents_returned", "DOCS_RETURNED", (), (STUDENT, FD),
             ("OSU-3.6-1", "OSU-1.3.5-3", "OSU-1.3.5-5", "OSU-4.8-STU-12"),
             "Results documents and report to the deanery; one month from the end at the host (ERRATA 4); late "
             "submission only sets the OVERDUE flag, from these two dates only (ERRATA 15, A-15).")
    close = T("ACADEMIC_CLOSED", "close", "CLOSED", ("OSU-4.8-STU-17",), (IRD,), ("OSU-4.8-IRD-17", "OSU-4.8-STU-18", "OSU-5.6-1"),
              "Appendix 4 report and interview (may be given any time after RETURNED); eligible again next semester.")
    if not graded_credits:
        return [
            docs,
            T("DOCS_RETURNED", "academic_close", "ACADEMIC_CLOSED", (), (SYSTEM, FD), ("OSU-1.3.5-3", "OSU-4.8-STU-10"),
              "Short-term without graded credits: nothing to recognise (§4.2); join with the DLT track if any."),
            close,
        ]
    return [
        docs,
        T("DOCS_RETURNED", "recognise", "RECOGNISED", ("OSU-4.8-FD-10",), (FD,),
          ("OSU-4.8-STU-13", "OSU-4.8-FD-11", "OSU-4.8-FD-12", "OSU-4.8-HOME-1", "OSU-4.8-HOME-3", "OSU-4.5-1",
           "OSU-4.8-VDIR-8", "OSU-4.8-FD-13", "OSU-4.8-IRD-15", "OSU-4.8-STU-9"),
          "Recognition application to the dean (no deadline, ERRATA 15); every host result decided; recognition "
          "uses the last approved ISP version."),
        T("RECOGNISED", "open_expulsion", "EXPULSION_PROCEDURE", (), (FD,), ("OSU-4.8-STU-10", "OSU-4.8-FD-5"),
          "Failed host credits > 15 (host results only, ERRATA 9); the order itself follows the home procedure (A-13)."),
        T("RECOGNISED", "open_retake", "RETAKE_PENDING", (), (FD,), ("OSU-4.8-FD-6", "OSU-4.8-STU-10", "OSU-4.8-FD-5"),
          "0 < failed host credits ≤ 15: paid summer-semester retake (not the free DLT exams, ERRATA 3)."),
        T("RECOGNISED", "host_results_clear", "HOST_RESULTS_CLEAR", (), (SYSTEM, FD), ("OSU-4.8-FD-6", "OSU-4.8-STU-10", "OSU-4.8-FD-5"),
          "No failed host credit."),
        T("RETAKE_PENDING", "retakes_passed", "HOST_RESULTS_CLEAR", (), (FD,), ("OSU-4.8-FD-6", "OSU-4.8-STU-10"),
          "Failed courses passed in the paid summer semester; a failed retake falls under home rules (A-14)."),
        T("HOST_RESULTS_CLEAR", "academic_close", "ACADEMIC_CLOSED", (), (SYSTEM, FD), ("OSU-4.8-STU-10", "OSU-4.8-FD-14"),
          "Join (ERRATA 8): allowed only when the DLT track is final — the apps call tracks_joined()."),
        close,
    ]


def _outgoing(code: str, title: str, ref: str, *, short: bool = False, virtual: bool = False, domestic: bool = False) -> Workflow:
    active = "STUDYING_ONLINE" if virtual else "ABROAD"
    graded = not short
    rows = _pre_departure(short, domestic, virtual) + _stay(active, "end_online" if virtual else "return") + _results_line(graded)
    states: list[str] = []
    for t in rows:
        for s in (t.source, t.target):
            if s not in states:
                states.append(s)
    finals = tuple(s for s in ("CLOSED", "CANCELLED", "NOT_SELECTED", "WITHDRAWN", "HOST_DECLINED", "EXPULSION_PROCEDURE") if s in states)
    return register_workflow(
        Workflow(
            code=code,
            title=title,
            ref=ref,
            states=tuple(states),
            initial="DRAFT",
            final=finals,
            transitions=tuple(rows),
            parallel_tracks={"RETURNED": ("osu.student_outgoing_dlt",)},
        )
    )


STUDENT_OUTGOING = _outgoing("osu.student_outgoing", "Outgoing student mobility — long-term (semester / year)", "OSU §4.1")

#: States of the DLT track that let the main line close (DLT_DEBT blocks the join until cleared).
DLT_FINAL_OK = frozenset({"NO_DLT_DISCIPLINES", "DLT_PASSED"})

STUDENT_OUTGOING_DLT = register_workflow(
    Workflow(
        code="osu.student_outgoing_dlt",
        title="Exams of distance-taught (difference) disciplines after return — parallel track",
        ref="OSU ERRATA 8 / OSU-4.8-FD-14",
        states=("DLT_EXAMS", "FLAGGED_TO_DEAN", "NO_DLT_DISCIPLINES", "DLT_PASSED", "DLT_DEBT"),
        initial="DLT_EXAMS",
        final=("NO_DLT_DISCIPLINES", "DLT_PASSED"),
        transitions=(
            T("DLT_EXAMS", "none_to_take", "NO_DLT_DISCIPLINES", (), (SYSTEM,), ("OSU-4.8-STU-3",),
              "The ISP lists no DLT discipline: the track is passed through."),
            T("DLT_EXAMS", "all_passed", "DLT_PASSED", ("OSU-4.8-FD-14",), (FD,), ("OSU-4.8-FD-8", "OSU-4.8-STU-11", "OSU-4.8-STU-10"),
              "Free first exams: fall disciplines within the first month of spring, spring ones within the summer "
              "semester (ERRATA 3); never waits for recognition or retakes (ERRATA 8)."),
            T("DLT_EXAMS", "flag_no_window", "FLAGGED_TO_DEAN", ("OSU-4.8-FD-14",), (SYSTEM, FD), ("OSU-4.8-FD-14",),
              "A stay covering fall and spring has no window for the fall exams: flagged to the dean, not failed (ERRATA 8)."),
            T("FLAGGED_TO_DEAN", "schedule", "DLT_EXAMS", (), (FD,), ("OSU-4.8-FD-14",), "The dean sets the exam dates."),
            T("DLT_EXAMS", "not_passed", "DLT_DEBT", (), (FD,), ("OSU-4.8-STU-10",),
              "Unpassed DLT discipline: academic debt under home rules, never in the 15-credit sum (ERRATA 9)."),
            T("DLT_DEBT", "debt_cleared", "DLT_PASSED", (), (FD,), ("OSU-4.8-STU-10",),
              "The debt was closed under the home rules; the join may then happen."),
        ),
    )
)

STUDENT_OUTGOING_SHORT = _outgoing(
    "osu.student_outgoing_short", "Outgoing student mobility — short-term (≤ 1 month; events, schools)", "OSU §4.2 short-term",
    short=True,
)
STUDENT_OUTGOING_VIRTUAL = _outgoing(
    "osu.student_outgoing_virtual", "Outgoing student mobility — distance (virtual), long-term", "OSU §4.2 distance",
    virtual=True,
)
STUDENT_OUTGOING_DOMESTIC = _outgoing(
    "osu.student_outgoing_domestic", "Outgoing student mobility — internal (domestic), long-term", "OSU §4.2 internal",
    domestic=True,
)


def tracks_joined(main_state: str, dlt_state: str) -> bool:
    """ERRATA 8: may the main line move HOST_RESULTS_CLEAR (or DOCS_RETURNED, short-term) → ACADEMIC_CLOSED?"""
    return main_state in {"HOST_RESULTS_CLEAR", "DOCS_RETURNED"} and dlt_state in DLT_FINAL_OK


# --- §4.3 incoming students ---------------------------------------------------------------------------------------

STUDENT_INCOMING = register_workflow(
    Workflow(
        code="osu.student_incoming",
        title="Incoming student mobility (OshSU as host)",
        ref="OSU §4.3",
        states=("NOMINATION_RECEIVED", "ACCEPTED", "DECLINED", "VISA_AND_MIGRATION", "ARRIVED", "STUDYING", "RESULTS_ISSUED", "DEPARTED"),
        initial="NOMINATION_RECEIVED",
        final=("DECLINED", "DEPARTED"),
        transitions=(
            T("NOMINATION_RECEIVED", "accept", "ACCEPTED", (), (IRD, FD), ("OSU-4.8-IRD-3", "OSU-4.8-IRD-4", "OSU-2.2-4"),
              "Within the partner's quota/agreement; OshSU invitation letter (mirror of OSU-4.3-1, inferred)."),
            T("NOMINATION_RECEIVED", "decline", "DECLINED", (), (IRD,), ("§4.3 I0",)),
            T("ACCEPTED", "visa_and_migration", "VISA_AND_MIGRATION", (), (IRD,), ("OSU-1.5-1", "OSU-6.2-1"),
              "External physical mobility only."),
            T("ACCEPTED", "arrive", "ARRIVED", (), (IRD,), ("§4.3 I1",), "Domestic or distance mobility: no visa step."),
            T("VISA_AND_MIGRATION", "arrive", "ARRIVED", (), (IRD,), ("OSU-1.5-1",)),
            T("ARRIVED", "start_studies", "STUDYING",
              ("OSU-4.8-HOST-1", "OSU-4.8-HOST-3"), (FD, IRD),
              ("OSU-4.8-FD-15", "OSU-4.8-HOST-5", "OSU-6.3-1", "OSU-4.8-HOST-2", "OSU-4.6-1"),
              "Coordinator from the curators, regular group, AVN registration; no invoice under a bilateral agreement."),
            T("STUDYING", "issue_results", "RESULTS_ISSUED", (), (FD, IRD), ("OSU-4.8-HOST-4", "OSU-1.3.5-3"),
              "Transcript / statement with every discipline graded (long-term), hours or participation certificate (short)."),
            T("RESULTS_ISSUED", "depart", "DEPARTED", (), (IRD, SYSTEM), ("OSU-1.3-4", "OSU-5.6-1")),
        ),
    )
)


# --- §4.4 outgoing staff (ERRATA 11) ----------------------------------------------------------------------------------

STAFF_OUTGOING = register_workflow(
    Workflow(
        code="osu.staff_outgoing",
        title="Outgoing staff mobility (business trip)",
        ref="OSU §4.4",
        states=(
            "DRAFT", "SUBMITTED", "APPROVAL_HOD", "APPROVAL_DEAN", "APPROVAL_PJL", "APPROVAL_VR_SCI", "REJECTED",
            "ORDER_ISSUED", "ON_TRIP", "RETURNED", "EXPENSES_REPORTED", "REPORTING", "CLOSED",
        ),
        initial="DRAFT",
        final=("REJECTED", "CLOSED"),
        transitions=(
            T("DRAFT", "submit", "SUBMITTED", ("OSU-4.8-STAFF-2",), (STAFF,), ("OSU-4.8-STAFF-1", "OSU-3.2-1", "OSU-4.3-1"),
              "Handwritten application to the rector + invitation copy, and the HOD's class-substitution information "
              "(second STAFF-2 check, mandatory abroad, ERRATA 18). No dean's consent here (ERRATA 11)."),
            T("SUBMITTED", "route", "APPROVAL_HOD", (), (IRD, HOD, SYSTEM), ("OSU-4.8-STAFF-3",),
              "IRD forwards the file, or the head of department takes it up."),
            T("APPROVAL_HOD", "approve", "APPROVAL_DEAN", (), (HOD,), ("OSU-4.8-STAFF-2", "OSU-4.8-STAFF-3"),
              "Step 1: the head of department, who also vouches for the class substitution."),
            T("APPROVAL_HOD", "reject", "REJECTED", (), (HOD,), ("OSU-4.8-STAFF-3",), "Reason required."),
            T("APPROVAL_DEAN", "approve_project_funded", "APPROVAL_PJL", (), (FD,), ("OSU-1.4-1", "OSU-4.8-STAFF-3"),
              "Step 2 = the dean's consent (A-40), only after the HOD (ERRATA 11); next the project leader."),
            T("APPROVAL_DEAN", "approve", "APPROVAL_VR_SCI", (), (FD,), ("OSU-1.4-1", "OSU-4.8-STAFF-3"),
              "Step 2 for a trip not funded by a research project: PJL skipped."),
            T("APPROVAL_DEAN", "reject", "REJECTED", (), (FD,), ("OSU-4.8-STAFF-3",), "Reason required."),
            T("APPROVAL_PJL", "approve", "APPROVAL_VR_SCI", (), (PJL,), ("OSU-4.8-STAFF-3",), "Step 3."),
            T("APPROVAL_PJL", "reject", "REJECTED", (), (PJL,), ("OSU-4.8-STAFF-3",), "Reason required."),
            T("APPROVAL_VR_SCI", "reject", "REJECTED", (), (VR_SCI,), ("OSU-4.8-STAFF-3",), "Reason required."),
            T("APPROVAL_VR_SCI", "issue_order", "ORDER_ISSUED",
              (), (RECTOR,),
              ("OSU-4.8-STAFF-1", "OSU-4.8-HOME-5", "OSU-4.8-STAFF-7", "OSU-4.8-STAFF-8", "OSU-4.8-HOME-4", "OSU-6.1-1", "OSU-4.8-STAFF-3"),
              "Step 4 approved (STAFF-3 = READY_FOR_ORDER) and the rector's order issued. Own-initiative trips: also "
              "check unpaid leave (HOME-4) and no university money (STAFF-8)."),
            T("ORDER_ISSUED", "start", "ON_TRIP", (), (STAFF, SYSTEM), ("OSU-4.8-STAFF-1", "OSU-6.2-1", "OSU-4.8-STAFF-4")),
            T("ON_TRIP", "return", "RETURNED", (), (STAFF, SYSTEM), ("OSU-1.3-4",)),
            T("RETURNED", "expenses_reported", "EXPENSES_REPORTED", (), (ACC,), ("OSU-4.8-STAFF-5",),
              "University-funded (wholly or partly): advance report within 5 working days; lateness is a flag (status)."),
            T("RETURNED", "no_expense_report", "REPORTING", (), (SYSTEM,), ("OSU-4.8-STAFF-5", "OSU-4.8-STAFF-8"),
              "Only when no university money funded the trip (expense_report_status = NOT_REQUIRED)."),
            T("EXPENSES_REPORTED", "report", "REPORTING", (), (STAFF, SYSTEM), ("OSU-4.8-STAFF-6",)),
            T("REPORTING", "close", "CLOSED", ("OSU-4.8-STAFF-6",), (STAFF, HOD, IRD), ("OSU-3.6-2", "OSU-3.6-3", "OSU-4.8-IRD-16", "OSU-4.8-IRD-17"),
              "Department discussion, faculty presentation, proposals, short report to IRD, effectiveness assessment."),
        ),
    )
)


# --- §4.5 incoming staff --------------------------------------------------------------------------------------------------

STAFF_INCOMING = register_workflow(
    Workflow(
        code="osu.staff_incoming",
        title="Incoming staff mobility (OshSU as host / inviting party)",
        ref="OSU §4.5",
        states=("REQUESTED", "INVITED", "CANCELLED", "ON_SITE", "COMPLETED"),
        initial="REQUESTED",
        final=("CANCELLED", "COMPLETED"),
        transitions=(
            T("REQUESTED", "invite", "INVITED", (), (IRD,), ("OSU-1.1-1", "OSU-1.3.3-2", "OSU-1.3.4-2"),
              "OshSU invitation letter (inferred mirror of OSU-4.3-1)."),
            T("REQUESTED", "cancel", "CANCELLED", (), (IRD, HOD), ("§4.5 J0",)),
            T("INVITED", "cancel", "CANCELLED", (), (IRD,), ("§4.5 J1",)),
            T("INVITED", "arrive", "ON_SITE", ("OSU-6.3-1",), (IRD,), ("OSU-1.5-1", "OSU-6.2-1")),
            T("ON_SITE", "depart", "COMPLETED", (), (IRD, SYSTEM), ("OSU-1.3-4", "OSU-5.6-1")),
        ),
    )
)

WORKFLOW_CODES = (
    STUDENT_OUTGOING.code,
    STUDENT_OUTGOING_DLT.code,
    STUDENT_OUTGOING_SHORT.code,
    STUDENT_OUTGOING_VIRTUAL.code,
    STUDENT_OUTGOING_DOMESTIC.code,
    STUDENT_INCOMING.code,
    STAFF_OUTGOING.code,
    STAFF_INCOMING.code,
)
