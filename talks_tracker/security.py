"""Hardening a public news site needs beyond Django's defaults: a Content
Security Policy, public views that answer only the methods they serve, the
client address, and the one rate-limit counter (readers' forms on
request.rate_limit; admin logins through django-axes)."""

import hashlib
import ipaddress
import logging
import secrets
from functools import cached_property

from axes.backends import AxesStandaloneBackend
from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django.http import HttpResponseNotAllowed
from django.utils.functional import SimpleLazyObject

logger = logging.getLogger(__name__)

# --- Content-Security-Policy ---------------------------------------------------


def build_policy(directives: dict, nonce: str) -> str:
    parts = []
    for name, sources in directives.items():
        sources = [f"'nonce-{nonce}'" if s == "NONCE" else s for s in sources]
        parts.append(" ".join([name, *sources]) if sources else name)
    return "; ".join(parts)


class ContentSecurityPolicyMiddleware:
    """Sends settings.CONTENT_SECURITY_POLICY on every response that has none.

    Scripts come from this site only; an inline <script> must carry
    nonce="{{ request.csp_nonce }}" (a fresh random value per response, so
    pages holding one must not be cached). Styles allow inline style
    attributes (the activity chart's bars, htmx's indicator style)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.csp_nonce = SimpleLazyObject(lambda: secrets.token_urlsafe(18))
        response = self.get_response(request)
        directives = getattr(settings, "CONTENT_SECURITY_POLICY", None)
        header = (
            "Content-Security-Policy-Report-Only"
            if getattr(settings, "CSP_REPORT_ONLY", False)
            else ("Content-Security-Policy")
        )
        if directives and header not in response:
            response[header] = build_policy(directives, str(request.csp_nonce))
        return response


# --- Methods public views answer ---------------------------------------------

READ_ONLY = ("GET", "HEAD")


class PublicMethodsMiddleware:
    """Public pages, feeds and exports answer GET and HEAD only (405 otherwise,
    before CSRF or the view run); views named in PUBLIC_FORM_VIEWS (the forms
    readers post) may also take POST. The admin and the editors' pages under
    it keep their own rules."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # The readers' forms count their posts here. desk and digests sit below this package and
        # may not import it (import-linter layers), so the counter reaches them on the request.
        request.rate_limit = RateLimit(request)
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is None or match.namespace in getattr(settings, "PUBLIC_METHODS_EXEMPT_NAMESPACES", ("admin",)):
            return None
        allowed = READ_ONLY + (("POST",) if match.view_name in settings.PUBLIC_FORM_VIEWS else ())
        if request.method not in allowed:
            return HttpResponseNotAllowed(allowed)
        return None


# --- Admin login throttling (django-axes) --------------------------------------


class LoginThrottleBackend(AxesStandaloneBackend):
    """django-axes' lockout check for every login through a request (the admin's
    form, the password reset that logs in). Authentication without a request
    (management commands, the test client's login()) has no client to throttle:
    it passes on to the next backend instead of raising."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def login_client_ip(request: HttpRequest) -> str:
    """The client's address for login throttling (one address, not a network)."""
    ip = client_address(request)
    return str(ip) if ip is not None else "0.0.0.0"


# --- Client address and rate limits ---------------------------------------------


def client_address(request: HttpRequest) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    """REMOTE_ADDR, or the address DIGEST_TRUSTED_PROXIES hops back in X-Forwarded-For when the
    site runs behind that many proxies we trust (the site's one proxy setting); an IPv4 address
    mapped into IPv6 as itself; None when there is no valid address."""
    address = request.META.get("REMOTE_ADDR", "")
    hops = getattr(settings, "DIGEST_TRUSTED_PROXIES", 0)
    if hops:
        forwarded = [p.strip() for p in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if p.strip()]
        if len(forwarded) >= hops:
            address = forwarded[-hops]
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return None
    if ip.version == 6 and ip.ipv4_mapped:
        return ip.ipv4_mapped
    return ip


def allow(bucket: str, limit: int, window: int) -> bool:
    """Count one hit in `bucket` (a fixed window of `window` seconds in Django's cache: Redis when
    REDIS_URL is set, so every web process shares it); False once more than `limit` fell in it.
    With Redis down the cache itself counts in process memory (talks_tracker.cache); any other
    cache error fails open with a log line: a reader's sign-up or note is worth more than a count."""
    key = "rl:" + hashlib.sha256(bucket.encode()).hexdigest()[:32]
    try:
        if cache.add(key, 1, timeout=window):
            return limit >= 1
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add() and incr()
            cache.set(key, 1, timeout=window)
            count = 1
    except Exception as exc:
        logger.warning("rate limit not counted (cache error: %s): allowed", exc)
        return True
    return count <= limit


class RateLimit:
    """request.rate_limit: `allow(name, limit, window)` counts per client (IPv6 per /64, which one
    host usually controls); `per_client=False` counts the bucket as named (an email address)."""

    def __init__(self, request: HttpRequest) -> None:
        self.request = request

    @cached_property
    def client(self) -> str:
        ip = client_address(self.request)
        if ip is None:
            return self.request.META.get("REMOTE_ADDR", "") or "unknown"
        if ip.version == 6:
            return str(ipaddress.ip_network(f"{ip}/64", strict=False))
        return str(ip)

    def allow(self, name: str, limit: int, window: int, *, per_client: bool = True) -> bool:
        return allow(f"{name}:{self.client}" if per_client else name, limit, window)
