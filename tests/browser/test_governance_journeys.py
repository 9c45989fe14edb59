"""Bodies at work in the browser: a Trustees meeting decided by the chair's vote on a 4–4 tie; a meeting without
quorum where nothing can be decided; an urgent decision ratified at the next meeting; the allowance register for a
year; the OshSU rector's office whose agenda collects a waiting mobility file and whose decision moves it."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.browser.conftest import login

TR = ("Йылмаз", "Демир", "Кая", "Өзтүрк")  # the seeded Turkish members (the chair first)
KG = ("Садыков", "Жээнбеков", "Үмөталиева", "Ыдырысов")


def as_user(page: Any, base: str, username: str) -> None:
    page.context.clear_cookies()
    login(page, base, username)


def click(page: Any, testid: str, nth: int = 0) -> None:
    with page.expect_navigation():
        page.get_by_test_id(testid).nth(nth).click()


def trustees_page(page: Any, base: str) -> None:
    page.goto(f"{base}/governance/mine/")
    with page.expect_navigation():
        page.get_by_test_id("my-body").first.get_by_role("link").first.click()


def body_page(page: Any, base: str, code: str) -> None:
    page.goto(f"{base}/governance/bodies/?q={code}")
    with page.expect_navigation():
        page.locator("main table tbody a").first.click()


def convene(page: Any, day: str, place: str) -> None:
    page.fill("#id_held_on", day)
    page.fill("#id_place", place)
    click(page, "convene")
    assert "/governance/meetings/" in page.url


def attend_all(page: Any, except_names: tuple[str, ...] = ()) -> None:
    form = page.get_by_test_id("attendance-form")
    for label in form.locator("label").all():
        if not any(n in label.inner_text() for n in except_names):
            label.locator("input").check()
    click(page, "open-meeting")


def vote(page: Any, item: Any, choice_for: Any) -> None:
    form = item.get_by_test_id("vote-form")
    for label in form.locator("label").all():
        label.locator("select").select_option(choice_for(label.inner_text()))
    with page.expect_navigation():
        form.get_by_test_id("record-votes").click()


@pytest.mark.browser
def test_trustees_meeting_tie_decided_by_the_chairs_vote(page: Any, bilim_server: str) -> None:
    base = bilim_server
    as_user(page, base, "bt_secretary")
    trustees_page(page, base)
    assert page.get_by_test_id("alert").count() >= 1  # a member's five-year term ends soon
    convene(page, "2026-12-11", "Бишкек, ректорат")
    page.get_by_test_id("item-form").locator("#id_title").fill("Жаңы илим-изилдөө борборун ачуу")
    with page.expect_navigation():
        page.get_by_test_id("item-form").locator("button").click()
    attend_all(page)
    assert "5" in page.get_by_test_id("quorum").inner_text()
    item = page.get_by_test_id("item").filter(has_text="илим-изилдөө")
    vote(page, item, lambda name: "YES" if any(n in name for n in TR) else "NO")
    item = page.get_by_test_id("item").filter(has_text="илим-изилдөө")
    with page.expect_navigation():
        item.get_by_test_id("decide").click()
    item = page.get_by_test_id("item").filter(has_text="илим-изилдөө")
    assert item.get_by_test_id("item-status").inner_text().strip() != ""
    assert "KTMU-BT-1-9" in page.content() or item.get_by_test_id("decision-link").count() == 1
    outcome = item.get_by_test_id("outcome").inner_text()
    assert "4" in outcome and "2" in outcome  # 4 for, 4 against, the chair's vote counted twice
    assert "pass" in (item.get_by_test_id("item-status").get_attribute("class") or "")
    click(page, "close-meeting")
    assert page.get_by_test_id("bt-state").inner_text().strip() != ""
    assert page.locator("[data-testid=transition]").count() == 4  # convene, open, vote, close (W-21)
    resp = page.request.get(page.get_by_test_id("minutes-ky-pdf").get_attribute("href"))
    assert resp.ok and resp.body()[:4] == b"%PDF"


@pytest.mark.browser
def test_meeting_without_quorum_decides_nothing(page: Any, bilim_server: str) -> None:
    base = bilim_server
    as_user(page, base, "board_secretary")
    body_page(page, base, "board-fbe")
    convene(page, "2026-12-16", "105-аудитория")
    page.get_by_test_id("item-form").locator("#id_title").fill("Жүйөлүү сынак")
    with page.expect_navigation():
        page.get_by_test_id("item-form").locator("button").click()
    form = page.get_by_test_id("attendance-form")
    form.locator("input[type=checkbox]").nth(0).check()
    form.locator("input[type=checkbox]").nth(2).check()
    click(page, "open-meeting")
    assert "error" in (page.get_by_test_id("quorum").get_attribute("class") or "")
    assert page.get_by_test_id("vote-form").count() == 0 and page.get_by_test_id("decide").count() == 0
    assert page.get_by_test_id("close-meeting").count() == 0


@pytest.mark.browser
def test_urgent_decision_ratified_at_the_next_meeting(page: Any, bilim_server: str) -> None:
    base = bilim_server
    as_user(page, base, "bt_secretary")
    page.goto(f"{base}/governance/mine/")
    with page.expect_navigation():  # the seeded upcoming meeting took the provisional urgent decision from the queue
        page.get_by_test_id("my-body").first.get_by_role("link", name=re.compile("№2026-2")).click()
    item = page.get_by_test_id("item").filter(has_text="арыз берүү")
    assert item.count() == 1
    attend_all(page, except_names=("Ыдырысов",))
    item = page.get_by_test_id("item").filter(has_text="арыз берүү")
    vote(page, item, lambda name: "YES")
    item = page.get_by_test_id("item").filter(has_text="арыз берүү")
    with page.expect_navigation():
        item.get_by_test_id("decide").click()
    item = page.get_by_test_id("item").filter(has_text="арыз берүү")
    assert item.get_by_test_id("step-done").count() == 1
    with page.expect_navigation():
        item.get_by_test_id("item-file").click()
    assert "/governance/urgent/" in page.url
    codes = [c.get_attribute("data-code") for c in page.locator("[data-testid=transition] td[data-code]").all()]
    assert codes[-1] == "ADOPTED" and "PROVISIONAL" in codes


@pytest.mark.browser
def test_allowance_register_for_a_year(page: Any, bilim_server: str) -> None:
    base = bilim_server
    as_user(page, base, "bt_secretary")
    trustees_page(page, base)
    click(page, "register-link")
    page.goto(page.url.split("?")[0] + "?year=2026")
    rows = page.get_by_test_id("allowance").locator("tbody tr")
    assert rows.count() == 8
    assert "2750" in page.get_by_test_id("allowance").inner_text()  # 11 months × 250 USD
    page.goto(page.url.split("?")[0] + "?year=2027")
    click(page, "accrue-year")
    assert page.get_by_test_id("allowance").locator("tbody tr").count() == 7  # one term ended in December 2026
    page.get_by_test_id("paid-on").fill("2027-10-08")
    click(page, "pay")
    assert "KTMU-BT-7-2" in page.locator(".messages").inner_text()
    page.get_by_test_id("paid-on").fill("2027-10-04")
    click(page, "pay")
    assert page.get_by_test_id("payments").locator("tbody tr").count() >= 7
    resp = page.request.get(page.get_by_test_id("xlsx").get_attribute("href"))
    assert resp.ok and resp.body()[:2] == b"PK"


@pytest.mark.browser
def test_rector_office_agenda_collects_a_waiting_file_and_the_decision_moves_it(page: Any, bilim_server: str) -> None:
    base = bilim_server
    as_user(page, base, "rector_office")
    body_page(page, base, "rector")
    assert page.get_by_test_id("queue").locator("li").count() >= 1
    convene(page, "2026-12-17", "Ректорат, 1-кабат")
    click(page, "build-agenda")
    items = page.get_by_test_id("item")
    assert items.count() >= 1
    # a file abroad (or studying online) waits for the rector's office's return order (—return / end_online→ RETURNED)
    target = page.locator("[data-testid=item][data-action=return], [data-testid=item][data-action=end_online]").first.get_attribute("data-item")
    file_url = page.locator(f"[data-item='{target}']").get_by_test_id("item-file").get_attribute("href")
    attend_all(page)
    item = page.locator(f"[data-item='{target}']")
    vote(page, item, lambda name: "YES")
    item = page.locator(f"[data-item='{target}']")
    with page.expect_navigation():
        item.get_by_test_id("decide").click()
    item = page.locator(f"[data-item='{target}']")
    assert item.get_by_test_id("decision-link").count() == 1
    assert item.get_by_test_id("step-done").count() == 1 and item.get_by_test_id("step-refusal").count() == 0
    click(page, "close-meeting")
    assert page.get_by_test_id("close-form").count() == 0
    as_user(page, base, "ird_officer")  # the IRD officer sees the file: it is back (returned) by the decision
    page.goto(f"{base}{file_url}")
    assert page.get_by_test_id("state").get_attribute("data-code") == "RETURNED"
