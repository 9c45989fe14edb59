"""The regulation browser: every catalogue rule published with its ID, text, implementation,
parameters (with their dated versions) and the workflow steps that use it."""

from __future__ import annotations

import pytest
from django.test import Client

from bilim.regulations.core.catalogue_text import rule_texts
from bilim.regulations.core.coverage import index


def test_every_index_id_has_its_catalogue_text() -> None:
    texts = rule_texts()
    assert set(texts) == set(index())
    assert "Кыргыз-Түрк" in texts["KTMU-1-1"].body
    assert texts["OSU-1.3.5-2"].heading.startswith("Short-term mobility")


@pytest.mark.django_db
def test_rule_list_search_filter_and_paging(client: Client) -> None:
    page = client.get("/regulations/", {"q": "KTMU-39", "catalogue": "KTMU"})
    assert page.status_code == 200
    body = page.content.decode()
    assert "KTMU-39(1)a-1" in body and "OSU-" not in body.split("<tbody>")[1]
    first = client.get("/regulations/")
    assert "523" in first.content.decode() and "page=2" in first.content.decode()
    assert client.get("/regulations/", {"page": "999", "status": "nonsense"}).status_code == 200


@pytest.mark.django_db
@pytest.mark.rule_table("KTMU-T1-1")  # shown/driven here, evaluated elsewhere
def test_rule_page_shows_text_implementation_and_dated_parameters(client: Client) -> None:
    body = client.get("/regulations/KTMU-T1-1/developer/").content.decode()
    assert "89.00–100.00" in body  # the catalogue text
    assert "grading" in body  # implementing function / parameter
    assert "2024" in body  # the amended table's version date


@pytest.mark.django_db
def test_unknown_rule_is_404_not_500(client: Client) -> None:
    assert client.get("/regulations/NOPE-1/").status_code == 404
    assert client.get("/regulations/workflows/nope/").status_code == 404


@pytest.mark.django_db
def test_parameters_and_workflows_pages(client: Client) -> None:
    params = client.get("/regulations/parameters/", {"q": "short_term"}).content.decode()
    assert "osu.short_term_max_months" in params and "OSU-1.3.5-2" in params
    workflows = client.get("/regulations/workflows/").content.decode()
    assert "<table>" in workflows
