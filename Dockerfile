# The portal's image: web (gunicorn, the default command), and with another
# command the Celery worker, beat and one-off manage.py jobs (docker-compose.yml).
FROM python:3.11-slim

# WEB_CONCURRENCY: gunicorn reads it for its default number of workers.
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SETTINGS_MODULE=portal.settings.production \
    WEB_CONCURRENCY=3

# The app runs as this user. The code below stays owned by root, so a
# compromised process cannot rewrite it; only the upload folders are its own.
RUN groupadd --system --gid 10001 portal \
    && useradd --system --uid 10001 --gid portal --home-dir /app --no-create-home \
       --shell /usr/sbin/nologin portal

WORKDIR /app

# WeasyPrint (the résumé PDF) lays text out with Pango; the CJK font is embedded
# in every PDF, so Chinese names and schools print the same everywhere.
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
       libpango-1.0-0 libpangoft2-1.0-0 fonts-noto-cjk \
    && rm -rf /var/lib/apt/lists/*

# Dependencies first, so that a code change does not reinstall them. Only the
# run-time set: requirements/base.txt is fully pinned (the same pins the tests
# ran with; dev.txt adds only test tools), and psycopg-binary brings its own libpq.
COPY requirements/base.txt requirements/base.txt
RUN pip install -r requirements/base.txt

COPY . .

# Every message catalogue, the root locale/ and each app's, by the script that
# `make messages` runs (Babel, no GNU gettext in the image). A broken catalogue
# fails the build rather than shipping untranslated pages.
RUN python scripts/compile_messages.py

# Static files for whitenoise, collected with the production settings so that the
# manifest matches what production serves. Production refuses to import without
# a SECRET_KEY of 50+ characters and a SENSITIVE_DATA_KEYS Fernet key; these
# dummies exist only for this RUN step (they are not kept in the image's
# environment) and sign or encrypt nothing.
RUN SECRET_KEY="build-time-only-collectstatic-dummy-key-not-used-at-runtime-0000" \
    SENSITIVE_DATA_KEYS="YnVpbGQtdGltZS1vbmx5LWR1bW15LWtleS0wMDAwMDA=" \
    python manage.py collectstatic --noinput

# Named volumes mounted here take this ownership on first use.
RUN mkdir -p /app/media /app/private_media \
    && chown portal:portal /app/media /app/private_media

USER portal

EXPOSE 8000

CMD ["gunicorn", "portal.wsgi:application", "--bind=0.0.0.0:8000", "--access-logfile=-", "--graceful-timeout=20"]
