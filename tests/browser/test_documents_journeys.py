"""Issue 11, documents, in the browser and in Kyrgyz: a student sees the size limit and accepted kinds before choosing a
file, an executable renamed ``.pdf`` is refused beside the field in Kyrgyz, a real PDF is accepted; the
international-relations officer opens that PDF in the browser from the student's file."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.browser.conftest import ARTIFACTS, login

EXE = {"name": "transcript.pdf", "mimeType": "application/pdf",
       "buffer": b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 44 + b"\x80\x00\x00\x00" + b"\x00" * 64 + b"PE\x00\x00L\x01"}


def _pdf_bytes() -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=14)
    pdf.cell(0, 10, "Transcript of records")
    return bytes(pdf.output())


def click(page: Any, testid: str) -> None:
    with page.expect_navigation():
        page.get_by_test_id(testid).first.click()


@pytest.mark.browser
def test_officer_opens_an_uploaded_pdf_and_a_renamed_executable_is_refused_in_kyrgyz(page: Any, bilim_server: str) -> None:
    base = bilim_server
    page.context.clear_cookies()
    login(page, base, "student")
    page.goto(f"{base}/mobility/applications/new/")
    page.select_option("#id_host", index=1)
    page.fill("#id_purpose", "Бир семестр окуу")
    page.fill("#id_language", "Түрк тили")
    page.fill("#id_specialty", "Математика")
    page.fill("#id_expected_funding", "Мевлана")
    page.fill("#id_intended_disciplines", "Lineer Cebir")
    page.fill("#id_start_date", "2027-02-01")
    page.fill("#id_end_date", "2027-06-30")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").first.click()
    url = page.url
    assert re.search(r"/mobility/applications/\d+/$", url), url
    assert page.locator("html").get_attribute("lang") == "ky"
    # the limit and the accepted kinds are stated before a file is chosen, in Kyrgyz
    help_text = page.get_by_test_id("upload-help").inner_text()
    assert "5 МБ" in help_text and "PDF" in help_text, help_text

    # an executable renamed .pdf: refused beside the field, in Kyrgyz; nothing stored
    page.select_option("#id_kind", "HOME_TRANSCRIPT")
    page.set_input_files("#id_file", files=[EXE])
    click(page, "upload")
    error = page.get_by_test_id("error-file").inner_text()
    assert "Бул файлдын мазмуну PDF документи эмес" in error, error
    assert page.get_by_test_id("document").count() == 0

    # the real PDF is accepted
    page.select_option("#id_kind", "HOME_TRANSCRIPT")
    page.set_input_files("#id_file", files=[{"name": "transcript.pdf", "mimeType": "application/pdf", "buffer": _pdf_bytes()}])
    click(page, "upload")
    assert page.get_by_test_id("document").count() == 1
    assert page.get_by_test_id("error-file").count() == 0

    # the officer opens it from the student's file, in the browser
    page.context.clear_cookies()
    login(page, base, "ird_officer")
    page.goto(url)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "documents-officer-file-ky.png"), full_page=True)
    link = page.get_by_test_id("document-view")
    assert link.inner_text().strip() == "Ачуу"
    href = link.get_attribute("href")
    assert href and href.endswith("/view/")
    with page.context.expect_page() as opened:
        link.click()
    tab = opened.value
    tab.wait_for_load_state()
    assert tab.url.endswith(href)
    r = page.request.get(base + href)
    assert r.status == 200 and r.headers["content-type"] == "application/pdf"
    assert r.headers["content-disposition"].startswith("inline") and r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["content-security-policy"] == "sandbox"
    assert r.body().startswith(b"%PDF")
    # and the officer, who checks it, cannot replace or remove it
    assert page.get_by_test_id("document-remove").count() == 0
