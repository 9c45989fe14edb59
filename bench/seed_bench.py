"""Time `bilim seed --students N` into a fresh SQLite database (or DATABASE_URL) and print figures.

    .venv/bin/python bench/seed_bench.py 50000
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time


def main() -> None:
    students = int(sys.argv[1]) if len(sys.argv) > 1 else 400
    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "BILIM_HOME": home, "BILIM_DEV": "1"}
        bilim = [sys.executable, "-m", "bilim.cli"]
        t0 = time.perf_counter()
        subprocess.run([*bilim, "migrate", "-v0"], check=True, env=env)
        t1 = time.perf_counter()
        subprocess.run([*bilim, "seed", "--students", str(students)], check=True, env=env, stdout=subprocess.DEVNULL)
        t2 = time.perf_counter()
    print(f"migrate: {t1 - t0:.1f} s")
    print(f"seed --students {students}: {t2 - t1:.1f} s ({students / (t2 - t1):.0f} students/s)")


if __name__ == "__main__":
    main()
