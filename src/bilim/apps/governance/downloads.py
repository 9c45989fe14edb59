"""Decision attachments are downloaded by the readers of their decision (through ``restrict()``)."""

from __future__ import annotations

from typing import Any

from django.db import models

from bilim.apps.accounts.permissions import restrict
from bilim.apps.core.uploads import register
from bilim.apps.governance.models import Decision, DecisionAttachment


def _attachments(user: Any) -> models.QuerySet[DecisionAttachment]:
    decisions = restrict(user, "governance.view_decision", Decision.objects.all()).values("pk")
    return DecisionAttachment.objects.filter(decision_id__in=decisions)


def register_downloads() -> None:
    register("decision-attachment", DecisionAttachment, "file", _attachments, filename=lambda _a: "attachment")
