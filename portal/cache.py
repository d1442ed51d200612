"""A Redis cache that the portal survives losing.

Everything the portal keeps in the cache can be rebuilt (Wagtail's site and
page caches, throttle and allauth rate-limit counters, search facets), so a
Redis that does not answer must cost a little speed, not a 500. Each call goes
to Redis with a short connect/socket timeout; when Redis fails, this process
marks it down for `RETRY_AFTER` seconds and serves calls from a local-memory
cache meanwhile: reads of what was in Redis miss, writes stay local. After the
pause the next call tries Redis again. The local cache is never copied back:
it only holds values written during the outage, all of them rebuildable.

Failed logins are not counted here but by django-axes in the database, so the
login lockout does not weaken when Redis is away; allauth's rate limits (texted
codes, sign-ups) become per-process counters meanwhile, a looser limit rather
than none. `/healthz` asks Redis itself (`ping`), not the fallback.
"""

import logging
import threading
import time

from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

UNAVAILABLE = (RedisConnectionError, RedisTimeoutError, ConnectionError, OSError)
# Every cache call that reaches Redis, and so falls back when it fails.
_CALLS = (
    "add", "get", "set", "touch", "delete", "get_many", "has_key", "incr", "decr",
    "set_many", "delete_many", "clear",
)


class FallbackRedisCache(RedisCache):
    RETRY_AFTER = 5.0
    DEFAULT_TIMEOUTS = {"socket_connect_timeout": 0.25, "socket_timeout": 0.25}

    def __init__(self, server, params):
        params = dict(params)
        options = dict(params.get("OPTIONS") or {})
        self.retry_after = float(options.pop("RETRY_AFTER", self.RETRY_AFTER))
        for name, value in self.DEFAULT_TIMEOUTS.items():
            options.setdefault(name, value)
        # No retries inside a request: one short attempt, then the fallback.
        options.setdefault("retry_on_timeout", False)
        params["OPTIONS"] = options
        super().__init__(server, params)
        self._local = LocMemCache(f"redis-fallback-{id(self)}", {"TIMEOUT": params.get("TIMEOUT", 300)})
        self._down_until = 0.0
        self._lock = threading.Lock()

    @property
    def redis_down(self):
        return time.monotonic() < self._down_until

    def _mark_down(self, exc):
        with self._lock:
            if not self.redis_down:
                logger.warning("Redis cache unavailable (%s); local fallback for %ss.", exc, self.retry_after)
            self._down_until = time.monotonic() + self.retry_after

    def _call(self, name, *args, **kwargs):
        if not self.redis_down:
            try:
                return getattr(super(), name)(*args, **kwargs)
            except UNAVAILABLE as exc:
                self._mark_down(exc)
        return getattr(self._local, name)(*args, **kwargs)

    def ping(self):
        """Raise unless Redis itself answers; for the health check."""
        self._cache.get_client(write=True).ping()


def _delegate(name):
    def method(self, *args, **kwargs):
        return self._call(name, *args, **kwargs)

    method.__name__ = name
    method.__doc__ = getattr(RedisCache, name).__doc__
    return method


for _name in _CALLS:
    setattr(FallbackRedisCache, _name, _delegate(_name))
