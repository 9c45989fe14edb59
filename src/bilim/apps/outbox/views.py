"""The outbox pages: the list of kept e-mails (search, paging) and one e-mail with its body."""

from __future__ import annotations

from typing import Any

from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from bilim.apps.core.listing import Column, ListSpec, make_detail_view, make_list_view
from bilim.apps.outbox.models import Message


def _when(m: Message) -> str:
    return formats.date_format(timezone.localtime(m.created_at), "SHORT_DATETIME_FORMAT")


MESSAGES = ListSpec(
    action="outbox.view_messages",
    queryset=lambda: Message.objects.all(),
    title=_("Outbox"),
    detail_url="outbox:message",
    search_fields=["to", "cc", "bcc", "subject", "body"],
    search_help=_("Recipient, subject or text"),
    columns=[
        Column(pgettext_lazy("e-mail", "Sent at"), _when, link=True),
        Column(pgettext_lazy("e-mail", "To"), lambda m: m.to or m.bcc),
        Column(pgettext_lazy("e-mail", "Subject"), lambda m: m.subject),
    ],
)


messages = make_list_view(MESSAGES, template="outbox/messages.html")


def _fields(m: Message) -> list[tuple[Any, Any]]:
    return [
        (pgettext_lazy("e-mail", "Sent at"), _when(m)),
        (pgettext_lazy("e-mail", "From"), m.from_email),
        (pgettext_lazy("e-mail", "To"), m.to),
        (pgettext_lazy("e-mail", "Cc"), m.cc),
        (pgettext_lazy("e-mail", "Bcc"), m.bcc),
        (pgettext_lazy("e-mail", "Subject"), m.subject),
        (pgettext_lazy("e-mail", "Attachments"), m.attachments),
    ]


message = make_detail_view("outbox.view_messages", lambda: Message.objects.all(), "outbox/message.html", _fields,
                           title=lambda m: m.subject or _("(no subject)"))
