"""Amendment impact in the browser: the institute board's secretary proposes a Table 1 change, the database worker
evaluates it, the secretary reads the affected students with both explanations (in Kyrgyz) and puts the proposal on
the board's next meeting."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.browser.conftest import _bilim_cmd, _run, _server_env, login


def click(page: Any, testid: str) -> None:
    with page.expect_navigation():
        page.get_by_test_id(testid).first.click()


def run_worker(tmp_path_factory: pytest.TempPathFactory) -> None:
    """``bilim db_worker --batch`` on the browser server's database (the server runs no worker of its own)."""
    homes = sorted({p.resolve() for p in tmp_path_factory.getbasetemp().glob("bilim_home*") if (p / "bilim.sqlite3").exists()})
    assert len(homes) == 1, homes
    _run(_bilim_cmd("db_worker", "--batch", "--no-startup-delay"), _server_env(homes[0]), homes[0], "db_worker")


@pytest.mark.browser
@pytest.mark.rule_param("ktmu.grading_table")  # Table 1 (KTMU-T1-1) is evaluated by the server process, not the test
def test_secretary_proposes_a_table_1_change_reads_both_explanations_and_puts_it_on_the_agenda(
        page: Any, bilim_server: str, tmp_path_factory: pytest.TempPathFactory) -> None:
    base = bilim_server
    login(page, base, "board_secretary")
    # the board's next meeting
    page.goto(f"{base}/governance/bodies/?q=board-fbe")
    with page.expect_navigation():
        page.locator("main table tbody a").first.click()
    page.fill("#id_held_on", "2026-12-18")
    page.fill("#id_place", "105-аудитория")
    click(page, "convene")
    assert "/governance/meetings/" in page.url
    meeting_url = page.url

    # the proposal: Table 1 as in force, BA from 86.00 with coefficient 3.25 (BB up to 85.90)
    page.goto(f"{base}/amendments/?parameter=ktmu.grading_table")
    assert page.locator("html").get_attribute("lang") == "ky"
    area = page.locator("#id_value_text")
    text = area.input_value()
    assert "lower: '82.40'" in text and "upper: '82.30'" in text  # the value in force is filled in
    text = (text.replace("{lower: '82.40', upper: '88.90', coefficient: '3.50', letter: BA}",
                         "{lower: '86.00', upper: '88.90', coefficient: '3.25', letter: BA}")
            .replace("upper: '82.30'", "upper: '85.90'"))
    area.fill(text)
    page.fill("#id_since", "2026-12-01")
    page.fill("#id_note", "Сенаттын долбоору")
    click(page, "proposal-start")
    assert "/amendments/" in page.url and page.get_by_test_id("status").get_attribute("data-code") == "queued"
    proposal_url = page.url

    run_worker(tmp_path_factory)
    page.goto(proposal_url)
    assert page.get_by_test_id("status").get_attribute("data-code") == "done"
    assert page.get_by_test_id("progress").get_attribute("value") == "100"
    changed = int(page.get_by_test_id("changed").inner_text())
    cases = page.get_by_test_id("case")
    assert changed > 0 and cases.count() == min(changed, 50)
    first = cases.first
    before, after = first.get_by_test_id("before"), first.get_by_test_id("after")
    # both sides explained: the coefficient in force and the proposed one, each with its rule
    assert before.locator("ul.explanations li").count() >= 2 and after.locator("ul.explanations li").count() >= 2
    assert "KTMU-32(9)-2" in before.inner_text() and "KTMU-32(9)-2" in after.inner_text()
    gpa_before = re.search(r"GPA (\d\.\d\d)", before.inner_text())
    gpa_after = re.search(r"GPA (\d\.\d\d)", after.inner_text())
    assert gpa_before and gpa_after and gpa_before.group(1) != gpa_after.group(1)
    assert "Жалпы академиялык жетишкендиктин орточо баллы" in before.inner_text()
    # a student whose letter moves: BA under the table in force, BB under the proposal, each explained by Table 1
    moved = cases.filter(has_text="тамга баа").first
    b, a = moved.get_by_test_id("before").inner_text(), moved.get_by_test_id("after").inner_text()
    assert re.search(r"→ BA", b) and re.search(r"→ BB", a) and "KTMU-T1-1" in b and "KTMU-T1-1" in a
    assert page.get_by_test_id("totals-units").locator("tbody tr").count() >= 1
    with page.expect_download() as dl:
        page.get_by_test_id("xlsx").click()
    assert dl.value.suggested_filename.endswith(".xlsx")

    # on the board's agenda
    page.get_by_test_id("attach-form").locator("select").select_option(label=page.get_by_test_id("attach-form").locator(
        "option", has_text="18.12.2026").first.inner_text())
    click(page, "attach")
    assert "18.12.2026" in page.get_by_test_id("agenda").inner_text()
    assert page.get_by_test_id("attach-form").count() == 0
    page.goto(meeting_url)
    link = page.get_by_test_id("item-file").filter(has_text="01.12.2026")
    assert link.count() == 1 and link.get_attribute("href") == proposal_url.replace(base, "")
    assert "1-таблица" in link.inner_text()  # the item's title in the secretary's language
