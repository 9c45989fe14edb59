"""KTMU semester registration in the browser: a master's student selects courses from the table of offerings with
the weekly timetable; an over-limit selection is refused with its explanation beside the courses (the choice kept);
the supervisor approves from the queue; add/drop with the supervisor's consent; and a selection the supervisor left
unanswered is in force automatically (KTMU-26(13)-3)."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.browser.conftest import login


def as_user(page: Any, base: str, username: str) -> None:
    page.context.clear_cookies()
    login(page, base, username)


def click(page: Any, testid: str) -> None:
    with page.expect_navigation():
        page.get_by_test_id(testid).click()


def state(page: Any) -> str:
    return (page.get_by_test_id("registration-state").get_attribute("data-code") or "").strip()


@pytest.mark.browser
def test_masters_student_selects_is_refused_over_the_limit_supervisor_approves_then_add_drop(page: Any, bilim_server: str) -> None:
    base = bilim_server
    as_user(page, base, "kstudent")
    page.goto(f"{base}/postgrad/registration/")
    assert state(page) == "SELECTION_OPEN"
    rows = page.get_by_test_id("offering-row")
    assert rows.count() == 7
    assert re.search(r"\d\d:\d\d", rows.first.inner_text())  # the weekly timetable beside each course
    url = page.url
    # every course: more than the semester allows (4 required + at most 2 extra)
    boxes = page.locator("input[name=offering]")
    for i in range(boxes.count()):
        boxes.nth(i).check()
    click(page, "submit-selection")
    refusal = page.get_by_test_id("refusal")
    assert "KTMU-26(10)-1" in refusal.inner_text()
    assert "KTMU-26(10)-1" in page.get_by_test_id("course-refusal").first.inner_text()  # beside the course
    assert page.locator("input[name=offering]:checked").count() == 7  # nothing the student chose is lost
    assert state(page) == "SELECTION_OPEN"
    # four courses, at most half of them from one instructor (KTMU-26(7)-1): the demo's first five courses share one
    for i in range(7):
        page.locator("input[name=offering]").nth(i).uncheck()
    for i in (0, 1, 5, 6):
        page.locator("input[name=offering]").nth(i).check()
    click(page, "submit-selection")
    assert state(page) == "SUBMITTED"
    assert page.get_by_test_id("supervisor-deadline").is_visible()

    # the supervisor approves from the queue
    as_user(page, base, "ksupervisor")
    page.goto(f"{base}/postgrad/registration/queue/")
    with page.expect_navigation():
        page.get_by_test_id("queue").get_by_role("link", name=re.compile("Асанов|Нурлан")).first.click()
    page.fill("#id_comment", "Жакшы тандоо.")
    click(page, "approve")
    assert state(page) == "APPROVED"
    assert page.get_by_test_id("line").count() == 4

    # add/drop: the student asks, the supervisor consents
    as_user(page, base, "kstudent")
    page.goto(url)
    page.locator("[data-testid=adddrop-form] input[name=drop]").first.check()
    page.locator("[data-testid=adddrop-form] input[name=add]").first.check()
    click(page, "adddrop-submit")
    assert page.get_by_test_id("pending-change").is_visible()
    as_user(page, base, "ksupervisor")
    page.goto(url)
    click(page, "consent")
    assert state(page) == "APPROVED"
    assert page.get_by_test_id("pending-change").count() == 0
    assert page.get_by_test_id("line").count() == 5  # 4 active + 1 dropped
    assert "add/drop" in page.get_by_test_id("transition").first.inner_text().lower() or page.get_by_test_id("transition").count() >= 4


@pytest.mark.browser
def test_a_selection_the_supervisor_did_not_answer_is_in_force_automatically(page: Any, bilim_server: str) -> None:
    base = bilim_server
    as_user(page, base, "kinstitute")
    page.goto(f"{base}/postgrad/registration/overview/?state=AUTO_APPROVED")
    links = page.locator("table a[href*='/postgrad/registration/']")
    assert links.count() >= 1
    with page.expect_navigation():
        links.first.click()
    assert state(page) == "AUTO_APPROVED"
    history = page.locator("#history").inner_text()
    assert "KTMU-26(13)-3" in history
    # the institute's overview exports the term as CSV
    with page.expect_download() as dl:
        page.goto(f"{base}/postgrad/registration/overview/")
        page.get_by_role("link", name=re.compile("CSV")).click()
    assert dl.value.suggested_filename.endswith(".csv")
