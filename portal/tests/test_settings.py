"""The production settings: strict about secrets, clean under `check --deploy`;
the embedded default's SQLite tuned for concurrent writers."""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

from cryptography.fernet import Fernet

ROOT = Path(__file__).resolve().parents[2]


def run_manage(*args, **env):
    environment = {key: value for key, value in os.environ.items()
                   if key not in {"DJANGO_SETTINGS_MODULE", "SECRET_KEY", "DATABASE_URL", "SENSITIVE_DATA_KEYS"}}
    environment.update(DJANGO_SETTINGS_MODULE="portal.settings.production", **env)
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=environment,
                          capture_output=True, text=True, timeout=120)


def test_check_deploy_passes_without_warnings(tmp_path):
    result = run_manage("check", "--deploy", "--fail-level", "WARNING",
                        SECRET_KEY=secrets.token_urlsafe(60), ALLOWED_HOSTS="jinguo.example",
                        SENSITIVE_DATA_KEYS=Fernet.generate_key().decode(),
                        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    result = run_manage("check", SECRET_KEY="short", DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


SQLITE_PRAGMAS = """
import json
from django.db import connection
with connection.cursor() as cursor:
    pragmas = {name: cursor.execute(f"PRAGMA {name}").fetchone()[0]
               for name in ("journal_mode", "synchronous", "busy_timeout")}
print(json.dumps({"transaction_mode": connection.transaction_mode, **pragmas}))
"""


def test_the_embedded_sqlite_queues_writers_in_wal_mode(tmp_path):
    """What `make run` opens: a file in WAL mode where atomic() takes the write
    lock at BEGIN and a writer waits its turn for 20 s instead of failing."""
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
                   "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"}
    result = subprocess.run([sys.executable, "manage.py", "shell", "-c", SQLITE_PRAGMAS], cwd=ROOT, env=environment,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    reported = json.loads(result.stdout.strip().splitlines()[-1])
    # synchronous 1 is NORMAL; busy_timeout is in milliseconds.
    assert reported == {"transaction_mode": "IMMEDIATE", "journal_mode": "wal", "synchronous": 1,
                        "busy_timeout": 20_000}


def test_sqlite_options_are_not_given_to_postgresql():
    code = "import json, portal.settings.base as s; print(json.dumps(s.DATABASES['default'].get('OPTIONS', {})))"
    environment = {**os.environ, "DATABASE_URL": "postgres://portal@db.invalid:5432/portal"}
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {}


def test_production_refuses_to_start_without_a_key_for_sensitive_data(tmp_path):
    result = run_manage("check", SECRET_KEY=secrets.token_urlsafe(60),
                        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}")
    assert result.returncode != 0
    assert "SENSITIVE_DATA_KEYS" in result.stderr
