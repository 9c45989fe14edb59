#!/usr/bin/env sh
# First README command: isolated environment, install, SQLite database, migrations, demo data, serve.
# The console stays on one screen and ENDS with the demo accounts and the URL: the development
# server's own start-up lines go to var/server.log (its request log still comes to the terminal),
# and the accounts are printed once the server answers.
set -eu
cd "$(dirname "$0")/.."
PY="${PYTHON:-python3}"
ADDR="${BILIM_ADDR:-127.0.0.1:8000}"
URL="http://$ADDR"
# -qq: errors only (a machine-wide pip.conf may add a warning per package looked up)
PIP="-qq --disable-pip-version-check --no-input"
echo "Bilim: installing into .venv (the first run takes a minute or two)…"
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/python -m pip install $PIP --upgrade pip
.venv/bin/python -m pip install $PIP -c constraints.txt -e .
export BILIM_DEV="${BILIM_DEV:-1}" DEBUG="${DEBUG:-1}"
BILIM_HOME="${BILIM_HOME:-$PWD/var}"
export BILIM_HOME
mkdir -p "$BILIM_HOME"
.venv/bin/bilim migrate --no-input -v0
.venv/bin/bilim seed --if-empty -v0 --no-accounts

# port_open ADDR: something accepts connections at ADDR (a bare TCP connect: no request, no log line)
port_open() {
  .venv/bin/python -c 'import socket, sys
host, port = sys.argv[1].rsplit(":", 1)
try:
    socket.create_connection((host, int(port)), timeout=1).close()
except OSError:
    sys.exit(1)' "$1"
}
if port_open "$ADDR"; then
  echo "Bilim: $ADDR is already in use (is Bilim running already?); choose another with BILIM_ADDR=127.0.0.1:8001" >&2
  exit 1
fi
LOG="$BILIM_HOME/server.log"
.venv/bin/bilim serve "$ADDR" --noreload >"$LOG" &
SERVER=$!
# A background job of a script ignores Ctrl+C, so stop the server ourselves.
trap 'kill "$SERVER" 2>/dev/null || true' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
tries=0
until port_open "$ADDR"; do
  if ! kill -0 "$SERVER" 2>/dev/null || grep -q ") Z" "/proc/$SERVER/stat" 2>/dev/null || [ "$tries" -ge 120 ]; then
    echo "Bilim: the server did not start; see the error above and $LOG" >&2
    exit 1
  fi
  tries=$((tries + 1))
  sleep 0.5
done
.venv/bin/bilim seed --accounts --url "$URL"
wait "$SERVER"
