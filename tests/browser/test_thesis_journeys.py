"""Thesis journeys in the browser: a doctoral student through the qualifying exam (recorded by the institute),
the thesis proposal and its review commission, a change of supervisor on the student's justified
application with the thesis-submission lock that follows (the submission is refused with the rule's
sentence), and — for a doctoral student whose jury is formed — the defence and the degree."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.browser.conftest import login


def as_user(page: Any, base: str, username: str) -> None:
    page.context.clear_cookies()
    login(page, base, username)


def stage(page: Any) -> str:
    return (page.get_by_test_id("stage").get_attribute("data-code") or "").strip()


def state(page: Any) -> str:
    return (page.get_by_test_id("state").get_attribute("data-code") or "").strip()


def open_act(page: Any, key: str) -> Any:
    page.get_by_test_id(f"act-{key}").locator("summary").click()
    return page.get_by_test_id(f"form-{key}")


def choose(form: Any, name: str, text: str) -> None:
    """Select the option of ``name`` whose label contains ``text``."""
    select = form.locator(f"[name={name}]")
    value = select.locator("option", has_text=text).first.get_attribute("value")
    select.select_option(value=value)


def submit(page: Any, form: Any) -> None:
    with page.expect_navigation():
        form.locator("button[type=submit]").click()


@pytest.mark.browser
def test_doctoral_student_exam_proposal_change_lock(page: Any, bilim_server: str) -> None:
    base = bilim_server
    as_user(page, base, "kphd")
    page.goto(f"{base}/postgrad/thesis/me/")
    assert stage(page) == "QE_DUE"
    url = page.url

    # the institute records the qualifying exam
    as_user(page, base, "kinstitute")
    page.goto(url)
    form = open_act(page, "qualifying_exam")
    form.locator("[name=held_on]").fill("2026-12-01")
    form.locator("[name=passed]").select_option("1")
    submit(page, form)
    assert stage(page) == "QE_PASSED"

    # the student hands in the proposal
    as_user(page, base, "kphd")
    page.goto(url)
    form = open_act(page, "proposal")
    form.locator("[name=title]").fill("Кыргыз тилиндеги медициналык тексттерден маалымат алуу")
    form.locator("[name=summary]").fill("Максаты: кыргыз тилиндеги клиникалык жазуулардан маалымат алуу ыкмаларын иштеп чыгуу.")
    submit(page, form)
    assert stage(page) == "PROPOSAL"

    # the review commission approves it (institute records the decision)
    as_user(page, base, "kinstitute")
    page.goto(url)
    form = open_act(page, "proposal_decide")
    form.locator("[name=proposal]").select_option(index=1)
    form.locator("[name=result]").select_option("APPROVED")
    values = [o.get_attribute("value") for o in form.locator("[name=commission] option").all()[:3]]
    form.locator("[name=commission]").select_option(values)
    choose(form, "decision", "темаларын бекитүү")
    submit(page, form)
    assert stage(page) == "WRITING"
    assert "медициналык" in page.get_by_test_id("thesis-title").inner_text()

    # the student applies for a change of supervisor
    as_user(page, base, "kphd")
    page.goto(url)
    form = open_act(page, "change_request")
    form.locator("[name=justification]").fill("Диссертациянын багыты медициналык информатикага өзгөрдү.")
    submit(page, form)
    assert page.get_by_test_id("pending-app").count() >= 1

    # the FoS head names the new supervisor and records the FoS council's proposal
    as_user(page, base, "kfos_head")
    page.goto(url)
    page.get_by_test_id("sup-state").locator("a").click()
    sup_url = page.url
    form = open_act(page, "candidate")
    form.locator("[name=app]").select_option(index=1)
    form.locator("[name=staff]").select_option(index=3)
    submit(page, form)
    form = open_act(page, "change_proposal")
    form.locator("[name=app]").select_option(index=1)
    choose(form, "decision", "алмаштыруу боюнча сунуш")
    submit(page, form)

    # the Institute Board decides: the file enters the thesis-submission lock (2 semesters for a doctorate)
    as_user(page, base, "board_secretary")
    page.goto(sup_url)
    form = open_act(page, "change_on_application")
    form.locator("[name=app]").select_option(index=1)
    choose(form, "decision", "Илимий жетекчилерди алмаштыруу")
    submit(page, form)
    assert state(page) == "THESIS_LOCK"
    lock = page.get_by_test_id("lock-until").inner_text()
    assert re.search(r"20\d\d-\d\d-\d\d", lock)
    assert page.get_by_test_id("transition").count() >= 4  # the history: interim, proposal, appointment, change

    # the student tries to submit: refused with the rule's sentence, nothing written
    as_user(page, base, "kphd")
    page.goto(url)
    form = open_act(page, "submit")
    submit(page, form)
    error = page.get_by_test_id("form-error").inner_text()
    assert re.search(r"20\d\d", error)
    page.goto(url)
    assert stage(page) == "WRITING"


@pytest.mark.browser
def test_doctoral_defence_and_degree(page: Any, bilim_server: str) -> None:
    base = bilim_server
    as_user(page, base, "kinstitute")
    page.goto(f"{base}/postgrad/thesis/students/?q=Сатыбалдиева")
    page.locator("main table a").first.click()
    page.wait_for_load_state()
    assert stage(page) == "JURY_FORMED"
    url = page.url
    form = open_act(page, "defence")
    form.locator("[name=held_on]").fill("2026-12-01")
    form.locator("[name=result]").select_option("PASSED")
    choose(form, "decision", "коргоонун жыйынтыгы")
    submit(page, form)
    assert stage(page) == "DEFENDED"
    as_user(page, base, "board_secretary")
    page.goto(url)
    form = open_act(page, "degree")
    form.locator("[name=diploma_number]").fill("KTMU-PhD-2026-0009")
    choose(form, "decision", "даражасын ыйгаруу")
    submit(page, form)
    assert stage(page) == "DEGREE_AWARDED"
    assert "KTMU-PhD-2026-0009" in page.get_by_test_id("degree").inner_text()
