#!/usr/bin/env bash
# Load with invariants (issue 18): start the stack (scripts/stack.sh: gunicorn, a
# Celery worker and beat on PostgreSQL and Redis), make the graduates, run the
# locust crowd headless for DURATION, then check the database for what the
# crowd could have broken (manage.py check_invariants). Exits non-zero on any
# 5xx or any broken invariant.
#
#   scripts/load.sh [DURATION] [USERS]     default 60s and 50 simulated people
#
# Environment, all optional:
#   DATABASE_URL   default postgres://postgres@127.0.0.1:5432/jinguo_load
#   REDIS_URL      default redis://127.0.0.1:6379/0
#   PORT           where the stack listens, default 8700
#   LOAD_FRESH=1   drop the database first, so the run starts from the demo content
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION="${1:-60s}"
USERS="${2:-50}"
BIN="${VENV:-.venv}/bin"
export DATABASE_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/jinguo_load}"
export REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379/0}"
export PORT="${PORT:-8700}"
export HOST=127.0.0.1
# Every simulated person comes from this one address, which the API's per-address
# throttle would otherwise count as one client (60 requests a minute).
export API_RATE_ANON="${API_RATE_ANON:-100000/min}" API_RATE_USER="${API_RATE_USER:-100000/min}"

log() { echo "load: $*" >&2; }
WORK="$(mktemp -d "${TMPDIR:-/tmp}/jinguo-load.XXXXXX")"

if [[ "${LOAD_FRESH:-0}" == 1 ]]; then
    "$BIN/python" scripts/drop_database.py
fi

. scripts/start_stack.sh
curl -sf "http://$HOST:$PORT/healthz" >/dev/null || { log "no answer on :$PORT"; tail -30 "$WORK/stack.log" >&2; exit 1; }
# Each gunicorn worker's first page builds its templates and caches: a serving
# site is warm, so one visit to each kind of page comes before the measurement.
for path in / /jobs/ /courses/ /consultants/ /search/?q=x /api/v1/jobs /accounts/login/; do
    for _ in 1 2 3; do curl -s -o /dev/null "http://$HOST:$PORT$path" || true; done
done

# One graduate for each simulated person that logs in (half of the crowd).
"$BIN/python" manage.py load_users "$(( (USERS + 1) / 2 ))" --out "$WORK/users.json"

status=0
LOAD_USERS="$WORK/users.json" "$BIN/locust" -f loadtest/locustfile.py --headless --only-summary \
    --users "$USERS" --spawn-rate 10 --run-time "$DURATION" --host "http://$HOST:$PORT" \
    --loglevel WARNING || status=$?
log "locust exited $status"

# The worker sends what the crowd queued; then nothing may be left unexplained.
"$BIN/python" manage.py check_invariants --wait 90 || status=1
if grep -q '" 5[0-9][0-9] ' "$WORK/stack.log"; then
    log "gunicorn logged 5xx answers:"; grep '" 5[0-9][0-9] ' "$WORK/stack.log" | head -20 >&2
    status=1
fi
if grep -q "Traceback" "$WORK/stack.log"; then
    log "the stack logged tracebacks:"; grep -A30 -m3 "Traceback" "$WORK/stack.log" | head -80 >&2
fi
exit "$status"
