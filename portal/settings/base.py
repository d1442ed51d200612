"""Settings shared by every environment.

Everything that differs between machines comes from the environment:
DATABASE_URL, REDIS_URL, ELASTICSEARCH_URL, SECRET_KEY, ALLOWED_HOSTS and the
EMAIL_* variables. Left unset, the portal runs on its embedded default: an SQLite
file, database search, tasks run in-process and email printed to the console.
"""

import ipaddress
import json
import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


SECRET_KEY = os.environ.get("SECRET_KEY", "")
# The public address of the site, as people reach it: every absolute link in a
# message (email, calendar file) starts with it. `make run` sets it to the address
# it serves.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# The reverse proxies in front of the site (addresses or networks, e.g.
# "10.0.0.2,172.16.0.0/12"): X-Forwarded-For is believed only from them
# (portal/client.py). Empty: clients connect directly and the header is ignored.
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES")
for _proxy in TRUSTED_PROXIES:
    try:
        ipaddress.ip_network(_proxy, strict=False)
    except ValueError:
        raise ImproperlyConfigured(f"TRUSTED_PROXIES: {_proxy!r} is not an address or a network.") from None

INSTALLED_APPS = [
    "portal.accounts",
    "portal.pages",
    "portal.notifications",
    "portal.privacy",
    "courses",
    "consultants",
    "jobs",
    "search",
    "resumes",
    "reports",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "allauth",
    "allauth.account",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.weixin",
    "phonenumber_field",
    "axes",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "django.contrib.staticfiles",
    "csp",
    # The API's docs page (/api/v1/docs) from ninja's own static files, not a CDN
    # the CSP would refuse (and the machine may not reach).
    "ninja",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # The Content-Security-Policy header on every answer (portal/csp.py).
    "portal.csp.PortalCSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Control characters, dates outside 2000–2100, ids past 2⁶³ and oversized bodies are
    # refused here, before any view (portal/edge.py).
    "portal.edge.EdgeMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Public pages for visitors not signed in, from the cache (portal/page_cache.py): after
    # authentication, CSRF and messages, which decide whether a request may use it.
    "portal.page_cache.AnonymousPageCacheMiddleware",
    # A refusal a page view lets through (portal/errors.py) becomes the problem page.
    "portal.errors.ServiceErrorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "portal.accounts.middleware.RememberLanguageMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, so that it sees the lockout raised by the authentication backend.
    "axes.middleware.AxesMiddleware",
]

# Content-Security-Policy (django-csp, portal/csp.py), in every environment so that
# a page that would break under it breaks in development and in the tests too.
# Our pages: our own files only; no inline script or style (JSON data in
# <script type="application/json"> is not run, so json_script is fine).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'none'"],
        # Signing in with WeChat posts to us and is redirected to WeChat's QR page;
        # browsers hold a form's redirects to form-action too.
        "form-action": ["'self'", "https://open.weixin.qq.com"],
    },
}
# Wagtail's and Django's admin and the API's Swagger page bring inline scripts and
# styles of their own; Wagtail's preview frames the page being edited.
CSP_LOOSE_PREFIXES = ["/cms/", "/django-admin/", "/api/v1/docs"]
CONTENT_SECURITY_POLICY_LOOSE = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", "'unsafe-inline'", "'unsafe-eval'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'self'"],
        "form-action": ["'self'"],
    },
}

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# Database: an SQLite file unless DATABASE_URL names another.
DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL",
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite has one writer at a time. Out of the box a second writer does not
    # wait: a transaction that read first and then writes (every enrolment and
    # booking does) fails at once with "database is locked", which answered
    # 500 to most of a crowd enrolling in one session. So:
    # - IMMEDIATE: atomic() takes the write lock when it begins, so writers
    #   queue at BEGIN, where the busy timeout applies, instead of failing when
    #   a read lock cannot be upgraded;
    # - timeout: how long a writer waits its turn (seconds), for the
    #   transactions above and for the writes outside any (last_used_at of an
    #   API token, django-axes' access log, sessions);
    # - WAL: readers never wait for the writer nor the writer for readers;
    #   synchronous=NORMAL is WAL's usual partner (durable but for the last
    #   commits on a power cut, not on a crash of the process).
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
        **DATABASES["default"].get("OPTIONS", {}),
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Redis serves as cache and Celery broker when REDIS_URL is set.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    # Falls back to a local cache while Redis does not answer (portal/cache.py).
    CACHES = {"default": {"BACKEND": "portal.cache.FallbackRedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# The anonymous page cache (portal/page_cache.py): on unless PAGE_CACHE=0. MAX_AGE bounds
# what no invalidation topic tracks (e.g. an employer's response rate).
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE", True)
PAGE_CACHE_MAX_AGE = int(os.environ.get("PAGE_CACHE_MAX_AGE", "300"))
PAGE_CACHE_TOPICS_ALIAS = None
if not REDIS_URL:
    # Each process keeps its own copies in local memory; the topic tokens that decide
    # whether a copy is current go to files every process of this machine reads.
    CACHES["page_cache_topics"] = {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": os.environ.get("PAGE_CACHE_TOPICS_DIR", str(BASE_DIR / ".page-cache-topics")),
        # One small file per topic; culling (at Django's default 300) would only cost misses.
        "OPTIONS": {"MAX_ENTRIES": 200_000},
    }
    PAGE_CACHE_TOPICS_ALIAS = "page_cache_topics"

# Celery: a real broker with REDIS_URL, otherwise every task runs in-process
# at the moment it is enqueued (still after the transaction commits).
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL or None
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Enqueueing happens in the request (after commit) and must never hold it up or
# raise into it: no task stores a result unless it asks (so publishing never
# touches the result backend), one short publish attempt without retries, and
# what was not enqueued is carried by its outbox and the beat flush.
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_PUBLISH_RETRY = False
CELERY_BROKER_CONNECTION_TIMEOUT = 1
# max_retries 0: a publish meets a dead broker once, not after kombu's retries.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "socket_connect_timeout": 1, "socket_timeout": 2, "max_retries": 0, "interval_start": 0,
}
# The worker itself keeps reconnecting to a broker that went away.
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = "Asia/Shanghai"
CELERY_BEAT_SCHEDULE = {
    "flush-email-outbox": {
        "task": "portal.notifications.tasks.flush_outbox",
        "schedule": timedelta(minutes=1),
    },
    "remind-expiring-jobs": {
        "task": "jobs.tasks.remind_expiring_postings",
        "schedule": timedelta(hours=1),
    },
    "jobs-enforce-answer-deadlines": {
        "task": "jobs.tasks.enforce_answer_deadlines",
        "schedule": timedelta(minutes=30),
    },
    "jobs-ask-placement-retention": {
        "task": "jobs.tasks.ask_retention",
        "schedule": timedelta(days=1),
    },
    "courses-expire-waitlist-offers": {
        "task": "courses.tasks.expire_waitlist_offers",
        "schedule": timedelta(minutes=5),
    },
    "courses-send-session-reminders": {
        "task": "courses.tasks.send_session_reminders",
        "schedule": timedelta(minutes=10),
    },
    "consultants-booking-reminders": {
        "task": "consultants.tasks.send_booking_reminders",
        "schedule": timedelta(minutes=5),
    },
    "consultants-purge-expired-notes": {
        "task": "consultants.tasks.purge_expired_notes",
        "schedule": timedelta(days=1),
    },
    "consultants-refresh-open-slots": {
        "task": "consultants.tasks.refresh_open_slots",
        "schedule": timedelta(hours=1),
    },
    "consultants-expire-queue-offers": {
        "task": "consultants.tasks.expire_queue_offers",
        "schedule": timedelta(minutes=1),
    },
    "search-reconcile-index": {
        "task": "search.tasks.reconcile_index",
        "schedule": timedelta(minutes=10),
    },
    "privacy-erase-due-accounts": {
        "task": "portal.privacy.tasks.erase_due_accounts",
        "schedule": timedelta(days=1),
    },
    "search-job-alerts": {
        "task": "search.tasks.send_job_alerts",
        "schedule": timedelta(days=1),
    },
    "search-prune-changes": {
        "task": "search.tasks.prune_search_changes",
        "schedule": timedelta(days=1),
    },
}

# Search: Elasticsearch when ELASTICSEARCH_URL is set, the database otherwise.
ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")
ELASTICSEARCH_INDEX_PREFIX = os.environ.get("ELASTICSEARCH_INDEX_PREFIX", "jinguo")
# Wagtail's database backend with Chinese tokens (search/site_backend.py).
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.site_backend"}}
# Job search analysis on Elasticsearch: "cjk" (built in) or "smartcn" (needs the analysis-smartcn plugin).
SEARCH_ES_ANALYZER = os.environ.get("SEARCH_ES_ANALYZER", "cjk")

# Accounts
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # Axes first: it refuses a locked-out client before the password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "dashboard"
# She signs up and in with her mobile number or her email address (either is
# optional in the form; ConsentSignupForm asks for one of them). A number is
# verified by a texted 6-digit code; she may also sign in by a code instead of
# her password.
ACCOUNT_LOGIN_METHODS = {"email", "phone"}
ACCOUNT_SIGNUP_FIELDS = ["phone", "email", "password1*", "password2*"]
# allauth warns when no login method is a required sign-up field; ours asks for one of the two.
SILENCED_SYSTEM_CHECKS = ["account.W001"]
ACCOUNT_PHONE_VERIFICATION_ENABLED = True
ACCOUNT_PHONE_VERIFICATION_MAX_ATTEMPTS = 3  # then she asks for a new code
ACCOUNT_PHONE_VERIFICATION_TIMEOUT = 10 * 60
ACCOUNT_PHONE_VERIFICATION_SUPPORTS_RESEND = True
ACCOUNT_LOGIN_BY_CODE_ENABLED = True
ACCOUNT_LOGIN_BY_CODE_MAX_ATTEMPTS = 3
ACCOUNT_LOGIN_BY_CODE_TIMEOUT = 10 * 60
ALLAUTH_USER_CODE_FORMAT = {"numeric": True, "length": 6, "dashed": False}
PHONENUMBER_DEFAULT_REGION = "CN"
PHONENUMBER_DB_FORMAT = "E164"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
# An unverified address still keeps her out until she confirms it, unless she
# proved her mobile number: portal.accounts.stages.VerifiedEmailStage decides.
# (allauth's own "mandatory" would demand an email of everyone.)
ACCOUNT_EMAIL_VERIFICATION = "optional"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = False
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_SIGNUP_FORM_CLASS = "portal.accounts.forms.ConsentSignupForm"
ACCOUNT_FORMS = {
    "signup": "portal.accounts.allauth_forms.SignupForm",
    "login": "portal.accounts.allauth_forms.LoginForm",
}
ACCOUNT_ADAPTER = "portal.accounts.adapter.AccountAdapter"
# Failed logins are limited by django-axes alone: one mechanism, one message.
ACCOUNT_RATE_LIMITS = {
    "login_failed": False,
    # Texted codes: one a minute and ten a day per number, and per address (ip)
    # a bound on how many numbers one client can have texted. The per-number
    # limit is also counted in the outbox (portal/accounts/phone.py).
    "verify_phone": "1/60s/key,10/1d/key,10/1h/ip",
    "request_login_code": "1/60s/key,10/1d/key,20/1h/ip",
}
# The privacy notice a user consents to at sign-up; bump when its text changes.
PRIVACY_NOTICE_VERSION = "2024-04"

# django-axes: five failures from one client for one account lock both out for
# fifteen minutes; the right password does not help meanwhile.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_CALLABLE = "portal.accounts.lockout.username_from_request"
AXES_LOCKOUT_TEMPLATE = "account/lockout.html"
AXES_RESET_ON_SUCCESS = True
# The client's address, as everything reads it (portal/client.py).
AXES_CLIENT_IP_CALLABLE = "portal.client.client_ip"

# Languages: Simplified Chinese at the root, English under /en/.
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
# Pages are written in Chinese and served under both prefixes: the interface
# around them follows the language of the address. Wagtail's per-locale page
# trees stay off until editors translate page content.
WAGTAIL_I18N_ENABLED = False
WAGTAIL_CONTENT_LANGUAGES = [("zh-hans", "简体中文")]
# Each app keeps its own catalogue; the site shell's is the root locale/. Listed
# so that `makemessages` files each string under the app it comes from (the
# root must come last: it contains every app's directory).
LOCALE_PATHS = [BASE_DIR / app / "locale" for app in ("courses", "consultants", "jobs", "search")] + [
    BASE_DIR / "locale",
    # Chinese for the Wagtail 8 admin strings Wagtail's own zh_Hans catalogue
    # lacks; no source file lives there, so makemessages never writes to it.
    BASE_DIR / "cms" / "locale",
]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

# Static and uploaded files
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [PROJECT_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Private uploads (CVs) live outside MEDIA_ROOT and are served only by views.
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", BASE_DIR / "private_media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Email: console unless EMAIL_HOST is set.
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "巾帼职达 <noreply@jinguo.example>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
    EMAIL_TIMEOUT = 10
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

# Text messages (portal/notifications/sms.py): kept in the outbox and printed to
# the log, unless Alibaba Cloud SMS keys are set. ALIYUN_SMS_TEMPLATES maps each
# message template to the provider's approved template code, as JSON:
# {"account/messages/verification_code": "SMS_123456789", ...}
# An empty variable counts as unset: docker-compose passes "" for those not in .env.
ALIYUN_SMS_ACCESS_KEY_ID = os.environ.get("ALIYUN_SMS_ACCESS_KEY_ID", "")
ALIYUN_SMS_ACCESS_KEY_SECRET = os.environ.get("ALIYUN_SMS_ACCESS_KEY_SECRET", "")
ALIYUN_SMS_SIGN_NAME = os.environ.get("ALIYUN_SMS_SIGN_NAME") or "巾帼职达"
ALIYUN_SMS_TEMPLATES = json.loads(os.environ.get("ALIYUN_SMS_TEMPLATES") or "{}")
# The mainland endpoint; international sending uses e.g. dysmsapi.ap-southeast-1.aliyuncs.com.
ALIYUN_SMS_ENDPOINT = os.environ.get("ALIYUN_SMS_ENDPOINT") or "dysmsapi.aliyuncs.com"
if ALIYUN_SMS_ACCESS_KEY_ID and ALIYUN_SMS_ACCESS_KEY_SECRET:
    SMS_BACKEND = "portal.notifications.sms.AliyunSmsBackend"
else:
    SMS_BACKEND = "portal.notifications.sms.LocalSmsBackend"

# Sensitive personal information at rest (portal/crypto.py): Fernet keys, the first
# encrypts, all decrypt (rotation). Required in production; dev and tests use
# fixed keys of their own.
SENSITIVE_DATA_KEYS = env_list("SENSITIVE_DATA_KEYS")
# Consultation notes are deleted this many days after their session (3 years).
CONSULTANTS_NOTES_RETENTION_DAYS = int(os.environ.get("CONSULTANTS_NOTES_RETENTION_DAYS", str(3 * 365)))
# Two no-shows within 60 days put her new bookings on "needs approval" for 30 days.
CONSULTANTS_NO_SHOW_LIMIT = int(os.environ.get("CONSULTANTS_NO_SHOW_LIMIT", "2"))
CONSULTANTS_NO_SHOW_WINDOW_DAYS = int(os.environ.get("CONSULTANTS_NO_SHOW_WINDOW_DAYS", "60"))
CONSULTANTS_APPROVAL_DAYS = int(os.environ.get("CONSULTANTS_APPROVAL_DAYS", "30"))
# How long after a phone session the consultant still sees the graduate's number.
CONSULTANTS_PHONE_VISIBLE_HOURS_AFTER = 24

# WeChat login (allauth's weixin provider): offered only when both keys are set.
WECHAT_APP_ID = os.environ.get("WECHAT_APP_ID", "")
WECHAT_APP_SECRET = os.environ.get("WECHAT_APP_SECRET", "")
WECHAT_LOGIN_ENABLED = bool(WECHAT_APP_ID and WECHAT_APP_SECRET)
SOCIALACCOUNT_PROVIDERS = {
    "weixin": {
        "APPS": [{"client_id": WECHAT_APP_ID, "secret": WECHAT_APP_SECRET}] if WECHAT_LOGIN_ENABLED else [],
        "SCOPE": ["snsapi_login"],
    }
}
# A WeChat sign-in never creates an account by itself: someone new gets the
# social sign-up form and its consent box (the adapter refuses auto sign-up
# too); a signed-in user links her WeChat on the connections page. Everything
# WeChat answers 404 while the keys are unset (portal/accounts/wechat.py).
SOCIALACCOUNT_AUTO_SIGNUP = False
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False
SOCIALACCOUNT_ADAPTER = "portal.accounts.wechat.SocialAccountAdapter"
SOCIALACCOUNT_FORMS = {"signup": "portal.accounts.allauth_forms.SocialSignupForm"}

# Wagtail
WAGTAIL_SITE_NAME = "巾帼职达"
WAGTAILADMIN_BASE_URL = SITE_URL
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "txt", "xlsx"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 5 * 1024 * 1024
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ALLOW_UNICODE_SLUGS = False
# The admin speaks the site's two languages, Chinese first; a new editor's
# admin starts in Chinese whatever her browser asks for (portal/accounts/admin_language.py).
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
# No avatar fetched from gravatar.com: it is blocked by the CSP and from China,
# and showed as a broken image; Wagtail draws its default avatar instead.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # Wagtail runs its reference-index tasks in-process and logs each one.
        "django_tasks": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
        # WeasyPrint logs each step of every résumé PDF.
        "weasyprint": {"level": "WARNING"},
    },
}

# Sections that the apps add to the home page and to /me/ (see portal/extensions.py).
HOME_FEATURED_PROVIDERS = [
    "courses.services.featured_courses",
    "consultants.services.home_featured",
    "jobs.services.featured_slot",
]
# /me/ reads as her journey: what is coming up (sessions, consultations), where her
# applications stand, the jobs she keeps and her searches, then her résumé.
DASHBOARD_SECTION_PROVIDERS = [
    "courses.services.dashboard_section",
    "consultants.services.dashboard_section",
    "jobs.services.dashboard_section",
    "search.services.dashboard_section",
    "resumes.services.dashboard_section",
]
# "下一步" on /me/: each returns a list of portal.next_steps.Step for her situation.
NEXT_STEP_PROVIDERS = [
    "resumes.services.next_steps",
    "courses.services.next_steps",
    "consultants.services.next_steps",
    "search.services.next_steps",
]
# What GET /api/v1/me lists besides her profile: key -> a function taking the user
# and returning plain dicts (the shapes are documented in portal/accounts/api.py).
ME_API_SECTIONS = {
    "enrolments": "courses.services.upcoming_enrolments_for",
    "bookings": "consultants.services.upcoming_bookings_for",
    "applications": "jobs.services.applications_for",
}
# The homes of the roles besides the graduate's /me/ (portal/homes.py), in order of
# preference for where she lands after signing in.
ROLE_HOME_PROVIDERS = [
    "consultants.services.workspace_for",
    "jobs.services.employer_home_for",
    "portal.homes.admin_home_for",
]
# Live figures a home-page counter may show: (label, the function returning the
# queryset it counts, the page that lists what is counted). The counter and the page
# read the same service; the home page counts all of its live counters in one query.
COUNTER_SOURCES = {
    "placements": (_("Women placed in jobs"), "jobs.services.counted_placements", None),
    "jobs": (_("Open jobs"), "jobs.services.visible_jobs", "search:jobs"),
    "employers": (_("Verified employers"), "jobs.services.verified_employers", None),
    "consultants": (_("Consultants taking bookings"), "consultants.services.active_consultants",
                    "consultants:directory"),
    "courses": (_("Courses in the catalogue"), "courses.services.visible_courses", None),
}
# Her data (portal/privacy): each module's personal_data(user) is a section of her export and
# its erase_personal_data(user) what deleting her account does there, called in this order
# (those that cancel and tell the other side first, accounts last).
PERSONAL_DATA_PROVIDERS = [
    "courses.services",
    "consultants.services",
    "jobs.services",
    "search.services",
    "resumes.services",
    "portal.notifications.services",
    "portal.accounts.services",
]
# An export with more records or bigger files than this is built in the background and linked.
PRIVACY_EXPORT_MAX_RECORDS = 200
PRIVACY_EXPORT_MAX_FILE_BYTES = 5 * 1024 * 1024
# How long the link to a background export works.
PRIVACY_EXPORT_DAYS = 7
# Days between her deletion request and its erasure; signing in meanwhile cancels it.
ACCOUNT_DELETION_GRACE_DAYS = 7
# Demo content, in order (see portal/pages/management/commands/seed_demo.py).
DEMO_SEEDERS = [
    "portal.pages.demo.seed",
    "jobs.demo.seed",
    "courses.demo.seed",
    "consultants.demo.seed",
    "search.demo.seed",
    "resumes.demo.seed",
    # Last: it fills in the profiles of the graduates the others made.
    "portal.accounts.demo.seed",
]
# How long a graduate offered a freed course seat has to accept it.
COURSES_OFFER_WINDOW_HOURS = int(os.environ.get("COURSES_OFFER_WINDOW_HOURS", "24"))
# A graduate may cancel or reschedule a consultation until this many hours before it.
CONSULTANTS_CHANGE_CLOSES_HOURS = int(os.environ.get("CONSULTANTS_CHANGE_CLOSES_HOURS", "12"))
# How long the first in a consultant's queue has to book a slot a cancellation freed.
CONSULTANTS_QUEUE_OFFER_HOURS = int(os.environ.get("CONSULTANTS_QUEUE_OFFER_HOURS", "2"))

# The API's throttles: per address for anonymous callers, per account otherwise
# (scripts/fuzz_api.sh raises them so that its requests reach the endpoints).
API_RATE_ANON = os.environ.get("API_RATE_ANON") or "60/min"
API_RATE_USER = os.environ.get("API_RATE_USER") or "240/min"
# A personal API token opens the API this long after it was issued (portal/accounts/tokens.py).
API_TOKEN_LIFETIME = timedelta(days=int(os.environ.get("API_TOKEN_LIFETIME_DAYS", "90")))
# Applications (jobs/applications.py, jobs/tasks.py): every application has a final
# answer within this many days; the employer is reminded on these days; the response
# rate on employer and job pages covers applications of the last RESPONSE_RATE_DAYS.
APPLICATION_ANSWER_DAYS = int(os.environ.get("APPLICATION_ANSWER_DAYS") or "14")
APPLICATION_REMINDER_DAYS = (7, 12)
RESPONSE_RATE_DAYS = 180
# Placements (jobs/placements.py): about six months after she started, she is asked
# once whether she is still in the job (jobs.tasks.ask_retention).
PLACEMENT_RETENTION_DAYS = 182
