"""Fixed-window counters in Django's cache (Redis when REDIS_URL is set, so
every web process shares them; per-process memory otherwise). With Redis down
the cache itself counts in process memory (talks_tracker.cache); should any
other cache error reach here, the limit fails open with a log line rather
than refusing every sign-up."""

import hashlib
import ipaddress
import logging

from django.conf import settings
from django.core.cache import cache

logger = logging.getLogger(__name__)


def allow(bucket, limit, window):
    """Count one hit in `bucket`; False once more than `limit` hits fell in the window."""
    try:
        return _count(bucket, limit, window)
    except Exception as exc:
        logger.warning("rate limit not counted (cache error: %s): allowed", exc)
        return True


def _count(bucket, limit, window):
    key = "digests:rl:" + hashlib.sha256(bucket.encode()).hexdigest()[:32]
    if cache.add(key, 1, timeout=window):
        return limit >= 1
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.set(key, 1, timeout=window)
        count = 1
    return count <= limit


def client_ip(request):
    """REMOTE_ADDR, or the address DIGEST_TRUSTED_PROXIES hops back in
    X-Forwarded-For when the site runs behind that many proxies we trust.
    IPv6 clients are counted per /64, which one host usually controls."""
    address = request.META.get("REMOTE_ADDR", "")
    hops = settings.DIGEST_TRUSTED_PROXIES
    if hops:
        forwarded = [p.strip() for p in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if p.strip()]
        if len(forwarded) >= hops:
            address = forwarded[-hops]
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address or "unknown"
    if ip.version == 6:
        if ip.ipv4_mapped:
            return str(ip.ipv4_mapped)
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)
