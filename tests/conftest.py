"""Test-wide settings: development mode, no login throttling unless a test enables it."""

from __future__ import annotations

import os

os.environ.setdefault("BILIM_DEV", "1")
os.environ.setdefault("BILIM_TESTING", "1")
os.environ.setdefault("AXES_ENABLED", "0")

pytest_plugins = ["tests.workflow_plugin", "tests.rule_plugin"]
