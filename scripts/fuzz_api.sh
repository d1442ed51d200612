#!/usr/bin/env bash
# Fuzzes the live API against its own OpenAPI document with schemathesis, once on
# SQLite and once on PostgreSQL (issue 15): gunicorn under the production
# settings on a fresh, seeded database, a graduate's token for the endpoints
# that need one. Fails on any 5xx, any answer whose status the document does
# not list, or whose body does not match the listed schema.
#
# Environment, all optional:
#   FUZZ_DATABASES     which runs, default "sqlite postgres"
#   FUZZ_MAX_TIME      seconds of fuzzing per database, default 30
#   FUZZ_PORT          where gunicorn listens, default 8765
#   FUZZ_POSTGRES      the PostgreSQL server, default postgres://postgres@127.0.0.1:5432
#   VENV               the virtualenv, default .venv
# Reports (schemathesis' JUnit XML and the server's log) go to test-artifacts/fuzz/.
set -euo pipefail
cd "$(dirname "$0")/.."

BIN="${VENV:-.venv}/bin"
PORT="${FUZZ_PORT:-8765}"
MAX_TIME="${FUZZ_MAX_TIME:-30}"
POSTGRES="${FUZZ_POSTGRES:-postgres://postgres@127.0.0.1:5432}"
PG_DB="jinguo_fuzz"
REPORTS="test-artifacts/fuzz"
WORK="$(mktemp -d)"
SERVER_PID=""
mkdir -p "$REPORTS"

stop_server() {
  if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID"
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  SERVER_PID=""
}
trap 'stop_server; rm -rf "$WORK"' EXIT

# Production settings with throwaway secrets; no Redis, Elasticsearch or SMTP, so
# tasks run in-process and email goes to the log. The throttles are raised so
# that the generated requests reach the endpoints (a 429 is still documented).
export DJANGO_SETTINGS_MODULE=portal.settings.production
SECRET_KEY="$("$BIN/python" -c 'import secrets; print(secrets.token_urlsafe(64))')"
SENSITIVE_DATA_KEYS="$("$BIN/python" -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())')"
export SECRET_KEY SENSITIVE_DATA_KEYS
export SECURE_SSL_REDIRECT=0 ALLOWED_HOSTS=127.0.0.1 SITE_URL="http://127.0.0.1:$PORT"
export API_RATE_ANON=100000/min API_RATE_USER=100000/min
export MEDIA_ROOT="$WORK/media" PRIVATE_MEDIA_ROOT="$WORK/private"
export LOG_LEVEL=WARNING
unset REDIS_URL ELASTICSEARCH_URL EMAIL_HOST

fuzz() {
  local label="$1"
  local started=$SECONDS
  echo "== fuzz_api: $label ($DATABASE_URL)"
  "$BIN/python" manage.py migrate --noinput -v 0
  "$BIN/python" manage.py seed_demo -v 0 >/dev/null
  # A graduate with a confirmed address and a personal token. The token's id is
  # moved out of the small numbers the fuzzer tries, and DELETE /auth/tokens/{id}
  # is left out of the run (portal/accounts/tests cover it): the fuzzer reads the
  # id from GET /auth/tokens and would revoke its own token early in the run.
  local token
  token="$("$BIN/python" manage.py shell -v 0 -c '
from allauth.account.models import EmailAddress
from wagtail.models import APIToken
from portal.accounts.models import User
from portal.accounts.tokens import issue_token
user = User.objects.create_user(email="fuzz@example.com", password="Fuzz-Horse-42", display_name="测试用户")
EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=True)
token = issue_token(user, "fuzz")
APIToken.objects.filter(user=user).update(id=2_000_000_015)
print(token)
' | tail -n 1)"

  "$BIN/gunicorn" portal.wsgi:application --bind "127.0.0.1:$PORT" --workers 2 --timeout 30 \
    >"$REPORTS/server-$label.log" 2>&1 &
  SERVER_PID=$!
  local status=0
  # One worker: with two threads, hypothesis' ast.parse of its own filters hit CPython 3.11's
  # "AST constructor recursion depth mismatch" (python/cpython#106905) and failed a CI run.
  "$BIN/schemathesis" run "http://127.0.0.1:$PORT/api/v1/openapi.json" \
    --wait-for-schema 30 \
    --header "Authorization: Bearer $token" \
    --checks not_a_server_error,status_code_conformance,response_schema_conformance \
    --max-time "$MAX_TIME" --max-examples 30 --workers 1 --seed 15 \
    --phases examples,coverage,fuzzing,stateful \
    --exclude-operation-id portal_accounts_api_delete_token \
    --request-timeout 20 \
    --suppress-health-check all \
    --report junit,har --report-junit-path "$REPORTS/junit-$label.xml" \
    --report-har-path "$REPORTS/requests-$label.har" || status=$?
  stop_server
  echo "== fuzz_api: $label took $((SECONDS - started)) s"
  if [[ $status -ne 0 ]]; then
    echo "fuzz_api: $label failed; the server's log is $REPORTS/server-$label.log" >&2
    exit "$status"
  fi
}

for database in ${FUZZ_DATABASES:-sqlite postgres}; do
  case "$database" in
    sqlite)
      export DATABASE_URL="sqlite:///$WORK/fuzz.sqlite3"
      fuzz sqlite
      ;;
    postgres)
      psql "$POSTGRES/postgres" -q -c "DROP DATABASE IF EXISTS $PG_DB" -c "CREATE DATABASE $PG_DB"
      export DATABASE_URL="$POSTGRES/$PG_DB"
      fuzz postgres
      psql "$POSTGRES/postgres" -q -c "DROP DATABASE IF EXISTS $PG_DB"
      ;;
    *) echo "fuzz_api: unknown database $database" >&2; exit 2 ;;
  esac
done
