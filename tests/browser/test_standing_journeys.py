"""Student-status journeys in the browser: a KTMU student applies for academic leave (with a document), the
institute board decides, the student reports the return and the board ends the leave; a student dismissed on
an article 39 ground by the institute board's proposal and the rector's order (the board's decision recorded by
the administrator: in the small browser seed the student belongs to an institute without a demo secretary)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tests.browser.conftest import login

PDF = {"name": "evidence.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"}
TODAY = dt.date.today()


def as_user(page: Any, base: str, username: str) -> None:
    page.context.clear_cookies()
    login(page, base, username)


def click(page: Any, testid: str) -> None:
    with page.expect_navigation():
        page.get_by_test_id(testid).click()


def state(page: Any) -> str:
    return (page.get_by_test_id("state").get_attribute("data-code") or "").strip()


def board_decides(page: Any, action: str, number: str) -> None:
    page.fill(f"#id_{action}-number", number)
    page.fill(f"#id_{action}-date", TODAY.isoformat())
    click(page, f"submit-{action}")


@pytest.mark.browser
def test_academic_leave_applied_decided_and_returned(page: Any, bilim_server: str) -> None:
    base = bilim_server
    as_user(page, base, "kstudent")
    page.goto(f"{base}/postgrad/status/")
    click(page, "apply-acleave")
    # a bad period is refused beside the field, nothing written
    page.select_option("#id_reason", "excused")
    page.select_option("#id_excused_reason", "NATURAL_DISASTER")
    page.fill("#id_statement", "Үйүбүз жер титирөөдөн бузулду.")
    page.fill("#id_starts_on", (TODAY + dt.timedelta(days=10)).isoformat())
    page.fill("#id_ends_on", TODAY.isoformat())
    click(page, "apply-submit")
    assert page.locator("#id_ends_on-error").count() == 1
    page.fill("#id_ends_on", (TODAY + dt.timedelta(days=100)).isoformat())
    page.check("#id_unforeseen")
    page.set_input_files("#id_document", files=[PDF])
    click(page, "apply-submit")
    assert state(page) == "ACTIVE"  # recorded, waiting for the institute board
    url = page.url

    as_user(page, base, "board_secretary")
    page.goto(url)
    board_decides(page, "excused_reason", "ST-B-1")
    assert state(page) == "ACADEMIC_LEAVE_EXCUSED"
    assert page.get_by_test_id("transition").count() == 1

    as_user(page, base, "kstudent")
    page.goto(f"{base}/postgrad/status/")
    assert page.get_by_test_id("apply-acleave").count() == 0  # on academic leave: nothing more to apply for
    page.goto(url)
    page.fill("#id_returned_on", TODAY.isoformat())
    click(page, "return-submit")
    assert page.get_by_test_id("reported-on").count() == 1

    as_user(page, base, "board_secretary")
    page.goto(url)
    board_decides(page, "resolved", "ST-B-2")
    assert state(page) == "ACTIVE" and page.get_by_test_id("transition").count() == 2

    as_user(page, base, "kstudent")
    page.goto(f"{base}/postgrad/status/")
    assert page.get_by_test_id("apply-acleave").count() == 1  # back to studying


@pytest.mark.browser
def test_dismissal_by_board_proposal_and_rector_order(page: Any, bilim_server: str) -> None:
    base = bilim_server
    # the seeded case waits for the board of the student's institute; its decision is recorded (here by the
    # administrator, for that board) and fires the proposal
    as_user(page, base, "admin")
    page.goto(f"{base}/postgrad/status/list/dismissal/")
    with page.expect_navigation():
        page.locator("tbody tr").filter(has_text="кеңешин күтүүдө").first.get_by_role("link").first.click()
    assert state(page) == "DISMISSAL_CASE"
    assert "KTMU-39(1)a-1" in page.get_by_test_id("ground").inner_text()
    url = page.url
    assert page.get_by_test_id("step-rector_order").count() == 0  # nothing for the rector before the proposal
    board_decides(page, "propose_dismissal", "ST-B-3")
    assert state(page) == "DISMISSAL_PROPOSED"

    as_user(page, base, "outsider")  # someone with no role in the institute does not see the file
    response = page.goto(url)
    assert response is not None and response.status == 404

    as_user(page, base, "krector")
    page.goto(url)
    click(page, "submit-rector_order")  # empty order: refused beside the fields
    assert page.locator("#id_rector_order-order_number-error").count() == 1
    page.fill("#id_rector_order-order_number", "Б-201")
    page.fill("#id_rector_order-order_date", TODAY.isoformat())
    click(page, "submit-rector_order")
    assert state(page) == "DISMISSED"
    assert page.get_by_test_id("transition").count() == 3  # ground, proposal, order
