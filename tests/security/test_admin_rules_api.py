"""Issue 7 (public rules list): answered with an ETag (a conditional GET costs a 304) and without the input schemas
unless they are asked for."""

from __future__ import annotations

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_schemas_are_omitted_unless_asked(client: Client) -> None:
    plain = client.get("/api/v1/rules?q=OSU-1.3.5")
    assert plain.status_code == 200
    rows = plain.json()
    assert rows and all("input_schema" not in r for r in rows)
    full = client.get("/api/v1/rules?q=OSU-1.3.5&schemas=1").json()
    assert {r["id"] for r in full} == {r["id"] for r in rows}
    assert any(r["input_schema"] for r in full if r["implemented"])
    assert len(client.get("/api/v1/rules").content) < len(client.get("/api/v1/rules?schemas=1").content)


def test_conditional_get_returns_304_with_the_same_etag(client: Client) -> None:
    first = client.get("/api/v1/rules")
    etag = first["ETag"]
    assert first.status_code == 200 and etag.startswith('"') and "max-age=" in first["Cache-Control"]
    again = client.get("/api/v1/rules", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again.content == b"" and again["ETag"] == etag
    assert client.get("/api/v1/rules", HTTP_IF_NONE_MATCH=f'"other", {etag}').status_code == 304


def test_a_different_answer_has_a_different_etag(client: Client) -> None:
    etag = client.get("/api/v1/rules")["ETag"]
    with_schemas = client.get("/api/v1/rules?schemas=1", HTTP_IF_NONE_MATCH=etag)
    assert with_schemas.status_code == 200 and with_schemas["ETag"] != etag
    filtered = client.get("/api/v1/rules?q=OSU-1.3.5", HTTP_IF_NONE_MATCH=etag)
    assert filtered.status_code == 200 and filtered.json()
    assert client.get("/api/v1/rules", HTTP_IF_NONE_MATCH='"stale"').status_code == 200
