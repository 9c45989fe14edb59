"""No page of any demo role shows an internal code or an English word in the Kyrgyz interface (issue 11).

Every demo account, in Kyrgyz, walks from its dashboard over every same-site link it is shown
(breadth-first, one page per URL pattern, at most ``CAP`` pages; see ``crawl_support``), and every
page is read as a person reads it. The test fails, listing page and snippet, on a server error, an
internal code (``PARENTAL_CONSENT``, ``role:dean_office``, ``DRAFT → APPLIED``, a Python dict or a
``snake_case`` identifier) or a Latin-script word that is neither an acronym of the allow-list nor a
name the record holds only in Latin (a partner university, a foreign person). New pages are
picked up as soon as some page links to them.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.db import models
from django.test import Client

from tests.i18n.crawl_support import ALLOWED_LATIN, LATIN_WORD, crawl, problems
from tests.web.conftest import seeded  # noqa: F401  (module fixture: the demo data set)

pytestmark = pytest.mark.django_db

ROLES = [
    "student", "kstudent", "kphd", "staff", "dean_office", "deputy_dean_ir", "deputy_dean_academic", "programme_leader",
    "ird_officer", "head_of_department", "board_secretary", "bt_secretary", "rector_office", "krector",
    "vice_rector_research", "accounting", "auditor", "admin", "outsider", "kinstructor", "kinstitute", "kfos_head",
    "kadmissions", "ksupervisor",
]
CAP = int(os.environ.get("BILIM_CRAWL_CAP", "150"))
# Pages whose words are another part of issue 11 and are rebuilt there: reported in the artifact, not failed here.
# Keep this list short; remove an entry when its part lands.
KNOWN_ELSEWHERE = [
    # (view name, what the line says, why and where it is fixed)
    ("mobility:call_new", r'\{"GPA"', "criterion weights typed as JSON with criterion codes: the call form is the 'forms' part"),
    ("postgrad:offering", r"MIDTERM, FINAL", "the assessment plan typed as text with kind codes: its table editor is the 'forms' part"),
]
# The audit trail's own pages read like a record's history: judged with the history sections (see the xfail test).
HISTORY_PAGES = {"audit:events", "audit:event"}
LANG_SUFFIX = re.compile(r"_(ru|en|tr)$")


_NAMES: set[str] = set()


def names_held_in_latin() -> set[str]:
    if not _NAMES:
        _NAMES.update(_names_held_in_latin())
    return _NAMES


def _names_held_in_latin() -> set[str]:
    """Latin words of names the data holds in Latin for a Kyrgyz reader: fields of no language or the Kyrgyz
    one (a partner university's ``name_ky`` is its Latin name), and user names. Fields of another language
    (``title_en``), codes with choices and free texts are not names; a record's own code (``ART-BA101``,
    ``sbe-econ-ma``) is printed on its documents and is allowed."""
    words: set[str] = set()
    for model in apps.get_models():
        if not model.__module__.startswith("bilim."):
            continue
        fields = [f for f in model._meta.get_fields()
                  if isinstance(f, (models.CharField, models.TextField)) and not f.choices and not LANG_SUFFIX.search(f.name)
                  and not isinstance(f, (models.EmailField, models.URLField))
                  and f.name not in {"state", "status", "kind", "password", "username", "language", "reason",
                                     "outcome", "action", "role", "event", "explanation", "message", "subject"}]
        if not fields:
            continue
        for row in model.objects.values_list(*[f.name for f in fields]):
            for value in row:
                if value and not re.search(r"[\u0400-\u04FF]", str(value)):
                    words.update(m.group(0) for m in LATIN_WORD.finditer(str(value)))
    # the codes an instructor gives the components of a course's assessment plan (MID1, FIN) are the record's own
    from bilim.apps.postgrad.models import AssessmentPlan

    for components in AssessmentPlan.objects.values_list("components", flat=True):
        words.update(str(c.get("code", "")) for c in components or [] if isinstance(c, dict))
    return words


_CRAWLS: dict[str, Any] = {}


def _crawl(seeded: Any, role: str) -> Any:
    """The role's crawl in Kyrgyz (once per module: the history test reads the same pages)."""
    if role not in _CRAWLS:
        user = seeded.users.get(role)
        assert user is not None, f"demo account {role} is missing"
        type(user).objects.filter(pk=user.pk).update(language="ky")
        user.refresh_from_db()
        client = Client(raise_request_exception=False)
        client.force_login(user)
        client.cookies["bilim_language"] = "ky"
        _CRAWLS[role] = crawl(client, "/dashboard/", cap=CAP)
    return _CRAWLS[role]


@pytest.mark.parametrize("role", ROLES)
def test_kyrgyz_pages_show_words_not_codes(seeded: Any, role: str) -> None:  # noqa: F811
    result = _crawl(seeded, role)
    allowed = ALLOWED_LATIN | names_held_in_latin()
    report: list[str] = []
    elsewhere: list[str] = []
    for page in result.pages:
        if page.status >= 500:
            report.append(f"{page.url} ({page.name}) → {page.status}")
        if page.name in HISTORY_PAGES:
            continue
        for p in problems(page.text, allowed=allowed):
            known = [why for name, rx, why in KNOWN_ELSEWHERE if name == page.name and re.search(rx, p)]
            (elsewhere if known else report).append(f"{page.url} ({page.name}): {p}" + (f" [{known[0]}]" if known else ""))
    Path("test-artifacts").mkdir(exist_ok=True)
    Path(f"test-artifacts/crawl-{role}.txt").write_text(
        f"{len(result.pages)} pages in {result.seconds:.1f}s\n" + "\n".join(f"{p.status} {p.url}" for p in result.pages)
        + "\n\n" + "\n".join(report) + "\n\nknown, fixed elsewhere:\n" + "\n".join(elsewhere) + "\n")
    print(f"crawl {role}: {len(result.pages)} pages in {result.seconds:.1f}s, {len(report)} problems")
    assert len(result.pages) > 5 or role == "outsider", f"{role}: the dashboard links to almost nothing"
    assert not report, f"{role}: {len(report)} problems on {len(result.pages)} pages\n" + "\n".join(report[:80])


@pytest.mark.xfail(strict=True, reason="the readable history partial (field: before → after, people's names, no codes) is "
                   "issue 11's 'docs' part; when it lands this test passes: remove this mark")
def test_kyrgyz_history_shows_words_not_codes(seeded: Any) -> None:  # noqa: F811
    allowed = ALLOWED_LATIN | names_held_in_latin()
    report: list[str] = []
    for role in ("ird_officer", "kinstitute", "board_secretary", "admin"):
        for page in _crawl(seeded, role).pages:
            report += [f"{role} {page.url} ({page.name}): {p}" for p in problems(page.text, allowed=allowed, history=True)]
            if page.name in HISTORY_PAGES:
                report += [f"{role} {page.url} ({page.name}): {p}" for p in problems(page.text, allowed=allowed)]
    assert not report, f"{len(report)} problems in history sections\n" + "\n".join(report[:80])
