"""GET /healthz: is every configured part of the portal answering?

200 when all answer, 503 when one does not. Each check is short and bounded
by a timeout, so a dead dependency makes the check fail, not hang.

Everyone gets the status code and {"status": "ok" | "degraded"}. Which part
fails and its error text (host names, ports, library versions) only staff and
this machine (the container's own health check, an operator on the host) read:
"this machine" by the request's real address (portal/client.py), never by a
header the client wrote.

GET /healthz/live: is this process serving requests at all? It answers `ok`
without touching the database, cache or broker, so a supervisor restarts a
hung worker and not one whose database is away, and the benchmarks
(benchmarks/pages.py) use it as the cost of the bare request cycle.
"""

import time

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .client import is_local


def check_database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def check_cache():
    # The Redis cache falls back to local memory when Redis is away; ask Redis.
    if hasattr(cache, "ping"):
        cache.ping()
    key = "healthz:probe"
    cache.set(key, "ok", 10)
    if cache.get(key) != "ok":
        raise RuntimeError("cache did not return the value just written")


def check_broker():
    from portal.celery import app

    with app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=1, timeout=2)


def check_search():
    from elasticsearch import Elasticsearch

    client = Elasticsearch(settings.ELASTICSEARCH_URL, request_timeout=2, max_retries=0)
    try:
        client.info()
    finally:
        client.close()


def configured_checks():
    checks = {"database": check_database, "cache": check_cache}
    if settings.REDIS_URL:
        checks["broker"] = check_broker
    if settings.ELASTICSEARCH_URL:
        checks["search"] = check_search
    return checks


@never_cache
@require_GET
def live(request):
    return HttpResponse("ok", content_type="text/plain; charset=utf-8")


@never_cache
@require_GET
def healthz(request):
    report = {}
    for name, check in configured_checks().items():
        started = time.monotonic()
        try:
            check()
        except Exception as exc:  # any failure of a dependency is a finding, not a crash
            report[name] = {"ok": False, "error": f"{type(exc).__name__}: {exc}"[:300]}
        else:
            report[name] = {"ok": True}
        report[name]["ms"] = round((time.monotonic() - started) * 1000, 1)
    failing = [name for name, result in report.items() if not result["ok"]]
    body = {"status": "ok" if not failing else "degraded"}
    if may_read_detail(request):
        body.update(failing=failing, checks=report)
    return JsonResponse(body, status=503 if failing else 200)


def may_read_detail(request):
    user = getattr(request, "user", None)
    return is_local(request) or bool(user is not None and user.is_authenticated and user.is_staff)
