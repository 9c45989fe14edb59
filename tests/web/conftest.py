"""A small seeded data set shared by a test module (seeded once, flushed afterwards)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.core.management import call_command


@pytest.fixture(scope="module")
def seeded(django_db_setup: Any, django_db_blocker: Any) -> Iterator[Any]:
    from bilim.apps.desk.seed import run

    with django_db_blocker.unblock():
        ctx = run(students=20, quiet=True)
    yield ctx
    with django_db_blocker.unblock():
        call_command("flush", interactive=False, verbosity=0)
