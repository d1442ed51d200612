#!/usr/bin/env bash
# Whole journeys in Chromium against the running stack (issue 18, `make journeys`):
# a fresh database, the stack started with the repo's own command
# (scripts/stack.sh: migrations, demo content, gunicorn, a Celery worker and beat),
# then scripts/journeys.py drives the browser. Screenshots: test-artifacts/journeys/.
#
# Environment, all optional:
#   DATABASE_URL   default postgres://postgres@127.0.0.1:5432/jinguo_journeys (dropped first)
#   REDIS_URL      default redis://127.0.0.1:6379/0
#   PORT           where the stack listens, default 8701
set -euo pipefail
cd "$(dirname "$0")/.."

BIN="${VENV:-.venv}/bin"
export DATABASE_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/jinguo_journeys}"
export REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379/0}"
export PORT="${PORT:-8701}"
export HOST=127.0.0.1

log() { echo "journeys: $*" >&2; }
WORK="$(mktemp -d "${TMPDIR:-/tmp}/jinguo-journeys.XXXXXX")"

"$BIN/python" scripts/drop_database.py
rm -rf test-artifacts/journeys

. scripts/start_stack.sh

status=0
"$BIN/python" scripts/journeys.py "http://$HOST:$PORT" || status=$?
if grep -q '" 5[0-9][0-9] ' "$WORK/stack.log"; then
    log "gunicorn logged 5xx answers:"; grep '" 5[0-9][0-9] ' "$WORK/stack.log" | head -20 >&2
    status=1
fi
if ((status)); then
    log "the stack's log ends:"; grep -v '"GET /static/' "$WORK/stack.log" | tail -40 >&2
fi
exit "$status"
