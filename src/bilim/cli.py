"""The ``bilim`` command: Django's management commands plus Bilim's own.

    bilim serve [ADDR:PORT]    migrate, then serve (development server; use gunicorn in production)
    bilim seed [--students N]  load the deterministic demo data
    bilim migrate | check [--deploy] | createsuperuser | shell | …   (any Django command)
    bilim rules coverage [--json]
    bilim rules explain <ID> --facts facts.json [--on DATE] [--lang ky|ru|en|tr]
    bilim rules simulate --param ID --value V --since DATE [--body CODE] [--lang ky]   (amendment impact)
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:2] == ["rules", "simulate"]:  # needs the database: a Django command (bilim.apps.amendments)
        argv = ["rules_simulate", *argv[2:]]
    if argv[:1] == ["rules"]:
        from bilim.rules_cli import main as rules_main

        sys.exit(rules_main(argv[1:]))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bilim.config.settings")
    if argv[:1] == ["serve"]:
        argv = ["serve", *argv[1:]]
    from django.core.management import execute_from_command_line

    execute_from_command_line(["bilim", *argv])


if __name__ == "__main__":
    main()
