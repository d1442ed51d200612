"""Production: everything secret or site-specific must come from the environment."""

import os

from django.core.exceptions import ImproperlyConfigured

from search.analysis import WAGTAIL_INDEX_SETTINGS

from .base import *  # noqa: F403
from .base import ELASTICSEARCH_INDEX_PREFIX, ELASTICSEARCH_URL, STORAGES, env_bool

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("SECRET_KEY must be set to a random value of at least 50 characters.")

DEBUG = False
if not SENSITIVE_DATA_KEYS:  # noqa: F405
    raise ImproperlyConfigured("SENSITIVE_DATA_KEYS must hold a Fernet key: consultation notes are encrypted with it.")
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# HTTPS everywhere; the proxy in front terminates TLS and says so in this header.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^healthz/live$"]
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CONN_HEALTH_CHECKS = True

if ELASTICSEARCH_URL:
    # Site search (Wagtail) on the same cluster, with CJK bigram analysis
    # (unigrams indexed too) so that Chinese queries match: see search/analysis.py.
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "wagtail.search.backends.elasticsearch9",
            "URLS": [ELASTICSEARCH_URL],
            "INDEX_PREFIX": f"{ELASTICSEARCH_INDEX_PREFIX}-site-",
            "TIMEOUT": 5,
            "OPTIONS": {},
            "INDEX_SETTINGS": WAGTAIL_INDEX_SETTINGS,
        }
    }
