"""GET /healthz against real failures: a database that cannot be reached, a
broker, cache and search engine on a closed port. Nothing is mocked: each
dependency is pointed somewhere it really fails, and put back afterwards."""

import json
import time
from contextlib import contextmanager

import pytest
from django.db import connection

from portal.accounts.models import User

pytestmark = pytest.mark.django_db

CLOSED = "127.0.0.1:1"  # nothing listens on port 1: connections are refused at once
# Generous: the checks are bounded at about two seconds each. This only proves
# that a dead dependency does not hang the health check.
HANG_GUARD_SECONDS = 15

# The wrapper state that Django's connect() resets before it tries to connect.
CONNECTION_STATE = (
    "in_atomic_block",
    "savepoint_ids",
    "atomic_blocks",
    "needs_rollback",
    "health_check_enabled",
    "health_check_done",
    "close_at",
    "closed_in_transaction",
    "errors_occurred",
    "run_on_commit",
)


@contextmanager
def database_unreachable():
    """Make the next database connection fail for real, then restore the test's.

    The open connection (holding the test's transaction, and on SQLite the
    in-memory test database itself) is set aside; the settings point at a closed
    port (PostgreSQL) or at a file in a directory that does not exist (SQLite),
    so Django's next connect() fails the way it does when the server is down.
    Afterwards the original connection and state are put back untouched.
    """
    saved_connection = connection.connection
    saved_settings = dict(connection.settings_dict)
    saved_state = {name: getattr(connection, name) for name in CONNECTION_STATE}
    connection.connection = None
    if connection.vendor == "sqlite":
        connection.settings_dict["NAME"] = "/nonexistent-dir-for-healthz-test/db.sqlite3"
    else:
        host, port = CLOSED.split(":")
        connection.settings_dict.update(
            HOST=host, PORT=port, OPTIONS={**saved_settings.get("OPTIONS", {}), "connect_timeout": 2}
        )
    try:
        yield
    finally:
        if connection.connection is not None:  # should not happen: it cannot connect
            connection.connection.close()
        connection.settings_dict.clear()
        connection.settings_dict.update(saved_settings)
        connection.connection = saved_connection
        for name, value in saved_state.items():
            setattr(connection, name, value)


@contextmanager
def celery_broker(url):
    """Point the Celery app's broker at `url` and give it fresh connection pools,
    then put the original broker and pools back."""
    from portal.celery import app

    saved = app.conf.broker_url, app._pool, app.amqp._producer_pool
    app.conf.broker_url = url
    app._pool = None
    app.amqp._producer_pool = None
    try:
        yield app
    finally:
        if app._pool is not None:
            app._pool.force_close_all()
        app.conf.broker_url, app._pool, app.amqp._producer_pool = saved


def get_health(client):
    started = time.monotonic()
    response = client.get("/healthz")
    elapsed = time.monotonic() - started
    assert response["Content-Type"] == "application/json"
    body = response.content.decode()
    assert "Traceback" not in body
    assert "<html" not in body.lower()
    return response, json.loads(body), elapsed


def test_healthy_on_the_default_configuration(client, settings):
    settings.ELASTICSEARCH_URL = ""

    response, report, _ = get_health(client)

    assert response.status_code == 200, report
    assert report["status"] == "ok"
    assert report["failing"] == []
    expected = {"database", "cache"} | ({"broker"} if settings.REDIS_URL else set())
    assert set(report["checks"]) == expected
    for name in expected:
        assert report["checks"][name]["ok"] is True
        assert isinstance(report["checks"][name]["ms"], float | int)
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_only_get(client):
    assert client.post("/healthz").status_code == 405


def test_an_unreachable_database_is_reported_not_raised(client, settings):
    settings.ELASTICSEARCH_URL = ""
    users_before = User.objects.count()

    with database_unreachable():
        response, report, elapsed = get_health(client)

    assert response.status_code == 503, report
    assert report["status"] == "degraded"
    assert report["failing"] == ["database"]
    error = report["checks"]["database"]["error"]
    assert error.startswith("OperationalError: ")
    if connection.vendor == "sqlite":
        assert "unable to open database file" in error
    else:
        assert "refused" in error.lower() or "failed" in error.lower()
    assert report["checks"]["cache"]["ok"] is True
    assert elapsed < HANG_GUARD_SECONDS

    # The test database is back, with the test's transaction, for what follows.
    assert User.objects.count() == users_before
    response, report, _ = get_health(client)
    assert response.status_code == 200, report


def test_the_database_is_healthy_again_after_the_outage_test(client):
    """Runs after the outage test (same file, declared later): its connection
    and data are intact."""
    from portal.accounts.tests.factories import UserFactory

    UserFactory()
    assert User.objects.count() == 1
    response, report, _ = get_health(client)
    assert response.status_code == 200, report


@pytest.mark.redis
def test_broker_reported_ok_with_redis(client, settings, redis_url):
    from portal.celery import app

    settings.ELASTICSEARCH_URL = ""
    assert settings.REDIS_URL == redis_url
    assert app.conf.broker_url == redis_url

    response, report, _ = get_health(client)

    assert response.status_code == 200, report
    assert report["checks"]["broker"] == {"ok": True, "ms": report["checks"]["broker"]["ms"]}
    assert report["checks"]["cache"]["ok"] is True


def test_an_unreachable_broker_is_reported(client, settings):
    """Needs no Redis: the broker is on a closed port either way."""
    settings.ELASTICSEARCH_URL = ""
    settings.REDIS_URL = f"redis://{CLOSED}/0"  # configures the broker check

    with celery_broker(f"redis://{CLOSED}/0"):
        response, report, elapsed = get_health(client)

    assert response.status_code == 503, report
    assert report["failing"] == ["broker"]
    assert report["checks"]["broker"]["ok"] is False
    assert report["checks"]["broker"]["error"]
    assert report["checks"]["database"]["ok"] is True
    assert elapsed < HANG_GUARD_SECONDS


def test_an_unreachable_cache_is_reported(client, settings):
    settings.ELASTICSEARCH_URL = ""
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": f"redis://{CLOSED}/0"}
    }

    response, report, elapsed = get_health(client)

    assert response.status_code == 503, report
    assert report["failing"] == ["cache"]
    assert "ConnectionError" in report["checks"]["cache"]["error"]
    assert report["checks"]["database"]["ok"] is True
    assert elapsed < HANG_GUARD_SECONDS


def test_an_unreachable_search_engine_is_reported(client, settings):
    settings.ELASTICSEARCH_URL = f"http://{CLOSED}"

    response, report, elapsed = get_health(client)

    assert response.status_code == 503, report
    assert report["failing"] == ["search"]
    error = report["checks"]["search"]["error"]
    # elasticsearch's ConnectionError says no more than "Connection error".
    assert error.startswith("ConnectionError")
    assert report["checks"]["database"]["ok"] is True
    assert elapsed < HANG_GUARD_SECONDS


def test_others_read_only_the_status(client, settings):
    """The error text names hosts and ports: only staff and this machine read it."""
    settings.ELASTICSEARCH_URL = f"http://{CLOSED}"
    settings.TRUSTED_PROXIES = []
    for address, forwarded in (("203.0.113.9", None), ("203.0.113.9", "127.0.0.1")):
        extra = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded else {}
        response = client.get("/healthz", REMOTE_ADDR=address, **extra)
        assert response.status_code == 503
        assert response.json() == {"status": "degraded"}
        assert "127.0.0.1:1" not in response.content.decode()

    settings.ELASTICSEARCH_URL = ""
    assert client.get("/healthz", REMOTE_ADDR="203.0.113.9").json() == {"status": "ok"}
    assert client.get("/healthz", REMOTE_ADDR="::1").json()["checks"]["database"]["ok"] is True


def test_staff_read_the_detail_from_anywhere(client, settings):
    from portal.accounts.tests.factories import UserFactory

    settings.ELASTICSEARCH_URL = f"http://{CLOSED}"
    client.force_login(UserFactory())
    assert "checks" not in client.get("/healthz", REMOTE_ADDR="203.0.113.9").json()
    client.force_login(UserFactory(is_staff=True))
    report = client.get("/healthz", REMOTE_ADDR="203.0.113.9").json()
    assert report["failing"] == ["search"] and report["checks"]["search"]["error"].startswith("ConnectionError")


def test_live_answers_ok_without_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz/live")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    assert response.content == b"ok"

    # Still ok when the database cannot be reached: liveness is this process, not its dependencies.
    with database_unreachable():
        response = client.get("/healthz/live")
    assert response.status_code == 200
    assert response.content == b"ok"


def test_live_only_get(client):
    assert client.post("/healthz/live").status_code == 405
