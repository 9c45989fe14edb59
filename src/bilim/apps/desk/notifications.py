"""Notifications: in-app under the bell, by e-mail after commit, or in one daily digest.

The transition service calls :func:`deliver_transition` after a step's transaction commits (installed in
``workflow.services.TRANSITION_DELIVERY`` by the desk's ``AppConfig.ready``). The apps still say *who* is concerned
(``workflow.services.RECIPIENTS``: e-mail addresses); here each address that belongs to a person with an account
becomes a notification in that person's language, with a link to the record, and an e-mail — unless the person chose
the daily digest (:func:`send_digests`, ``bilim notifications_digest``). An address with no account gets the e-mail
alone, in the interface's default language.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from bilim.apps.desk.models import Notification, NotificationSetting

LANGS = {"ky", "ru", "en", "tr"}


def _language(user: Any) -> str:
    code = getattr(user, "language", "") or settings.LANGUAGE_CODE
    return code if code in LANGS else settings.LANGUAGE_CODE


def _absolute(link: str) -> str:
    base = getattr(settings, "BILIM_SITE_URL", "") or ""
    return f"{base.rstrip('/')}{link}" if base and link.startswith("/") else link


def _users_by_email(addresses: list[str]) -> dict[str, Any]:
    """Each address → the account it belongs to (the account's own e-mail, or the e-mail of its person record)."""
    User = get_user_model()
    lowered = [a.lower() for a in addresses]
    out: dict[str, Any] = {}
    for u in User.objects.filter(is_active=True).filter(Q(email__in=addresses) | Q(person__email__in=addresses)).select_related("person"):
        for addr in {(u.email or "").lower(), (getattr(getattr(u, "person", None), "email", "") or "").lower()}:
            if addr and addr in lowered:
                out.setdefault(addr, u)
    return out


def wants_digest(user: Any) -> bool:
    return NotificationSetting.objects.filter(user=user, email=NotificationSetting.Email.DIGEST).exists()


def record_link(obj: Any) -> str:
    """The page of a workflow subject (its registered ``url``), or ""."""
    from bilim.apps.workflow.registry import subjects

    for subject in subjects():
        if subject.model is type(obj) and subject.url is not None:
            try:
                return str(subject.url(obj))
            except Exception:  # noqa: BLE001  (a record without a page gets a notification without a link)
                return ""
    return ""


def notify(*, user: Any, title: str, body: str = "", link: str = "", email: str = "") -> Notification:
    """One notification to one person; e-mailed at once unless the person chose the daily digest.

    ``title`` and ``body`` are already in the person's language (the caller translates under their language)."""
    n = Notification.objects.create(user=user, title=title[:300], body=body, link=link[:500])
    to = email or getattr(user, "email", "")
    if to and not wants_digest(user):
        text = body + (f"\n\n{_absolute(link)}" if link else "")
        if send_mail(title, text, None, [to], fail_silently=True):
            Notification.objects.filter(pk=n.pk).update(emailed_at=timezone.now())
    return n


def deliver_transition(tr: Any, obj: Any, recipients: list[str]) -> int:
    """The desk's delivery of a workflow step (after commit): a notification for each person concerned, in their own
    language, linking to the record; e-mails for the others. Returns the number of e-mails sent."""
    from bilim.apps.workflow.services import transition_texts

    link = record_link(obj)
    users = _users_by_email(recipients)
    sent = 0
    done: set[int] = set()
    strangers = []
    for addr in recipients:
        user = users.get(addr.lower())
        if user is None:
            strangers.append(addr)
            continue
        if user.pk in done:
            continue
        done.add(user.pk)
        with translation.override(_language(user)):
            title, body = transition_texts(tr, obj)
            n = notify(user=user, title=title, body=body, link=link, email=addr)
        sent += 1 if Notification.objects.filter(pk=n.pk, emailed_at__isnull=False).exists() else 0
    if strangers:
        with translation.override(settings.LANGUAGE_CODE):
            subject, body = transition_texts(tr, obj)
        sent += send_mail(subject, body, None, strangers, fail_silently=True)
    return sent


# --- reading ---------------------------------------------------------------------------------------------------------


def unread_count(user: Any) -> int:
    if not getattr(user, "is_authenticated", False):
        return 0
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def notifications_for(user: Any) -> QuerySet[Notification]:
    return Notification.objects.filter(user=user)


def notification_mark_read(*, actor: Any, pk: int) -> Notification:
    """Mark one of the actor's own notifications read (another person's: DoesNotExist, a 404)."""
    n = Notification.objects.get(pk=pk, user=actor)
    if n.read_at is None:
        n.read_at = timezone.now()
        n.save(update_fields=["read_at"])
    return n


def notification_mark_all_read(*, actor: Any) -> int:
    return Notification.objects.filter(user=actor, read_at__isnull=True).update(read_at=timezone.now())


def notification_setting_set(*, actor: Any, email: str) -> NotificationSetting:
    if email not in NotificationSetting.Email.values:
        raise ValueError(email)
    setting, _created = NotificationSetting.objects.update_or_create(user=actor, defaults={"email": email})
    return setting


# --- the daily digest ------------------------------------------------------------------------------------------------


def send_digests(*, on: dt.date | None = None) -> int:
    """One e-mail per person who chose the digest, listing their unread notifications of the day ``on`` (default today)
    not yet e-mailed, in their language; the listed ones are marked e-mailed (running twice sends nothing new).
    Returns the number of e-mails sent."""
    on = on or timezone.localdate()
    start = timezone.make_aware(dt.datetime.combine(on, dt.time.min))
    end = start + dt.timedelta(days=1)
    sent = 0
    settings_qs = NotificationSetting.objects.filter(email=NotificationSetting.Email.DIGEST).select_related("user")
    for setting in settings_qs:
        user = setting.user
        if not user.is_active or not user.email:
            continue
        with transaction.atomic():
            items = list(Notification.objects.select_for_update().filter(user=user, read_at__isnull=True, emailed_at__isnull=True,
                                                                          created_at__gte=start, created_at__lt=end).order_by("created_at", "id"))
            if not items:
                continue
            with translation.override(_language(user)):
                subject = ngettext("Bilim: %(n)d unread notification of %(day)s", "Bilim: %(n)d unread notifications of %(day)s",
                                   len(items)) % {"n": len(items), "day": on.strftime("%d.%m.%Y")}
                lines = [f"• {n.title}" + (f"\n  {_absolute(n.link)}" if n.link else "") for n in items]
                body = "\n".join(lines) + "\n\n" + _("You receive one e-mail a day; change this on your profile page.")
            if send_mail(subject, body, None, [user.email], fail_silently=True):
                Notification.objects.filter(pk__in=[n.pk for n in items]).update(emailed_at=timezone.now())
                sent += 1
    return sent
