#!/usr/bin/env bash
# The docker-compose topology without containers: gunicorn, a Celery worker and
# Celery beat, against a local PostgreSQL and Redis (`make stack`).
#
# Environment, all optional:
#   DATABASE_URL            default postgres://postgres@127.0.0.1:5432/jinguo
#   REDIS_URL               default redis://127.0.0.1:6379/0
#   DJANGO_SETTINGS_MODULE  default portal.settings.dev, which needs no secret;
#                           portal.settings.production also needs SECRET_KEY,
#                           SENSITIVE_DATA_KEYS
#                           (50+ characters) and `manage.py collectstatic`
#   HOST, PORT              where gunicorn listens, default 127.0.0.1:8000
#   SITE_URL                the public address links in messages use, default http://HOST:PORT
#   VENV                    the virtualenv to run from, default .venv
#   STACK_SKIP_SETUP=1      do not create the database, migrate or seed demo content
#   STACK_WORKER_QUEUES     comma list of queues for the worker (celery -Q);
#                           default: Celery's default queue
#   STACK_STOP_TIMEOUT      seconds between SIGTERM and SIGKILL on shutdown, default 20
#
# SIGTERM or SIGINT stops all three and exits 0. If one of them dies on its own
# the others are stopped and the script exits non-zero, so a supervisor notices.
# Celery node names carry this script's pid (stack-worker-PID@host,
# stack-beat-PID@host), so that `celery inspect ping -d` finds exactly this stack.
set -euo pipefail

cd "$(dirname "$0")/.."

VENV="${VENV:-.venv}"
BIN="$VENV/bin"
export DATABASE_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/jinguo}"
export REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379/0}"
export DJANGO_SETTINGS_MODULE="${DJANGO_SETTINGS_MODULE:-portal.settings.dev}"
HOST="${HOST:-127.0.0.1}"
PORT="${PORT:-8000}"
# Links in messages point at the address served here, unless told otherwise.
export SITE_URL="${SITE_URL:-http://$HOST:$PORT}"
STOP_TIMEOUT="${STACK_STOP_TIMEOUT:-20}"

log() { echo "stack: $*" >&2; }

if [[ ! -x "$BIN/python" ]]; then
    log "no virtualenv at $VENV: run \`make venv\` first"
    exit 2
fi

if [[ "${STACK_SKIP_SETUP:-0}" != 1 ]]; then
    # createdb/psql may be missing on a fresh machine; psycopg is in the venv.
    # dj-database-url parses the address exactly as the settings will.
    "$BIN/python" - <<'PY'
import os

import dj_database_url
import psycopg
from psycopg import sql

db = dj_database_url.parse(os.environ["DATABASE_URL"])
if "postgresql" in db["ENGINE"]:
    params = {"host": db.get("HOST"), "port": db.get("PORT"), "user": db.get("USER"),
              "password": db.get("PASSWORD"), **db.get("OPTIONS", {})}
    params = {key: value for key, value in params.items() if value not in (None, "")}
    # The maintenance database exists everywhere; the target may not yet.
    with psycopg.connect(dbname="postgres", autocommit=True, connect_timeout=10, **params) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [db["NAME"]]).fetchone():
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(db["NAME"])))
            print(f"stack: created database {db['NAME']}")
PY
    "$BIN/python" manage.py migrate --noinput
    "$BIN/python" manage.py seed_demo --if-empty
fi

# Beat's schedule file is run state, not project state: keep it out of the repo.
RUN_DIR="$(mktemp -d "${TMPDIR:-/tmp}/jinguo-stack.XXXXXX")"
trap 'rm -rf "$RUN_DIR"' EXIT

pids=()
names=()

# Stop every child still running: TERM, wait up to STOP_TIMEOUT, then KILL.
stop_all() {
    local i deadline alive
    for i in "${!pids[@]}"; do
        kill -TERM "${pids[$i]}" 2>/dev/null || true
    done
    deadline=$((SECONDS + STOP_TIMEOUT))
    while :; do
        alive=0
        for i in "${!pids[@]}"; do
            # bash reaps its children as they exit, so kill -0 fails once one is gone.
            if kill -0 "${pids[$i]}" 2>/dev/null; then alive=1; fi
        done
        ((alive)) || break
        if ((SECONDS >= deadline)); then
            for i in "${!pids[@]}"; do
                if kill -0 "${pids[$i]}" 2>/dev/null; then
                    log "${names[$i]} (pid ${pids[$i]}) ignored SIGTERM for ${STOP_TIMEOUT}s: killing it"
                    kill -KILL "${pids[$i]}" 2>/dev/null || true
                fi
            done
            break
        fi
        sleep 0.2
    done
    wait 2>/dev/null || true
}

on_signal() {
    # Ignore a second Ctrl-C or TERM while shutting down: the stop is bounded anyway.
    trap '' TERM INT
    log "stopping..."
    stop_all
    log "stopped"
    exit 0
}
# Set before the first child starts, so that no signal finds a half-started
# stack without a handler. The handler itself does the stopping: a signal that
# arrives while the loop below sits in `wait` interrupts it and runs this.
trap on_signal TERM INT

start() {
    local name="$1"
    shift
    "$@" &
    pids+=("$!")
    names+=("$name")
    started_at+=("$SECONDS")
    log "started $name (pid $!)"
}

run_gunicorn() {
    exec "$BIN/gunicorn" portal.wsgi:application \
        --bind "$HOST:$PORT" --workers 2 --access-logfile - --graceful-timeout 10
}

worker_args=(--concurrency 2 --loglevel INFO --hostname "stack-worker-$$@%h")
if [[ -n "${STACK_WORKER_QUEUES:-}" ]]; then
    worker_args+=(--queues "$STACK_WORKER_QUEUES")
fi
run_worker() {
    exec "$BIN/celery" -A portal worker "${worker_args[@]}"
}

# --enable-remote-control: beat answers `celery inspect ping` while its
# scheduler ticks, which is how one checks that it is alive.
run_beat() {
    exec "$BIN/celery" -A portal beat --loglevel INFO \
        --schedule "$RUN_DIR/celerybeat-schedule" \
        --enable-remote-control --hostname "stack-beat-$$@%h"
}

started_at=()
start gunicorn run_gunicorn
start worker run_worker
start beat run_beat

log "serving http://$HOST:$PORT/ (health: http://$HOST:$PORT/healthz) with $DJANGO_SETTINGS_MODULE"
log "stop with Ctrl-C or: kill $$"

# Supervise: a dead Celery worker or beat is restarted after a back-off that
# doubles while it keeps dying young (1 s up to RESTART_MAX_DELAY) and resets
# once it has lived a minute; gunicorn keeps serving meanwhile, since requests
# need neither (the outbox and the beat flush carry the work). Only gunicorn
# dying stops the stack. A requested stop exits in on_signal.
RESTART_MAX_DELAY="${STACK_RESTART_MAX_DELAY:-30}"
declare -A delay=([worker]=1 [beat]=1)
set +e
while true; do
    died=""
    wait -n -p died "${pids[@]}"
    status=$?
    [[ -n "$died" ]] || continue
    for i in "${!pids[@]}"; do
        [[ "${pids[$i]}" == "$died" ]] || continue
        name="${names[$i]}"
        if [[ "$name" == gunicorn ]]; then
            trap '' TERM INT
            log "gunicorn (pid $died) exited with status $status: stopping the others"
            stop_all
            exit $((status == 0 ? 1 : status))
        fi
        if ((SECONDS - started_at[i] >= 60)); then
            delay[$name]=1
        fi
        log "$name (pid $died) exited with status $status: restarting it in ${delay[$name]}s"
        # Sleep in the background and wait for it, so a stop signal still runs on_signal at once.
        sleep "${delay[$name]}" &
        wait $!
        unset 'pids[i]' 'names[i]' 'started_at[i]'
        pids=("${pids[@]}") names=("${names[@]}") started_at=("${started_at[@]}")
        start "$name" "run_$name"
        next=$((delay[$name] * 2))
        delay[$name]=$((next > RESTART_MAX_DELAY ? RESTART_MAX_DELAY : next))
        break
    done
done
