"""Content-Security-Policy and Permissions-Policy on every response; templates CSP-clean (issue 7).

Before the fix no response carried either header, and the language switch (``onchange=``), the
presentation's print button (``onclick=``) and a few ``style``s were inline, which a policy of
``script-src 'self'; style-src 'self'`` would break.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.test import Client

import bilim

pytestmark = pytest.mark.django_db

SRC = Path(bilim.__file__).resolve().parent
TEMPLATES = sorted(p for p in SRC.rglob("*.html") if "templates" in p.parts)

SCRIPT_TAG = re.compile(r"<script\b([^>]*)>", re.IGNORECASE | re.DOTALL)
EVENT_HANDLER = re.compile(r"""<[a-zA-Z][^>]*?\son[a-z]+\s*=""", re.DOTALL)
STYLE = re.compile(r"""<style\b|\sstyle\s*=""", re.IGNORECASE)
JS_URL = re.compile(r"""(href|src|action)\s*=\s*["']?\s*javascript:""", re.IGNORECASE)
HX_ON = re.compile(r"\shx-on[:-]", re.IGNORECASE)


def _directives(header: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            out[words[0]] = words[1:]
    return out


@pytest.mark.parametrize("url", ["/", "/accounts/login/", "/accounts/password-reset/", "/api/v1/openapi.json", "/no-such-page/"])
def test_every_response_has_a_strict_csp_and_permissions_policy(url: str) -> None:
    response = Client().get(url)
    csp = _directives(response["Content-Security-Policy"])
    assert csp["default-src"] == ["'self'"]
    assert csp["script-src"] == ["'self'"] and csp["style-src"] == ["'self'"]
    assert csp["object-src"] == ["'none'"] and csp["frame-ancestors"] == ["'none'"]
    assert "'unsafe-inline'" not in response["Content-Security-Policy"] and "'unsafe-eval'" not in response["Content-Security-Policy"]
    policy = response["Permissions-Policy"]
    for feature in ["camera=()", "microphone=()", "geolocation=()", "payment=()"]:
        assert feature in policy


def test_there_are_templates_to_scan() -> None:
    names = {p.name for p in TEMPLATES}
    assert {"base.html", "login.html", "tokens.html", "presentation.html"} <= names


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: str(p.relative_to(SRC)))
def test_no_template_has_inline_script_handler_or_style(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    for attrs in SCRIPT_TAG.findall(text):
        assert re.search(r"\ssrc\s*=", attrs) or "application/json" in attrs, f"inline <script> in {path}"
    assert not EVENT_HANDLER.search(text), f"inline event handler in {path}"
    assert not STYLE.search(text), f"inline style in {path}"
    assert not JS_URL.search(text), f"javascript: URL in {path}"
    assert not HX_ON.search(text), f"hx-on handler (needs eval) in {path}"


def test_the_language_switch_and_print_button_work_without_inline_code() -> None:
    page = Client().get("/").content.decode()
    assert "data-autosubmit" in page and "bilim/bilim.js" in page
    script = (SRC / "static" / "bilim" / "bilim.js").read_text(encoding="utf-8")
    assert "data-autosubmit" in script and "data-print" in script and "window.print()" in script
