"""The one HTTP client for feeds and pages.

feedparser and trafilatura never fetch by themselves: they have no timeouts
or size caps. Here every request has connect and total timeouts, a streamed
body capped in bytes, redirects followed by hand (at most FETCH_MAX_REDIRECTS)
with the SSRF guard applied to every hop, and conditional GET headers.
"""
import ipaddress
import socket
import time
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import requests
from django.conf import settings


class FetchError(Exception):
    """A fetch that failed for a reason worth showing to an editor."""

    def __init__(self, message, status=None, retry_after=None):
        super().__init__(message)
        self.status = status
        self.retry_after = retry_after


class BlockedAddress(FetchError):
    pass


@dataclass
class FetchResult:
    url: str
    status: int
    content: bytes = b""
    headers: dict = field(default_factory=dict)

    @property
    def not_modified(self):
        return self.status == 304


_LINK_LOCAL = ipaddress.ip_network("169.254.0.0/16")
_LINK_LOCAL_V6 = ipaddress.ip_network("fe80::/10")


def _address_allowed(ip, allow_private):
    if ip.version == 6 and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    if ip in _LINK_LOCAL or ip in _LINK_LOCAL_V6 or ip.is_link_local:
        return False  # cloud metadata lives here: never allowed
    if ip.is_multicast or ip.is_unspecified or ip.is_reserved:
        return False
    if ip.is_loopback or ip.is_private:
        return allow_private
    return ip.is_global


def check_url(url, allow_private=None):
    """Refuse URLs that are not http(s) or whose host resolves to a forbidden address."""
    if allow_private is None:
        allow_private = settings.FEEDS_ALLOW_PRIVATE_NETWORKS
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise BlockedAddress(f"Only http and https URLs can be fetched, not {parts.scheme or 'none'!r}.")
    host = parts.hostname
    if not host:
        raise BlockedAddress("The URL has no host.")
    try:
        infos = socket.getaddrinfo(host, parts.port or (443 if parts.scheme == "https" else 80), type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise FetchError(f"Cannot resolve {host}: {exc}") from exc
    for info in infos:
        ip = ipaddress.ip_address(info[4][0].split("%")[0])
        if not _address_allowed(ip, allow_private):
            raise BlockedAddress(f"{host} resolves to {ip}, a non-public address; refused.")


def fetch(url, etag="", last_modified="", accept="*/*", max_bytes=None, allow_private=None):
    """GET url with the guard, timeouts, size cap and manual redirects."""
    max_bytes = max_bytes or settings.FETCH_MAX_BYTES
    headers = {"User-Agent": settings.FETCH_USER_AGENT, "Accept": accept, "Accept-Encoding": "gzip, deflate"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    deadline = time.monotonic() + settings.FETCH_TOTAL_TIMEOUT
    seen = set()
    with requests.Session() as session:
        session.trust_env = False  # no proxies or .netrc from the environment
        for _ in range(settings.FETCH_MAX_REDIRECTS + 1):
            check_url(url, allow_private)
            if url in seen:
                raise FetchError(f"Redirect loop at {url}.")
            seen.add(url)
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise FetchError("Timed out.")
            try:
                response = session.get(
                    url,
                    headers=headers,
                    timeout=(settings.FETCH_CONNECT_TIMEOUT, min(remaining, settings.FETCH_TOTAL_TIMEOUT)),
                    allow_redirects=False,
                    stream=True,
                )
            except requests.Timeout as exc:
                raise FetchError(f"Timed out: {exc}") from exc
            except requests.RequestException as exc:
                raise FetchError(f"Connection failed: {exc}") from exc
            with response:
                if response.is_redirect or response.status_code in (301, 302, 303, 307, 308):
                    location = response.headers.get("Location")
                    if not location:
                        raise FetchError(f"Redirect without Location from {url}.", status=response.status_code)
                    url = urljoin(url, location)
                    continue
                if response.status_code == 304:
                    return FetchResult(url=url, status=304, headers=dict(response.headers))
                if response.status_code >= 400:
                    raise FetchError(
                        f"HTTP {response.status_code} from {url}.",
                        status=response.status_code,
                        retry_after=_retry_after(response.headers.get("Retry-After")),
                    )
                declared = response.headers.get("Content-Length")
                if declared and declared.isdigit() and int(declared) > max_bytes:
                    raise FetchError(f"Response too large ({declared} bytes, cap {max_bytes}).")
                body = bytearray()
                try:
                    for chunk in response.iter_content(chunk_size=65536):
                        body.extend(chunk)
                        if len(body) > max_bytes:
                            raise FetchError(f"Response too large (over {max_bytes} bytes).")
                        if time.monotonic() > deadline:
                            raise FetchError("Timed out while reading the body.")
                except requests.RequestException as exc:
                    raise FetchError(f"Reading the body failed: {exc}") from exc
                return FetchResult(url=url, status=response.status_code, content=bytes(body), headers=dict(response.headers))
    raise FetchError(f"Too many redirects (more than {settings.FETCH_MAX_REDIRECTS}).")


def _retry_after(value):
    """Seconds from a Retry-After header (delta-seconds or HTTP date), or None."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return int(value)
    from email.utils import parsedate_to_datetime

    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0, int(when.timestamp() - time.time()))
