"""The semester check of every art. 39(1) ground over the whole student body, as background work.

``semester_check_start`` records a :class:`SemesterCheck` and enqueues :func:`plan_check` through Django's Tasks API
(``django-tasks`` with its database backend: ``bilim db_worker`` runs workers, any number of them share the queue).
The plan cuts the student body into chunks (one row each) and enqueues one :func:`check_chunk` task per chunk. A
chunk runs in one transaction on its locked row: a chunk already ``done`` is skipped, so running a task twice (a
worker died, a retry) changes nothing. The rules layer's batch ``academic_standing_and_dismissal`` judges every
student of the chunk; a ground (FAIL) opens a dismissal case (KTMU-W-19) — at most one open case per student,
guarded by a unique constraint as well.

Facts the database holds today: grades (CGPA, coursework), disciplinary cases (ground j) and plagiarism cases
(ground k). Parts that no app records yet (registration renewals, language and SPP progress, thesis reports…) are
absent, and the batch does not evaluate an absent part (it never guesses a ground).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from bilim.apps.accounts.permissions import require
from bilim.apps.audit import services as audit
from bilim.apps.audit.models import AuditEvent
from bilim.apps.people.models import Student
from bilim.apps.standing import models as m
from bilim.regulations.core import Verdict
from bilim.regulations.postgrad.dismissal import academic_standing_and_dismissal
from bilim.regulations.postgrad.grading import letter_passes

TERM_CODE = {"fall": "AUTUMN", "spring": "SPRING"}
CHECKED_STATUSES = (Student.Status.ACTIVE, Student.Status.ACADEMIC_LEAVE, Student.Status.MOBILITY)


def students_of(institution_id: int) -> Any:
    from bilim.apps.postgrad.selectors import pg_students

    return pg_students().filter(institution_id=institution_id, status__in=CHECKED_STATUSES).order_by("pk")


def standing_facts(students: list[Student], as_of: dt.date) -> list[dict[str, Any]]:
    """``StudentStanding`` dicts for the batch, read in a few queries per chunk."""
    from bilim.apps.postgrad.models import DisciplinaryCase
    from bilim.apps.postgrad.selectors import pg_level
    from bilim.apps.records.models import Grade

    ids = [s.pk for s in students]
    grades: dict[int, list[dict[str, Any]]] = defaultdict(list)
    terms: dict[int, set[tuple[int, str]]] = defaultdict(set)
    failed: dict[int, bool] = defaultdict(bool)
    passes: dict[tuple[str, str], bool] = {}
    rows = Grade.objects.filter(enrolment__student_id__in=ids).select_related("enrolment__offering__course", "enrolment__offering__term__year")
    levels = {s.pk: pg_level(s) for s in students}
    for g in rows:
        e = g.enrolment
        term = e.offering.term
        code = TERM_CODE.get(term.kind)
        if code is None or not g.letter:
            continue
        year = term.year.starts_on.year
        terms[e.student_id].add((year, code))
        grades[e.student_id].append({"course_code": e.offering.course.code, "academic_year": year, "term": code,
                                     "ects": e.offering.course.ects, "grade": g.letter})
        key = (g.letter, levels[e.student_id])
        if key not in passes:  # the table in force on ``as_of`` is read once per letter and level
            try:
                passes[key] = letter_passes(g.letter, key[1], as_of)
            except Exception:  # a letter the table does not know (non-credit): not a failure
                passes[key] = True
        if not passes[key]:
            failed[e.student_id] = True
    discipline = {}
    for c in DisciplinaryCase.objects.filter(student_id__in=ids).exclude(outcome="PENDING").order_by("decided_on"):
        discipline[c.student_id] = c.outcome
    plag: dict[int, str] = {}
    for pc in m.PlagiarismCase.objects.filter(student_id__in=ids).exclude(state="NEW"):
        if pc.state in ("COMPLAINT", "UNDER_INVESTIGATION"):
            plag[pc.student_id] = "PENDING"
        elif pc.state == "DISMISSAL_CASE":
            plag[pc.student_id] = "PLAGIARISM_AND_ETHICS_VIOLATION"
    out = []
    for s in students:
        d: dict[str, Any] = {"student_id": str(s.pk), "level": levels[s.pk], "courses": grades[s.pk],
                             "coursework_semesters_used": len(terms[s.pk]),
                             "all_required_courses_passed": bool(grades[s.pk]) and not failed[s.pk]}
        if s.pk in discipline:
            d["discipline"] = {"penalty": discipline[s.pk] if discipline[s.pk] != "PENDING" else "NONE"}
        if s.pk in plag:
            d["plagiarism"] = {"finding": plag[s.pk]}
        out.append(d)
    return out


def semester_check_start(*, actor: Any, institution: Any, as_of: dt.date, label: str, chunk_size: int = 500) -> m.SemesterCheck:
    """Record a run and enqueue its plan (in the same transaction: a worker never sees a run that was rolled back)."""
    require(actor, "standing.run_check")
    if not label.strip():
        from django.core.exceptions import ValidationError

        raise ValidationError({"label": _("Name the semester.")})
    with transaction.atomic():
        run = m.SemesterCheck.objects.create(institution=institution, as_of=as_of, label=label.strip(), chunk_size=max(1, chunk_size),
                                             started_by=actor if getattr(actor, "is_authenticated", False) else None)
        audit.record(actor=actor, action=AuditEvent.Action.CREATE, obj=run, reason="KTMU-39(1): semester check")
        result = plan_check.enqueue(run.pk)
        m.SemesterCheck.objects.filter(pk=run.pk).update(task_id=str(result.id)[:64])
    run.refresh_from_db()
    return run


def end_due_leaves(institution_id: int, as_of: dt.date) -> int:
    """KTMU-37(6)-1: a leave whose last day has passed ends (the system's step of W-17); the student continues where
    they stopped. Each move is its own transaction; a leave already ended is not touched again."""
    from bilim.apps.standing.services import leave_step
    from bilim.apps.workflow.services import TransitionRefused

    ended = 0
    for leave in m.Leave.objects.filter(student__institution_id=institution_id, state="ON_LEAVE", ends_on__lt=as_of).order_by("pk"):
        try:
            leave_step(actor=None, leave=leave, action="leave_ends", reason="KTMU-37(6)-1")
            ended += 1
        except TransitionRefused:  # moved by someone else meanwhile
            continue
    return ended


@task()
def plan_check(check_id: int) -> int:
    """Cut the student body into chunks and enqueue one task per chunk not yet done (idempotent); leaves that are
    over end first (KTMU-37(6)-1), so the check judges students as they stand."""
    run0 = m.SemesterCheck.objects.get(pk=check_id)
    end_due_leaves(run0.institution_id, run0.as_of)
    with transaction.atomic():
        run = m.SemesterCheck.objects.select_for_update().get(pk=check_id)
        if not run.chunks.exists():
            ids = list(students_of(run.institution_id).values_list("pk", flat=True))
            size = run.chunk_size
            m.SemesterCheckChunk.objects.bulk_create(
                [m.SemesterCheckChunk(check_run=run, index=i, student_ids=ids[i * size:(i + 1) * size]) for i in range((len(ids) + size - 1) // size)],
                ignore_conflicts=True)
            run.total, run.chunks_total = len(ids), run.chunks.count()
        run.status = m.SemesterCheck.Status.RUNNING if run.chunks_total else m.SemesterCheck.Status.DONE
        if not run.chunks_total:
            run.finished_at = timezone.now()
        run.save(update_fields=["total", "chunks_total", "status", "finished_at"])
        pending = list(run.chunks.filter(done=False).values_list("pk", flat=True))
    for pk in pending:
        check_chunk.enqueue(pk)
    return len(pending)


@task()
def check_chunk(chunk_id: int) -> int:
    """Judge one chunk; returns the number of students with a ground. A chunk already done is a no-op."""
    from bilim.apps.standing.services import dismissal_open

    with transaction.atomic():
        chunk = m.SemesterCheckChunk.objects.select_for_update(of=("self",)).select_related("check_run").get(pk=chunk_id)
        if chunk.done:
            return chunk.found
        run = chunk.check_run
        students = list(Student.objects.filter(pk__in=chunk.student_ids).select_related("person", "unit").order_by("pk"))
        by_id = {str(s.pk): s for s in students}
        items = academic_standing_and_dismissal(standing_facts(students, run.as_of), run.as_of)
        found = opened = 0
        for item in items:
            if not item.grounds and not item.watch:
                continue
            outcomes = [o for o in item.outcomes() if o.verdict in (Verdict.FAIL, Verdict.WARN)]
            result, _created = m.SemesterCheckResult.objects.get_or_create(
                check_run=run, student=by_id[item.student_id],
                defaults={"grounds": item.grounds, "watch": item.watch, "cgpa": item.cgpa_shown,
                          "explanation": [o.explanation.to_dict() for o in outcomes]})
            if not item.grounds:
                continue
            found += 1
            student = by_id[item.student_id]
            if m.DismissalCase.objects.filter(student=student, state__in=m.DismissalCase.OPEN_STATES).exists():
                continue
            ground = next(o for o in outcomes if o.verdict is Verdict.FAIL)
            try:
                with transaction.atomic():
                    case = dismissal_open(actor=None, student=student, ground=ground, check_run=run)
            except IntegrityError:  # another worker opened it meanwhile
                continue
            result.case = case
            result.save(update_fields=["case"])
            opened += 1
        chunk.done, chunk.found = True, found
        chunk.save(update_fields=["done", "found"])
        m.SemesterCheck.objects.filter(pk=run.pk).update(processed=F("processed") + len(students), chunks_done=F("chunks_done") + 1,
                                                          grounds_found=F("grounds_found") + found, cases_opened=F("cases_opened") + opened)
        run.refresh_from_db()
        if run.chunks_done >= run.chunks_total and run.status != m.SemesterCheck.Status.DONE:
            run.status, run.finished_at = m.SemesterCheck.Status.DONE, timezone.now()
            run.save(update_fields=["status", "finished_at"])
    return found
