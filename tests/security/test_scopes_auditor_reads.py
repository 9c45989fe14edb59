"""The auditor may read every read page (issue 7, "Low").

Every GET page of the permission matrix (discovered from the URLconf and the ninja schema) is opened as
the auditor. Pages with path parameters are filled with objects the administrator reaches by
following links from the list pages (a crawl), so a detail page is asked for a real, visible record
rather than a guessed primary key. A read page must answer 200; the only exceptions are pages that
write (forms and actions, :data:`WRITE_PAGE`), the auditor's own postgraduate page (the auditor is no
student) and the Django admin (staff only).
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.urls import Resolver404, resolve

from tests.test_permission_matrix import _client, discover, seeded  # noqa: F401  (module fixture)

# GET pages that are forms or actions: the auditor is read-only, a refusal there is right.
WRITE_PAGE = re.compile(r"(_new|_edit|_act|_appoint|_left|_plan|_scores|_session|_commission|_supersede|_adopt|_mailing|student_action)$")
# Not read pages of the auditor's: their own student page, the self-service token page, the admin (staff only).
NOT_READ = {"imports:index", "imports:upload", "imports:template",  # the import tool: a registrar's write pages
            "postgrad:me", "accounts:tokens", "api:api-root", "set_language", "logout", "login", "home",
            # a person's own pages (the auditor has no student record of its own) and links that only redirect to a record
            "api:mine", "thesis:me", "standing:home", "standing:own_request", "standing:leave_redirect", "standing:acleave_redirect",
            "standing:dismissal_redirect", "standing:plagiarism_redirect",
            # a commission's score-entry form (a write page) and a list whose path names a kind the crawler cannot guess
            "admissions:scores", "api:institute"}
HREF = re.compile(r'href="(/[^"#?]*)')


def _crawl(client: Any, start: list[str], rounds: int = 2) -> dict[str, str]:
    """URL name → the first URL with path parameters found in a link, following links ``rounds`` deep."""
    found: dict[str, str] = {}
    seen: set[str] = set()
    frontier = list(start)
    for _ in range(rounds):
        nxt: list[str] = []
        for url in frontier:
            if url in seen:
                continue
            seen.add(url)
            r = client.get(url)
            if r.status_code != 200 or "html" not in r.get("Content-Type", ""):
                continue
            for href in HREF.findall(r.content.decode()):
                path = urlsplit(href).path
                try:
                    match = resolve(path)
                except Resolver404:
                    continue
                name = f"{match.namespace}:{match.url_name}" if match.namespace else (match.url_name or "")
                if match.kwargs and name not in found:
                    found[name] = path
                    nxt.append(path)
        frontier = nxt
    return found


@pytest.mark.django_db
def test_auditor_reads_every_read_page(seeded: Any) -> None:  # noqa: F811
    urls = [(u, n, ms) for u, n, ms in discover() if "GET" in ms and not n.startswith("admin:") and n not in NOT_READ]
    lists = [u for u, n, _ in urls if "<" not in u and not WRITE_PAGE.search(n)]
    linked = _crawl(_client("admin", seeded), lists)
    admin = _client("admin", seeded)
    auditor = _client("auditor", seeded)
    refused = []
    for url, name, _methods in urls:
        if WRITE_PAGE.search(name):
            continue
        url = linked.get(name, url)
        if name in {"mobility:application_doc", "mobility:application_ewp", "mobility:trip_doc", "rulebook:workflow"} and name not in linked:
            continue  # documents and workflow pages are only reached with a real code from a page
        admin_status = admin.get(url).status_code
        if admin_status == 405:
            continue  # a POST-only action (e.g. revoking a token): not a read page
        if name not in linked and admin_status == 404:
            continue  # no such record in the demo data (e.g. no disciplinary case): nothing to read
        r = auditor.get(url)
        if r.status_code != 200:
            refused.append(f"{r.status_code} {url} ({name})")
    # the crawl must have reached the pages that refused the auditor before the fix
    assert "postgrad:exam" in linked and "postgrad:offering" in linked
    assert not refused, "\n".join(refused)


@pytest.mark.django_db
def test_auditor_still_cannot_write_the_pages_it_reads(seeded: Any) -> None:  # noqa: F811
    """Boundary: the read actions opened to the auditor do not open the matching write pages."""
    auditor = _client("auditor", seeded)
    assert auditor.get("/postgrad/exams/new/").status_code == 403
    assert auditor.get("/mobility/overdue/").status_code == 200
    assert auditor.get("/postgrad/exams/").status_code == 200
