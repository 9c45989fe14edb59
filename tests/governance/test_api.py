"""Governance API: a member sees their bodies, the public sees public decisions; bad votes are 4xx citing the rule."""

from __future__ import annotations

import pytest

from bilim.apps.governance import meetings as svc
from tests.governance.conftest import DAY


@pytest.fixture
def open_meeting(gw):  # noqa: ANN001
    actor = gw.users["secretary"]
    m = svc.meeting_convene(actor=actor, body=gw.board, held_on=DAY, place="204")
    svc.meeting_open(actor=actor, meeting=m, present=[gw.p[k] for k in ("b_chair", "b1", "b2")])
    return m


def test_member_sees_own_bodies_outsider_none(client, gw):  # noqa: ANN001
    client.force_login(gw.users["chair"])  # a trustee from outside: sees the Board only
    r = client.get("/api/v1/governance/bodies")
    assert r.status_code == 200 and [b["code"] for b in r.json()] == ["bt"]
    assert client.get(f"/api/v1/governance/bodies/{gw.board.pk}").status_code == 404
    client.force_login(gw.users["outsider"])
    assert client.get("/api/v1/governance/bodies").status_code == 403


def test_votes_and_decision_through_the_api(client, gw, open_meeting):  # noqa: ANN001
    client.force_login(gw.users["secretary"])
    r = client.post(f"/api/v1/governance/meetings/{open_meeting.pk}/items", {"title": "Окуу планы", "public": True}, content_type="application/json")
    assert r.status_code == 200, r.content
    item = r.json()["id"]
    r = client.post(f"/api/v1/governance/items/{item}/votes", {"person_id": gw.p["outsider"].pk, "choice": "YES"}, content_type="application/json")
    assert r.status_code == 422 and "institution-setting" in r.json()["detail"]
    for k in ("b_chair", "b1"):
        assert client.post(f"/api/v1/governance/items/{item}/votes", {"person_id": gw.p[k].pk, "choice": "YES"},
                           content_type="application/json").status_code == 200
    r = client.post(f"/api/v1/governance/items/{item}/votes", {"person_id": gw.p["b1"].pk, "choice": "NO"}, content_type="application/json")
    assert r.status_code == 409
    r = client.post(f"/api/v1/governance/items/{item}/votes", {"person_id": gw.p["b2"].pk, "choice": "MAYBE"}, content_type="application/json")
    assert r.status_code == 422
    r = client.post(f"/api/v1/governance/items/{item}/decide")
    assert r.status_code == 200 and r.json()["status"] == "adopted"
    r = client.post(f"/api/v1/governance/meetings/{open_meeting.pk}/close", {}, content_type="application/json")
    assert r.status_code == 200 and r.json()["status"] == "closed"
    r = client.post(f"/api/v1/governance/meetings/{open_meeting.pk}/close", {}, content_type="application/json")
    assert r.status_code == 409 and "secretary" in r.json()["detail"]  # who closed it first
    client.logout()
    r = client.get("/api/v1/governance/decisions")
    assert r.status_code == 200 and [d["title"] for d in r.json()] == ["Окуу планы"]
