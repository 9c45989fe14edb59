"""Quorum and majority of the deciding bodies other than the Board of Trustees.

The KTMU and OshSU instructions name the bodies that decide (FoS academic council, Institute Board,
Senate, rector's office, commissions…) but, except for the Board of Trustees (Part B item 1,
``bilim.regulations.governance.trustees``) and the thesis appeal commission (KTMU-36(6)-1), they do not
state a quorum or a majority. Those are institution settings, kept as dated parameters
(``params/ktmu_bodies.yaml``: ``gov.body.quorum`` and ``gov.body.majority``, one value per body kind and
a ``default``), so that a change is a new dated entry and a decision keeps the setting it was taken under.

Public functions (pure, no Django):

* ``body_quorum(kind, member_ids, present_ids, as_of)`` — Outcome, value True/False;
* ``body_vote(kind, member_ids, present_ids, yes, no, abstain, as_of)`` — Outcome, value
  ``ADOPTED`` / ``NOT_ADOPTED`` / ``NO_QUORUM``.

Quorum readings: ``MORE_THAN_HALF`` (more than half of the voting members present), ``ALL`` (every
voting member present), or an integer (at least that many). Majority bases: ``VOTES_CAST`` (yes > no),
``MEMBERS_PRESENT`` / ``ALL_MEMBERS`` (yes more than half of them).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from bilim.regulations.core import params as _params
from bilim.regulations.core.calendar import default_calendar
from bilim.regulations.core.outcome import Explanation, Outcome, ParamUse


def _setting(name: str, kind: str, on: dt.date) -> tuple[Any, ParamUse]:
    use = _params.get(name, on)
    table = use.value
    value = table.get(kind, table.get("default"))
    return value, use


def _outcome(value: Any, key: str, uses: list[ParamUse], inputs: dict[str, Any], as_of: dt.date, children: list[Explanation] | None = None,
             **values: Any) -> Outcome:
    refs = tuple(dict.fromkeys(u.ref for u in uses))
    return Outcome(value, Explanation(rule_ids=refs, result=value, message_key=key, message_values=values, inputs=inputs,
                                      params=uses, children=children or [], skipped=[], as_of=as_of))


def quorum_need(kind: str, voting_members: int, as_of: dt.date) -> int:
    """How many voting members must be present for a body of ``kind`` (setting ``gov.body.quorum``)."""
    reading, _use = _setting("gov.body.quorum", kind, as_of)
    if reading == "ALL":
        return voting_members
    if reading == "MORE_THAN_HALF":
        return voting_members // 2 + 1
    return int(reading)


def body_quorum(kind: str, member_ids: list[str], present_ids: list[str], as_of: dt.date) -> Outcome:
    """Quorate (True) when enough voting members of the body are present on the meeting day
    (``gov.body.quorum`` for the body's kind); guests and non-voting members are not counted."""
    reading, use = _setting("gov.body.quorum", kind, as_of)
    members = set(member_ids)
    present = len(set(present_ids) & members)
    need = quorum_need(kind, len(members), as_of)
    inputs = {"kind": kind, "member_ids": sorted(members), "present_ids": sorted(set(present_ids))}
    if members and present >= need:
        return _outcome(True, "gov.body.quorum.ok", [use], inputs, as_of, present=present, need=need, members=len(members))
    return _outcome(False, "gov.body.quorum.short", [use], inputs, as_of, present=present, need=need, members=len(members))


def body_vote(kind: str, member_ids: list[str], present_ids: list[str], yes: int, no: int, abstain: int, as_of: dt.date) -> Outcome:
    """``ADOPTED`` when the yes votes reach the majority of the body's setting (``gov.body.majority``) at a
    quorate meeting; ``NO_QUORUM`` without quorum (no decision is taken); else ``NOT_ADOPTED``."""
    q = body_quorum(kind, member_ids, present_ids, as_of)
    base_rule, use = _setting("gov.body.majority", kind, as_of)
    inputs = {"kind": kind, "yes": yes, "no": no, "abstain": abstain}
    if not q.value:
        return _outcome("NO_QUORUM", "gov.body.vote.no_quorum", [use], inputs, as_of, [q.explanation])
    present = len(set(present_ids) & set(member_ids))
    if yes + no + abstain > present:
        raise ValueError("more votes than voting members present")
    if base_rule == "VOTES_CAST":
        adopted = yes > no
    else:
        base = present if base_rule == "MEMBERS_PRESENT" else len(set(member_ids))
        adopted = 2 * yes > base
    key = "gov.body.vote.adopted" if adopted else "gov.body.vote.rejected"
    return _outcome("ADOPTED" if adopted else "NOT_ADOPTED", key, [use], inputs, as_of, [q.explanation], yes=yes, no=no, abstain=abstain,
                    base=base_rule)


__all__ = ["body_quorum", "body_vote", "default_calendar", "quorum_need"]
