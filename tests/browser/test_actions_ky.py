"""Only what one may do, in Kyrgyz (issue 11): a student never sees an office's step; an approver out of turn sees the
step disabled with the approval-order rule, and a click from a page left open is refused on the translated page with
that rule (issue 17); a step of another office answers with the translated 403 page naming who may take it."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.browser.conftest import login

PDF = {"name": "doc.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4\n% test\n"}

#: the office's buttons of a student file (data-testid)
OFFICE_STEPS = ["docs-complete", "score", "select", "nominate", "refer", "invite", "host-decline", "isp-approved", "la-sign", "brief",
                "order", "depart", "return", "docs-returned", "recognition-close", "retake", "academic-close", "close", "step-back",
                "dlt-close", "dlt-flag", "dlt-schedule"]


def as_user(page: Any, base: str, username: str) -> None:
    page.context.clear_cookies()
    page.context.add_cookies([{"name": "bilim_language", "value": "ky", "url": base}])
    login(page, base, username)


def click(page: Any, testid: str) -> None:
    with page.expect_navigation():
        page.get_by_test_id(testid).click()


def post_from_a_page_left_open(page: Any, path: str, fields: dict[str, str]) -> None:
    """Send the step's form as a page opened before the state changed would (the button is no longer offered)."""
    token = next(c["value"] for c in page.context.cookies() if c["name"] == "csrftoken")
    with page.expect_navigation():
        page.evaluate(
            """([path, token, fields]) => { const f = document.createElement('form'); f.method = 'post'; f.action = path;
               for (const [k, v] of Object.entries({csrfmiddlewaretoken: token, ...fields})) {
                 const i = document.createElement('input'); i.type = 'hidden'; i.name = k; i.value = v; f.appendChild(i); }
               document.body.appendChild(f); f.submit(); }""",
            [path, token, fields],
        )


@pytest.mark.browser
def test_a_student_never_sees_an_office_step(page: Any, bilim_server: str) -> None:
    base = bilim_server
    as_user(page, base, "student")
    page.goto(f"{base}/mobility/applications/")
    links = sorted({h for h in page.locator("a[href*='/mobility/applications/']").evaluate_all("els => els.map(e => e.getAttribute('href'))")
                    if re.search(r"/mobility/applications/\d+/$", h or "")})
    assert links, "the demo student has mobility files"
    for href in links:
        page.goto(base + href)
        assert page.locator("html").get_attribute("lang") == "ky"
        for testid in OFFICE_STEPS:
            assert page.get_by_test_id(testid).count() == 0, (href, testid)
        shown = page.locator("[data-testid^=step-disabled-]").evaluate_all("els => els.map(e => e.dataset.testid)")
        assert set(shown) <= {"step-disabled-apply", "step-disabled-cancel", "step-disabled-withdraw"}, (href, shown)


@pytest.mark.browser
def test_an_approver_out_of_turn_is_refused_with_the_order_rule_in_kyrgyz(page: Any, bilim_server: str) -> None:
    base = bilim_server
    as_user(page, base, "staff")
    page.goto(f"{base}/mobility/trips/new/")
    page.select_option("#id_host", label="Humboldt University of Berlin")
    page.fill("#id_purpose", "Конференция")
    page.fill("#id_start_date", "2026-12-14")
    page.fill("#id_end_date", "2026-12-18")
    page.check("input[name=funding][value=HOST]")
    page.fill("#id_substitution_info", "Сабактарды кесиптеш өтөт")
    page.set_input_files("#id_invitation", files=[PDF])
    click(page, "save")
    url = page.url
    path = re.sub(r"^https?://[^/]+", "", url)
    click(page, "submit")
    assert page.get_by_test_id("approve").count() == 0  # the applicant never approves their own trip

    as_user(page, base, "dean_office")  # the dean's turn comes after the head of department (OSU-4.8-STAFF-3)
    page.goto(url)
    disabled = page.get_by_test_id("step-disabled-approve")
    assert disabled.count() == 1 and page.get_by_test_id("approve").count() == 0
    why = page.get_by_test_id("why-approve").inner_text()
    assert "OSU-4.8-STAFF-3" in why and "Азырынча болбойт" in why
    post_from_a_page_left_open(page, path + "act/", {"action": "approve"})
    body = page.content()
    assert "OSU-4.8-STAFF-3" in body and "Азырынча болбойт" in body
    assert page.get_by_test_id("approval").count() == 0  # nothing written

    as_user(page, base, "ird_officer")  # the rector's office issues the order, not IRD: the 403 page says who may
    page.goto(url)
    assert page.get_by_test_id("order").count() == 0
    with page.expect_response(lambda r: r.url.endswith("/act/")) as refused:
        post_from_a_page_left_open(page, path + "act/", {"action": "order", "number": "1"})
    assert refused.value.status == 403
    assert page.locator("footer").count() == 1 and page.locator("html").get_attribute("lang") == "ky"
    assert "Ректорат" in page.get_by_test_id("error-who").inner_text()
    back = page.get_by_test_id("error-back")
    with page.expect_navigation():
        back.click()
    assert page.url == url
