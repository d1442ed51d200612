"""Browser tests: Playwright's sync API driving Debian's Chromium against
pytest-django's `live_server`.

`live_server` runs the site in a thread of this process on a transactional test
database: a test creates the data it needs (`home_page`...) and everything is
flushed afterwards. Chromium comes from Debian (`apt-get install chromium
fonts-noto-cjk`); `playwright install` is never needed.
"""

import os
import re
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PHONE = {"width": 390, "height": 844}
TIMEOUT_MS = 10_000

BROWSER_DIR = Path(__file__).resolve().parent
ARTIFACTS = BROWSER_DIR.parent.parent / "test-artifacts"


def pytest_collection_modifyitems(config, items):
    """Every test under tests/browser is a browser test."""
    for item in items:
        if BROWSER_DIR in Path(item.path).resolve().parents:
            item.add_marker(pytest.mark.browser)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the item (rep_setup, rep_call, rep_teardown),
    so that the `page` fixture can tell whether the test failed."""
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)


@pytest.fixture(scope="session")
def artifacts():
    """test-artifacts/ (gitignored): screenshots for people to look at."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="package")
def _orm_beside_playwright():
    """Playwright's sync API keeps an asyncio event loop running in the main
    thread from start to stop, and Django refuses ORM calls from a thread with a
    running loop (SynchronousOnlyOperation). The tests' ORM work there (fixtures
    such as `home_page`, checks on the database) is plain synchronous code, not
    async code, so Django's check is switched off while the browser runs, and
    restored after the browser tests."""
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    yield
    if previous is None:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


# Started once for the tests in tests/browser, and stopped after the last of
# them (package scope; the rest of the suite never sees the browser): while it
# runs, the main thread has a running event loop, where asyncio.run() and
# async_to_sync() in later tests would fail.
@pytest.fixture(scope="package")
def browser(_orm_beside_playwright):
    if not CHROMIUM.exists():
        # Under CI's PORTAL_REQUIRE_SERVICES=1 the root conftest turns this skip
        # into a failure.
        pytest.skip(f"needs Debian's Chromium at {CHROMIUM}: apt-get install chromium fonts-noto-cjk")
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=TIMEOUT_MS)
    playwright = sync_playwright().start()
    try:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()
    finally:
        playwright.stop()


@pytest.fixture
def page(request, browser):
    """A fresh browser context per test: Chinese, a phone's viewport, 10 s
    timeouts. A screenshot of a failed test goes to test-artifacts/."""
    context = browser.new_context(locale="zh-CN", viewport=PHONE)
    context.set_default_timeout(TIMEOUT_MS)
    context.set_default_navigation_timeout(TIMEOUT_MS)
    page = context.new_page()
    yield page
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.failed:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        name = re.sub(r"[^A-Za-z0-9_.-]+", "-", request.node.nodeid).strip("-")
        try:
            page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
        except Exception as exc:  # a crashed page must not hide the test's own failure
            print(f"could not save a screenshot of {request.node.nodeid}: {exc}")
    context.close()


@pytest.fixture(autouse=True)
def links_to_the_live_server(request, settings):
    """Messages link to SITE_URL: in a browser test, that is the live server."""
    if "live_server" in request.fixturenames:
        settings.SITE_URL = request.getfixturevalue("live_server").url
