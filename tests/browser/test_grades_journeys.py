"""KTMU grading in the browser (tables W-15, W-16b, W-16c): the instructor fills and submits a grade sheet (an
out-of-range score refused beside its cell, nothing typed lost), the institute publishes, the student sees letters,
GPA and standing with "why" and files an appeal; a grade correction refused after its window and one made by the
Institute Board's decision; the transcript PDF downloads.

Demo data (``postgrad/seed.py``): the demo student's current-term courses …502 (filled, to submit), …503 (submitted,
one excuse exam pending), …504 (published two days ago), …505 (published ten days ago)."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.browser.conftest import login

PDF = {"name": "exam-paper.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4\n% exam paper\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"}


def as_user(page: Any, base: str, username: str) -> None:
    page.context.clear_cookies()
    login(page, base, username)


def click(page: Any, testid: str) -> None:
    with page.expect_navigation():
        page.get_by_test_id(testid).first.click()


def state(page: Any) -> str:
    return (page.get_by_test_id("state").first.get_attribute("data-code") or "").strip()


def open_course(page: Any, base: str, suffix: str) -> None:
    """The current term's course …suffix (the demo instructor also taught it in earlier years)."""
    page.goto(f"{base}/postgrad/courses/?q={suffix}")
    row = page.locator("tbody tr", has_text="2026-2027").filter(has=page.get_by_role("link", name=re.compile(suffix)))
    with page.expect_navigation():
        row.first.get_by_role("link").first.click()


def student_sheet(page: Any, base: str, suffix: str) -> None:
    """The demo student's result in course …suffix, from the student's own page."""
    page.goto(f"{base}/postgrad/students/me/")
    with page.expect_navigation():
        page.get_by_test_id("grades").get_by_role("link", name=re.compile(suffix)).first.click()


@pytest.mark.browser
def test_grade_sheet_submitted_published_seen_and_appealed(page: Any, bilim_server: str) -> None:
    base = bilim_server
    as_user(page, base, "kinstructor")
    page.goto(f"{base}/postgrad/grades/queue/")
    assert page.get_by_test_id("q-sheets").get_by_role("link", name=re.compile("502")).count() == 1
    open_course(page, base, "502")
    cells = page.locator("[data-testid^=cell-][data-testid$=-FIN]")
    first, second = cells.nth(0), cells.nth(1)
    first.fill("150")
    second.fill("91,5")
    click(page, "save-all")
    # refused beside the cell, nothing written, nothing typed lost
    assert page.get_by_test_id("cell-error").count() == 1
    assert first.get_attribute("aria-invalid") == "true"
    assert first.input_value() == "150" and second.input_value() == "91,5"
    assert page.get_by_test_id("sheet-error").is_visible()
    first.fill("88")
    click(page, "submit-sheet")
    assert {c.get_attribute("data-code") for c in page.get_by_test_id("state").all()} == {"SUBMITTED"}
    assert page.locator("[data-testid^=cell-]").count() == 0  # locked after submission

    as_user(page, base, "kinstitute")
    page.goto(f"{base}/postgrad/grades/queue/")
    with page.expect_navigation():
        page.get_by_test_id("q-publish").get_by_role("link", name=re.compile("502")).click()
    click(page, "publish-results")
    assert {c.get_attribute("data-code") for c in page.get_by_test_id("state").all()} == {"PUBLISHED"}

    as_user(page, base, "kstudent")
    page.goto(f"{base}/postgrad/students/me/")
    assert re.fullmatch(r"\d\.\d\d", page.get_by_test_id("cgpa").inner_text().strip())
    assert page.get_by_test_id("standing-why").locator("li").count() >= 3
    assert page.get_by_test_id("sgpa").count() >= 1
    assert page.get_by_test_id("letter").count() >= 3
    with page.expect_navigation():
        page.get_by_test_id("action-appeal").filter(has_text="502").click()
    page.fill("#id_statement", "Финалдык сынактын 3-суроосу эсептелген эмес деп ойлойм.")
    with page.expect_navigation():
        page.get_by_test_id("appeal-form").get_by_role("button").click()
    assert state(page) == "APPEAL_FILED"
    assert "KTMU-34-1" in page.get_by_test_id("transition").first.inner_text()

    as_user(page, base, "kinstructor")
    page.goto(f"{base}/postgrad/grades/queue/")
    assert page.get_by_test_id("q-review").get_by_role("link").count() >= 2


@pytest.mark.browser
def test_correction_refused_after_its_window_and_made_by_board_decision(page: Any, bilim_server: str) -> None:
    base = bilim_server
    as_user(page, base, "kinstructor")
    # a published grade cannot be overwritten on the grade sheet
    open_course(page, base, "504")
    assert page.locator("[data-testid^=cell-]").count() == 0
    # …505 was published ten days ago: the instructor's window of KTMU-35-1 has closed
    open_course(page, base, "505")
    with page.expect_navigation():
        page.get_by_test_id("roster").get_by_role("link").first.click()
    form = page.get_by_test_id("correction-form")
    form.locator("#id_reason").select_option("WRONG_ENTRY")
    form.locator("#id_statement").fill("Финалдык сынактын баллы туура эмес киргизилген.")
    form.locator("#id_score_FIN").fill("95")
    form.locator("#id_attachment").set_input_files(files=[PDF])
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    refusal = page.get_by_test_id("refusal")
    assert refusal.is_visible() and "KTMU-35-1" in refusal.inner_text()
    # …504, published two days ago: the request goes to the Institute Board
    open_course(page, base, "504")
    with page.expect_navigation():
        page.get_by_test_id("roster").get_by_role("link").first.click()
    student = page.get_by_test_id("detail-title").inner_text().split("—")[0].strip()
    form = page.get_by_test_id("correction-form")
    form.locator("#id_reason").select_option("WRONG_ENTRY")
    form.locator("#id_statement").fill("Финалдык сынактын баллы системага туура эмес киргизилген.")
    form.locator("#id_score_FIN").fill("130")  # out of range: refused beside the field
    form.locator("#id_attachment").set_input_files(files=[PDF])
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    assert page.locator("#id_score_FIN-error").is_visible()
    form = page.get_by_test_id("step-form")
    form.locator("#id_score_FIN").fill("100")
    form.locator("#id_attachment").set_input_files(files=[PDF])
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    assert state(page) == "CORRECTION_REQUESTED"
    correction_url = page.url

    as_user(page, base, "kinstitute")
    page.goto(f"{base}/postgrad/grades/queue/")
    assert page.get_by_test_id("q-corrections").get_by_role("link", name=re.compile(re.escape(student))).count() >= 1
    page.goto(correction_url)
    board = page.get_by_test_id("board-form")
    board.locator("#id_number").fill("2026-12.40")
    board.locator("#id_outcome").select_option("approve")
    with page.expect_navigation():
        board.locator("button[type=submit]").click()
    assert state(page) == "CORRECTED"
    assert "→" in page.get_by_test_id("grade-change").inner_text()
    assert "2026-12.40" in page.get_by_test_id("transition").last.inner_text()


@pytest.mark.browser
def test_student_downloads_the_transcript_pdf(page: Any, bilim_server: str) -> None:
    base = bilim_server
    as_user(page, base, "kstudent")
    page.goto(f"{base}/postgrad/students/me/")
    for lang in ("ky", "en"):
        with page.expect_download() as info:
            page.get_by_test_id(f"transcript-{lang}").click()
        path = info.value.path()
        with open(path, "rb") as fh:
            assert fh.read(5) == b"%PDF-"
