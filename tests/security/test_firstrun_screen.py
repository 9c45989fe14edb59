"""Issue 14: the first command's console output is one screen that ends with the accounts and the URL.

The seed used to dump every notification as MIME (base64 subjects) before the accounts; now it
prints one line and the outbox keeps the mail. Each account's "try first" line must be true of the
default demo data, so every claim is checked here against a default-size seed.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client, override_settings
from django.utils import translation

from bilim.apps.desk.management.commands.seed import FIRST_STEPS, OUTBOX_BACKEND

URL = "http://127.0.0.1:8000"


def _bilim(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    full = {k: v for k, v in os.environ.items() if k not in {"EMAIL_BACKEND", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE", "BILIM_TESTING"}}
    full.update(env)
    return subprocess.run([sys.executable, "-m", "bilim.cli", *args], capture_output=True, text=True, env=full, timeout=600)


@pytest.fixture(scope="module")
def first_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, str], subprocess.CompletedProcess[str]]:
    """What scripts/start.sh does before serving: migrate and seed a fresh SQLite database (development)."""
    env = {"BILIM_HOME": str(tmp_path_factory.mktemp("first_run")), "BILIM_DEV": "1", "DEBUG": "1", "BILIM_LANG": "en"}
    assert _bilim(["migrate", "--no-input", "-v0"], env).returncode == 0
    return env, _bilim(["seed", "-v0", "--no-accounts"], env)


def test_the_seed_prints_one_line_for_the_mail_and_ends_with_the_accounts_and_the_url(first_run: Any) -> None:
    env, loaded = first_run
    assert loaded.returncode == 0, loaded.stderr
    out = loaded.stdout + loaded.stderr
    assert "Content-Type:" not in out and "MIME-Version" not in out and "=?utf-8?" not in out
    lines = out.strip().splitlines()
    assert len(lines) == 2 and lines[0].startswith("Demo data loaded in ")
    count = int(lines[1].split()[0])
    assert count >= 1 and lines[1].endswith("notifications queued — see Outbox (/outbox/, as admin).")
    code = "from bilim.apps.outbox.models import Message; print(Message.objects.count()); print(Message.objects.first().body)"
    kept = _bilim(["shell", "-v0", "-c", code], env).stdout.strip().splitlines()
    assert kept[0] == str(count)  # the line tells the truth: the outbox holds them
    assert "сынак" in kept[1]  # the mail keeps the interface default (Kyrgyz); only the console speaks English

    accounts = _bilim(["seed", "--accounts", "--url", URL], env)
    assert accounts.returncode == 0, accounts.stderr
    screen = accounts.stdout.strip().splitlines()
    assert screen[0].startswith("Demo accounts (password for all: bilim-demo-2026)")
    assert screen[-1].startswith(f"Bilim is running at {URL} ")
    body = screen[1:-1]
    # every demo account, one line each, in order (a new demo account needs its own "try first" line)
    assert [line.split()[0] for line in body] == list(FIRST_STEPS)
    for line in body:
        username, path = line.split()[:2]
        with translation.override("en"):
            assert path == FIRST_STEPS[username][1] and str(FIRST_STEPS[username][0]) in line
    # one screen: a 30-line terminal (the KTMU product added its institute, supervisor, admissions, rector, doctoral and
    # Trustees accounts; 24 lines held only the mobility demo)
    assert len(lines) + len(screen) <= 30 and max(map(len, screen)) <= 100


def test_the_console_speaks_the_terminals_language(first_run: Any) -> None:
    env = {k: v for k, v in first_run[0].items() if k != "BILIM_LANG"}
    assert "Демо-учётные записи" in _bilim(["seed", "--accounts"], {**env, "LANG": "ru_RU.UTF-8"}).stdout
    assert "Демо каттоо эсептери" in _bilim(["seed", "--accounts"], {**env, "LANG": "C.UTF-8"}).stdout  # the default: Kyrgyz
    assert "Demo hesaplar" in _bilim(["seed", "--accounts"], {**env, "LANG": "ru_RU.UTF-8", "BILIM_LANG": "tr"}).stdout


@pytest.fixture(scope="module")
def demo(django_db_setup: Any, django_db_blocker: Any) -> Iterator[Any]:
    """The default demo data set (400 students), its notifications kept in the outbox."""
    from bilim.apps.desk.seed import run

    with django_db_blocker.unblock(), override_settings(EMAIL_BACKEND=OUTBOX_BACKEND):
        ctx = run(quiet=True)
    yield ctx
    with django_db_blocker.unblock():
        call_command("flush", interactive=False, verbosity=0)


# What must be on the page each account is sent to, beyond a 200 (the claim of its line).
EVIDENCE = {
    "student": ["Mevlana 2027"],
    "kstudent": ["CS-MA501", "Prof. Dr. Ayşe Yılmaz"],
    "deputy_dean_ir": ["Номинацияларды чогултуу", "Стипендияларды төлөө"],
    "board_secretary": ["2026-11.03"],
    "vice_rector_research": ["APPROVAL_VR_SCI"],
    "kinstitute": ["CS-MA501"],
    "accounting": ['data-testid="accounting"'],
    "admin": ["CS-MA501"],  # the two exam notices the seed e-mailed to the FoS head
}


@pytest.mark.django_db
@pytest.mark.parametrize("username", list(FIRST_STEPS))
def test_what_each_account_is_told_to_try_is_there(demo: Any, username: str) -> None:
    client = Client()
    client.force_login(demo.users[username])
    response = client.get(FIRST_STEPS[username][1], follow=True)
    assert response.status_code == 200
    html = response.content.decode()
    for evidence in EVIDENCE.get(username, []):
        assert evidence in html, (username, evidence)


@pytest.mark.django_db
def test_the_numbers_the_lines_state(demo: Any) -> None:
    from bilim.apps.accounts.permissions import restrict
    from bilim.apps.mobility.models import StaffTrip, StudentMobility, Task
    from bilim.apps.outbox.models import Message

    dd_ir = demo.users["deputy_dean_ir"]
    assert restrict(dd_ir, "mobility.view_tasks", Task.objects.filter(status="OPEN")).count() == 2  # "two open mobility tasks"
    states = set(restrict(demo.users["ird_officer"], "mobility.view_application", StudentMobility.objects.all()).values_list("state", flat=True))
    assert {"APPLIED", "ABROAD", "CLOSED", "NOT_SELECTED"} <= states  # "files in every state"
    vr = demo.users["vice_rector_research"]
    assert restrict(vr, "mobility.approve_trip_vr", StaffTrip.objects.filter(state="APPROVAL_VR_SCI")).exists()
    assert Message.objects.filter(to__contains="kfos_head@").count() >= 1  # what the admin's outbox shows
