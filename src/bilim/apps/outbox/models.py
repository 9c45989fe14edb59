"""One outgoing e-mail as the development mail backend kept it."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Message(models.Model):
    """A copy of an e-mail Bilim sent while the outbox backend was active (development, demo).

    Not a record of consequence: nothing is decided by it and it is never edited, so it writes no
    audit row; it exists so that a tester can read what a notification said and to whom it went.
    """

    created_at = models.DateTimeField(_("sent at"), auto_now_add=True, db_index=True)
    from_email = models.CharField(_("from"), max_length=254, blank=True)
    to = models.TextField(_("to"), blank=True, help_text=_("comma-separated addresses"))
    cc = models.TextField(_("cc"), blank=True)
    bcc = models.TextField(_("bcc"), blank=True)
    subject = models.CharField(_("subject"), max_length=500, blank=True)
    body = models.TextField(_("message"), blank=True)
    html_body = models.TextField(_("HTML version"), blank=True)
    attachments = models.TextField(_("attachments"), blank=True, help_text=_("file names, one a line"))
    message_id = models.CharField(_("message ID"), max_length=255, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")

    def __str__(self) -> str:
        return self.subject or "—"
