"""`/api/v1/docs` works without the Internet: Swagger UI comes from the app's own static files
(django-ninja ships them), the page names no other host, and the UI's online validator is off."""

from __future__ import annotations

import json
import re
from urllib.parse import urlsplit

import pytest
from django.contrib.staticfiles import finders
from django.test import Client

pytestmark = pytest.mark.django_db


def _refs(html: str) -> list[str]:
    return re.findall(r'(?:src|href)="([^"]+)"', html)


def test_docs_page_references_only_this_site() -> None:
    response = Client().get("/api/v1/docs")
    assert response.status_code == 200
    html = response.content.decode()
    refs = _refs(html)
    assert any(r.endswith("swagger-ui-bundle.js") for r in refs) and any(r.endswith("swagger-ui.css") for r in refs)
    for ref in refs:
        parts = urlsplit(ref)
        assert not parts.scheme and not parts.netloc, f"external reference on the docs page: {ref}"
        if ref.startswith("/static/"):
            assert finders.find(ref.removeprefix("/static/")), f"static file not shipped: {ref}"
    assert "cdn." not in html and "//" not in "".join(r for r in refs)
    settings = json.loads(re.search(r'<script type="application/json" id="swagger-settings">(.*?)</script>', html, re.S).group(1))
    assert settings["validatorUrl"] is None  # no request to validator.swagger.io for the badge
    assert urlsplit(settings["url"]).netloc == ""  # the schema from this site


def test_swagger_init_script_is_a_file_not_inline() -> None:
    """The CSP allows scripts only from this site: the page's only executable scripts are static files."""
    html = Client().get("/api/v1/docs").content.decode()
    inline = [m for m in re.findall(r"<script([^>]*)>(.*?)</script>", html, re.S) if "src=" not in m[0] and m[1].strip()]
    assert all('type="application/json"' in attrs for attrs, _body in inline)
