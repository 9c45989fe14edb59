"""An imported final result becomes a grade by the same rules as one typed by hand.

A KTMU postgraduate grade is a letter read from grading Table 1 *in force on the exam date* (KTMU-EN-2,
KTMU-T1-1) with the pass rule of the student's level (KTMU-32(5)-1): the rules layer's
``letter_for_score`` — the step :func:`bilim.apps.postgrad.services._grade` takes after weighting the
components of a grade sheet — decides it, and the grade keeps the table's version and the explanation,
exactly like a grade computed from the sheet. A result that lives on a KTMU grade sheet (a course run in
Bilim: W-15) is not imported at all: it changes on the sheet, by an appeal (art. 34) or a correction
(art. 35). OshSU's home scale is the 100-point score itself (OSU-4.8-FD-11); its regulation sets no
letters, so an OshSU grade keeps the score and no letter, as the demo data does.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from bilim.apps.audit.models import AuditEvent
from bilim.apps.audit.services import record, snapshot
from bilim.apps.core.numbers import SCORE_KTMU, Domain, param
from bilim.apps.curriculum.models import Offering
from bilim.apps.imports.kinds import RowError, same_values
from bilim.apps.people.models import Level, Student
from bilim.apps.records.models import Enrolment, Grade
from bilim.regulations.core import NotCovered

PG_LEVELS: dict[str, str] = {Level.MASTER: "MA", Level.DOCTORATE: "PHD", Level.ARTS: "AI"}
SCORE_OSU = Domain(5, 2, Decimal(0), param("osu.home_grade_scale_max"))


def _ktmu(student: Student) -> bool:
    from bilim.apps.postgrad.selectors import PG_REGULATION_SET

    return student.institution.regulation_set == PG_REGULATION_SET and student.level in PG_LEVELS


def score_domain(student: Student) -> Domain:
    return SCORE_KTMU if _ktmu(student) else SCORE_OSU


def grade_compute(*, student: Student, offering: Offering, score: Decimal | None, exam_date: dt.date) -> dict[str, Any]:
    """Letter, coefficient, pass, table version and explanation of ``score`` for ``student`` on ``exam_date``.

    Raises :class:`RowError` when the result is kept on a KTMU grade sheet or no grading table covers the date.
    """
    from bilim.apps.postgrad.models import ScoreSheet
    from bilim.apps.postgrad.services import _table_version

    if ScoreSheet.objects.filter(enrolment__student=student, enrolment__offering=offering).exists():
        raise RowError("course", _("This result is kept on the course's grade sheet in Bilim; it changes there, by an appeal or a "
                                   "correction, not by an import."))
    if score is None or not _ktmu(student):
        return {"letter": "", "coefficient": None, "passed": None, "table_version": None,
                "explanation": {"source": "import", "scale": "osu.home_grade_scale_max", "score": str(score)}}
    from bilim.regulations.postgrad import grading

    try:
        outcome = grading.grade_for_score(score, PG_LEVELS[student.level], exam_date)
    except NotCovered:
        raise RowError("exam_date", _("No grading table is in force on %(date)s.") % {"date": exam_date.strftime("%d.%m.%Y")}) from None
    g = outcome.value
    tree = outcome.explanation.to_dict()
    return {"letter": g.letter, "coefficient": g.coefficient, "passed": g.passed, "table_version": _table_version(tree),
            "explanation": {**tree, "source": "import"}}


def grade_record(*, actor: Any, student: Student, offering: Offering, score: Decimal, exam_date: dt.date,
                 midterm: Decimal | None = None, final: Decimal | None = None, reason: str = "import") -> str:
    """Create or update ``student``'s grade in ``offering`` (enrolling them if needed), with an audit row.

    Returns ``created``, ``updated`` or ``unchanged``. Run inside the import's transaction.
    """
    computed = grade_compute(student=student, offering=offering, score=score, exam_date=exam_date)
    with transaction.atomic():
        enrolment, made = Enrolment.objects.get_or_create(student=student, offering=offering, defaults={"status": Enrolment.Status.COMPLETED})
        if made:
            record(actor=actor, action=AuditEvent.Action.CREATE, obj=enrolment, reason=reason)
        grade = Grade.objects.select_for_update().filter(enrolment=enrolment).first()
        before = snapshot(grade) if grade else None
        grade = grade or Grade(enrolment=enrolment, graded_on=exam_date)
        grade.score, grade.midterm, grade.final, grade.graded_on = score, midterm, final, exam_date
        grade.letter, grade.coefficient, grade.passed = computed["letter"], computed["coefficient"], computed["passed"]
        grade.table_version = computed["table_version"]
        if before is not None:
            if same_values(before, snapshot(grade), ignore=("explanation",)):
                return "unchanged"
        grade.explanation = computed["explanation"]
        grade.save()
        record(actor=actor, action=AuditEvent.Action.UPDATE if before else AuditEvent.Action.CREATE, obj=grade, before=before, reason=reason)
    return "updated" if before else "created"
