"""Decisions: draft → adopted (immutable) → superseded by a correction; all audited; errors beside fields."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from bilim.apps.audit.models import AuditEvent
from bilim.apps.audit.services import history
from bilim.apps.governance import services
from bilim.apps.governance.models import Decision

pytestmark = pytest.mark.django_db


def _draft(ctx: Any, number: str = "T-1") -> Decision:
    return services.decision_create(
        actor=ctx.users["board_secretary"], body=ctx.bodies["ktmu-board-fbe"], number=number, date=dt.date(2026, 11, 20),
        title="Approve supervisor", text="Text",
    )


def test_adopt_then_edit_raises_clear_error(seeded: Any) -> None:
    d = _draft(seeded)
    adopted = services.decision_adopt(actor=seeded.users["board_secretary"], decision=d)
    assert adopted.status == Decision.Status.ADOPTED and adopted.adopted_at is not None
    from django.utils import translation

    with translation.override("en"), pytest.raises(services.DecisionImmutable) as exc:
        services.decision_update(actor=seeded.users["board_secretary"], decision=adopted, title="changed")
    assert "T-1" in exc.value.messages[0] and "supersede" in exc.value.messages[0]
    assert Decision.objects.get(pk=d.pk).title == "Approve supervisor"
    with pytest.raises(services.DecisionImmutable):
        services.decision_adopt(actor=seeded.users["board_secretary"], decision=adopted)
    actions = [e.action for e in history(adopted)]
    assert actions == [AuditEvent.Action.TRANSITION, AuditEvent.Action.CREATE]  # newest first


def test_supersede_creates_correction_and_audits_both(seeded: Any) -> None:
    d = services.decision_adopt(actor=seeded.users["board_secretary"], decision=_draft(seeded, "T-2"))
    new = services.decision_supersede(
        actor=seeded.users["board_secretary"], decision=d, number="T-2/1", date=dt.date(2026, 11, 21), title="Corrected", text="Fixed"
    )
    d.refresh_from_db()
    assert d.status == Decision.Status.SUPERSEDED and new.supersedes_id == d.pk and new.status == Decision.Status.ADOPTED
    assert history(new).filter(action=AuditEvent.Action.CREATE).exists()
    last = history(d).first()
    assert last.before["status"] == "adopted" and last.after["status"] == "superseded"
    with pytest.raises(ValidationError):  # a superseded decision cannot be superseded again
        services.decision_supersede(actor=seeded.users["board_secretary"], decision=d, number="T-2/2", date=dt.date(2026, 11, 21), title="x", text="x")


def test_auditor_and_other_body_cannot_decide(seeded: Any) -> None:
    d = _draft(seeded, "T-3")
    with pytest.raises(PermissionDenied):
        services.decision_adopt(actor=seeded.users["auditor"], decision=d)
    with pytest.raises(PermissionDenied):  # OshSU rector's office has no say over a KTMU institute board
        services.decision_adopt(actor=seeded.users["rector_office"], decision=d)
    assert Decision.objects.get(pk=d.pk).status == Decision.Status.DRAFT


def test_web_duplicate_number_error_beside_field_and_nothing_changed(seeded: Any) -> None:
    _draft(seeded, "T-4")
    client = Client()
    client.force_login(seeded.users["board_secretary"])
    before = Decision.objects.count()
    r = client.post("/governance/decisions/new/", {
        "body": seeded.bodies["ktmu-board-fbe"].pk, "number": "T-4", "date": "2026-11-20", "title": "Again", "text": "",
    })
    assert r.status_code == 400
    assert 'id="id_number-error"' in r.content.decode()
    assert Decision.objects.count() == before
    r = client.post("/governance/decisions/new/", {"body": seeded.bodies["ktmu-board-fbe"].pk, "number": "", "date": "not a date", "title": ""})
    page = r.content.decode()
    assert r.status_code == 400 and 'id="id_date-error"' in page and 'id="id_title-error"' in page


def test_web_adopt_and_edit_locked(seeded: Any) -> None:
    d = _draft(seeded, "T-5")
    client = Client()
    client.force_login(seeded.users["board_secretary"])
    page = client.get(f"/governance/decisions/{d.pk}/").content.decode()
    assert 'data-testid="adopt"' in page and 'data-testid="history"' in page
    r = client.post(f"/governance/decisions/{d.pk}/adopt/")
    assert r.status_code == 302
    r = client.get(f"/governance/decisions/{d.pk}/edit/")
    assert r.status_code == 409 and 'data-testid="form-error"' in r.content.decode()
    auditor = Client()
    auditor.force_login(seeded.users["auditor"])
    assert auditor.get(f"/governance/decisions/{d.pk}/").status_code == 200
    assert auditor.post(f"/governance/decisions/{d.pk}/supersede/", {"number": "Z", "date": "2026-11-21", "title": "t", "text": "t", "reason": "r"}).status_code == 404
