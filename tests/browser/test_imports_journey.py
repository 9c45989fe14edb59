"""Bring data in, in Kyrgyz: the dean's office uploads a students workbook with one bad row, reads the row's
error, fixes the file, checks it again and imports it; the students are then in the list."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook

from tests.browser.conftest import login

HEADER = ["Студенттик номер", "Фамилиясы", "Аты", "Туулган күнү", "Программанын коду", "Окуу курсу", "Каржылоо"]


def _workbook(path: Path, rows: list[list[Any]]) -> str:
    book = Workbook()
    book.active.append(HEADER)
    for r in rows:
        book.active.append(r)
    book.save(path)
    return str(path)


@pytest.mark.browser
def test_officer_imports_students_after_fixing_a_bad_row(page: Any, bilim_server: str, tmp_path: Path) -> None:
    base = bilim_server
    page.context.add_cookies([{"name": "bilim_language", "value": "ky", "url": base}])
    login(page, base, "dean_office")
    page.goto(f"{base}/people/students/")
    page.get_by_test_id("import-link").click()
    page.wait_for_url(f"{base}/imports/students/")
    assert page.locator("h1").inner_text().startswith("Импорттоо")

    good = ["BRW-0001", "Мамбетова", "Нургүл", "01.05.2005", "math-ba", 1, "бюджет"]
    bad = ["BRW-0002", "Өмүрбеков", "Үмүт", "31.02.2005", "math-ba", 1, "келишим"]  # no 31 February
    page.set_input_files("#id_file", _workbook(tmp_path / "students.xlsx", [good, bad]))
    page.get_by_test_id("import-check").click()
    errors = page.get_by_test_id("row-error")
    assert errors.count() == 1
    message = errors.first.inner_text()
    assert "3-сап" in message and "Туулган күнү" in message and "31.02.2005" in message and "кк.аа.жжжж" in message
    assert page.get_by_test_id("import-run").count() == 0  # nothing can be imported while a row is wrong

    bad[3] = "28.02.2005"
    page.set_input_files("#id_file", _workbook(tmp_path / "students-fixed.xlsx", [good, bad]))
    page.get_by_test_id("import-check").click()
    assert page.get_by_test_id("row-error").count() == 0
    page.get_by_test_id("import-run").click()
    done = page.get_by_test_id("import-done").inner_text()
    assert "2 жаңы" in done

    page.goto(f"{base}/people/students/?q=BRW")
    results = page.locator("#results").inner_text()
    assert "Өмүрбеков" in results and "Мамбетова" in results
