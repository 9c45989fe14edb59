"""Mobility journeys in the browser: a long-term student mobility from application to recognition (with a
refused grade and the 15-credit rule), a short-term one, staff trips with and without project funding,
an IRD call with competition and published results, and an incoming student."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.browser.conftest import login
from tests.browser.tables import fill_isp, fill_results

PDF = {"name": "doc.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4\n% test\n"}


def as_user(page: Any, base: str, username: str) -> None:
    page.context.clear_cookies()
    login(page, base, username)


def click(page: Any, testid: str) -> None:
    with page.expect_navigation():
        page.get_by_test_id(testid).click()


def state(page: Any) -> str:
    return (page.get_by_test_id("state").get_attribute("data-code") or "").strip()  # the code; the label is translated


def upload(page: Any, kind: str) -> None:
    page.select_option("#id_kind", kind)
    page.set_input_files("#id_file", files=[PDF])
    click(page, "upload")


@pytest.mark.browser
def test_long_term_mobility_from_application_to_recognition(page: Any, bilim_server: str) -> None:
    base = bilim_server
    as_user(page, base, "student")
    page.goto(f"{base}/mobility/calls/")
    page.get_by_role("link", name=re.compile("Mevlana 2027")).click()
    click(page, "apply")
    page.select_option("#id_host", label="Ankara University")
    page.fill("#id_purpose", "Study for a semester")
    page.fill("#id_language", "Turkish")
    page.fill("#id_specialty", "Mathematics")
    page.fill("#id_expected_funding", "Mevlana")
    page.fill("#id_intended_disciplines", "Lineer Cebir\nAnaliz")
    page.fill("#id_start_date", "2027-02-01")
    page.fill("#id_end_date", "2027-06-30")
    click(page, "save")
    assert state(page) == "DRAFT" and page.get_by_test_id("term").get_attribute("data-code") == "LONG"
    url = page.url
    for kind in ["PARENTAL_CONSENT", "HOME_TRANSCRIPT", "QUESTIONNAIRE", "MOTIVATION_LETTER", "CITIZENSHIP_DOC_COPY"]:
        upload(page, kind)
    fill_isp(page, [("MAT201", "Lineer Cebir", "6", "ELECTIVE"), ("MAT202", "Analiz", "10", "ELECTIVE")])
    click(page, "submit")
    assert state(page) == "APPLIED"

    as_user(page, base, "ird_officer")
    page.goto(url)
    click(page, "docs-complete")
    assert state(page) == "DOCS_COMPLETE"
    page.fill("[data-testid=gpa]", "3.45")
    page.fill("[data-testid=score-LANGUAGE]", "80")
    click(page, "score")
    page.get_by_role("link", name=re.compile("Mevlana 2027")).click()
    click(page, "rank")
    click(page, "publish-results")
    assert page.get_by_test_id("result").count() >= 1
    page.goto(url)
    assert state(page) == "SELECTED"

    as_user(page, base, "dean_office")
    page.goto(url)
    click(page, "nominate")
    as_user(page, base, "ird_officer")
    page.goto(url)
    click(page, "refer")
    page.set_input_files("[data-testid=invitation-file]", files=[PDF])
    click(page, "invite")
    assert state(page) == "INVITED"
    for user, step in [("programme_leader", "pl"), ("deputy_dean_academic", "vdaa"), ("dean_office", "dean"), ("ird_officer", "ird")]:
        as_user(page, base, user)
        page.goto(url)
        page.select_option("[data-testid=isp-step]", step)
        click(page, "isp-sign")
    assert page.get_by_test_id("isp-status").get_attribute("data-code") == "SUBMITTED_TO_IRD"
    click(page, "isp-approved")
    as_user(page, base, "deputy_dean_ir")
    page.goto(url)
    click(page, "brief")
    as_user(page, base, "rector_office")
    page.goto(url)
    page.fill("[data-testid=order-number]", "101-МБ")
    click(page, "order")
    assert state(page) == "ORDER_ISSUED"
    as_user(page, base, "ird_officer")
    page.goto(url)
    click(page, "depart")
    as_user(page, base, "rector_office")
    page.goto(url)
    page.fill("[data-testid=return-number]", "150-МБ")
    click(page, "return")
    assert state(page) == "RETURNED"

    as_user(page, base, "student")
    page.goto(url)
    upload(page, "HOST_TRANSCRIPT")
    upload(page, "STUDY_CERTIFICATE")
    as_user(page, base, "dean_office")
    page.goto(url)
    click(page, "docs-returned")
    assert state(page) == "DOCS_RETURNED"
    fill_results(page, [("BA", "PASSED", None), ("FF", "UNSATISFACTORY", None)])  # rows proposed from the study plan
    rows = page.get_by_test_id("host-result")
    first = rows.nth(0)
    first.locator("select[name=component]").select_option("ELECTIVE")
    with page.expect_navigation():
        first.get_by_test_id("recognise").click()
    second = page.get_by_test_id("host-result").nth(1)
    second.locator("select[name=decision]").select_option("REFUSED")
    with page.expect_navigation():
        second.get_by_test_id("recognise").click()  # no reason: refused with the rule's explanation
    # the refusal is refused with FD-12's own sentence (in whichever language the page speaks), not just any page
    # that contains the word "reason" (every recognition form does, in its placeholder)
    from bilim.regulations.core.messages import catalogue

    sentences = [re.escape(t).replace(re.escape("{result}"), r"\d+") for t in catalogue()["osu.refusal.no_reason"].values()]
    assert re.search("|".join(sentences), page.content())
    second = page.get_by_test_id("host-result").nth(1)
    second.locator("select[name=decision]").select_option("REFUSED")
    second.locator("input[name=reason]").fill("Unsatisfactory grade at the host")
    with page.expect_navigation():
        second.get_by_test_id("recognise").click()
    click(page, "recognition-close")
    # 10 failed credits ≤ 15: paid summer retake (OSU-4.8-FD-6)
    assert state(page) == "RETAKE_PENDING"
    assert page.get_by_test_id("failed-credits").get_attribute("data-code") == "PAID_SUMMER_RETAKE"
    click(page, "retake")
    click(page, "academic-close")
    assert state(page) == "ACADEMIC_CLOSED"
    as_user(page, base, "ird_officer")
    page.goto(url)
    page.fill("[data-testid=report]", "Жакшы тажрыйба алдым")
    page.fill("[data-testid=interview]", "2027-09-01")
    click(page, "close")
    assert state(page) == "CLOSED"
    assert page.get_by_test_id("transition").count() >= 18  # every step of both tracks is in the history


@pytest.mark.browser
def test_short_term_mobility(page: Any, bilim_server: str) -> None:
    base = bilim_server
    as_user(page, base, "student")
    page.goto(f"{base}/mobility/applications/new/")
    page.select_option("#id_host", label="Gazi University")
    page.select_option("#id_basis", "INDIVIDUAL_INVITATION")
    page.fill("#id_purpose", "Summer school")
    page.fill("#id_language", "English")
    page.fill("#id_specialty", "Mathematics")
    page.fill("#id_expected_funding", "Own funds")
    page.fill("#id_start_date", "2027-07-05")
    page.fill("#id_end_date", "2027-07-18")
    click(page, "save")
    assert page.get_by_test_id("term").get_attribute("data-code") == "SHORT"
    url = page.url
    for kind in ["PARENTAL_CONSENT", "HOME_TRANSCRIPT", "QUESTIONNAIRE", "MOTIVATION_LETTER", "CITIZENSHIP_DOC_COPY"]:
        upload(page, kind)
    click(page, "submit")
    assert state(page) == "APPLIED"
    as_user(page, base, "ird_officer")
    page.goto(url)
    click(page, "docs-complete")
    click(page, "select")
    assert state(page) == "SELECTED"
    as_user(page, base, "dean_office")
    page.goto(url)
    click(page, "nominate")
    as_user(page, base, "ird_officer")
    page.goto(url)
    click(page, "refer")
    page.set_input_files("[data-testid=invitation-file]", files=[PDF])
    click(page, "invite")
    as_user(page, base, "rector_office")
    page.goto(url)
    page.fill("[data-testid=order-number]", "7-КМ")
    click(page, "order")
    assert state(page) == "ORDER_ISSUED"


@pytest.mark.browser
@pytest.mark.parametrize("project_funded", [False, True])
def test_staff_trip_through_its_chain(page: Any, bilim_server: str, project_funded: bool) -> None:
    base = bilim_server
    as_user(page, base, "staff")
    page.goto(f"{base}/mobility/trips/new/")
    page.select_option("#id_host", label="Humboldt University of Berlin")
    page.fill("#id_purpose", "Conference talk")
    page.fill("#id_start_date", "2026-12-07")
    page.fill("#id_end_date", "2026-12-11")
    page.check("input[name=funding][value=PROJECT]" if project_funded else "input[name=funding][value=HOST]")
    if project_funded:
        page.select_option("#id_project_leader", label="Таалай Турдубаев")  # the programme leader, shown by name
    page.fill("#id_substitution_info", "Classes covered by a colleague")
    page.set_input_files("#id_invitation", files=[PDF])
    click(page, "save")
    url = page.url
    click(page, "submit")
    assert state(page) == "SUBMITTED"
    chain = ["head_of_department", "dean_office"] + (["programme_leader"] if project_funded else []) + ["vice_rector_research"]
    for user in chain:
        as_user(page, base, user)
        page.goto(url)
        click(page, "approve")
    assert page.get_by_test_id("approval").count() == len(chain)
    as_user(page, base, "rector_office")
    page.goto(url)
    page.fill("[data-testid=order-number]", "77-к" if not project_funded else "78-к")
    click(page, "order")
    assert state(page) == "ORDER_ISSUED"
    as_user(page, base, "staff")
    page.goto(url)
    click(page, "start")
    click(page, "return")
    assert state(page) == "RETURNED"
    click(page, "reporting")  # not funded by the university: no expense report owed
    assert state(page) == "REPORTING"
    click(page, "close")
    assert state(page) == "CLOSED"


@pytest.mark.browser
def test_ird_call_with_competition_and_published_results(page: Any, bilim_server: str) -> None:
    base = bilim_server
    as_user(page, base, "ird_officer")
    page.goto(f"{base}/mobility/calls/")
    click(page, "new-call")
    page.fill("#id_title", "DAAD 2027 — Leipzig summer")
    page.select_option("#id_host", label="Leipzig University")
    page.select_option("#id_programme", "DAAD")
    page.fill("#id_opens_on", "2026-11-01")
    page.fill("#id_deadline", "2026-12-20")
    page.fill("#id_mobility_start", "2027-07-01")
    page.fill("#id_mobility_end", "2027-07-20")
    page.fill("#id_weights", '{"GPA": 100}')
    page.fill("#id_quota", "2")
    click(page, "save")
    click_publish = page.locator("button[value=publish]")
    with page.expect_navigation():
        click_publish.click()
    page.context.clear_cookies()
    page.goto(f"{base}/mobility/calls/feed/")
    assert "DAAD 2027" in page.content()
    page.goto(f"{base}/mobility/calls/")
    assert page.get_by_text("DAAD 2027 — Leipzig summer").count() == 1


@pytest.mark.browser
def test_incoming_student(page: Any, bilim_server: str) -> None:
    base = bilim_server
    as_user(page, base, "ird_officer")
    page.goto(f"{base}/mobility/incoming/new/")
    page.fill("#id_last_name", "Schmidt")
    page.fill("#id_first_name", "Jonas")
    page.fill("#id_citizenship", "DE")
    page.select_option("#id_home", label="Heidelberg University")
    page.select_option("#id_faculty", index=1)
    page.fill("#id_start_date", "2027-02-01")
    page.fill("#id_end_date", "2027-06-30")
    click(page, "save")
    for target in ["accepted", "visa_and_migration", "arrived"]:
        click(page, f"to-{target}")
    click(page, "to-studying")  # no coordinator yet: refused (OSU-4.8-HOST-1)
    assert state(page) == "ARRIVED" and "OSU-4.8-HOST-1" in page.content()
    page.select_option("[data-testid=coordinator]", index=1)
    page.fill("[data-testid=groups]", "МАТ-21")
    page.check("[data-testid=avn]")
    click(page, "to-studying")
    assert state(page) == "STUDYING"
    click(page, "to-results_issued")
    click(page, "to-departed")
    assert state(page) == "DEPARTED"
