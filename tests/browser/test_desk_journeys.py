"""Every dashboard is a desk, in Kyrgyz: the student sees what waits for them and what they may apply for now, an
officer sees the files waiting for their step, and the bell's count drops when a notification is read."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.browser.conftest import login

PDF = {"name": "invitation.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"}


def as_user(page: Any, base: str, username: str) -> None:
    page.context.clear_cookies()
    login(page, base, username)
    assert page.locator("html").get_attribute("lang") == "ky"


def click(page: Any, testid: str) -> None:
    with page.expect_navigation():
        page.get_by_test_id(testid).click()


def bell(page: Any) -> int:
    return int(page.get_by_test_id("bell").get_attribute("data-count") or "0")


@pytest.mark.browser
def test_student_dashboards_show_pending_items_and_what_may_be_applied_for(page: Any, bilim_server: str) -> None:
    base = bilim_server
    # the KTMU student: steps waiting for them (course selection, …) and the applications open now
    as_user(page, base, "kstudent")
    tasks = page.get_by_test_id("dashboard-tasks")
    assert "Менин тапшырмаларым" in tasks.inner_text()
    assert page.get_by_test_id("dashboard-task").count() >= 1
    first = page.get_by_test_id("dashboard-task").first
    assert first.locator("a").count() == 1  # each task links to its record
    offered = page.get_by_test_id("open-to-apply")
    assert "Азыр эмнеге арыз бере алам" in offered.inner_text()
    assert offered.locator("[data-kind=registration]").count() == 1  # the course selection open now
    assert page.get_by_test_id("my-files").locator("[data-testid=my-file]").count() >= 1
    # the OshSU student: the open mobility calls of their faculty and level
    as_user(page, base, "student")
    calls = page.get_by_test_id("open-to-apply").locator("[data-kind=mobility]")
    assert calls.count() >= 1
    with page.expect_navigation():
        calls.first.locator("a").click()
    assert re.search(r"/mobility/calls/\d+/$", page.url)


@pytest.mark.browser
def test_officer_lists_tasks_and_the_bell_drops_after_reading(page: Any, bilim_server: str) -> None:
    base = bilim_server
    # the dean's office of the demo faculty: its files, each linked, the oldest first
    as_user(page, base, "dean_office")
    rows = page.get_by_test_id("dashboard-task")
    assert rows.count() >= 1
    assert "Жазуу" in page.get_by_test_id("dashboard-tasks").inner_text()  # the table in Kyrgyz
    with page.expect_navigation():
        rows.first.locator("a").click()
    assert page.url != f"{base}/dashboard/"

    # a staff member submits a trip: the step notifies them; reading it lowers the bell's count
    as_user(page, base, "staff")
    before = bell(page)
    page.goto(f"{base}/mobility/trips/new/")
    page.select_option("#id_host", label="Humboldt University of Berlin")
    page.fill("#id_purpose", "Конференция")
    page.fill("#id_start_date", "2027-03-01")
    page.fill("#id_end_date", "2027-03-05")
    page.check("input[name=funding][value=HOST]")
    page.fill("#id_substitution_info", "Сабактарды кесиптеш алып барат")
    page.set_input_files("#id_invitation", files=[PDF])
    click(page, "save")
    click(page, "submit")
    assert bell(page) == before + 1
    assert page.get_by_test_id("bell-count").inner_text().strip() == str(before + 1)
    click(page, "bell")
    note = page.get_by_test_id("notification").first
    assert note.get_attribute("data-read") == "0"
    assert not re.search(r"\b[A-Z]{3,}_[A-Z_]+\b|APPROVAL|DRAFT", note.inner_text())  # words, not state codes
    with page.expect_navigation():
        note.get_by_test_id("notification-open").click()
    assert "/mobility/trips/" in page.url  # the notification leads to the record
    assert bell(page) == before
