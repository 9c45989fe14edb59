"""Every GET URL of the permission matrix with crafted query values appended: never a server error.

The appended values are the ones an outside review found to crash pages: a NUL byte in the search
box (PostgreSQL refuses it), a superscript page number (``"²".isdigit()`` is true, ``int("²")``
fails), a negative offset and a twelve-digit limit. Each page must answer 4xx (the value refused
with a message) or ignore the parameter — never 5xx — for a user with every right, a student and
an anonymous visitor.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client

from tests.test_permission_matrix import PUBLIC_NAMES, discover
from tests.web.conftest import seeded  # noqa: F401  (module fixture: the demo data set)

CRAFTED = "q=%00&page=%C2%B2&offset=-1&limit=999999999999"
CRAFTED_NO_NUL = ("q=x&page=%C2%B2&offset=-1&limit=999999999999&year=%C2%B2&unit=%C2%B2&partner=abc&staff=1e3&call=%C2%B2"
                  "&state=%C2%B2&term=%C2%B2&status=%C2%B2&country=%C2%B2&programme=%C2%B2&kind=%C2%B2&lang=%C2%B2&catalogue=x"
                  "&mc=%C2%B2&print=1&version=%C2%B2&student=-1&institution=99999999999999999999")
HUGE_ID = "99999999999999999999"

pytestmark = pytest.mark.django_db


def _client(username: str | None, ctx: Any) -> Client:
    c = Client(raise_request_exception=False)
    if username:
        c.force_login(ctx.users[username])
    return c


@pytest.mark.parametrize("username", ["admin", "student", None])
def test_crafted_query_values_never_give_a_server_error(seeded: Any, username: str | None) -> None:  # noqa: F811
    client = _client(username, seeded)
    problems: list[str] = []
    checked = 0
    for url, name, methods in discover():
        if "GET" not in methods or name in {"logout"} or name.startswith("admin:") and username != "admin":
            continue
        if username is None and name not in PUBLIC_NAMES:
            continue  # anonymous: the login redirect is all a private page does
        for query in (CRAFTED, CRAFTED_NO_NUL):
            r = client.get(f"{url}?{query}")
            checked += 1
            if r.status_code >= 500:
                problems.append(f"{username or 'anonymous'} GET {url}?{query} ({name}) → {r.status_code}")
        # The NUL byte is refused with a 400 whatever the page (before any view or session lookup).
        r = client.get(f"{url}?{CRAFTED}")
        if r.status_code != 400:
            problems.append(f"{username or 'anonymous'} GET {url}?{CRAFTED} ({name}) → {r.status_code}, expected 400")
    assert checked > 20
    assert not problems, "\n".join(problems[:60])


@pytest.mark.parametrize("username", ["admin", "student"])
def test_ids_beyond_the_database_integer_in_the_path_are_not_found(seeded: Any, username: str) -> None:  # noqa: F811
    """``/…/<int:pk>/`` with twenty digits: 404 (or a refusal), never an overflow in the database driver."""
    client = _client(username, seeded)
    problems: list[str] = []
    checked = 0
    for url, name, methods in discover():
        if "GET" not in methods or name.startswith("admin:") or not re.search(r"/\d+(/|$|\.)", url):
            continue
        crafted = re.sub(r"/\d+(?=/|$|\.)", "/" + HUGE_ID, url)
        r = client.get(crafted)
        checked += 1
        if r.status_code >= 500 or r.status_code == 200:
            problems.append(f"{username} GET {crafted} ({name}) → {r.status_code}")
    assert checked > 10
    assert not problems, "\n".join(problems[:60])
