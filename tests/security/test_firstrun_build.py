"""Issue 14: a build that keeps working after setuptools drops the `project.license` table
(2027-02-18), a CI step that fails on the next build deprecation, and a test run in which a
deprecation warning is an error."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[2]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())


def test_the_license_is_an_spdx_expression_with_its_text_shipped() -> None:
    project = PYPROJECT["project"]
    assert project["license"] == "AGPL-3.0-or-later"  # a string: the TOML table form is deprecated
    assert project["license-files"] == ["LICENSE"]
    text = (ROOT / "LICENSE").read_text()
    assert text.lstrip().startswith("GNU AFFERO GENERAL PUBLIC LICENSE") and "Version 3, 19 November 2007" in text
    assert "END OF TERMS AND CONDITIONS" in text and len(text) > 30000  # the whole licence, not a stub


def test_the_build_backend_is_pinned_to_a_range_that_reads_spdx_strings() -> None:
    requires = [Requirement(r) for r in PYPROJECT["build-system"]["requires"]]
    setuptools = next(r for r in requires if r.name == "setuptools")
    assert not setuptools.specifier.contains(Version("76.1.0"))  # no SPDX `license` before 77
    assert setuptools.specifier.contains(Version("77.0.3"))
    assert any(s.operator == "<" for s in setuptools.specifier)  # a new major is adopted after a green CI build
    assert PYPROJECT["build-system"]["build-backend"] == "setuptools.build_meta"


def test_ci_builds_the_distribution_with_warnings_as_errors_before_the_tests() -> None:
    ci = (ROOT / ".ci" / "run").read_text()
    build = re.search(r"^PYTHONWARNINGS=error \.venv/bin/python -m build .*$", ci, re.M)
    assert build is not None
    assert build.start() < ci.index("sh scripts/test.sh")
    assert "build==" in " ".join(PYPROJECT["project"]["optional-dependencies"]["test"])
    assert re.search(r"^build==", (ROOT / "constraints.txt").read_text(), re.M)


def test_the_test_run_treats_deprecation_warnings_as_errors() -> None:
    filters = PYPROJECT["tool"]["pytest"]["ini_options"]["filterwarnings"]
    assert filters[:3] == ["error::DeprecationWarning", "error::PendingDeprecationWarning", "error::FutureWarning"]
    assert all(f.startswith("ignore:") for f in filters[3:])  # only narrow, commented exceptions follow


def test_an_institutions_website_typed_without_a_scheme_means_https(rf: object) -> None:
    """Django 5.2 warns (RemovedInDjango60Warning) when a URL form field assumes "http"; Django 6
    assumes "https". The admin's institution form states the scheme, so it neither warns nor changes."""
    import warnings

    from django.contrib import admin
    from django.contrib.auth.models import AnonymousUser

    from bilim.apps.org.models import Institution

    request = rf.get("/admin/org/institution/add/")  # type: ignore[attr-defined]
    request.user = AnonymousUser()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        form = admin.site._registry[Institution].get_form(request)
        assert form.base_fields["website"].clean("www.oshsu.kg") == "https://www.oshsu.kg"
        assert form.base_fields["website"].clean("http://www.oshsu.kg") == "http://www.oshsu.kg"
