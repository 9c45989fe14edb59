"""The pages of bodies at work render for the people who may see them and refuse the others."""

from __future__ import annotations

import datetime as dt

import pytest

from bilim.apps.governance import meetings as svc
from tests.governance.conftest import DAY


@pytest.fixture
def held(gw):  # noqa: ANN001
    actor = gw.users["bt_secretary"]
    m = svc.meeting_convene(actor=actor, body=gw.bt, held_on=DAY, place="Бишкек")
    item = svc.item_add(actor=actor, meeting=m, title="Квота 2027", public=True)
    svc.meeting_open(actor=actor, meeting=m, present=[gw.p[k] for k in ("chair", "dep_kg", "dep_tr", "tr1", "kg1")])
    for k in ("chair", "dep_kg", "dep_tr", "tr1", "kg1"):
        svc.vote_cast(actor=actor, item=item, person=gw.p[k], choice="YES")
    item = svc.item_decide(actor=actor, item=item)
    return m, item


def test_member_sees_body_meeting_minutes_outsider_does_not(client, gw, held):  # noqa: ANN001
    m, item = held
    client.force_login(gw.users["chair"])
    r = client.get(f"/governance/bodies/{gw.bt.pk}/")
    assert r.status_code == 200 and "KTMU-BT-1-1" in r.content.decode()
    r = client.get(f"/governance/meetings/{m.pk}/")
    assert r.status_code == 200 and "Квота 2027" in r.content.decode()
    for lang in ("ky", "tr", "ru", "en"):
        r = client.get(f"/governance/meetings/{m.pk}/minutes/{lang}.pdf")
        assert r.status_code == 200 and r.content[:4] == b"%PDF"
    r = client.get(f"/governance/meetings/{m.pk}/minutes/ky.docx")
    assert r.status_code == 200 and r.content[:2] == b"PK"
    r = client.get(f"/governance/bodies/{gw.bt.pk}/register/?year=2026")
    assert r.status_code == 200
    r = client.get(f"/governance/bodies/{gw.bt.pk}/register.xlsx?year=2026")
    assert r.status_code == 200 and r.content[:2] == b"PK"
    assert client.get("/governance/alerts/").status_code == 200
    client.force_login(gw.users["outsider"])
    assert client.get(f"/governance/meetings/{m.pk}/").status_code == 404
    assert client.get(f"/governance/bodies/{gw.bt.pk}/").status_code == 404


def test_minutes_render_kyrgyz_letters(gw, held):  # noqa: ANN001
    from bilim.apps.governance import documents

    m, _item = held
    title, body = documents.minutes_text(m, "ky")
    assert "ө" in title.lower() or "ү" in (title + body).lower() or "ң" in (title + body).lower()
    data, ctype, _name = documents.render("minutes", m, "ky", "pdf")
    assert ctype == "application/pdf" and len(data) > 1000


def test_public_page_shows_public_decisions_only(client, gw, held):  # noqa: ANN001
    _m, item = held
    from bilim.apps.governance.models import Decision

    Decision.objects.create(body=gw.bt, number="secret", date=DAY, title="Жашыруун", status="adopted")
    r = client.get("/governance/public/")
    text = r.content.decode()
    assert r.status_code == 200 and "Квота 2027" in text and "Жашыруун" not in text
    assert client.get(f"/governance/decisions/{item.decision_id}/extract/ru.pdf").status_code == 200
    secret = Decision.objects.get(number="secret")
    assert client.get(f"/governance/decisions/{secret.pk}/extract/ru.pdf").status_code == 404


def test_vote_by_post_refused_for_non_member_nothing_written(client, gw):  # noqa: ANN001
    actor = gw.users["secretary"]
    m = svc.meeting_convene(actor=actor, body=gw.board, held_on=DAY, place="204")
    item = svc.item_add(actor=actor, meeting=m, title="Х")
    client.force_login(actor)
    r = client.post(f"/governance/meetings/{m.pk}/open/", {"present": [gw.p[k].pk for k in ("b_chair", "b1", "b2")]}, follow=True)
    assert r.status_code == 200
    r = client.post(f"/governance/items/{item.pk}/votes/", {f"vote_{gw.p['outsider'].pk}": "YES"}, follow=True)
    assert "institution-setting" in r.content.decode()
    assert not item.votes.exists()
    r = client.post(f"/governance/items/{item.pk}/votes/", {f"vote_{gw.p['b1'].pk}": "YES", f"vote_{gw.p['b2'].pk}": "YES"}, follow=True)
    r = client.post(f"/governance/items/{item.pk}/decide/", follow=True)
    item.refresh_from_db()
    assert item.status == "adopted"
    r = client.post(f"/governance/meetings/{m.pk}/close/", {"version": "0"}, follow=True)  # stale version → conflict message
    m.refresh_from_db()
    assert m.status == "open"
    assert dt.date.today()  # noqa: S101


def test_body_set_up_on_a_page_by_the_rector_office_only(client, gw):  # noqa: ANN001
    from bilim.apps.accounts.models import RoleAssignment
    from bilim.apps.governance.models import Body

    client.force_login(gw.users["outsider"])
    assert client.get("/governance/bodies/new/").status_code == 403
    RoleAssignment.objects.create(user=gw.users["officer"], role="rector_office", institution=gw.ktmu)
    client.force_login(gw.users["officer"])
    data = {"institution": gw.ktmu.pk, "kind": "senate", "code": "senate", "name_ky": "Сенат", "name_en": "Senate"}
    r = client.post("/governance/bodies/new/", data)
    assert r.status_code == 302 and Body.objects.filter(code="senate", institution=gw.ktmu).exists()
    r = client.post("/governance/bodies/new/", data)  # the same code again: an error beside the field, nothing written
    assert r.status_code == 400 and Body.objects.filter(code="senate").count() == 1
