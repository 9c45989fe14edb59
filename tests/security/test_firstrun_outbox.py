"""Issue 14: in development outgoing mail is kept in an outbox the administrator reads in the app.

Before the fix the development default was the console backend: the seed dumped MIME (base64
subjects) onto the terminal and nobody could read a notification afterwards.
"""

from __future__ import annotations

import os
import subprocess
import sys
from typing import Any

import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.test import Client

from bilim.apps.outbox.models import Message
from tests.web.conftest import seeded  # noqa: F401  (the module-scoped demo data set)

OUTBOX = "bilim.apps.outbox.backends.OutboxEmailBackend"
pytestmark = pytest.mark.django_db


def _backend_in(env: dict[str, str]) -> str:
    """settings.EMAIL_BACKEND as a fresh process with ``env`` computes it (pytest overrides it in-process)."""
    full = {k: v for k, v in os.environ.items() if k not in {"BILIM_DEV", "BILIM_TESTING", "DEBUG", "EMAIL_BACKEND", "DJANGO_ALLOW_ASYNC_UNSAFE"}}
    full.update({"DJANGO_SETTINGS_MODULE": "bilim.config.settings", **env})
    code = "import django; django.setup(); from django.conf import settings; print(settings.EMAIL_BACKEND)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=full, timeout=120)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_development_defaults_to_the_outbox_and_production_keeps_its_configuration(tmp_path: Any) -> None:
    home = {"BILIM_HOME": str(tmp_path)}
    assert _backend_in({**home, "BILIM_DEV": "1"}) == OUTBOX
    assert _backend_in({**home, "DEBUG": "1"}) == OUTBOX
    production = {**home, "BILIM_DEV": "0", "SECRET_KEY": "x" * 50, "ALLOWED_HOSTS": "bilim.example.edu"}
    assert _backend_in(production) == "django.core.mail.backends.console.EmailBackend"
    smtp = "django.core.mail.backends.smtp.EmailBackend"
    assert _backend_in({**production, "EMAIL_BACKEND": smtp}) == smtp
    assert _backend_in({**home, "BILIM_DEV": "1", "EMAIL_BACKEND": smtp}) == smtp  # the environment always wins


def test_the_backend_keeps_readable_messages(settings: Any) -> None:
    settings.EMAIL_BACKEND = OUTBOX
    sent = mail.send_mail("Өзгөчө сынак: CS-MA501", "Сынак 2026-12-07 10:00, B-204-бөлмө.", None, ["kfos_head@demo.bilim.kg"])
    assert sent == 1
    row = Message.objects.get()
    assert row.subject == "Өзгөчө сынак: CS-MA501"  # decoded, not =?utf-8?b?…?=
    assert row.body == "Сынак 2026-12-07 10:00, B-204-бөлмө."
    assert row.to == "kfos_head@demo.bilim.kg" and row.from_email == settings.DEFAULT_FROM_EMAIL
    assert row.message_id.startswith("<") and row.created_at is not None


def test_bcc_html_and_attachments_are_kept_and_a_message_without_recipients_is_not(settings: Any) -> None:
    settings.EMAIL_BACKEND = OUTBOX
    msg = EmailMultiAlternatives("Partners", "plain", "ird@oshsu.kg", [], bcc=["a@x.kg", "b@x.kg"])
    msg.attach_alternative("<p>html</p>", "text/html")
    msg.attach("list.csv", "a,b\n", "text/csv")
    nobody = EmailMultiAlternatives("Nobody", "x", None, [])
    connection = mail.get_connection()
    assert connection.send_messages([msg, nobody]) == 1
    row = Message.objects.get()
    assert (row.to, row.bcc, row.html_body, row.attachments) == ("", "a@x.kg, b@x.kg", "<p>html</p>", "list.csv")
    assert connection.send_messages([]) == 0 and Message.objects.count() == 1


@pytest.fixture
def kept(seeded: Any) -> Message:
    return Message.objects.create(to="student@demo.bilim.kg", subject="Арызыңыз кабыл алынды", body="Урматтуу Айгүл, арызыңыз катталды.")


def test_the_administrator_reads_the_outbox_and_one_message(seeded: Any, kept: Message) -> None:
    client = Client()
    client.force_login(seeded.users["admin"])
    listing = client.get("/outbox/")
    assert listing.status_code == 200
    html = listing.content.decode()
    assert "Арызыңыз кабыл алынды" in html and "student@demo.bilim.kg" in html and f"/outbox/{kept.pk}/" in html
    detail = client.get(f"/outbox/{kept.pk}/")
    assert detail.status_code == 200 and "Урматтуу Айгүл, арызыңыз катталды." in detail.content.decode()
    assert client.get("/outbox/?q=Айгүл").content.decode().count(f"/outbox/{kept.pk}/") == 1
    assert f"/outbox/{kept.pk}/" not in client.get("/outbox/?q=nothing-like-this").content.decode()


def test_a_superuser_without_a_role_reads_it_too(seeded: Any, kept: Message, django_user_model: Any) -> None:
    root = django_user_model.objects.create(username="root", is_superuser=True, is_staff=True)
    client = Client()
    client.force_login(root)
    assert client.get("/outbox/").status_code == 200 and client.get(f"/outbox/{kept.pk}/").status_code == 200


def test_the_auditor_reads_it_read_only(seeded: Any, kept: Message) -> None:
    client = Client()
    client.force_login(seeded.users["auditor"])
    assert client.get("/outbox/").status_code == 200 and client.get(f"/outbox/{kept.pk}/").status_code == 200


@pytest.mark.parametrize("username", ["dean_office", "ird_officer", "rector_office", "student", "outsider"])
def test_nobody_else_reads_the_mail(seeded: Any, kept: Message, username: str) -> None:
    client = Client()
    client.force_login(seeded.users[username])
    assert client.get("/outbox/").status_code == 403
    assert client.get(f"/outbox/{kept.pk}/").status_code == 404
    assert "/outbox/" not in client.get("/dashboard/").content.decode()


def test_anonymous_is_sent_to_the_login(seeded: Any, kept: Message) -> None:
    response = Client().get(f"/outbox/{kept.pk}/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("lang,label", [("ky", "Чыгуучу каттар"), ("ru", "Исходящие письма"), ("en", "Outbox"), ("tr", "Giden kutusu")])
def test_the_outbox_is_on_the_administrators_desk_in_every_language(seeded: Any, lang: str, label: str) -> None:
    admin = seeded.users["admin"]
    admin.language = lang
    admin.save(update_fields=["language"])
    client = Client()
    client.force_login(admin)
    html = client.get("/dashboard/").content.decode()
    assert 'href="/outbox/"' in html and label in html
    assert label in client.get("/outbox/").content.decode()
