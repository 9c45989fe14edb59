"""The regulation browser's reader's view (issue 11, "Words, not codes"): the rule in the reader's language,
what it means for them, no markdown syntax or test paths; the developer view one click away."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from bilim.regulations.core.messages import catalogue as messages

pytestmark = pytest.mark.django_db


def _main(html: str) -> str:
    return html.split("<main", 1)[1].split("</main>", 1)[0]


def _visible(html: str) -> str:
    return re.sub(r"<[^>]+>", " ", _main(html))


def _page(lang: str, rid: str, suffix: str = "") -> str:
    client = Client()
    client.cookies["bilim_language"] = lang
    response = client.get(f"/regulations/{rid}/{suffix}")
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("rid", ["KTMU-32(5)-1", "OSU-4.8-FD-5", "KTMU-T1-1", "OSU-1.3.5-2", "KTMU-BT-2-1"])
def test_reader_view_in_kyrgyz_has_no_markdown_code_or_test_paths(rid: str) -> None:
    html = _page("ky", rid)
    text = _visible(html)
    for mark in ("**", "`", "tests/", "::", "test_", "Check:", "EN:", "KY:", "bilim.regulations", ".py"):
        assert mark not in text, f"{mark!r} visible in the reader's view of {rid}"
    assert "«" in text  # the Kyrgyz original, as the regulation words it
    assert f'href="/regulations/{rid}/developer/"' in html  # the developer view one click away


def test_reader_view_says_what_the_rule_means_in_the_readers_language() -> None:
    ky = _visible(_page("ky", "KTMU-32(5)-1"))
    assert "32-берене" in ky
    passed = messages()["ktmu.grading.course_passed"]["ky"]
    assert re.sub(r"\{[a-z_]+\}", "…", passed) in ky  # the outcome sentence Bilim says, placeholders as “…”
    assert "What the regulation says" not in ky  # headings translated
    ru = _visible(_page("ru", "OSU-4.8-FD-5"))
    assert re.sub(r"\{[a-z_]+\}", "…", messages()["osu.failed_credits.expulsion"]["ru"]) in ru
    assert "кыргызском" in ru  # the original exists in Kyrgyz only, said in Russian
    en = _visible(_page("en", "KTMU-32(5)-1"))
    assert "at least CC in master" in en and "In the original (Kyrgyz)" in en


def test_original_text_link_lands_on_the_article() -> None:
    html = _page("ky", "KTMU-32(5)-1")
    assert 'href="/regulations/original/ktmu/#art-32"' in html
    original = Client().get("/regulations/original/ktmu/").content.decode()
    assert 'id="art-32"' in original and "32-берене" in original
    osu = _page("en", "OSU-1.3.5-2")
    assert 'href="/regulations/original/oshsu/#p-1.3.5"' in osu
    assert 'id="p-1.3.5"' in Client().get("/regulations/original/oshsu/").content.decode()
    assert Client().get("/regulations/original/nope/").status_code == 404


def test_developer_view_keeps_implementation_tests_and_parameters() -> None:
    dev = _page("en", "KTMU-T1-1", "developer/")
    assert "bilim.regulations.postgrad.grading" in dev and "ktmu.grading_table" in dev and "tests/" in dev
    assert 'href="/regulations/KTMU-T1-1/"' in dev  # and back to the reader's view


def test_rule_list_names_articles_in_the_readers_language() -> None:
    client = Client()
    client.cookies["bilim_language"] = "ky"
    body = _visible(client.get("/regulations/", {"q": "KTMU-39", "catalogue": "KTMU"}).content.decode())
    assert "39-берене" in body and "Article 39" not in body
    client.cookies["bilim_language"] = "en"
    assert "Article 39" in client.get("/regulations/", {"q": "KTMU-39", "catalogue": "KTMU"}).content.decode()
