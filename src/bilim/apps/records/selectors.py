"""Reads of enrolments and grades, with each grade's explanation rendered in the reader's language."""

from __future__ import annotations

from typing import Any

from bilim.apps.accounts.permissions import restrict
from bilim.apps.records.models import Grade


def explanation_text(data: Any, lang: str) -> str:
    """The stored explanation as a sentence in ``lang`` (rule IDs included), or "" if none."""
    if not data:
        return ""
    try:
        from bilim.regulations.core.outcome import Explanation

        return Explanation.from_dict(data).message(lang)
    except Exception:  # noqa: BLE001 - an old or foreign explanation must never break a page
        return ""


def grades_for_student(*, user: Any, student: Any, lang: str) -> list[dict[str, Any]]:
    qs = restrict(user, "records.view_grade", Grade.objects.filter(enrolment__student=student))
    qs = qs.select_related("enrolment__offering__course", "enrolment__offering__term__year").order_by(
        "-enrolment__offering__term__starts_on", "enrolment__offering__course__code"
    )
    out = []
    for g in qs[:300]:
        course = g.enrolment.offering.course
        out.append(
            {
                "pk": g.pk,
                "course": f"{course.code} {course.title(lang)}",
                "term": str(g.enrolment.offering.term),
                "ects": course.ects,
                "score": g.score,
                "letter": g.letter,
                "passed": g.passed,
                "explanation": explanation_text(g.explanation, lang),
            }
        )
    return out
