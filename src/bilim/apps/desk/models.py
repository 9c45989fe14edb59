"""In-app notifications and each person's choice of how to be e-mailed."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Notification(models.Model):
    """One message to one person about a record that changed (a workflow step), in the person's language.

    Written after the step's transaction commits; the person reads it under the bell and marks it read. Not a record
    of consequence (nothing is decided by it), so reading it writes no audit row. ``emailed_at`` is set when the
    message went out by e-mail, alone or in the daily digest.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("recipient"), on_delete=models.CASCADE, related_name="notifications")
    title = models.CharField(_("title"), max_length=300)
    body = models.TextField(_("message"), blank=True)
    link = models.CharField(_("link"), max_length=500, blank=True, help_text=_("the page of the record, within the site"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("e-mailed at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "read_at"], name="desk_notif_user_read")]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")

    def __str__(self) -> str:
        return self.title


class NotificationSetting(models.Model):
    """How a person wants to be e-mailed: each notification as it happens, or one daily digest of the unread ones."""

    class Email(models.TextChoices):
        EACH = "EACH", _("An e-mail for each notification")
        DIGEST = "DIGEST", _("One e-mail a day with the unread notifications")

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_setting")
    email = models.CharField(_("e-mail"), max_length=6, choices=Email.choices, default=Email.EACH)

    class Meta:
        verbose_name = _("notification setting")
        verbose_name_plural = _("notification settings")

    def __str__(self) -> str:
        return f"{self.user}: {self.email}"
