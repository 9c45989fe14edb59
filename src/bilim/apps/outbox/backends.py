"""A Django e-mail backend that writes each outgoing message into the outbox table."""

from __future__ import annotations

from collections.abc import Sequence

from django.core.mail import EmailMessage
from django.core.mail.backends.base import BaseEmailBackend

from bilim.apps.outbox.models import Message

SUBJECT_MAX = Message._meta.get_field("subject").max_length or 500


def _addresses(values: Sequence[str]) -> str:
    return ", ".join(str(v) for v in values)


def _html(message: EmailMessage) -> str:
    for content, mimetype in getattr(message, "alternatives", None) or []:
        if mimetype == "text/html":
            return str(content)
    return ""


def _attachment_names(message: EmailMessage) -> str:
    names = []
    for attachment in message.attachments:
        if isinstance(attachment, tuple):  # (filename, content, mimetype)
            names.append(str(attachment[0] or ""))
        else:  # a MIMEBase part
            names.append(str(attachment.get_filename() or ""))
    return "\n".join(n for n in names if n)


def to_row(message: EmailMessage) -> Message:
    """The outbox row for ``message`` (decoded: readable subject and body, not MIME)."""
    mime = message.message()  # the same headers a real send would carry (Message-ID, Date)
    return Message(
        from_email=str(message.from_email or ""),
        to=_addresses(message.to),
        cc=_addresses(message.cc),
        bcc=_addresses(message.bcc),
        subject=str(message.subject or "")[:SUBJECT_MAX],
        body=str(message.body or ""),
        html_body=_html(message),
        attachments=_attachment_names(message),
        message_id=str(mime.get("Message-ID", ""))[:255],
    )


class OutboxEmailBackend(BaseEmailBackend):
    """Keep every message with at least one recipient in the outbox instead of sending it."""

    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        rows = [to_row(m) for m in email_messages or [] if m.recipients()]
        if not rows:
            return 0
        try:
            Message.objects.bulk_create(rows)
        except Exception:
            if not self.fail_silently:
                raise
            return 0
        return len(rows)
