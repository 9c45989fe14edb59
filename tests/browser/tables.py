"""Browser helpers for the table editors (issue 11): the study plan and the host results are filled row by row."""

from __future__ import annotations

from typing import Any


def _click(page: Any, testid: str) -> None:
    with page.expect_navigation():
        page.get_by_test_id(testid).click()


def fill_isp(page: Any, rows: list[tuple[str, str, str, str]], *, save: bool = True) -> None:
    """From the application page: open the study-plan editor and type ``(host code, title, ECTS, recognised as)`` rows."""
    _click(page, "isp-edit")
    for i, (code, title, credits, component) in enumerate(rows):
        if page.locator(f"[name='items-{i}-title']").count() == 0:
            page.get_by_test_id("isp-add").click()  # a new row, added in the page
        page.fill(f"[name='items-{i}-host_code']", code)
        page.fill(f"[name='items-{i}-title']", title)
        page.fill(f"[name='items-{i}-credits']", credits)
        page.select_option(f"[name='items-{i}-component']", component)
    if save:
        _click(page, "isp-save")


def fill_results(page: Any, rows: list[tuple[str, str, str | None]]) -> None:
    """From the application page: open the host-results editor (rows proposed from the study plan) and type each
    row's ``(grade, outcome, scale or None to keep the proposed one)``."""
    _click(page, "hr-edit")
    for i, (grade, outcome, scale) in enumerate(rows):
        page.fill(f"[name='results-{i}-grade']", grade)
        page.select_option(f"[name='results-{i}-outcome']", outcome)
        if scale:
            page.select_option(f"[name='results-{i}-grade_scale']", scale)
    _click(page, "host-results-save")
