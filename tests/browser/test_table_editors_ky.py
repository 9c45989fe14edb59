"""Issue 11, in Kyrgyz: the study plan and the grade sheet are edited as tables; a wrong row keeps everything typed.

The student applies from a call page (host and dates prefilled, the documents checklist shown with names, not
codes), fills the study plan row by row (a row added in the page, a decimal comma, a home course chosen from a
select), and a wrong credit leaves every typed cell in place with the error beside it. The KTMU instructor's
weight plan and grade sheet behave the same.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.browser.conftest import login


def as_user_ky(page: Any, base: str, username: str) -> None:
    page.context.clear_cookies()
    page.context.add_cookies([{"name": "bilim_language", "value": "ky", "url": base}])
    login(page, base, username)


def click(page: Any, testid: str) -> None:
    with page.expect_navigation():
        page.get_by_test_id(testid).first.click()


@pytest.mark.browser
def test_study_plan_is_a_table_and_a_wrong_row_keeps_everything_typed_in_kyrgyz(page: Any, bilim_server: str) -> None:
    base = bilim_server
    as_user_ky(page, base, "student")
    page.goto(f"{base}/mobility/calls/")
    page.get_by_role("link", name=re.compile("Erasmus\\+ 2027")).click()
    assert page.locator("html").get_attribute("lang") == "ky"
    items = page.get_by_test_id("checklist-item")
    assert items.count() >= 5
    texts = " ".join(items.all_inner_texts())
    assert not re.search(r"\b[A-Z]{2,}_[A-Z_]+\b", texts)  # names, never codes such as PARENTAL_CONSENT
    click(page, "apply")
    # the call prefills its host and its dates; the date inputs keep ISO values in Kyrgyz
    assert page.input_value("#id_start_date") == "2027-02-01" and page.input_value("#id_end_date") == "2027-06-30"
    assert "Warsaw" in page.locator("#id_host option:checked").inner_text()
    assert page.get_by_test_id("checklist").is_visible()
    page.fill("#id_purpose", "Бир семестр окуу")
    page.fill("#id_language", "Англис тили")
    page.fill("#id_specialty", "Математика")
    page.fill("#id_expected_funding", "Erasmus+")
    click(page, "save")
    url = page.url

    click(page, "isp-edit")
    assert page.get_by_test_id("isp").is_visible()
    rows = [("WA101", "Linear Algebra II", "6"), ("WA102", "Topology", "abc"), ("WA103", "Probability", "7,5")]
    for i, (code, title, credits) in enumerate(rows):
        if page.locator(f"[name='items-{i}-title']").count() == 0:
            page.get_by_test_id("isp-add").click()  # a row added in the page, no reload
        page.fill(f"[name='items-{i}-host_code']", code)
        page.fill(f"[name='items-{i}-title']", title)
        page.fill(f"[name='items-{i}-credits']", credits)
    options = page.locator("[name='items-0-home_course'] option")
    assert options.count() > 1  # the home courses of the student's faculty, by code and Kyrgyz title
    chosen = options.nth(1).get_attribute("value")
    page.select_option("[name='items-0-home_course']", chosen)
    page.select_option("[name='items-2-component']", "ELECTIVE")
    page.get_by_test_id("isp-add").click()  # a fourth row left empty: ignored
    click(page, "isp-save")
    # refused: every typed value is still there, the error is beside the wrong cell only
    assert page.get_by_test_id("editor-error").is_visible()
    for i, (code, title, credits) in enumerate(rows):
        assert page.input_value(f"[name='items-{i}-host_code']") == code
        assert page.input_value(f"[name='items-{i}-title']") == title
        assert page.input_value(f"[name='items-{i}-credits']") == credits
    assert page.input_value("[name='items-0-home_course']") == chosen
    assert page.input_value("[name='items-2-component']") == "ELECTIVE"
    table_rows = page.locator("#items-rows > tr")
    assert table_rows.nth(1).get_by_test_id("cell-error").count() == 1
    assert table_rows.nth(0).get_by_test_id("cell-error").count() == 0 and table_rows.nth(2).get_by_test_id("cell-error").count() == 0
    error = table_rows.nth(1).get_by_test_id("cell-error").inner_text()
    assert re.search("[А-Яа-яҢңӨөҮү]", error)  # the error in Kyrgyz
    page.fill("[name='items-1-credits']", "5")
    click(page, "isp-save")
    assert page.url.rstrip("/") == url.rstrip("/")
    assert page.get_by_test_id("isp-status").count() == 1
    assert page.get_by_test_id("checklist-done").count() >= 1  # the ISP now ticks its line of the checklist


@pytest.mark.browser
def test_weight_plan_and_grade_sheet_are_tables_that_keep_what_was_typed_in_kyrgyz(page: Any, bilim_server: str) -> None:
    base = bilim_server
    as_user_ky(page, base, "kinstructor")
    page.goto(f"{base}/postgrad/courses/?q=MA501")
    row = page.locator("tbody tr", has_text="2026-2027").filter(has=page.get_by_role("link", name=re.compile("MA501")))
    with page.expect_navigation():
        row.first.get_by_role("link").first.click()
    # the weight plan: rows of code, kind (a select with Kyrgyz names) and weight; a wrong weight keeps every row
    assert page.get_by_test_id("plan-table").is_visible()
    kinds = page.locator("[name='plan-0-kind'] option").all_inner_texts()
    assert kinds and not any(k in ("MIDTERM", "FINAL", "OTHER") for k in kinds)
    codes = [page.input_value(f"[name='plan-{i}-code']") for i in range(2)]
    page.get_by_test_id("plan-table-add").click()
    page.fill("[name='plan-2-code']", "HW")
    page.select_option("[name='plan-2-kind']", "OTHER")
    page.fill("[name='plan-2-weight']", "0,1,5")
    click(page, "plan-save")
    assert page.get_by_test_id("form-error").is_visible()
    assert [page.input_value(f"[name='plan-{i}-code']") for i in range(2)] == codes
    assert page.input_value("[name='plan-2-code']") == "HW" and page.input_value("[name='plan-2-weight']") == "0,1,5"
    assert page.input_value("[name='plan-2-kind']") == "OTHER"
    assert page.locator("#plan-rows > tr").nth(2).get_by_test_id("cell-error").count() == 1
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", page.input_value("#id_final_exam_date"))  # the date kept, ISO, in Kyrgyz
    # the grade sheet: every cell typed at once; a wrong one keeps them all
    cells = page.locator("[data-testid^=cell-][data-testid$=-MID1]")
    assert cells.count() >= 2
    cells.nth(0).fill("88,5")
    cells.nth(1).fill("101")
    click(page, "save-all")
    assert page.get_by_test_id("sheet-error").is_visible()
    cells = page.locator("[data-testid^=cell-][data-testid$=-MID1]")
    assert cells.nth(0).input_value() == "88,5" and cells.nth(1).input_value() == "101"
    assert cells.nth(1).get_attribute("aria-invalid") == "true" and cells.nth(0).get_attribute("aria-invalid") is None
    cells.nth(1).fill("72")
    click(page, "save-all")
    assert page.get_by_test_id("sheet-error").count() == 0
    cells = page.locator("[data-testid^=cell-][data-testid$=-MID1]")
    assert cells.nth(0).input_value() in ("88.5", "88.50", "88,5") and cells.nth(1).input_value() in ("72", "72.00")


@pytest.mark.browser
def test_table_editor_fits_a_phone(page: Any, bilim_server: str) -> None:
    as_user_ky(page, bilim_server, "kinstructor")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{bilim_server}/postgrad/courses/?q=MA501")
    row = page.locator("tbody tr", has_text="2026-2027").filter(has=page.get_by_role("link", name=re.compile("MA501")))
    with page.expect_navigation():
        row.first.get_by_role("link").first.click()
    table = page.get_by_test_id("plan-table")
    assert table.bounding_box()["width"] <= 390  # rows stack as cards on a phone
