#!/usr/bin/env sh
# First README command: isolated environment, install, SQLite database, migrations, demo data, serve.
set -eu
cd "$(dirname "$0")/.."
PY="${PYTHON:-python3}"
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -c constraints.txt -e .
export BILIM_DEV="${BILIM_DEV:-1}" DEBUG="${DEBUG:-1}"
.venv/bin/bilim migrate --no-input -v0
.venv/bin/bilim seed --if-empty
echo "Bilim is serving on http://127.0.0.1:8000  (Ctrl+C to stop)"
exec .venv/bin/bilim serve 127.0.0.1:8000 --noreload
