"""Background work of the desk (Django's Tasks API): the daily digest of notifications."""

from __future__ import annotations

import datetime as dt

from django_tasks import task


@task()
def notifications_digest(on: str = "") -> int:
    """Send the daily digests of ``on`` (ISO date; default today). Idempotent: a notification is e-mailed once."""
    from bilim.apps.desk.notifications import send_digests

    return send_digests(on=dt.date.fromisoformat(on) if on else None)
