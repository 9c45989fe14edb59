"""The client address behind the documented reverse proxy (issue 7).

Behind nginx every request came from the proxy's address, so all clients shared one throttling
bucket; the client's address must come from X-Forwarded-For, but only when the request comes from
a trusted proxy, and a direct client's header must be ignored.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client, RequestFactory, override_settings

from bilim.apps.accounts.client_ip import client_ip
from tests.security.auth_support import PASSWORD, axes_on, logged_in, login, make_user

__all__ = ["axes_on"]

PROXY = {"BILIM_BEHIND_PROXY": True, "BILIM_TRUSTED_PROXIES": ["10.0.0.5", "127.0.0.1"], "BILIM_PROXY_COUNT": 1}


def _ip(remote: str, xff: str | None = None, **settings: Any) -> str | None:
    meta = {"REMOTE_ADDR": remote}
    if xff is not None:
        meta["HTTP_X_FORWARDED_FOR"] = xff
    with override_settings(**settings):
        return client_ip(RequestFactory().get("/", **meta))


def test_behind_the_proxy_the_client_address_comes_from_the_header() -> None:
    assert _ip("10.0.0.5", "203.0.113.7", **PROXY) == "203.0.113.7"
    # what the client wrote itself (left of the proxy's entry) is not believed
    assert _ip("10.0.0.5", "1.2.3.4, 203.0.113.7", **PROXY) == "203.0.113.7"
    # a campus-LAN client keeps its own private address
    assert _ip("10.0.0.5", "192.168.4.20", **PROXY) == "192.168.4.20"
    # no header or garbage: the proxy's address, never a crash
    assert _ip("10.0.0.5", None, **PROXY) == "10.0.0.5"
    assert _ip("10.0.0.5", "1.2.3.4, not-an-ip", **PROXY) == "10.0.0.5"


def test_two_proxies_in_front() -> None:
    two = {**PROXY, "BILIM_PROXY_COUNT": 2}
    assert _ip("10.0.0.5", "6.6.6.6, 203.0.113.7, 10.0.0.9", **two) == "203.0.113.7"
    assert _ip("10.0.0.5", "10.0.0.9", **two) == "10.0.0.5"


def test_a_direct_client_cannot_choose_its_address() -> None:
    # not behind a proxy: the header is ignored
    assert _ip("198.51.100.9", "203.0.113.7", BILIM_BEHIND_PROXY=False) == "198.51.100.9"
    # behind a proxy, but this request did not come from a trusted proxy
    assert _ip("198.51.100.9", "203.0.113.7", **PROXY) == "198.51.100.9"


@pytest.mark.django_db
def test_behind_the_proxy_each_client_has_its_own_address_limit(axes_on: None) -> None:
    make_user("aigul", "aigul@oshsu.kg")
    with override_settings(**PROXY):
        attacker = {"REMOTE_ADDR": "10.0.0.5", "HTTP_X_FORWARDED_FOR": "203.0.113.66"}
        for i in range(8):
            last = login(Client(**attacker), f"victim{i}", "wrong-password")
        assert last.status_code == 429
        # another client behind the same proxy is not locked out
        assert logged_in(login(Client(REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR="203.0.113.77"), "aigul", PASSWORD))


@pytest.mark.django_db
def test_not_behind_a_proxy_a_spoofed_header_does_not_escape_the_limit(axes_on: None) -> None:
    make_user("aigul", "aigul@oshsu.kg")
    with override_settings(BILIM_BEHIND_PROXY=False):
        for i in range(8):
            last = login(Client(REMOTE_ADDR="198.51.100.9", HTTP_X_FORWARDED_FOR=f"203.0.113.{i}"), f"victim{i}", "wrong-password")
        assert last.status_code == 429
        response = login(Client(REMOTE_ADDR="198.51.100.9", HTTP_X_FORWARDED_FOR="203.0.113.200"), "aigul", PASSWORD)
        assert response.status_code == 429 and not logged_in(response)
