"""Every write endpoint and form, as someone who may not use it: refused, and nothing changes (issue 7).

The POST surface is enumerated from the URLconf and the ninja schema: every URL name must be
classified below (a write, a self-service post, a post that creates only the caller's own record, or a
read page), so a new endpoint fails this test until someone says what it is.

The forms are not guessed: they are harvested from the pages that show them to the people who may use
them (the administrator and every demo role), with their hidden fields (``action=…``) and a valid
choice in every select; empty text fields get a plausible value. Each harvested form is then replayed as
- **another student** (the demo OshSU student and the demo KTMU master's student, on records that are not theirs),
- **an outsider** (logged in, no role),
- **the auditor** (read-only),
- **a role of another faculty** (every faculty role, held in a faculty of OshSU and an institute of KTMU that
  hold none of the records) and **a role of another institution** (every role, held in a third university).
Each replay must leave the database exactly as it was (row counts of every Bilim model and the targeted
row) and answer without a server error.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.apps import apps
from django.forms.models import model_to_dict
from django.urls import Resolver404, resolve
from lxml import html as lxml_html

from tests.test_permission_matrix import DEMO_USERS, _client, _counts, discover, seeded  # noqa: F401  (module fixture)

# URL name → the model of the row a path parameter names (compared before/after), or None for a creation.
WRITES: dict[str, str | None] = {
    "mobility:call_new": None, "mobility:call_act": "mobility.Call", "mobility:call_commission": "mobility.Call",
    "mobility:application_act": "mobility.StudentMobility", "mobility:trip_act": "mobility.StaffTrip",
    "mobility:isp_edit": "mobility.StudentMobility", "mobility:la_change_edit": "mobility.StudentMobility",
    "mobility:results_edit": "mobility.StudentMobility",
    "mobility:document_upload": "mobility.StudentMobility", "mobility:document_remove": "mobility.StudentMobility",
    "mobility:incoming_new": None, "mobility:incoming_act": "mobility.IncomingMobility",
    "mobility:task_new": None, "mobility:task": "mobility.Task", "mobility:consultation": "mobility.Consultation",
    "mobility:correspondence_new": None, "mobility:partner_mailing": None,
    "mobility:programme_new": None, "mobility:programme_edit": "mobility.MobilityProgramme",
    "postgrad:offering_plan": "curriculum.Offering", "postgrad:offering_scores": "curriculum.Offering",
    "postgrad:offering_session": "curriculum.Offering", "postgrad:supervision_new": None,
    "postgrad:supervision_appoint": "postgrad.Supervision", "postgrad:staff_left": "people.Staff",
    "postgrad:task": "postgrad.SupervisionTask", "postgrad:exam_new": None, "postgrad:student_action": "people.Student",
    "postgrad:case": "postgrad.DisciplinaryCase", "postgrad:not_covered_new": None, "postgrad:ruleset_new": None,
    "postgrad:gradesheet": "curriculum.Offering", "postgrad:offering_step": "curriculum.Offering", "postgrad:sheet_step": "postgrad.ScoreSheet",
    "postgrad:appeal_step": "postgrad.GradeAppeal", "postgrad:correction_board": "postgrad.GradeCorrection",
    "governance:decision_new": None, "governance:decision_edit": "governance.Decision",
    "governance:decision_adopt": "governance.Decision", "governance:decision_supersede": "governance.Decision",
    "api:submit": "mobility.StudentMobility",
    # governance (issue 8): bodies, seats, meetings, agenda items, votes, the Board's register
    "governance:body_new": None, "governance:membership_add": "governance.Body", "governance:membership_end": "governance.Membership",
    "governance:meeting_convene": "governance.Body", "governance:urgent_new": "governance.Body", "governance:register": "governance.Body",
    "governance:meeting_agenda": "governance.Meeting", "governance:meeting_item_add": "governance.Meeting",
    "governance:meeting_open": "governance.Meeting", "governance:meeting_close": "governance.Meeting",
    "governance:item_votes": "governance.AgendaItem", "governance:item_tally": "governance.AgendaItem",
    "governance:item_conflict": "governance.AgendaItem", "governance:item_decide": "governance.AgendaItem",
    "governance:item_retry": "governance.AgendaItem",
    "api:gov_item_add": "governance.Meeting", "api:gov_vote": "governance.AgendaItem", "api:gov_decide": "governance.AgendaItem",
    "api:gov_close": "governance.Meeting",
    # KTMU semester registration (KTMU-W-13): the student's selection and add/drop, the supervisor's decisions, the calendar's steps
    "api:reg_submit": "registration.Registration", "api:reg_approve": "registration.Registration",
    "api:reg_request_changes": "registration.Registration", "api:reg_add_drop": "registration.Registration",
    "api:reg_add_drop_decision": "registration.Registration", "registration:calendar_action": "registration.TermCalendar",
    "registration:calendars": None,
    # KTMU programmes, courses and quotas (W-01..W-03): the bodies' steps through the API, the institute's new files
    "api:proposal_step": "programmes.ProgrammeProposal", "api:course_step": "programmes.CourseProposal", "api:quota_step": "programmes.Quota",
    "programmes:proposal_new": None, "programmes:proposal_edit": "programmes.ProgrammeProposal", "programmes:course_new": None,
    "programmes:quota_new": None,
    # KTMU admissions (W-04..W-09): the candidate's submission, the commission's scores, the institute's new special files
    "api:admission_submit": "admissions.Application", "api:admission_scores": "admissions.Application", "admissions:case_new": None,
    # KTMU thesis (W-10..W-12, W-16d): the student's and the institute's steps (a record page's steps name their record by kind)
    "api:supervisor_change": "people.Student", "api:proposal": "people.Student", "api:submission": "people.Student",
    "api:appeal": "thesis.DefenceAppeal", "thesis:student_act": "people.Student", "thesis:record_act": None,
    # bulk import (issue 11): the file's check (writes nothing) and the import of the checked rows
    "imports:upload": None, "imports:run": None,
}
# Posts that create only the caller's own record: every new row must belong to the caller.
OWN_CREATES: dict[str, tuple[str, str]] = {
    "mobility:application_new": ("mobility.StudentMobility", "student__person__user"),
    "mobility:trip_new": ("mobility.StaffTrip", "staff__person__user"),
    "mobility:consultation_new": ("mobility.Consultation", "author"),
    "api:submit_leave": ("standing.Leave", "student__person__user"),
    "api:submit_academic_leave": ("standing.AcademicLeave", "student__person__user"),
    "registration:apply_other_hei": ("registration.OtherHeiCourse", "student__person__user"),
    "registration:apply_recognition": ("registration.Recognition", "student__person__user"),
}
# Posts that change only the caller's session, preferences or tokens, or evaluate a public rule.
SELF_SERVICE = {"set_language", "logout", "login", "password_reset", "password_reset_confirm", "accounts:tokens",
                "api:issue_token", "api:evaluate_rule",
                "api:reg_check"}  # evaluates the art. 26 limits on a proposed selection of a registration the caller may read; writes nothing
# The API's own documents (GET only; the schema lists no write on them).
API_DOCS = {"api:openapi-json", "api:openapi-view"}
# (endpoint, persona) pairs where the write is the persona's by right, with the reason.
ALLOWED = {
    # a KTMU institute's board secretary records the institution's implementing rule sets (KTMU-21(4)-1, 40-1)
    ("postgrad:ruleset_new", "other_faculty"),
    # the KTMU student's own excuse application and appeals against their own published results (KTMU-31(5)-1, 34-1, 34-4)
    ("postgrad:sheet_step", "kstudent"), ("postgrad:appeal_step", "kstudent"),
    # an instructor of any KTMU field of science applies to open a course (W-02 row 1, KTMU-7-1): the application is theirs
    ("programmes:course_new", "other_faculty"),
}
# Read pages (a POST is not a write there) are every other name; they must not be write-like names.
WRITE_LIKE = re.compile(r"(_new|_edit|_act|_appoint|_left|_plan|_scores|_session|_commission|_supersede|_adopt|_mailing|_action|submit)$")
READ_WITH_FORMS = {"mobility:task", "mobility:consultation", "postgrad:task", "postgrad:case"}  # detail pages that post to themselves

POSITIVE_CONTROL = [("governance:decision_new", "admin"), ("mobility:correspondence_new", "ird_officer"), ("mobility:partner_mailing", "ird_officer")]
PERSONAS = ["student", "kstudent", "outsider", "auditor", "other_faculty", "other_institution"]
FACULTY_ROLES = ["dean_office", "deputy_dean_ir", "deputy_dean_academic", "programme_leader", "head_of_department",
                 "institute_board_secretary", "staff"]
ALL_ROLES = [*FACULTY_ROLES, "student", "ird_officer", "rector_office", "vice_rector_research", "accounting"]
HARVEST_USERS = [u for u in DEMO_USERS if u not in {"outsider", "auditor"}] + ["kinstructor", "kinstitute", "kfos_head"]


def _name(path: str) -> str | None:
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return f"{match.namespace}:{match.url_name}" if match.namespace else match.url_name


def _fill_value(name: str, current: str) -> str:
    if current:
        return current
    low = name.lower()
    if "date" in low or low.endswith("_on") or low in {"on", "until", "date"}:
        return "2026-11-25"
    if "time" in low or low.endswith("_at"):
        return "10:00"
    if any(k in low for k in ("score", "weight", "grade", "gpa", "credit", "ects", "quota", "number_of", "count", "version", "hours")):
        return "50"
    if "email" in low:
        return "x@example.kg"
    if "url" in low or "link" in low:
        return "https://example.kg"
    return "Сынак 1"


def _forms(page: bytes, base: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """(action path, data) of every POST form on a page, with a value in every field."""
    try:
        doc = lxml_html.fromstring(page)
    except Exception:  # noqa: BLE001  (not HTML)
        return
    for form in doc.forms:
        if (form.method or "GET").upper() != "POST":
            continue
        action = urlsplit(form.action or base).path or base
        data: dict[str, Any] = {}
        buttons = [(b.get("name"), b.get("value", "")) for b in form.iter("button") if b.get("name")]
        for el in form.inputs:
            name = el.get("name")
            if not name or name == "csrfmiddlewaretoken":
                continue
            kind = (el.get("type") or "").lower()
            if el.tag == "select":
                options = [o.get("value", o.text or "") for o in el.findall(".//option")]
                options = [o for o in options if o]
                if options:
                    data[name] = options[0]
            elif kind in {"checkbox", "radio"}:
                data.setdefault(name, el.get("value", "on"))
            elif kind == "file":
                continue
            elif kind == "submit":
                if el.get("value") and name not in data:
                    data[name] = el.get("value")
            else:
                data[name] = _fill_value(name, el.get("value") or (el.text or "" if el.tag == "textarea" else ""))
        if not buttons:
            yield action, data
        for bname, bvalue in buttons:  # one post per named button (``action=submit``, ``action=cancel`` …)
            yield action, {**data, bname: bvalue}


def _targets(ctx: Any) -> list[str]:
    """The pages that show the write forms, on records that are not the demo student's (nor any persona's)."""
    from bilim.apps.governance.models import Decision
    from bilim.apps.mobility import models as mm
    from bilim.apps.postgrad import models as pm
    from bilim.apps.postgrad import selectors as psel

    student = ctx.users["student"]
    pages = [u for u, n, ms in discover() if "<" not in u and "GET" in ms and (n in WRITES or n in OWN_CREATES)]

    def first(qs: Any) -> Any:
        return qs.order_by("pk").first()

    mobs = mm.StudentMobility.objects.exclude(student__person__user=student)
    for state in ("DRAFT", "APPLIED", "DOCS_COMPLETE", "SELECTED", "NOMINATED", "ISP_APPROVED", "ABROAD", "RETURNED"):
        mob = first(mobs.filter(state=state))
        if mob is not None:
            pages.append(f"/mobility/applications/{mob.pk}/")
    for obj, url in [
        (first(mm.Call.objects.all()), "/mobility/calls/{}/"), (first(mm.StaffTrip.objects.exclude(staff__person__user=ctx.users["staff"])), "/mobility/trips/{}/"),
        (first(mm.IncomingMobility.objects.all()), "/mobility/incoming/{}/"), (first(mm.Task.objects.all()), "/mobility/tasks/{}/"),
        (first(mm.Consultation.objects.filter(status="OPEN")), "/mobility/consultations/{}/"),
        (first(mm.MobilityProgramme.objects.all()), "/mobility/programmes/{}/edit/"),
        (first(psel.pg_offerings().filter(instructors__person__user=ctx.users.get("kinstructor"))), "/postgrad/courses/{}/"),
        (first(pm.Supervision.objects.filter(status="PROPOSED")), "/postgrad/supervision/{}/"),
        (first(pm.Supervision.objects.all()), "/postgrad/supervision/{}/"),
        (first(pm.SupervisionTask.objects.all()), "/postgrad/tasks/{}/"), (first(psel.pg_students()), "/postgrad/students/{}/"),
        (first(pm.DisciplinaryCase.objects.all()), "/postgrad/cases/{}/"),
        (first(Decision.objects.filter(status=Decision.Status.DRAFT)), "/governance/decisions/{}/"),
        (first(Decision.objects.filter(status=Decision.Status.DRAFT)), "/governance/decisions/{}/edit/"),
        (first(Decision.objects.filter(status=Decision.Status.ADOPTED)), "/governance/decisions/{}/"),
        (first(Decision.objects.filter(status=Decision.Status.ADOPTED)), "/governance/decisions/{}/supersede/"),
    ]:
        if obj is not None:
            pages.append(url.format(obj.pk))
    return pages


def _harvest(ctx: Any) -> dict[tuple[str, str], dict[str, Any]]:
    """(action path, distinguishing hidden value) → data, from every target page as every user who may see it."""
    out: dict[tuple[str, str], dict[str, Any]] = {}
    pages = _targets(ctx)
    for username in ["admin", *HARVEST_USERS]:
        if username not in ctx.users:
            continue
        client = _client(username, ctx)
        for page in pages:
            r = client.get(page)
            if r.status_code != 200:
                continue
            for action, data in _forms(r.content, page):
                name = _name(action)
                if name in SELF_SERVICE or name is None:
                    continue
                key = (action, str(data.get("action", data.get("status", ""))))
                out.setdefault(key, data)
    return out


def _add_personas(ctx: Any) -> None:
    from bilim.apps.accounts.models import RoleAssignment, User
    from bilim.apps.org.models import Institution, Unit

    oshsu, ktmu = ctx.institutions["oshsu"], ctx.institutions["ktmu"]
    elsewhere = Institution.objects.create(code="elsewhere", name_ky="Башка", name_en="Elsewhere", country="KG", is_home=True)
    osh_fac = Unit.objects.create(institution=oshsu, kind=Unit.Kind.FACULTY, code="elsewhere-fac", name_ky="Башка", name_en="Other faculty")
    k_inst = Unit.objects.create(institution=ktmu, kind=Unit.Kind.INSTITUTE, code="elsewhere-inst", name_ky="Башка", name_en="Other institute")
    far = Unit.objects.create(institution=elsewhere, kind=Unit.Kind.FACULTY, code="far", name_ky="Алыс", name_en="Far")
    fac_user = User.objects.create_user(username="other_faculty", password="x")
    inst_user = User.objects.create_user(username="other_institution", password="x")
    for role in FACULTY_ROLES:
        RoleAssignment.objects.create(user=fac_user, role=role, institution=oshsu, unit=osh_fac)
        RoleAssignment.objects.create(user=fac_user, role=role, institution=ktmu, unit=k_inst)
    for role in ALL_ROLES:
        RoleAssignment.objects.create(user=inst_user, role=role, institution=elsewhere)
        RoleAssignment.objects.create(user=inst_user, role=role, institution=elsewhere, unit=far)
    ctx.users.update(other_faculty=fac_user, other_institution=inst_user)
    # a draft decision to edit and adopt (the demo data adopts all of its decisions)
    from bilim.apps.governance.models import Body, Decision

    body = Body.objects.filter(institution=oshsu).order_by("pk").first()
    Decision.objects.create(body=body, number="DRAFT-1", date=dt.date(2026, 11, 20), title="Долбоор", status=Decision.Status.DRAFT)


def _row(model_label: str | None, path: str) -> Any:
    if model_label is None:
        return None
    kwargs = resolve(path).kwargs
    pk = kwargs.get("pk")
    model = apps.get_model(model_label)
    obj = model._default_manager.filter(pk=pk).first()
    return model_to_dict(obj) if obj is not None else None


def _new_rows_owned(model_label: str, owner: str, user: Any, before_max: int | None) -> bool:
    model = apps.get_model(model_label)
    new = model._default_manager.filter(pk__gt=before_max or 0)
    return not new.exclude(**{owner: user}).exists()


def _max_pk(model_label: str) -> int | None:
    from django.db.models import Max

    return apps.get_model(model_label)._default_manager.aggregate(m=Max("pk"))["m"]


@pytest.mark.django_db
def test_every_post_endpoint_is_classified(seeded: Any) -> None:  # noqa: F811
    """A new endpoint that accepts a write fails here until it is classified (and so replayed below)."""
    unclassified = []
    for url, name, methods in discover():
        if name.startswith("admin:") or name in WRITES or name in OWN_CREATES or name in SELF_SERVICE or name in API_DOCS:
            continue
        if url.startswith("/api/") and methods & {"POST", "PUT", "PATCH", "DELETE"}:
            unclassified.append(f"{name} {sorted(methods)}")
        elif WRITE_LIKE.search(name) and name not in READ_WITH_FORMS:
            unclassified.append(name)
    assert not unclassified, f"classify these write endpoints in WRITES / OWN_CREATES / SELF_SERVICE: {unclassified}"
    assert not (set(WRITES) | set(OWN_CREATES)) - {n for _, n, _ in discover()}, "a classified endpoint no longer exists"


@pytest.mark.django_db
def test_no_one_out_of_scope_writes(seeded: Any) -> None:  # noqa: F811
    ctx = seeded
    _add_personas(ctx)
    forms = _harvest(ctx)
    harvested = {_name(a) for a, _ in forms}
    # every write endpoint with a page is exercised through a real form (those without one are posted below)
    problems: list[str] = []
    extra: list[tuple[str, dict[str, Any]]] = [(a, d) for (a, _k), d in forms.items()]
    from bilim.apps.mobility.models import StudentMobility

    others_draft = StudentMobility.objects.exclude(student__person__user=ctx.users["student"]).filter(state="DRAFT").order_by("pk").first()
    for url, name, methods in discover():
        if name == "api:submit" and others_draft is not None:
            url = f"/api/v1/mobility/applications/{others_draft.pk}/submit"  # another student's draft
        if name in WRITES and name not in harvested and "POST" in methods:
            extra.append((url, {"action": "submit", "reason": "r", "number": "X-1", "date": "2026-11-21", "title": "t", "text": "t"}))
    for path, data in extra:
        name = _name(path) or path
        if name not in WRITES and name not in OWN_CREATES:
            if name in SELF_SERVICE:
                continue
            if name not in READ_WITH_FORMS:
                problems.append(f"form posting to an unclassified endpoint {path} ({name})")
                continue
        label = WRITES.get(name)
        own = OWN_CREATES.get(name)
        for who in PERSONAS:
            if (name, who) in ALLOWED:
                continue
            client = _client(who, ctx)
            before, row = _counts(), _row(label, path)
            before_max = _max_pk(own[0]) if own else None
            if path.startswith("/api/"):
                r = client.post(path, data="{}", content_type="application/json")
            else:
                r = client.post(path, data=data)
            changed = _counts() != before or _row(label, path) != row
            if r.status_code >= 500:
                problems.append(f"{who} POST {path} {data.get('action', '')} → {r.status_code}")
            if own is not None:
                if not _new_rows_owned(own[0], own[1], ctx.users[who], before_max):
                    problems.append(f"{who} POST {path} created a {own[0]} that is not theirs")
                apps.get_model(own[0])._default_manager.filter(pk__gt=before_max or 0).delete()  # keep the next replay comparable
            elif changed:
                problems.append(f"{who} POST {path} {data.get('action', '')} ({name}) changed data → {r.status_code}")
    # positive control: the same harvested forms, posted by someone who may, do write (so the refusals above mean something)
    for name, who in POSITIVE_CONTROL:
        path, data = next((a, d) for (a, _k), d in forms.items() if _name(a) == name)
        before = _counts()
        r = _client(who, ctx).post(path, data=data)
        if _counts() == before:
            problems.append(f"positive control: {who} POST {path} ({name}) wrote nothing → {r.status_code}")
    if problems:
        Path("test-artifacts").mkdir(exist_ok=True)
        Path("test-artifacts/write-matrix.txt").write_text("\n".join(problems))
    assert len(harvested & set(WRITES)) >= 20, f"too few write forms harvested: {sorted(harvested & set(WRITES))}"
    assert not problems, "\n".join(problems[:80])
