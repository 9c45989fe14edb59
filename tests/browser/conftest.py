"""Browser-test infrastructure: a real Bilim server on a free port, Debian's Chromium via Playwright.

Fixtures
  bilim_server  (session) base URL of a freshly migrated and seeded server in a temporary BILIM_HOME
  browser       (session) Debian's Chromium (``/usr/bin/chromium``), headless; never downloads a browser
  page          (function) a new browser context + page per test; a screenshot is saved to
                ``test-artifacts/`` when the test fails
Helpers
  login(page, base_url, username, password=DEMO_PASSWORD)
  logout(page)

Mark browser tests with ``@pytest.mark.browser``. If Chromium is missing the tests FAIL with a clear
message (install it with ``apt-get install -y chromium``); they are never skipped silently.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = os.environ.get("BILIM_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DEMO_PASSWORD = "bilim-demo-2026"
SEED_STUDENTS = int(os.environ.get("BILIM_BROWSER_SEED_STUDENTS", "30"))
REPO_ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO_ROOT / "test-artifacts"
# Playwright's sync API runs an event loop in this thread; the tests never touch the DB in-process.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "1")


def _bilim_cmd(*args: str) -> list[str]:
    return [sys.executable, "-m", "bilim.cli", *args]


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _server_env(home: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "BILIM_HOME": str(home),
            "BILIM_DEV": "1",
            "DEBUG": "0",
            "BILIM_TESTING": "1",  # plain static storage: no collectstatic manifest needed
            "DATABASE_URL": f"sqlite:///{home / 'bilim.sqlite3'}",
            "AXES_ENABLED": "0",
            "PYTHONUNBUFFERED": "1",
        }
    )
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    return env


def _run(cmd: list[str], env: dict[str, str], cwd: Path, what: str, timeout: int = 600) -> None:
    proc = subprocess.run(cmd, env=env, cwd=cwd, capture_output=True, text=True, timeout=timeout)
    if proc.returncode != 0:
        pytest.fail(f"`{' '.join(cmd[2:])}` ({what}) failed with exit code {proc.returncode}:\n{proc.stdout[-3000:]}\n{proc.stderr[-5000:]}")


def _wait_healthy(url: str, proc: subprocess.Popen[Any], log: Path, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"The Bilim server exited with code {proc.returncode}:\n{log.read_text(errors='replace')[-5000:]}")
        try:
            with urllib.request.urlopen(url, timeout=2) as resp:  # noqa: S310 (local URL)
                if resp.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.2)
    pytest.fail(f"The Bilim server did not answer {url} within {timeout:.0f}s:\n{log.read_text(errors='replace')[-5000:]}")


@pytest.fixture(scope="session")
def bilim_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Migrate and seed a temporary database, start ``bilim runserver`` on a free port, yield its base URL."""
    home = tmp_path_factory.mktemp("bilim_home")
    env = _server_env(home)
    _run(_bilim_cmd("migrate", "--noinput"), env, home, "migrate")
    _run(_bilim_cmd("seed", "--students", str(SEED_STUDENTS)), env, home, "seed")
    port = _free_port()
    base_url = f"http://127.0.0.1:{port}"
    log = home / "server.log"
    with log.open("w") as out:
        proc = subprocess.Popen(
            _bilim_cmd("runserver", "--noreload", "--insecure", f"127.0.0.1:{port}"),
            env=env,
            cwd=home,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        try:
            _wait_healthy(f"{base_url}/health/", proc, log)
            yield base_url
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=5)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's Chromium, headless. Fails (does not skip) when it is not installed."""
    if not Path(CHROMIUM).exists() or not os.access(CHROMIUM, os.X_OK):
        pytest.fail(
            f"Chromium not found at {CHROMIUM}. Browser tests need Debian's Chromium: "
            "run `apt-get install -y chromium` (Playwright must not download its own browser).",
            pytrace=False,
        )
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover - environment problem, reported clearly
        pytest.fail("Playwright is not installed: pip install -e '.[test]'", pytrace=False)
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.hookimpl(tryfirst=True, hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[Any]) -> Iterator[None]:
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)


def _artifact_name(nodeid: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", nodeid).strip("_")[:180]


@pytest.fixture
def page(browser: Any, bilim_server: str, request: pytest.FixtureRequest) -> Iterator[Any]:
    """A fresh context and page per test; on failure a full-page screenshot goes to test-artifacts/."""
    context = browser.new_context(base_url=bilim_server, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    pg = context.new_page()
    try:
        yield pg
    finally:
        rep = getattr(request.node, "rep_call", None)
        if rep is not None and rep.failed:
            ARTIFACTS.mkdir(exist_ok=True)
            target = ARTIFACTS / f"{_artifact_name(request.node.nodeid)}.png"
            try:
                pg.screenshot(path=str(target), full_page=True)
                (ARTIFACTS / f"{target.stem}.html").write_text(pg.content())
            except Exception as exc:  # noqa: BLE001 - never hide the real failure
                sys.stderr.write(f"could not save screenshot {target}: {exc}\n")
        context.close()


def login(page: Any, base_url: str, username: str, password: str = DEMO_PASSWORD) -> None:
    """Log in through the real form and wait for the dashboard."""
    page.goto(f"{base_url}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r".*/dashboard/.*"))


def logout(page: Any) -> None:
    page.get_by_test_id("logout").click()
    page.wait_for_url(re.compile(r".*/accounts/login/.*"))


def chromium_available() -> bool:
    return Path(CHROMIUM).exists() or shutil.which("chromium") is not None
