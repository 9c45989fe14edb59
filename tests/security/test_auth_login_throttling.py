"""Login throttling locks the ACCOUNT whatever spelling is typed, and the client address (issue 7).

Before the fix django-axes counted failures per typed string + address: ``Student``, ``STUDENT``
and ``student@…`` each had five attempts, and a success under another spelling cleared the lock.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from tests.security.auth_support import PASSWORD, axes_on, logged_in, login, make_user

__all__ = ["axes_on"]

pytestmark = pytest.mark.django_db


@pytest.fixture
def student(axes_on: None) -> Any:
    return make_user("student", "student@oshsu.kg")


def test_failures_under_every_spelling_lock_the_account(student: Any) -> None:
    client = Client()
    for typed in ["Student", "STUDENT", "student@oshsu.kg", "Student@OshSU.kg"]:
        assert login(client, typed, "wrong-password").status_code == 200
    # four failures: still below the limit, the right password works under any spelling
    fifth = login(client, "sTuDeNt", "wrong-password")
    assert fifth.status_code == 429  # the fifth failure (any spelling) locks the account
    for typed in ["student", "Student", "STUDENT", "student@oshsu.kg", "STUDENT@OSHSU.KG"]:
        response = login(Client(), typed, PASSWORD)
        assert response.status_code == 429, typed
        assert not logged_in(response)


def test_lock_holds_for_the_account_from_another_address(student: Any) -> None:
    for typed in ["Student", "STUDENT", "student@oshsu.kg", "student", "Student"]:
        login(Client(REMOTE_ADDR="198.51.100.1"), typed, "wrong-password")
    response = login(Client(REMOTE_ADDR="198.51.100.2"), "student", PASSWORD)
    assert response.status_code == 429 and not logged_in(response)


def test_below_the_limit_the_user_still_logs_in_and_the_count_restarts(student: Any) -> None:
    for typed in ["Student", "STUDENT", "student@oshsu.kg", "student"]:
        assert login(Client(), typed, "wrong-password").status_code == 200
    assert logged_in(login(Client(), "Student@oshsu.kg", PASSWORD))
    # the success cleared the account's failures: four more are again allowed
    for typed in ["Student", "STUDENT", "student@oshsu.kg", "student"]:
        assert login(Client(), typed, "wrong-password").status_code == 200
    assert logged_in(login(Client(), "STUDENT", PASSWORD))


def test_unknown_names_are_throttled_the_same_way(axes_on: None) -> None:
    for typed in ["Nobody", "NOBODY", "nobody", "noBody"]:
        assert login(Client(REMOTE_ADDR="198.51.100.7"), typed, "x-wrong-password").status_code == 200
    assert login(Client(REMOTE_ADDR="198.51.100.8"), "NoBody", "x-wrong-password").status_code == 429


def test_the_address_is_locked_after_many_accounts_were_tried(student: Any) -> None:
    """AXES_IP_FAILURE_LIMIT (8 here) failures on different accounts lock the address, not the accounts."""
    attacker = "203.0.113.50"
    for i in range(7):
        assert login(Client(REMOTE_ADDR=attacker), f"victim{i}", "wrong-password").status_code == 200
    # 7 failures from this address: one below the address limit, a real user there still logs in
    assert logged_in(login(Client(REMOTE_ADDR=attacker), "student", PASSWORD))
    assert login(Client(REMOTE_ADDR=attacker), "victim7", "wrong-password").status_code == 429
    # now the address is locked, even for the right password of an account without failures
    response = login(Client(REMOTE_ADDR=attacker), "student", PASSWORD)
    assert response.status_code == 429 and not logged_in(response)
    # the same account from another address is not affected
    assert logged_in(login(Client(REMOTE_ADDR="203.0.113.51"), "student", PASSWORD))


def test_a_success_does_not_reset_the_address_count(student: Any) -> None:
    """One valid account must not let an attacker wipe the failures counted against their address."""
    attacker = "203.0.113.60"
    for i in range(4):
        login(Client(REMOTE_ADDR=attacker), f"victim{i}", "wrong-password")
    assert logged_in(login(Client(REMOTE_ADDR=attacker), "student", PASSWORD))
    for i in range(4, 8):
        last = login(Client(REMOTE_ADDR=attacker), f"victim{i}", "wrong-password")
    assert last.status_code == 429


def test_a_nul_byte_in_the_name_is_a_failed_log_in_not_a_server_error(student: Any) -> None:
    """Through the page the request is refused whole by RejectNulMiddleware (400, nobody logged in); the
    throttling and the backend, reached by other paths, treat the name as a failed log-in, never a 500."""
    from django.contrib.auth import authenticate
    from django.test import RequestFactory

    from bilim.apps.accounts.throttling import canonical_username

    response = login(Client(), "stu\x00dent", PASSWORD)
    assert response.status_code == 400 and not logged_in(response)
    request = RequestFactory().post("/accounts/login/", {"username": "Stu\x00dent"})
    assert canonical_username(request, None) == "student"
    assert authenticate(request, username="stu\x00dent", password=PASSWORD) is None
