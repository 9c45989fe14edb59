"""The ground's own table: files that were replaced or removed, kept so that no uploaded document is ever lost."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class RetiredFile(models.Model):
    """An uploaded file that a newer one replaced, or that its owner removed. The stored file stays in storage; this row
    says whose it was (``key``/``object_id``: the registered file field and row), which record's readers may still open
    it (``record_type``/``record_id``), who retired it and when. Written by :func:`bilim.apps.core.uploads.retire`."""

    class Action(models.TextChoices):
        REPLACED = "replaced", _("Replaced by a newer file")
        REMOVED = "removed", _("Removed")

    key = models.CharField(_("file field"), max_length=60)
    object_id = models.CharField(_("row"), max_length=64)
    record_type = models.CharField(_("record type"), max_length=100, db_index=True)
    record_id = models.CharField(_("record"), max_length=64, db_index=True)
    label = models.CharField(_("document"), max_length=200, blank=True)
    name = models.CharField(_("stored file"), max_length=255)
    uploaded_at = models.DateTimeField(_("uploaded at"), null=True, blank=True)
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    retired_at = models.DateTimeField(_("when"), auto_now_add=True)
    retired_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("who"), null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    reason = models.CharField(_("reason"), max_length=300, blank=True)

    class Meta:
        ordering = ["-retired_at", "-id"]
        verbose_name = _("earlier version of a file")
        verbose_name_plural = _("earlier versions of files")
        indexes = [models.Index(fields=["record_type", "record_id"], name="core_retired_record")]

    def __str__(self) -> str:
        return f"{self.label or self.key} ({self.get_action_display()})"
