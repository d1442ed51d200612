"""An unexpected failure in the API answers `{detail, code: "server_error"}`, never a
traceback: not in production, and not in the default dev settings (DEBUG on)."""

import importlib

import pytest
from django.test import Client

from portal.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def broken(*args, **kwargs):
    raise RuntimeError("secret internals: /srv/portal/db.sqlite3")


@pytest.fixture
def tokens_broken(monkeypatch):
    """GET /api/v1/auth/tokens fails inside its view. (portal.api first: it loads the
    routers, and the accounts router imports it back.)"""
    importlib.import_module("portal.api")
    monkeypatch.setattr(importlib.import_module("portal.accounts.api"), "live_tokens", broken)


@pytest.mark.parametrize("debug", [False, True])
def test_a_failure_is_json_without_a_traceback(settings, tokens_broken, debug):
    settings.DEBUG = debug
    client = Client(raise_request_exception=False)
    client.force_login(UserFactory())
    response = client.get("/api/v1/auth/tokens")
    assert response.status_code == 500
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert body["code"] == "server_error" and body["detail"]
    text = response.content.decode()
    assert "Traceback" not in text and "secret internals" not in text and "RuntimeError" not in text


def test_the_failure_still_reaches_the_log_and_the_test_client(tokens_broken, caplog):
    client = Client()
    client.force_login(UserFactory())
    with pytest.raises(RuntimeError):
        client.get("/api/v1/auth/tokens")
    assert any(record.name == "portal.api" and record.exc_info for record in caplog.records)
