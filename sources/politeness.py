"""Per-host politeness: at most N requests at once to one host.

With Redis (REDIS_URL set, as with real Celery workers) the limit holds across
every worker process: each host has a sorted set of slot tokens scored by
their expiry time, and a Lua script expires stale tokens, counts and adds in
one atomic step. A slot whose holder died frees itself when its expiry passes,
so a killed worker never blocks a host for good. Without Redis a semaphore per
host in this process does the same job.

Plain Python: no Django import, so other processes (and tests) can use it alone.
"""

from __future__ import annotations

import threading
import time
import uuid
from contextlib import contextmanager


class HostBusy(Exception):
    """No slot for this host came free in time."""

    def __init__(self, host, waited):
        super().__init__(f"{host} already has the maximum number of requests in flight (waited {waited:.0f} s).")
        self.host = host


# KEYS[1] = the host's key; ARGV = now (ms), expiry (ms), limit, token.
_ACQUIRE = """
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[3]) then
  redis.call('ZADD', KEYS[1], ARGV[2], ARGV[4])
  redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[2]) - tonumber(ARGV[1]) + 1000)
  return 1
end
return 0
"""


class LocalHostLimiter:
    """Semaphores per host, for one process (threads)."""

    def __init__(self, limit=2):
        self.limit = limit
        self._lock = threading.Lock()
        self._semaphores = {}

    def _semaphore(self, host):
        with self._lock:
            if host not in self._semaphores:
                self._semaphores[host] = threading.BoundedSemaphore(self.limit)
            return self._semaphores[host]

    @contextmanager
    def slot(self, host, wait=60.0):
        semaphore = self._semaphore(host)
        if not semaphore.acquire(timeout=wait):
            raise HostBusy(host, wait)
        try:
            yield
        finally:
            semaphore.release()


class RedisHostLimiter:
    """Slots per host shared by every process that uses the same Redis."""

    def __init__(self, redis_url, limit=2, hold_seconds=60.0, prefix="talks_tracker:host-slots:"):
        import redis

        self.client = redis.Redis.from_url(redis_url, socket_timeout=5, socket_connect_timeout=5)
        self.limit = limit
        self.hold_ms = int(hold_seconds * 1000)
        self.prefix = prefix
        self._acquire = self.client.register_script(_ACQUIRE)

    def _key(self, host):
        return f"{self.prefix}{host}"

    def try_acquire(self, host):
        token = uuid.uuid4().hex
        now = int(time.time() * 1000)
        got = self._acquire(keys=[self._key(host)], args=[now, now + self.hold_ms, self.limit, token])
        return token if got else None

    def release(self, host, token):
        self.client.zrem(self._key(host), token)

    @contextmanager
    def slot(self, host, wait=60.0):
        deadline = time.monotonic() + wait
        delay = 0.02
        while True:
            token = self.try_acquire(host)
            if token:
                break
            if time.monotonic() >= deadline:
                raise HostBusy(host, wait)
            time.sleep(delay)
            delay = min(delay * 1.5, 0.5)
        try:
            yield
        finally:
            self.release(host, token)


_limiter = None
_limiter_config = None
_limiter_lock = threading.Lock()


def get_limiter(redis_url="", limit=2, hold_seconds=60.0):
    """The process's limiter for this configuration (Redis when a URL is given)."""
    global _limiter, _limiter_config
    config = (redis_url, limit, hold_seconds)
    with _limiter_lock:
        if _limiter is None or _limiter_config != config:
            if redis_url:
                _limiter = RedisHostLimiter(redis_url, limit=limit, hold_seconds=hold_seconds)
            else:
                _limiter = LocalHostLimiter(limit=limit)
            _limiter_config = config
        return _limiter
