"""X-Request-ID is accepted only in a strict format (and behind a proxy only from it) (issue 7).

Before the fix any value was taken (cut to 64 characters): a newline gave a server error when it
was echoed in the response header, and markup or long garbage went into every audit row.
"""

from __future__ import annotations

import re

import pytest
from django.test import Client, override_settings

pytestmark = pytest.mark.django_db

FRESH = re.compile(r"[0-9a-f]{32}")


def _rid(value: str, **extra: str) -> str:
    response = Client(**extra).get("/", HTTP_X_REQUEST_ID=value)
    assert response.status_code == 200
    return response["X-Request-ID"]


@pytest.mark.parametrize("bad", [
    "a" * 65,  # too long (used to be cut to 64 and accepted)
    "x" * 200 + "\n" + "y",
    "abc12345\r\nSet-Cookie: x=1",
    "<script>alert(1)</script>",
    "short",  # under 8 characters
    "ünïcödé-id-1234",
    "id with spaces 123",
])
def test_a_malformed_request_id_is_replaced(bad: str) -> None:
    rid = _rid(bad)
    assert rid != bad and FRESH.fullmatch(rid)


def test_a_well_formed_request_id_is_kept() -> None:
    assert _rid("nginx-5f2b.0c9a_12") == "nginx-5f2b.0c9a_12"
    assert _rid("a" * 64) == "a" * 64


def test_behind_a_proxy_only_the_trusted_proxy_sets_it() -> None:
    with override_settings(BILIM_BEHIND_PROXY=True, BILIM_TRUSTED_PROXIES=["10.0.0.5"]):
        assert _rid("from-proxy-0001", REMOTE_ADDR="10.0.0.5") == "from-proxy-0001"
        assert FRESH.fullmatch(_rid("from-client-0001", REMOTE_ADDR="198.51.100.9"))

