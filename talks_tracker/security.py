"""Hardening a public news site needs beyond Django's defaults: a Content
Security Policy, public views that answer only the methods they serve, and the
client address used to throttle admin logins (django-axes)."""

import ipaddress
import secrets

from axes.backends import AxesStandaloneBackend
from django.conf import settings
from django.http import HttpResponseNotAllowed
from django.utils.functional import SimpleLazyObject

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


def login_client_ip(request) -> str:
    """The client's address for login throttling: REMOTE_ADDR, or the address
    DIGEST_TRUSTED_PROXIES hops back in X-Forwarded-For behind that many proxies
    (the same rule as the sign-up rate limits, as one address not a network)."""
    address = request.META.get("REMOTE_ADDR", "")
    hops = getattr(settings, "DIGEST_TRUSTED_PROXIES", 0)
    if hops:
        forwarded = [p.strip() for p in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if p.strip()]
        if len(forwarded) >= hops:
            address = forwarded[-hops]
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return "0.0.0.0"
