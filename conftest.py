"""Suite-wide switches.

CI's second run sets PORTAL_REQUIRE_SERVICES=1 with PostgreSQL, Redis and the
browser available: there, a test that skips because one of them is missing is
a failure, not a pass. Only the live-Elasticsearch tests may skip, since no
Elasticsearch node can run on these machines.
"""

import os

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
