"""Issue 14, time to green: test runs hash passwords with a fast hasher; production never does."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password


def _hashers_in(env: dict[str, str]) -> str:
    full = {k: v for k, v in os.environ.items() if k not in {"BILIM_DEV", "BILIM_TESTING", "DEBUG"}}
    full.update({"DJANGO_SETTINGS_MODULE": "bilim.config.settings", **env})
    code = "import django; django.setup(); from django.conf import settings; print(settings.PASSWORD_HASHERS[0])"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=full, timeout=120)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_a_test_run_hashes_fast_and_still_verifies_real_hashes() -> None:
    assert settings.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.MD5PasswordHasher"
    assert make_password("bilim-demo-2026").startswith("md5$")
    real = make_password("bilim-demo-2026", hasher="pbkdf2_sha256")  # as a production database holds them
    assert check_password("bilim-demo-2026", real) and not check_password("wrong", real)


def test_production_and_development_servers_keep_djangos_hashers(tmp_path: Path) -> None:
    production = {"BILIM_HOME": str(tmp_path), "BILIM_DEV": "0", "SECRET_KEY": "x" * 50, "ALLOWED_HOSTS": "bilim.example.edu"}
    assert _hashers_in(production) == "django.contrib.auth.hashers.PBKDF2PasswordHasher"
    assert _hashers_in({"BILIM_HOME": str(tmp_path), "BILIM_DEV": "1"}) == "django.contrib.auth.hashers.PBKDF2PasswordHasher"
