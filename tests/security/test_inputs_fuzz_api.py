"""Schema-driven fuzzing of the JSON API (schemathesis): every operation, bounded examples, no 5xx.

The OpenAPI document is the one the API serves at ``/api/v1/openapi.json`` (django-ninja). Every
operation and method is driven through the project's WSGI application — all middleware included —
as a superuser with a session (broad rights; CSRF token sent like a browser would) and anonymously,
on the demo data set. Examples are bounded and derandomized, so a run is reproducible and takes a
few minutes at most, on SQLite and on PostgreSQL. Select with ``-k fuzz`` or ``-m fuzz``.

The only check is ``not_a_server_error``: a bad value must be refused (4xx with a message), never
crash. Response-schema conformance is out of scope here.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.conf import settings as dj
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections
from django.test import Client
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import not_a_server_error

from tests.web.conftest import seeded  # noqa: F401  (module fixture: the demo data set)

CSRF = "fuzzcsrf" * 4  # a 32-character secret, sent as cookie and header the way the browser does


def _load() -> Any:
    from bilim.apps.api.api import api

    schema = schemathesis.openapi.from_dict(api.get_openapi_schema())
    schema.app = WSGIHandler()
    return schema


schema = _load()

pytestmark = [pytest.mark.fuzz, pytest.mark.django_db]


@pytest.fixture
def same_connection() -> Iterator[None]:
    """Keep the test's database connection (and its transaction) across WSGI requests, as Django's test client does."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


@pytest.fixture
def superuser_cookies(seeded: Any) -> dict[str, str]:  # noqa: F811
    from bilim.apps.accounts.models import User

    user = User.objects.filter(is_superuser=True).first() or User.objects.create_superuser("fuzz-admin", "fuzz@example.kg", "x")
    client = Client()
    client.force_login(user)
    return {dj.SESSION_COOKIE_NAME: client.cookies[dj.SESSION_COOKIE_NAME].value, dj.CSRF_COOKIE_NAME: CSRF}


FUZZ = settings(max_examples=15, deadline=None, derandomize=True, database=None, phases=[Phase.explicit, Phase.generate],
                suppress_health_check=list(HealthCheck))


@schema.parametrize()
@FUZZ
def test_fuzz_api_as_superuser(case: Any, seeded: Any, same_connection: None, superuser_cookies: dict[str, str]) -> None:  # noqa: F811
    headers = {"X-CSRFToken": CSRF, "Referer": "http://localhost/"}
    response = case.call(headers=headers, cookies=superuser_cookies)
    case.validate_response(response, checks=[not_a_server_error], headers=headers)


@schema.parametrize()
@FUZZ
def test_fuzz_api_anonymous(case: Any, seeded: Any, same_connection: None) -> None:  # noqa: F811
    response = case.call()
    case.validate_response(response, checks=[not_a_server_error])
