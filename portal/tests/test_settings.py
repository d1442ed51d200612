"""The production settings: strict about secrets, clean under `check --deploy`."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_manage(*args, **env):
    environment = {key: value for key, value in os.environ.items()
                   if key not in {"DJANGO_SETTINGS_MODULE", "SECRET_KEY", "DATABASE_URL"}}
    environment.update(DJANGO_SETTINGS_MODULE="portal.settings.production", **env)
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=environment,
                          capture_output=True, text=True, timeout=120)


def test_check_deploy_passes_without_warnings(tmp_path):
    result = run_manage("check", "--deploy", "--fail-level", "WARNING",
                        SECRET_KEY=secrets.token_urlsafe(60), ALLOWED_HOSTS="jinguo.example",
                        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    result = run_manage("check", SECRET_KEY="short", DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr
