"""A fixed-window counter per client address for the readers' report form, in Django's cache
(Redis when configured, so every web process shares it). Fails open on a cache error: a reader's
note is worth more than a perfect count."""

import hashlib
import ipaddress
import logging

from django.conf import settings
from django.core.cache import cache

logger = logging.getLogger(__name__)


def allow(bucket: str, limit: int, window: int) -> bool:
    key = "desk:rl:" + hashlib.sha256(bucket.encode()).hexdigest()[:32]
    try:
        if cache.add(key, 1, timeout=window):
            return limit >= 1
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add() and incr()
            cache.set(key, 1, timeout=window)
            count = 1
    except Exception as exc:
        logger.warning("report rate limit not counted (cache error: %s): allowed", exc)
        return True
    return count <= limit


def client_ip(request) -> str:
    """REMOTE_ADDR, or the address the trusted proxies (DIGEST_TRUSTED_PROXIES hops, the site's one
    proxy setting) saw; IPv6 per /64."""
    address = request.META.get("REMOTE_ADDR", "")
    hops = getattr(settings, "DIGEST_TRUSTED_PROXIES", 0)
    if hops:
        forwarded = [p.strip() for p in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if p.strip()]
        if len(forwarded) >= hops:
            address = forwarded[-hops]
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address or "unknown"
    if ip.version == 6:
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)
