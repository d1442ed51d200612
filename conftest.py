"""Suite-wide switches.

CI's second run sets PORTAL_REQUIRE_SERVICES=1 with PostgreSQL, Redis and the
browser available: there, a test that skips because one of them is missing is
a failure, not a pass. Only the live-Elasticsearch tests may skip, since no
Elasticsearch node can run on these machines.
"""

import os
from pathlib import Path

import pytest

REQUIRE_SERVICES = os.environ.get("PORTAL_REQUIRE_SERVICES") == "1"


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if REQUIRE_SERVICES and report.skipped and not item.get_closest_marker("elasticsearch_live"):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        report.outcome = "failed"
        report.longrepr = f"skipped where PORTAL_REQUIRE_SERVICES=1 demands it runs: {reason}"


def _sqlite_test_files():
    """The file-based SQLite test database (portal.settings.test) and the WAL
    and shared-memory files beside it, or nothing on another database."""
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] != "django.db.backends.sqlite3":
        return None, []
    main = Path(database["TEST"]["NAME"])
    return main, [main.with_name(main.name + suffix) for suffix in ("-wal", "-shm", "-journal")]


def pytest_sessionstart(session):
    """Django deletes a stale test database left by a killed run, but not its
    WAL: an old WAL beside a new database file would be replayed into it."""
    main, companions = _sqlite_test_files()
    if main is None or session.config.getoption("reuse_db", False):
        return
    for path in (main, *companions):
        path.unlink(missing_ok=True)


def pytest_sessionfinish(session):
    """Django removes the test database file at the end; its WAL may outlive it."""
    main, companions = _sqlite_test_files()
    if main is not None and not main.exists():
        for path in companions:
            path.unlink(missing_ok=True)


@pytest.fixture
def home_page(db):
    """The site's HomePage, as `seed_demo` and a fresh install make it."""
    from portal.pages.structure import ensure_home_page

    return ensure_home_page()


@pytest.fixture
def requires_postgres(db):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: set DATABASE_URL=postgres://...")


@pytest.fixture
def redis_url():
    url = os.environ.get("REDIS_URL")
    if not url:
        pytest.skip("needs Redis: set REDIS_URL=redis://...")
    return url


@pytest.fixture(autouse=True)
def tasks_in_process(request):
    """Celery tasks run in-process in every test but those marked `redis`, which
    exercise a real worker. Otherwise, with REDIS_URL set, a test's on-commit
    callbacks would publish real messages that a worker started by another test
    could pick up."""
    from portal.celery import app

    if request.node.get_closest_marker("redis"):
        yield
        return
    previous = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = previous


@pytest.fixture(autouse=True)
def forget_rate_limits():
    """allauth counts sign-ups and logins per address and client in the cache,
    which with REDIS_URL outlives a test; each test starts with clean counts."""
    from portal.accounts.tests.factories import reset_rate_limits

    reset_rate_limits()


@pytest.fixture(autouse=True)
def default_language():
    """A request under /en/ leaves English active in the thread (LocaleMiddleware never
    deactivates): the next test would reverse() English URLs and render English pages."""
    from django.utils import translation

    yield
    translation.deactivate()
