"""KTMU admission journey in the browser: a candidate creates an account on the public portal, applies, is refused
for a missing document with the rule's explanation, completes the file and submits; Student Affairs checks it; the
commission enters the scores; the results are published with a tie decided by the named tie-break (KTMU-12(7)-3);
the institute board's lists are applied; one winner registers, the other does not and the reserve is called."""

from __future__ import annotations

import datetime as dt
import re
import uuid
from typing import Any

import pytest

from tests.browser.conftest import login

PDF = {"name": "doc.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"}


def as_user(page: Any, base: str, username: str) -> None:
    page.context.clear_cookies()
    login(page, base, username)


def click(page: Any, testid: str) -> None:
    with page.expect_navigation():
        page.get_by_test_id(testid).click()


def state(page: Any) -> str:
    return (page.get_by_test_id("state").get_attribute("data-code") or "").strip()


def upload(page: Any, kind: str) -> None:
    page.select_option("#id_kind", kind)
    page.set_input_files("#id_file", files=[PDF])
    click(page, "upload-btn")


@pytest.mark.browser
def test_applicant_to_ranking_and_reserve_promotion(page: Any, bilim_server: str) -> None:
    base = bilim_server
    page.goto(f"{base}/admissions/")
    apply_link = page.locator("[data-testid^=apply-]").first
    href = apply_link.get_attribute("href") or ""
    round_pk = int(re.search(r"/round/(\d+)/apply/", href).group(1))  # type: ignore[union-attr]
    row = page.locator("tr", has=apply_link)
    finreg = re.findall(r"\d{4}-\d{2}-\d{2}", row.locator("td").nth(5).inner_text())
    finreg_start, finreg_end = dt.date.fromisoformat(finreg[0]), dt.date.fromisoformat(finreg[1])

    # 1. a candidate account on the public portal
    click(page, "signup-link")
    email = f"aigul-{uuid.uuid4().hex[:6]}@example.kg"
    page.fill("#id_email", email)
    page.fill("#id_first_name", "Айгүл")
    page.fill("#id_last_name", "Токтосунова")
    page.fill("#id_password1", "Kyrgyz-2027-pass")
    page.fill("#id_password2", "Kyrgyz-2027-pass")
    click(page, "save")
    page.goto(f"{base}{href}")
    page.select_option("#id_citizenship", "KR")
    page.fill("#id_diploma_grade", "75")
    page.select_option("#id_diploma_scale", "100")
    click(page, "save")
    app_url = page.url
    assert state(page) == "ANNOUNCED"

    # 2. refused for the missing application form, with the rule's explanation; then completed
    for kind in ("BACHELOR_DIPLOMA", "TRANSCRIPT", "ID_CARD"):
        upload(page, kind)
    assert "KTMU-10(1)a-1" in page.get_by_test_id("checklist").inner_text()
    page.get_by_test_id("submit-btn").click()
    refusal = page.get_by_test_id("refusal")
    refusal.wait_for()
    assert "KTMU-10(1)a-1" in refusal.inner_text()
    assert state(page) == "ANNOUNCED"
    upload(page, "APPLICATION_FORM")
    click(page, "submit-btn")
    assert state(page) == "APPLIED"
    number = page.get_by_test_id("app-number").inner_text().strip()

    # 3. Student Affairs checks the documents and eligibility
    as_user(page, base, "kadmissions")
    page.goto(app_url)
    click(page, "check")
    assert state(page) == "WRITTEN_REQUIRED"

    # 4. the commission's score sheet (recorded by the institute): a tie on the composite (85) between Осмонова (90/90, diploma 80) and Сатылганов (80/80, diploma 90)
    page.goto(f"{base}/admissions/rounds/{round_pk}/scores/")  # the institute records the commission's protocol
    page.fill("#id_number", "АС-ДЕМО/1")

    def score(name: str, written: str | None, oral: str | None, absent: bool = False) -> None:
        r = page.locator("tr", has_text=name)
        if absent:
            r.locator("input[name$=absent]").check()
            return
        r.locator("input[name$=written]").fill(written or "")
        r.locator("input[name$=oral]").fill(oral or "")

    score("Осмонова", "90", "90")
    score("Сатылганов", "80", "80")
    score("Турсунбаев", None, None, absent=True)
    score("Токтосунова", "101", "75")  # out of range: refused beside the field, nothing recorded
    click(page, "record-scores")
    assert page.locator("span.error").count() >= 1
    page.goto(f"{base}/admissions/rounds/{round_pk}/scores/")
    page.fill("#id_number", "АС-ДЕМО/1")
    score("Осмонова", "90", "90")
    score("Сатылганов", "80", "80")
    score("Турсунбаев", None, None, absent=True)
    score("Токтосунова", "75", "75")
    click(page, "record-scores")

    # 5. publish, confirm the lists by the board's decision; the public page names the tie-break
    as_user(page, base, "kadmissions")
    page.goto(f"{base}/admissions/rounds/{round_pk}/")
    osmonova = page.locator("tr", has_text="Осмонова").get_attribute("data-number")
    satylganov = page.locator("tr", has_text="Сатылганов").get_attribute("data-number")
    click(page, "publish")
    lists = page.locator("#id_decision option", has_text="Тизмелер (демо)").first.get_attribute("value")
    page.select_option("#id_decision", lists)
    click(page, "decide-lists")
    assert page.locator(f"tr[data-number='{osmonova}'] td[data-code]").get_attribute("data-code") == "ENTITLED"
    assert page.locator(f"tr[data-number='{satylganov}'] td[data-code]").get_attribute("data-code") == "ENTITLED"
    assert page.locator(f"tr[data-number='{number}'] td[data-code]").get_attribute("data-code") == "RESERVE"
    page.context.clear_cookies()  # anyone can verify: no login; the reader chose Kyrgyz
    page.context.add_cookies([{"name": "bilim_language", "value": "ky", "url": base}])
    page.goto(f"{base}/admissions/round/{round_pk}/results/")
    tie = page.locator(f"tr[data-number='{satylganov}'] [data-testid=decided-by]").inner_text()
    assert "адистик сынак" in tie.lower() and osmonova in tie
    assert "Сатылганов" not in page.content()  # pseudonymous

    # 6. Осмонова registers with her originals; Сатылганов does not; the reserve is called
    as_user(page, base, "kadmissions")
    page.goto(f"{base}/admissions/rounds/{round_pk}/")
    with page.expect_navigation():
        page.locator(f"tr[data-number='{osmonova}'] a").click()
    page.fill("#id_on", finreg_start.isoformat())
    page.check("#id_originals")
    click(page, "register-btn")
    assert state(page) == "REGISTERED" and page.get_by_test_id("student-number").inner_text().strip()
    page.goto(f"{base}/admissions/rounds/{round_pk}/")
    page.locator("form:has([data-testid=close-registration]) #id_on").fill((finreg_end + dt.timedelta(days=1)).isoformat())
    click(page, "close-registration")
    assert page.locator(f"tr[data-number='{satylganov}'] td[data-code]").get_attribute("data-code") == "LOST_RIGHT"
    assert page.locator(f"tr[data-number='{number}'] td[data-code]").get_attribute("data-code") == "ENTITLED"
