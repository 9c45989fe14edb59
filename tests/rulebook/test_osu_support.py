"""System support of OshSU rules the catalogue marks not machine-checkable: the published
regulation (regulation browser) and the division of duties (permission layer)."""

from __future__ import annotations

import pytest
from django.test import Client

from bilim.apps.accounts.permissions import ACTIONS
from bilim.regulations.core.coverage import support_map
from bilim.regulations.core.registry import load_all
from bilim.regulations.workflows.core import WORKFLOWS

PUBLISHED = ["OSU-5.2-1", "OSU-1.2-1", "OSU-1.4-3", "OSU-2.1-1", "OSU-3.1-1", "OSU-3.3-2", "OSU-4.8-STAFF-4", "OSU-0-1"]


@pytest.mark.django_db
@pytest.mark.rule("OSU-5.2-1", "OSU-1.2-1", "OSU-1.4-3", "OSU-2.1-1", "OSU-3.1-1", "OSU-3.3-2", "OSU-4.8-STAFF-4", "OSU-0-1")
@pytest.mark.parametrize("lang", ["ky", "ru", "en", "tr"])
def test_regulation_is_published_rule_by_rule_in_every_language(client: Client, lang: str) -> None:
    client.cookies["bilim_language"] = lang
    support = support_map()
    for rid in PUBLISHED:
        response = client.get(f"/regulations/{rid}/")
        assert response.status_code == 200 and response.headers["Content-Language"].startswith(lang)
        body = response.content.decode()
        assert rid in body and "«" in body  # the Kyrgyz original is quoted (the reader's view)
        developer = client.get(f"/regulations/{rid}/developer/").content.decode()
        assert support[rid]["feature"][:30] in developer.replace("&#x27;", "'")
    listing = client.get("/regulations/", {"catalogue": "OshSU"}).content.decode()
    assert 'href="/regulations/OSU-1.3.5-2/"' in listing or "/regulations/OSU-" in listing
    guides = client.get("/regulations/workflows/").content.decode()
    load_all()
    assert all(code in guides for code in WORKFLOWS if code.startswith("osu."))


@pytest.mark.rule("OSU-4.8-1")
def test_each_mobility_step_is_granted_to_the_roles_the_regulation_names() -> None:
    load_all()
    import bilim.apps.mobility.permissions  # noqa: F401  (registers the actions)

    assert ACTIONS["mobility.issue_orders"].roles == frozenset({"rector_office"})
    assert ACTIONS["mobility.approve_trip_hod"].roles == frozenset({"head_of_department"})
    assert ACTIONS["mobility.approve_trip_vr"].roles == frozenset({"vice_rector_research"})
    assert ACTIONS["mobility.agree_isp_vdaa"].roles == frozenset({"deputy_dean_academic"})
    assert ACTIONS["mobility.accept_expenses"].roles == frozenset({"accounting"})
