"""Mobility files on their own tables, in the browser: an internal (domestic) long-term mobility from the application
to the closed file (§4.2 "Internal"), a distance mobility whose stay is online and ends with the return order (§4.2
"Distance"), and an incoming staff visit (§4.5) with the fee check of OSU-6.3-1."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.conftest import login
from tests.browser.tables import fill_isp, fill_results

PDF = {"name": "doc.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4\n% test\n"}
DOCS = ["PARENTAL_CONSENT", "HOME_TRANSCRIPT", "QUESTIONNAIRE", "MOTIVATION_LETTER", "CITIZENSHIP_DOC_COPY"]


def as_user(page: Any, base: str, username: str) -> None:
    page.context.clear_cookies()
    login(page, base, username)


def click(page: Any, testid: str) -> None:
    with page.expect_navigation():
        page.get_by_test_id(testid).click()


def state(page: Any) -> str:
    return (page.get_by_test_id("state").get_attribute("data-code") or "").strip()


def code(page: Any, testid: str) -> str:
    return (page.get_by_test_id(testid).first.get_attribute("data-code") or "").strip()


def upload(page: Any, kind: str) -> None:
    page.select_option("#id_kind", kind)
    page.set_input_files("#id_file", files=[PDF])
    click(page, "upload")


def steps(page: Any) -> list[str]:
    return [a.get_attribute("data-code") or "" for a in page.get_by_test_id("transition-action").all()]


def apply(page: Any, base: str, host: str, mode: str, purpose: str) -> str:
    """The student fills in the application (D-01), uploads the documents and the ISP, and submits it."""
    as_user(page, base, "student")
    page.goto(f"{base}/mobility/applications/new/")
    page.select_option("#id_host", label=host)
    page.select_option("#id_basis", "INDIVIDUAL_INVITATION")
    page.select_option("#id_mode", mode)
    page.fill("#id_purpose", purpose)
    page.fill("#id_language", "Kyrgyz")
    page.fill("#id_specialty", "Mathematics")
    page.fill("#id_expected_funding", "Osh Declaration")
    page.fill("#id_intended_disciplines", "Algebra")
    page.fill("#id_start_date", "2027-02-01")
    page.fill("#id_end_date", "2027-06-30")
    click(page, "save")
    url = page.url
    for kind in DOCS:
        upload(page, kind)
    fill_isp(page, [("ALG1", "Algebra", "6", "ELECTIVE")])
    click(page, "submit")
    assert state(page) == "APPLIED"
    return url


def to_order(page: Any, base: str, url: str, number: str) -> None:
    """IRD, the dean's office, the ISP signatories, the deputy dean (IR) and the rector's office, each on their page."""
    as_user(page, base, "ird_officer")
    page.goto(url)
    click(page, "docs-complete")
    click(page, "select")  # individual invitation: no competition
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
    click(page, "isp-approved")
    as_user(page, base, "deputy_dean_ir")
    page.goto(url)
    click(page, "brief")  # no learning agreement required: the briefing follows the ISP
    assert state(page) == "BRIEFED"
    as_user(page, base, "rector_office")
    page.goto(url)
    page.fill("[data-testid=order-number]", number)  # order numbers are unique per day at the rector's office
    click(page, "order")
    assert state(page) == "ORDER_ISSUED"


@pytest.mark.browser
def test_internal_mobility_runs_on_its_own_table_to_the_closed_file(page: Any, bilim_server: str) -> None:
    base = bilim_server
    url = apply(page, base, "Jalal-Abad State University", "PHYSICAL", "A semester at a Kyrgyz university")
    assert code(page, "scope") == "INTERNAL" and code(page, "workflow") == "osu.student_outgoing_domestic"
    to_order(page, base, url, "201-ИМ")
    as_user(page, base, "ird_officer")
    page.goto(url)
    click(page, "depart")
    assert state(page) == "ABROAD"
    as_user(page, base, "rector_office")
    page.goto(url)
    page.fill("[data-testid=return-number]", "260-ИМ")
    click(page, "return")
    assert state(page) == "RETURNED" and code(page, "dlt-state") == "NO_DLT_DISCIPLINES"

    as_user(page, base, "student")
    page.goto(url)
    upload(page, "HOST_TRANSCRIPT")
    upload(page, "STUDY_CERTIFICATE")
    as_user(page, base, "dean_office")
    page.goto(url)
    click(page, "docs-returned")
    assert state(page) == "DOCS_RETURNED"
    fill_results(page, [("86", "PASSED", "POINTS_100")])  # a Kyrgyz host states points on the 100-point scale
    row = page.get_by_test_id("host-result").first
    row.locator("select[name=component]").select_option("ELECTIVE")
    with page.expect_navigation():
        row.get_by_test_id("recognise").click()
    click(page, "recognition-close")
    assert state(page) == "HOST_RESULTS_CLEAR"  # no failed host credit
    click(page, "academic-close")
    assert state(page) == "ACADEMIC_CLOSED"
    as_user(page, base, "ird_officer")
    page.goto(url)
    click(page, "close")  # no report, no interview: refused with OSU-4.8-STU-17
    assert state(page) == "ACADEMIC_CLOSED" and "OSU-4.8-STU-17" in page.content()
    page.fill("[data-testid=report]", "Тажрыйба алмашуу пайдалуу болду")
    page.fill("[data-testid=interview]", "2027-07-20")
    click(page, "close")
    assert state(page) == "CLOSED"
    assert steps(page) == ["apply", "documents_complete", "select_non_competitive", "nominate", "refer", "invitation_received",
                           "isp_submitted", "brief_without_la", "issue_order", "start", "return", "none_to_take", "documents_returned",
                           "recognise", "host_results_clear", "academic_close", "close"]


@pytest.mark.browser
def test_distance_mobility_studies_online_and_ends_with_the_return_order(page: Any, bilim_server: str) -> None:
    base = bilim_server
    url = apply(page, base, "Gazi University", "DISTANCE", "Online semester")
    assert code(page, "mode") == "DISTANCE" and code(page, "workflow") == "osu.student_outgoing_virtual"
    to_order(page, base, url, "202-ДМ")
    as_user(page, base, "ird_officer")
    page.goto(url)
    click(page, "depart")  # no travel: the stay is online
    assert state(page) == "STUDYING_ONLINE"
    as_user(page, base, "rector_office")
    page.goto(url)
    page.fill("[data-testid=return-number]", "261-ДМ")
    click(page, "return")
    assert state(page) == "RETURNED"
    assert "end_online" in steps(page) and "return" not in steps(page)


@pytest.mark.browser
def test_incoming_staff_visit(page: Any, bilim_server: str) -> None:
    base = bilim_server
    as_user(page, base, "ird_officer")
    page.goto(f"{base}/mobility/incoming/new/")
    page.select_option("#id_kind", "STAFF")
    page.fill("#id_last_name", "Yıldız")
    page.fill("#id_first_name", "Emre")
    page.fill("#id_citizenship", "TR")
    page.select_option("#id_home", label="Gazi University")
    page.select_option("#id_faculty", index=1)
    page.select_option("#id_level", "STAFF")
    page.fill("#id_start_date", "2027-04-05")
    page.fill("#id_end_date", "2027-04-12")
    click(page, "save")
    assert state(page) == "REQUESTED" and code(page, "workflow") == "osu.staff_incoming"
    assert page.get_by_test_id("to-accepted").count() == 0  # the student table's steps are not offered
    url = page.url
    click(page, "to-invited")
    assert state(page) == "INVITED"
    page.fill("[data-testid=fee-amount]", "80")  # a fee for the visit without its reason: refused (OSU-6.3-1)
    click(page, "to-on_site")
    assert state(page) == "INVITED" and "OSU-6.3-1" in page.content()
    page.fill("[data-testid=fee-amount]", "0")
    click(page, "to-on_site")
    assert state(page) == "ON_SITE"
    as_user(page, base, "rector_office")  # reads the visit, may not move it
    page.goto(url)
    assert state(page) == "ON_SITE" and page.get_by_test_id("to-completed").count() == 0
    as_user(page, base, "ird_officer")
    page.goto(url)
    click(page, "to-completed")
    assert state(page) == "COMPLETED"
    assert steps(page) == ["invite", "arrive", "depart"]
