"""A Redis cache that keeps the site up when Redis goes away.

Public pages, feeds and exports are cached in Redis, and the sign-up rate
limits count there. When Redis cannot be reached, every cache call falls back
to this process's own memory (LocMemCache): pages are served (cached per
process, for as long as they would have been), rate limits are counted per
process instead of across processes, and one warning is logged per outage,
not per request. Redis is tried again every RETRY_SECONDS; once it answers,
the shared cache is used again. Short socket timeouts keep a Redis host that
does not answer at all from stalling requests.
"""

import functools
import logging
import threading
import time
import uuid

from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

OUTAGE_ERRORS = (RedisConnectionError, RedisTimeoutError, ConnectionError, TimeoutError)
DEFAULT_TIMEOUTS = {"socket_connect_timeout": 0.5, "socket_timeout": 1.0}


def _failover(method_name):
    def call(self, *args, **kwargs):
        if self._down_until > time.monotonic():
            return getattr(self._local, method_name)(*args, **kwargs)
        try:
            result = getattr(super(FailoverRedisCache, self), method_name)(*args, **kwargs)
        except OUTAGE_ERRORS as exc:
            self._went_down(exc)
            return getattr(self._local, method_name)(*args, **kwargs)
        if self._outage_started is not None:
            self._came_back()
        return result

    call.__name__ = method_name
    return call


class FailoverRedisCache(RedisCache):
    """django.core.cache.backends.redis.RedisCache, degrading to process memory.

    OPTIONS may hold RETRY_SECONDS (default 5) besides the redis-py pool options;
    socket timeouts default to DEFAULT_TIMEOUTS."""

    def __init__(self, server, params):
        params = dict(params)
        options = {**DEFAULT_TIMEOUTS, **params.get("OPTIONS", {})}
        self.retry_seconds = float(options.pop("RETRY_SECONDS", 5))
        params["OPTIONS"] = options
        super().__init__(server, params)
        self._local = LocMemCache(
            f"failover-{uuid.uuid4().hex}", {"TIMEOUT": params.get("TIMEOUT", 300), "KEY_PREFIX": self.key_prefix}
        )
        self._down_until = 0.0
        self._outage_started = None
        self._lock = threading.Lock()

    def _went_down(self, exc):
        with self._lock:
            self._down_until = time.monotonic() + self.retry_seconds
            first = self._outage_started is None
            if first:
                self._outage_started = time.monotonic()
        if first:
            logger.warning(
                "Redis cache unreachable (%s): serving from this process's memory; rate limits count per process; "
                "retrying every %.0f s",
                exc,
                self.retry_seconds,
            )

    def _came_back(self):
        with self._lock:
            started, self._outage_started = self._outage_started, None
        if started is not None:
            logger.warning("Redis cache reachable again after %.0f s", time.monotonic() - started)

    for _name in (
        "add",
        "get",
        "set",
        "touch",
        "delete",
        "get_many",
        "has_key",
        "incr",
        "set_many",
        "delete_many",
        "clear",
    ):
        locals()[_name] = functools.wraps(getattr(RedisCache, _name))(_failover(_name))
    del _name
