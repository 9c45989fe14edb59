"""Password reset is rate-limited per e-mail address and per client, without revealing accounts (issue 7).

Before the fix every request sent an e-mail, without any limit.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.core import mail
from django.core.cache import cache
from django.test import Client, override_settings

from tests.security.auth_support import make_user

pytestmark = pytest.mark.django_db

URL = "/accounts/password-reset/"


@pytest.fixture(autouse=True)
def limits(db: Any) -> Iterator[None]:
    with override_settings(BILIM_PASSWORD_RESET_PER_EMAIL=3, BILIM_PASSWORD_RESET_PER_IP=5, BILIM_PASSWORD_RESET_WINDOW=3600,
                           EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
        cache.clear()
        yield
        cache.clear()


def _reset(email: str, ip: str = "198.51.100.20") -> Any:
    return Client(REMOTE_ADDR=ip, HTTP_ACCEPT_LANGUAGE="en").post(URL, {"email": email})


def test_per_email_limit_with_a_clear_message() -> None:
    make_user("aigul", "aigul@oshsu.kg")
    for spelling in ["aigul@oshsu.kg", "AIGUL@oshsu.kg", "Aigul@OshSU.kg"]:
        assert _reset(spelling, ip="198.51.100.21").status_code == 302
    assert len(mail.outbox) == 3
    refused = _reset("aigul@oshsu.kg", ip="198.51.100.22")  # another address does not help
    assert refused.status_code == 429
    assert "Too many password reset requests" in refused.content.decode()
    assert len(mail.outbox) == 3  # nothing more sent


def test_per_client_limit_across_addresses() -> None:
    for i in range(5):
        assert _reset(f"person{i}@oshsu.kg").status_code == 302
    assert _reset("person5@oshsu.kg").status_code == 429
    assert _reset("person6@oshsu.kg", ip="198.51.100.99").status_code == 302


def test_the_limit_does_not_reveal_who_has_an_account() -> None:
    make_user("aigul", "aigul@oshsu.kg")
    known = [_reset("aigul@oshsu.kg", ip=f"198.51.100.{30 + i}").status_code for i in range(4)]
    unknown = [_reset("nobody@oshsu.kg", ip=f"198.51.100.{40 + i}").status_code for i in range(4)]
    assert known == unknown == [302, 302, 302, 429]


def test_the_message_is_translated() -> None:
    response = Client(REMOTE_ADDR="198.51.100.50", HTTP_ACCEPT_LANGUAGE="ru")
    for _ in range(3):
        response.post(URL, {"email": "x@oshsu.kg"})
    refused = response.post(URL, {"email": "x@oshsu.kg"}, HTTP_ACCEPT_LANGUAGE="ru")
    assert refused.status_code == 429
    page = refused.content.decode()
    assert "Слишком много запросов на сброс пароля" in page and "Too many password reset requests" not in page
