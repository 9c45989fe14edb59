"""Query-count baselines: list, transcript and dashboard pages make a bounded number of queries
that does not grow with the number of rows shown (no per-row round trips)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from bilim.apps.desk import seed
from bilim.apps.people.models import Student
from bilim.apps.records.models import Grade

pytestmark = pytest.mark.django_db

ROLES = ["student", "kstudent", "staff", "dean_office", "ird_officer", "rector_office", "accounting", "auditor", "admin"]
# The dashboard is the person's desk: My tasks and own files read every process table the person takes part in — at
# most one query per subject model for each (about 20 for a KTMU student, grouped by model, none for a table of another
# university's regulation), bounded by the registry of tables, never by the number of rows.
DASHBOARD_MAX = 70
LIST_MAX = 30


def queries(client: Client, url: str, params: dict[str, str] | None = None) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, params or {})
    assert response.status_code == 200, (url, response.status_code)
    return len(ctx.captured_queries), response.status_code


@pytest.fixture
def data() -> seed.SeedContext:
    return seed.run(students=60, quiet=True)


def test_list_pages_do_not_query_per_row(client: Client, data: seed.SeedContext) -> None:
    client.force_login(data.users["admin"])
    for url in ["/people/students/", "/records/grades/", "/people/staff/", "/curriculum/courses/", "/org/institutions/"]:
        many, _ = queries(client, url)
        one, _ = queries(client, url, {"q": "zzzz-no-such-row"})
        assert many <= LIST_MAX, (url, many)
        # the full page may add a constant few (filters' option lists), never one per row
        assert many - one <= 3, (url, many, one)


def test_transcript_page_queries_do_not_grow_with_grades(client: Client, data: seed.SeedContext) -> None:
    client.force_login(data.users["admin"])
    counts = Grade.objects.values("enrolment__student").order_by()
    by_student: dict[int, int] = {}
    for row in counts:
        by_student[row["enrolment__student"]] = by_student.get(row["enrolment__student"], 0) + 1
    most = max(by_student, key=lambda k: by_student[k])
    fewest = min((s.pk for s in Student.objects.all()), key=lambda k: by_student.get(k, 0))
    assert by_student[most] > by_student.get(fewest, 0)
    q_most, _ = queries(client, f"/people/students/{most}/")
    q_few, _ = queries(client, f"/people/students/{fewest}/")
    # more grades never cost more queries (a student with fewer grades may show other sections: files, leave…)
    assert q_most <= LIST_MAX and q_most - q_few <= 2, (q_most, q_few)


@pytest.mark.parametrize("username", ROLES)
def test_dashboard_query_baseline(client: Client, data: seed.SeedContext, username: str) -> None:
    client.force_login(data.users[username])
    count, _ = queries(client, "/dashboard/")
    assert count <= DASHBOARD_MAX, count
