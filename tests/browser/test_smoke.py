"""Smoke journey for every demo role: log in, see the own dashboard, switch ru ↔ ky, log out."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.conftest import login, logout

DEMO_USERS = [
    "student",
    "kstudent",
    "staff",
    "dean_office",
    "deputy_dean_ir",
    "deputy_dean_academic",
    "programme_leader",
    "ird_officer",
    "head_of_department",
    "board_secretary",
    "rector_office",
    "vice_rector_research",
    "accounting",
    "auditor",
    "admin",
    "outsider",
]


def _switch_language(page: Any, code: str) -> None:
    with page.expect_navigation():
        page.select_option("#language-select", code)
    assert page.locator("html").get_attribute("lang") == code


@pytest.mark.browser
@pytest.mark.parametrize("username", DEMO_USERS)
def test_role_journey(page: Any, bilim_server: str, username: str) -> None:
    login(page, bilim_server, username)
    title = page.get_by_test_id("dashboard-title")
    assert title.is_visible()
    # the dashboard is the user's own: it names them and shows a section for their role
    assert page.get_by_test_id("dashboard-role").count() >= 1 or username == "outsider"

    _switch_language(page, "ru")
    ru_title = title.inner_text()
    ru_nav = page.locator("header nav").inner_text()
    assert "/dashboard/" in page.url

    _switch_language(page, "ky")
    ky_title = title.inner_text()
    ky_nav = page.locator("header nav").inner_text()
    assert ru_title != ky_title, "dashboard heading did not change with the language"
    assert ru_nav != ky_nav, "navigation did not change with the language"
    assert any(ch in page.locator("body").inner_text() for ch in "ңөүҢӨҮ"), "no Kyrgyz letters on the ky page"

    logout(page)
    assert page.locator("#id_username").is_visible()
