"""Issue 8, "Done when": an institute board meeting whose agenda collects a dismissal proposal (W-19) and an exam
appeal (W-16b) from the body's queue; with quorum and votes, the board's decisions move both files through the one
transition service, each transition citing the decision. Built on the demo seed, as a board secretary finds it."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from bilim.apps.governance.models import Body
from bilim.apps.workflow.models import Transition
from bilim.apps.workflow.selectors import pending_for_body
from tests.governance.support import chair_user, ensure_members

pytestmark = pytest.mark.django_db


@pytest.mark.workflow("W-19", "W-16b")
def test_an_institute_board_meeting_decides_a_dismissal_proposal_and_an_exam_appeal(seeded: Any) -> None:
    from bilim.apps.governance import meetings as svc

    wanted = {"standing.dismissalcase", "postgrad.gradeappeal"}
    board = None
    for body in Body.objects.filter(kind=Body.Kind.INSTITUTE_BOARD, institution__code="ktmu"):
        kinds = {p.obj._meta.label_lower for p in pending_for_body(body)}
        if wanted <= kinds:
            board = body
            break
    assert board is not None, "the demo seed has an institute board with a dismissal proposal and an appeal waiting"
    on = dt.date.today()
    members = ensure_members(board, on)
    actor = chair_user(board, on)
    meeting = svc.meeting_convene(actor=actor, body=board, held_on=on, place="Зал 1")
    items = svc.agenda_build(actor=actor, meeting=meeting)
    chosen = {}
    for it in items:
        if it.subject_type in wanted and it.subject_type not in chosen:
            chosen[it.subject_type] = it
    assert set(chosen) == wanted  # the agenda was built from the queue, both files are on it
    svc.meeting_open(actor=actor, meeting=meeting, present=[m.person for m in members])
    for it in chosen.values():
        for m in members:
            svc.vote_cast(actor=actor, item=it, person=m.person, choice="YES")
        svc.item_decide(actor=actor, item=it)
        it.refresh_from_db()
        tr = Transition.objects.filter(object_type=it.subject_type, object_id=it.subject_id).order_by("-at", "-id").first()
        assert tr is not None and tr.decision_id is not None, it.subject_type  # the decision moved the file and is cited
        assert tr.decision.body_id == board.pk and tr.decision.status == "adopted"
        assert tr.workflow == it.workflow_code and tr.action == it.action
