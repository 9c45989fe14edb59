"""``core`` is the ground: every app imports it, it imports no domain app (no database needed).

Allowed below ``bilim.apps``: core itself, the foundation (accounts: users and roles; audit: the audit trail) and the
API's infrastructure (api.auth, api.paging). Anything else — mobility, postgrad, governance, records, people,
curriculum, org, the desk above… — is a domain or a floor above, and fails this test, wherever the import sits
(top of the module or inside a function)."""

from __future__ import annotations

import ast
from pathlib import Path

import bilim.apps.core

CORE = Path(bilim.apps.core.__file__).parent
ALLOWED = {"core", "accounts", "audit", "api"}


def _imports(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            out.append((node.lineno, node.module))
        elif isinstance(node, ast.Import):
            out += [(node.lineno, a.name) for a in node.names]
    return out


def _foreign(path: Path) -> list[str]:
    bad = []
    for line, module in _imports(path):
        parts = module.split(".")
        if parts[:2] == ["bilim", "apps"] and (len(parts) < 3 or parts[2] not in ALLOWED):
            bad.append(f"{path.relative_to(CORE)}:{line} imports {module}")
    return bad


def test_core_imports_no_domain_app() -> None:
    files = sorted(CORE.rglob("*.py"))
    assert len(files) > 10  # the walk found core's modules
    bad = [b for f in files for b in _foreign(f)]
    assert bad == [], "core must not import a domain app:\n" + "\n".join(bad)


def test_the_check_catches_a_domain_import(tmp_path: Path) -> None:
    """The checker itself: a function-level import of a domain app is found, the foundation is not."""
    global CORE
    saved = CORE
    try:
        CORE = tmp_path
        sample = tmp_path / "sample.py"
        sample.write_text("from bilim.apps.accounts.models import User\n\ndef f():\n    from bilim.apps.mobility import models\n"
                          "    import bilim.apps.people.models\n", encoding="utf-8")
        assert _foreign(sample) == ["sample.py:4 imports bilim.apps.mobility", "sample.py:5 imports bilim.apps.people.models"]
    finally:
        CORE = saved
