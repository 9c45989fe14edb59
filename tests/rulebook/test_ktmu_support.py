"""System support of KTMU rules the catalogue marks not machine-checkable."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from bilim.apps.desk import seed
from bilim.apps.governance.models import Body, Decision
from bilim.apps.people.models import Level
from bilim.regulations.core.coverage import support_map
from bilim.regulations.core.registry import evaluate

PUBLISHED = ["KTMU-1-1", "KTMU-3-1", "KTMU-41-1", "KTMU-47-1", "KTMU-BT-2-1", "KTMU-2-1"]


@pytest.mark.django_db
@pytest.mark.rule("KTMU-1-1", "KTMU-3-1", "KTMU-41-1", "KTMU-47-1", "KTMU-BT-2-1", "KTMU-2-1")
def test_scope_articles_are_published_with_their_id_text_and_support(client: Client) -> None:
    support = support_map()
    for rid in PUBLISHED:
        page = client.get(f"/regulations/{rid}/")
        assert page.status_code == 200 and rid in page.content.decode() and "«" in page.content.decode()  # reader's view
        body = client.get(f"/regulations/{rid}/developer/").content.decode()
        assert rid in body and "KY:" in body  # the Kyrgyz original quoted beside the English
        assert support[rid]["feature"][:40] in body


@pytest.mark.django_db
@pytest.mark.rule("KTMU-2-1", "KTMU-47-1", "KTMU-BT-2-1", "KTMU-BT-4-1", "KTMU-BT-4-4")
def test_ktmu_programmes_carry_pg_levels_and_trustees_decide_by_immutable_decisions() -> None:
    ctx = seed.run(students=10, quiet=True)
    ktmu = ctx.institutions["ktmu"]
    levels = set(ktmu.programmes.values_list("level", flat=True))
    assert levels == {Level.MASTER, Level.DOCTORATE, Level.ARTS}
    assert Body.objects.filter(institution=ktmu, kind=Body.Kind.RECTOR_OFFICE).exists()
    trustees = Body.objects.get(institution=ktmu, kind=Body.Kind.TRUSTEES)
    assert trustees.memberships.filter(voting=True).count() >= 5
    procedure = Decision.objects.create(body=trustees, number="BT-2026-1", date=dt.date(2026, 10, 7),
                                        title="Working procedure of the Board", status=Decision.Status.ADOPTED)
    contracts = Decision.objects.create(body=trustees, number="BT-2026-2", date=dt.date(2026, 10, 7),
                                        title="Conditions of staff contracts", status=Decision.Status.ADOPTED)
    assert set(trustees.decisions.filter(status=Decision.Status.ADOPTED).values_list("pk", flat=True)) >= {procedure.pk, contracts.pk}


@pytest.mark.rule("KTMU-EN-1", "KTMU-45(1)-1", "KTMU-45(2)-1", "KTMU-46-1")
def test_instruction_applies_only_from_its_entry_into_force() -> None:
    before = evaluate("KTMU-46-1", {"on": "2021-08-31"}, dt.date(2021, 8, 31))
    first_day = evaluate("KTMU-46-1", {"on": "2021-09-01"}, dt.date(2021, 9, 1))
    assert not before.ok and first_day.ok
