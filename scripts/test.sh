#!/usr/bin/env sh
# Second README command: install what the tests need (incl. Debian's chromium) and run the whole suite.
# Extra arguments go to one pytest run over the given selection (e.g. scripts/test.sh -k mobility).
# Without arguments the suite runs in three timed steps: unit (tests/regulations, no database; one
# process: 1,200 tests of a few milliseconds lose more to xdist's traffic than they gain), database
# (every other non-browser test) and browser (Chromium journeys), the last two on BILIM_TEST_WORKERS xdist
# workers (default 2, one per core). `--dist loadscope` keeps a module's tests on one worker, so a
# module's seeded data set (and the browser tests' server) is built once, not once per worker.
set -eu
cd "$(dirname "$0")/.."
PY="${PYTHON:-python3}"
now() { date +%s; }
T0=$(now)
# -qq: errors only (a machine-wide pip.conf may add a warning per package looked up)
PIP="-qq --disable-pip-version-check --no-input"
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/python -m pip install $PIP --upgrade pip
.venv/bin/python -m pip install $PIP -c constraints.txt -e ".[test]"
if [ ! -x /usr/bin/chromium ]; then
  echo "Installing Debian's chromium for the browser tests…"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq && $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
if ! command -v pdftoppm >/dev/null 2>&1; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils >/dev/null 2>&1 || true
fi
export BILIM_DEV=1 BILIM_TESTING=1
WORKERS="${BILIM_TEST_WORKERS:-2}"
PYTEST=".venv/bin/pytest -p no:cacheprovider -n $WORKERS --dist loadscope"
if [ "$#" -gt 0 ]; then
  exec $PYTEST "$@"
fi
PYTEST="$PYTEST --durations=20"  # the slowest tests of each step, to keep the time to green in view
UNIT=".venv/bin/pytest -p no:cacheprovider -n 0 --durations=10"
T1=$(now)
echo "== install: $((T1 - T0)) s"
rc=0
# the rule IDs each marked test evaluates (tests/rule_plugin.py; a marker whose rule is not evaluated fails its test)
export BILIM_RULE_TRACE="$PWD/var/rule-trace"
rm -rf "$BILIM_RULE_TRACE"
echo "== unit tests (tests/regulations, no database)"
$UNIT tests/regulations || rc=$?
T2=$(now)
echo "== database tests"
# the steps marked tests drive through the transition service (tests/workflow_plugin.py) are traced here
export BILIM_WORKFLOW_TRACE="$PWD/var/workflow-trace"
rm -rf "$BILIM_WORKFLOW_TRACE"
[ "$rc" -ne 0 ] || $PYTEST -m "not browser" tests --ignore=tests/regulations || rc=$?
T3=$(now)
echo "== browser tests (Debian's Chromium)"
[ "$rc" -ne 0 ] || $PYTEST -m browser tests || rc=$?
T4=$(now)
echo "== workflow tables: wired to the app and driven by marked tests (bilim workflows coverage)"
if [ "$rc" -eq 0 ]; then
  # --strict: every table of both regulations wired and tested, or the run fails
  .venv/bin/bilim workflows coverage --trace "$BILIM_WORKFLOW_TRACE" ${BILIM_WORKFLOWS_STRICT:+--strict} || rc=$?
fi
echo "== rules: every machine-checkable rule implemented once, tested and evaluated by its tests (bilim rules coverage)"
if [ "$rc" -eq 0 ]; then
  # exits 1 on a missing, untested, duplicated or never-evaluated rule, or an unknown ID
  .venv/bin/bilim rules coverage --trace "$BILIM_RULE_TRACE" > var/rules-coverage.txt || { rc=$?; grep -E "^(UNKNOWN|DUPLICATE|NOT EVALUATED)|\t(missing|untested|unsupported)\t" var/rules-coverage.txt; }
  tail -n 1 var/rules-coverage.txt
fi
echo "== lint: ruff and mypy with the Django plugin (configured in pyproject.toml)"
.venv/bin/ruff check . || rc=$?
.venv/bin/mypy || rc=$?
T5=$(now)
echo "== time to green: install $((T1 - T0)) s, unit $((T2 - T1)) s, database $((T3 - T2)) s, browser $((T4 - T3)) s, lint $((T5 - T4)) s, total $((T5 - T0)) s (rc=$rc)"
exit "$rc"
