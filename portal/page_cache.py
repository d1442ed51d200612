"""The anonymous page cache: public pages served to visitors who are not signed in
from the cache, never stale.

Who gets it: a GET or HEAD from a visitor who is not signed in, has no messages
pending and sends no Authorization header, for an address outside /me/,
/accounts/, /cms/, /django-admin/, /api/ and the other private prefixes. Signed-in
visitors never read nor fill it. A page is stored only when its view opted in by
naming what it shows (`depends_on`), the answer is a plain 200 without cookies of
its own, and the session was not written while rendering it.

Exact invalidation by topic tokens. Each "topic" (`course:12`, `consultant:3`,
`job:40`, `jobs`, `courses`, `consultants`, `employers`, `placements`, `pages`,
`site`) has a random token in the cache. A view names its topics *before* it reads
the data they stand for: their tokens are read then and stored with the page. A
cached page is served only while every one of its tokens is still the current one;
a change calls `invalidate(*topics)`, which after the transaction commits gives
those topics new tokens, so every page that showed them misses at once. The race
is harmless both ways: a change that commits while a page renders makes it miss
next time, because its tokens were read before the data. Random tokens rather than
counters: a token lost to eviction comes back as a new one, never as an old value
that an old page could match again. Every page also depends on `site` (settings)
and `pages` (Wagtail content), read before the view runs: a Wagtail page's own row
is read by the router before any view code could name it.

Time: a view bounds its page by the next moment something on it changes with the
clock and no save (`fresh_until`: a posting's expiry, a session's start or
enrolment deadline, a consultant's first slot passing its notice); never longer
than PAGE_CACHE_MAX_AGE, the bound for what no topic tracks.

CSRF: the stored copy carries a placeholder where `{% csrf_token %}` put this
visitor's token; serving it puts in the next visitor's own token (and the
CSRF middleware, outside this one, sets her cookie), so forms on cached pages post
for everyone and no visitor's token reaches another.

Redis away: `portal.cache.FallbackRedisCache` answers from process memory while
Redis is down. The page cache does not use that fallback: while Redis is marked
down it neither reads nor stores (pages render as without a cache), and the topics
invalidated meanwhile are kept in this process and given new tokens as soon as
Redis answers again, so a copy stored before the outage cannot come back stale.
"""

import hashlib
import logging
import re
import secrets
import threading
import time
from datetime import datetime

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils import translation

logger = logging.getLogger(__name__)

# After an optional language prefix: addresses that are private, per person or not pages.
PRIVATE = re.compile(
    r"^/(?:[a-z]{2}(?:-[a-z]+)?/)?(?:me|accounts|cms|django-admin|api|healthz|documents|static|media)(?:/|$)")
# What `{% csrf_token %}` renders; the value is one visitor's masked token.
CSRF_INPUT = re.compile(rb'(name="csrfmiddlewaretoken" value=")[^"]*(")')
CSRF_PLACEHOLDER = b"__page_cache_csrf_token__"
# Headers that belong to one answer, not to the page.
NOT_STORED = {"set-cookie", "content-length", "x-page-cache"}
HEADER = "X-Page-Cache"
ALWAYS = ("site", "pages")

_pending = set()  # topics invalidated while Redis was away, still owed new tokens
_pending_lock = threading.Lock()


def _cache():
    return caches[getattr(settings, "PAGE_CACHE_ALIAS", "default")]


def _topics():
    """Where the topic tokens live: with Redis the same cache; without, a cache all
    the processes of this machine share (settings.PAGE_CACHE_TOPICS_ALIAS), so that a
    change made in one gunicorn worker makes the others' local copies miss too."""
    alias = getattr(settings, "PAGE_CACHE_TOPICS_ALIAS", None)
    return caches[alias] if alias else _cache()


def enabled():
    return getattr(settings, "PAGE_CACHE_ENABLED", True)


def max_age():
    return getattr(settings, "PAGE_CACHE_MAX_AGE", 300)


def _topic_key(topic):
    return f"pagecache:topic:{topic}"


def _page_key(request):
    raw = "|".join((request.scheme, request.get_host(), translation.get_language() or "",
                    request.get_full_path()))
    return "pagecache:page:" + hashlib.sha256(raw.encode()).hexdigest()


def _down(cache):
    return getattr(cache, "redis_down", False)


def _usable(cache):
    """False while Redis is marked down; first pays the tokens owed from an outage."""
    if getattr(cache, "redis_down", False):
        return False
    if _pending:
        with _pending_lock:
            owed = set(_pending)
            _pending.difference_update(owed)
        _renew(cache, owed)
    return not getattr(cache, "redis_down", False)


def _renew(cache, topics):
    _topics().set_many({_topic_key(topic): secrets.token_hex(8) for topic in topics}, timeout=None)
    if getattr(cache, "redis_down", False):  # the fallback took it: still owed
        with _pending_lock:
            _pending.update(topics)


# --- invalidation ----------------------------------------------------------

def invalidate(*topics):
    """Make every cached page that shows one of `topics` miss, once the current
    transaction commits (at once outside one). The one call every change makes."""
    topics = {str(topic) for topic in topics if topic}
    if topics:
        transaction.on_commit(lambda: invalidate_now(topics))


def invalidate_now(topics):
    cache = _cache()
    if getattr(cache, "redis_down", False):
        with _pending_lock:
            _pending.update(topics)
        return
    try:
        _renew(cache, topics)
    except Exception:  # a failing cache must not fail the change that was saved
        logger.exception("page cache: could not invalidate %s", sorted(topics))
        with _pending_lock:
            _pending.update(topics)


# --- what views say ----------------------------------------------------------

class _Recorder:
    def __init__(self, cache):
        self.cache = _topics()
        self.tokens = {}
        self.opted_in = False
        self.until = time.time() + max_age()

    def read(self, topics):
        wanted = [topic for topic in topics if topic not in self.tokens]
        if not wanted:
            return
        keys = {_topic_key(topic): topic for topic in wanted}
        found = self.cache.get_many(list(keys))
        missing = {key: secrets.token_hex(8) for key in keys if key not in found}
        for key, token in missing.items():  # add: a token set meanwhile wins
            self.cache.add(key, token, timeout=None)
        if missing:
            found.update(self.cache.get_many(list(missing)))
        for key, topic in keys.items():
            self.tokens[topic] = found.get(key)


def recording(request):
    """Whether this request may fill the cache (so its view's bounds are worth computing)."""
    return getattr(request, "_page_cache", None) is not None


def depends_on(request, *topics):
    """This page may be cached for visitors and shows `topics`. Call it before
    reading the data those topics stand for. A no-op for requests the cache skips."""
    recorder = getattr(request, "_page_cache", None)
    if recorder is not None:
        recorder.opted_in = True
        recorder.read([str(topic) for topic in topics if topic])


def fresh_until(request, *moments):
    """Something on this page changes with the clock at the earliest of `moments`
    (aware datetimes, or callables returning one, called only when the page may be
    stored: they may cost a query; None ignored): the cached copy lasts no longer."""
    recorder = getattr(request, "_page_cache", None)
    if recorder is None:
        return
    for moment in moments:
        if callable(moment):
            moment = moment()
        if moment is not None:
            stamp = moment.timestamp() if isinstance(moment, datetime) else float(moment)
            recorder.until = min(recorder.until, stamp)


def never(request):
    """This answer is for this visitor only (a preview, a refusal): do not store it."""
    recorder = getattr(request, "_page_cache", None)
    if recorder is not None:
        recorder.opted_in = False
        request._page_cache = None


# --- the middleware ----------------------------------------------------------

def _may_use(request):
    if request.method not in ("GET", "HEAD") or PRIVATE.match(request.path_info):
        return False
    if "HTTP_AUTHORIZATION" in request.META:
        return False
    user = getattr(request, "user", None)
    if user is None or user.is_authenticated:
        return False
    storage = getattr(request, "_messages", None)
    return not (storage is not None and len(storage))


def _storable(request, response, recorder):
    if not recorder.opted_in or request.method != "GET" or response.status_code != 200:
        return False
    if response.streaming or response.cookies:
        return False
    cache_control = response.get("Cache-Control", "").lower()
    if "private" in cache_control or "no-store" in cache_control:
        return False
    session = getattr(request, "session", None)
    if session is not None and session.modified:
        return False
    return None not in recorder.tokens.values()


class AnonymousPageCacheMiddleware:
    """Sits after the authentication, CSRF and message middleware, which it needs to
    decide; the CSRF middleware's response phase sets the cookie a hit asks for."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not enabled() or not _may_use(request):
            return self.get_response(request)
        cache = _cache()
        try:
            usable = _usable(cache)
            key = _page_key(request)
            if usable:
                hit = self._lookup(cache, key)
                if hit is not None:
                    return self._replay(request, hit)
                request._page_cache = _Recorder(cache)
                request._page_cache.read(ALWAYS)
        except Exception:  # the cache is a speed-up: failing, the page still renders
            logger.exception("page cache: lookup failed")
            usable = False
        if _down(cache):  # Redis stopped answering just now: what was read came from the fallback
            usable = False
        if not usable:
            request._page_cache = None
        response = self.get_response(request)
        recorder = getattr(request, "_page_cache", None)
        if recorder is None or _down(cache):
            return response
        if _storable(request, response, recorder):
            self._store(cache, key, response, recorder)
        else:
            response[HEADER] = "skip"
        return response

    @staticmethod
    def _lookup(cache, key):
        entry = cache.get(key)
        if entry is None or time.time() >= entry["until"]:
            return None
        keys = [_topic_key(topic) for topic in entry["tokens"]]
        current = _topics().get_many(keys)
        for topic, token in entry["tokens"].items():
            if current.get(_topic_key(topic)) != token:
                return None
        return entry

    @staticmethod
    def _replay(request, entry):
        body = entry["body"]
        if CSRF_PLACEHOLDER in body:
            body = body.replace(CSRF_PLACEHOLDER, get_token(request).encode())
        response = HttpResponse(body, status=entry["status"])
        for name, value in entry["headers"]:
            response[name] = value
        response[HEADER] = "hit"
        return response

    @staticmethod
    def _store(cache, key, response, recorder):
        ttl = recorder.until - time.time()
        if ttl < 1:
            response[HEADER] = "skip"
            return
        entry = {
            "status": response.status_code,
            "headers": [(name, value) for name, value in response.items() if name.lower() not in NOT_STORED],
            "body": CSRF_INPUT.sub(rb"\1" + CSRF_PLACEHOLDER + rb"\2", response.content),
            "tokens": recorder.tokens,
            "until": recorder.until,
        }
        try:
            cache.set(key, entry, timeout=int(ttl))
        except Exception:
            logger.exception("page cache: store failed")
            return
        response[HEADER] = "skip" if _down(cache) else "miss"
