"""Personas for governance tests: KTMU with an institute, its Institute Board (5 members), the Board of Trustees (8:
4 KG + 4 TR, chair + 2 deputies, a secretary), a secretary login, a member login, an outsider."""

from __future__ import annotations

import datetime as dt

import pytest

DAY = dt.date(2026, 11, 20)


@pytest.fixture
def gw(db):  # noqa: ANN001
    from bilim.apps.accounts.models import RoleAssignment, User
    from bilim.apps.governance.models import Body, Membership
    from bilim.apps.org.models import Institution, Unit
    from bilim.apps.people.models import Person

    ktmu = Institution.objects.create(code="ktmu", name_ky="Кыргыз-Түрк «Манас» университети", name_en="Kyrgyz-Turkish Manas University",
                                      country="KG", is_home=True, regulation_set="ktmu_postgrad")
    inst = Unit.objects.create(institution=ktmu, kind="institute", code="FBE", name_ky="Табигый илимдер институту", name_en="Institute of Sciences")
    board = Body.objects.create(institution=ktmu, unit=inst, kind="institute_board", code="fbe-board", name_ky="Институттун башкармасы",
                                name_en="Institute Board")
    bt = Body.objects.create(institution=ktmu, kind="trustees", code="bt", name_ky="Камкорчулар кеңеши", name_en="Board of Trustees")
    users = {n: User.objects.create(username=n) for n in ("secretary", "bt_secretary", "member", "outsider", "chair", "officer")}
    RoleAssignment.objects.create(user=users["officer"], role="institute_board_secretary", institution=ktmu, body=board)
    start = dt.date(2024, 1, 15)
    people = {}

    def seat(body, key, role="member", citizenship="KG", appointed="OTHER", user=None, voting=True):  # noqa: ANN001, ANN202
        p = Person.objects.create(last_name=key.capitalize(), first_name="Ө", citizenship=citizenship, user=user)
        people[key] = p
        Membership.objects.create(body=body, person=p, role=role, starts_on=start, voting=voting, appointed_by=appointed,
                                  proposed_by_moes=appointed == "GOV_KR")
        return p

    seat(board, "b_chair", "chair", user=users["member"])
    for i in range(1, 5):
        seat(board, f"b{i}")
    seat(board, "b_sec", "secretary", user=users["secretary"], voting=False)
    seat(bt, "chair", "chair", "TR", "GOV_TR", user=users["chair"])
    seat(bt, "dep_kg", "deputy_chair", "KG", "GOV_KR")
    seat(bt, "dep_tr", "deputy_chair", "TR", "GOV_TR")
    for i in range(1, 3):
        seat(bt, f"tr{i}", "member", "TR", "GOV_TR")
    for i in range(1, 4):
        seat(bt, f"kg{i}", "member", "KG", "GOV_KR")
    seat(bt, "bt_sec", "secretary", "KG", user=users["bt_secretary"], voting=False)
    outsider_p = Person.objects.create(last_name="Бөтөн", first_name="Ү", user=users["outsider"])
    people["outsider"] = outsider_p
    return type("GW", (), dict(ktmu=ktmu, inst=inst, board=board, bt=bt, users=users, p=people))
