"""Settings for pytest. The database and Redis still come from the environment,
so the same suite runs on SQLite and on PostgreSQL with a real Redis."""

from .base import *  # noqa: F403

SECRET_KEY = "test-only-not-secret"
DEBUG = False
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = BASE_DIR / ".test-media"  # noqa: F405
PRIVATE_MEDIA_ROOT = BASE_DIR / ".test-private-media"  # noqa: F405
SITE_URL = WAGTAILADMIN_BASE_URL = "http://testserver"
# Tests never run collectstatic; without this whitenoise warns on every request.
STATIC_ROOT = None

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A file, not Django's default in-memory test database: in memory, Django
    # hands the live server's threads the test's own connection, so concurrent
    # requests would be serialised by Python and never meet SQLite's locking
    # as `make run` does. The root conftest removes the file and its WAL.
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / ".test-db.sqlite3")}  # noqa: F405

# Off for the suite: its tests write inside a transaction that never commits, so the
# invalidations (on commit) never run. tests/test_page_cache.py turns it on and
# commits its changes' callbacks.
PAGE_CACHE_ENABLED = False

# A fixed key for test data only; production refuses to start without its own.
SENSITIVE_DATA_KEYS = SENSITIVE_DATA_KEYS or ["_X1lNkkCLyzjzlLgZTMEFgn3DGuEv2lgvK0e3EHMGO8="]  # noqa: F405

# A subprocess started by tests/test_outbox_crash.py sends through a test SMTP
# sink and sleeps at a crash window so that the test can SIGKILL it there.
if os.environ.get("PORTAL_TEST_SMTP_PORT"):  # noqa: F405
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST, EMAIL_PORT = "127.0.0.1", int(os.environ["PORTAL_TEST_SMTP_PORT"])  # noqa: F405
    EMAIL_USE_TLS = EMAIL_USE_SSL = False
    EMAIL_HOST_USER = EMAIL_HOST_PASSWORD = ""
OUTBOX_TEST_PAUSE = os.environ.get("PORTAL_OUTBOX_TEST_PAUSE")  # noqa: F405
