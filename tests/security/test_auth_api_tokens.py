"""API bearer tokens: usable for writes, expire, revocable by their owner only (issue 7).

Before the fix a Bearer request could make no POST (the session authenticator's CSRF check
refused it first), and a token never expired and could not be revoked.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from bilim.apps.api.models import ApiToken

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(db: Any) -> Any:
    from bilim.apps.accounts.models import RoleAssignment, User
    from bilim.apps.org.models import Institution

    oshsu = Institution.objects.create(code="oshsu", name_ky="Ош мамлекеттик университети", name_en="Osh State University", country="KG", is_home=True)
    owner = User.objects.create(username="owner", email="owner@oshsu.kg")
    other = User.objects.create(username="other", email="other@oshsu.kg")
    for u in (owner, other):
        RoleAssignment.objects.create(user=u, role="staff", institution=oshsu)
    return type("People", (), {"owner": owner, "other": other})


def _issue(user: Any, days: int = 90) -> tuple[ApiToken, str]:
    from bilim.apps.accounts.services import token_issue

    raw = token_issue(actor=user, name="script", days=days)
    return ApiToken.objects.get(user=user, name="script", revoked_at__isnull=True, expires_at__gt=timezone.now()), raw


def _bearer(raw: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def test_a_token_can_post_to_a_write_endpoint_without_a_session(people: Any) -> None:
    _, raw = _issue(people.owner)
    client = Client(enforce_csrf_checks=True)
    response = client.post("/api/v1/tokens", {"name": "second"}, content_type="application/json", **_bearer(raw))
    assert response.status_code == 201, response.content
    assert ApiToken.objects.filter(user=people.owner, name="second").exists()


def test_a_logged_in_session_still_needs_csrf(people: Any) -> None:
    _, raw = _issue(people.owner)
    client = Client(enforce_csrf_checks=True)
    client.force_login(people.owner)
    assert client.post("/api/v1/tokens", {"name": "x"}, content_type="application/json").status_code == 403
    # a Bearer header does not let a browser's session skip CSRF either
    assert client.post("/api/v1/tokens", {"name": "x"}, content_type="application/json", **_bearer(raw)).status_code == 403
    assert not ApiToken.objects.filter(name="x").exists()


def test_expired_and_revoked_tokens_are_refused(people: Any) -> None:
    from bilim.apps.accounts.services import token_revoke

    token, raw = _issue(people.owner)
    assert Client().get("/api/v1/institutions", **_bearer(raw)).status_code == 200
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    assert Client().get("/api/v1/institutions", **_bearer(raw)).status_code == 401
    assert Client().post("/api/v1/tokens", {"name": "y"}, content_type="application/json", **_bearer(raw)).status_code == 401

    token2, raw2 = _issue(people.other)
    token_revoke(actor=people.other, token_id=token2.pk)
    assert Client().get("/api/v1/institutions", **_bearer(raw2)).status_code == 401


def test_issue_sets_the_chosen_expiry_within_the_maximum(people: Any) -> None:
    client = Client()
    client.force_login(people.owner)
    before = timezone.now()
    assert client.post("/tokens/", {"name": "a", "days": "30"}).status_code == 200
    token = ApiToken.objects.get(name="a")
    assert before + dt.timedelta(days=30) <= token.expires_at <= timezone.now() + dt.timedelta(days=30)
    assert client.post("/tokens/", {"name": "b", "days": "365"}).status_code == 200
    for bad in ["366", "0", "-1", "1e9", "NaN", ""]:
        response = client.post("/tokens/", {"name": f"bad{bad}", "days": bad})
        assert response.status_code == 400, bad
    assert not ApiToken.objects.filter(name__startswith="bad").exists()


def test_the_owner_revokes_a_token_and_it_is_audited(people: Any) -> None:
    from bilim.apps.audit.models import AuditEvent

    token, raw = _issue(people.owner)
    client = Client()
    client.force_login(people.owner)
    response = client.post(f"/tokens/{token.pk}/revoke/")
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None and token.status == "revoked"
    event = AuditEvent.objects.filter(object_type="api.apitoken", object_id=str(token.pk), action=AuditEvent.Action.UPDATE).get()
    assert event.actor == people.owner and event.before["revoked_at"] is None and event.after["revoked_at"]
    assert "digest" not in event.after
    assert Client().get("/api/v1/institutions", **_bearer(raw)).status_code == 401
    # a GET does not revoke
    other_token, _ = _issue(people.other)
    assert client.get(f"/tokens/{other_token.pk}/revoke/").status_code == 405


def test_another_user_cannot_revoke_my_token(people: Any) -> None:
    token, raw = _issue(people.owner)
    intruder = Client()
    intruder.force_login(people.other)
    assert intruder.post(f"/tokens/{token.pk}/revoke/").status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None
    assert Client().get("/api/v1/institutions", **_bearer(raw)).status_code == 200


def test_the_tokens_page_shows_expiry_and_last_use(people: Any) -> None:
    token, raw = _issue(people.owner)
    assert Client().get("/api/v1/institutions", **_bearer(raw)).status_code == 200
    token.refresh_from_db()
    assert token.last_used_at is not None
    client = Client()
    client.force_login(people.owner)
    page = client.get("/tokens/").content.decode()
    assert f'data-testid="token-{token.pk}"' in page and f'data-testid="revoke-{token.pk}"' in page


def test_the_api_issues_a_token_for_the_validity_asked_within_the_maximum(people: Any, settings: Any) -> None:
    settings.BILIM_API_TOKEN_MAX_DAYS = 365
    _, raw = _issue(people.owner)
    client = Client(enforce_csrf_checks=True)
    ok = client.post("/api/v1/tokens", {"name": "week", "days": 7}, content_type="application/json", **_bearer(raw))
    assert ok.status_code == 201, ok.content
    week = ApiToken.objects.get(user=people.owner, name="week")
    assert dt.timedelta(days=6, hours=23) < week.expires_at - timezone.now() <= dt.timedelta(days=7)
    at_max = client.post("/api/v1/tokens", {"name": "year", "days": 365}, content_type="application/json", **_bearer(raw))
    assert at_max.status_code == 201
    for days in (0, 366):
        refused = client.post("/api/v1/tokens", {"name": f"bad{days}", "days": days}, content_type="application/json", **_bearer(raw))
        assert refused.status_code == 422
        assert not ApiToken.objects.filter(name=f"bad{days}").exists()
