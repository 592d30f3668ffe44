"""The one HTTP client for feeds and pages.

feedparser and trafilatura never fetch by themselves: they have no timeouts
or size caps. Here every request has:

- a connect timeout and a total deadline; a watchdog shuts the sockets down
  when the deadline passes, so a server that drips bytes cannot hold a worker;
- a streamed body capped in (decoded) bytes, gzip, deflate and br accepted;
- redirects followed by hand (at most FETCH_MAX_REDIRECTS), the SSRF guard
  applied to every hop, once on the resolved addresses before connecting and
  once more on the address actually connected to (so a DNS answer that changes
  between the two, "DNS rebinding", is still refused);
- conditional GET headers (ETag, Last-Modified);
- at most FETCH_HOST_CONCURRENCY requests in flight to one host, across worker
  processes when Redis is configured (see politeness.py).
"""

import ipaddress
import logging
import socket
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from dataclasses import field
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin
from urllib.parse import urlsplit

import requests
from django.conf import settings
from requests.adapters import HTTPAdapter
from requests.structures import CaseInsensitiveDict
from urllib3.connection import HTTPConnection
from urllib3.connection import HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool
from urllib3.connectionpool import HTTPSConnectionPool

from .politeness import HostBusy
from .politeness import LocalHostLimiter
from .politeness import get_limiter

logger = logging.getLogger(__name__)

try:  # br is decoded by urllib3 only when a Brotli package is installed
    import brotli  # noqa: F401

    ACCEPT_ENCODING = "gzip, deflate, br"
except ImportError:  # pragma: no cover - brotli is in requirements.txt
    ACCEPT_ENCODING = "gzip, deflate"

REDIRECT_STATUSES = (301, 302, 303, 307, 308)
CHUNK_BYTES = 16 * 1024


class FetchError(Exception):
    """A fetch that failed for a reason worth showing to an editor."""

    def __init__(self, message, status=None, retry_after=None):
        super().__init__(message)
        self.status = status
        self.retry_after = retry_after


class BlockedAddress(FetchError):
    pass


class HostBusyError(FetchError):
    """The host already has its share of requests in flight; try again shortly."""


@dataclass
class FetchResult:
    url: str
    status: int
    content: bytes = b""
    headers: CaseInsensitiveDict = field(default_factory=CaseInsensitiveDict)

    @property
    def not_modified(self):
        return self.status == 304


# --- The address guard ---------------------------------------------------------

_LINK_LOCAL = ipaddress.ip_network("169.254.0.0/16")
_LINK_LOCAL_V6 = ipaddress.ip_network("fe80::/10")


def address_allowed(ip, allow_private):
    """Whether a connection to this IP address may be made."""
    if isinstance(ip, str):
        ip = ipaddress.ip_address(ip.split("%")[0])
    if ip.version == 6 and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    if ip in _LINK_LOCAL or ip in _LINK_LOCAL_V6 or ip.is_link_local:
        return False  # cloud metadata lives here: never allowed
    if ip.is_loopback:
        # Before is_reserved: ::1 lies in the reserved ::/8, yet it is loopback like 127.0.0.1.
        return allow_private
    if ip.is_multicast or ip.is_unspecified or ip.is_reserved:
        return False
    if ip.is_private:
        return allow_private
    return ip.is_global


def _allow_private(value):
    return settings.FEEDS_ALLOW_PRIVATE_NETWORKS if value is None else value


def check_url(url, allow_private=None):
    """Refuse URLs that are not http(s) or whose host resolves to a forbidden address."""
    allow_private = _allow_private(allow_private)
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise BlockedAddress(f"Only http and https URLs can be fetched, not {parts.scheme or 'none'!r}.")
    host = parts.hostname
    if not host:
        raise BlockedAddress("The URL has no host.")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as exc:
        raise BlockedAddress(f"Bad port in {url!r}.") from exc
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(f"Cannot resolve {host}: {exc}") from exc
    for info in infos:
        ip = info[4][0]
        if not address_allowed(ip, allow_private):
            raise BlockedAddress(f"{host} resolves to {ip}, a non-public address; refused.")


# Per-thread state of the fetch in progress: which address policy applies and
# which sockets the deadline watchdog must shut down.
_current = threading.local()


class _Deadline:
    def __init__(self, seconds):
        self.seconds = seconds
        self.expired = False
        self.started_at = None
        self._sockets = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True

    def start(self):
        """Start the clock (once: later hops share the first hop's deadline)."""
        if self.started_at is None:
            self.started_at = time.monotonic()
            self._timer.start()

    def remaining(self):
        if self.started_at is None:
            return self.seconds
        return self.seconds - (time.monotonic() - self.started_at)

    def cancel(self):
        self._timer.cancel()

    def register(self, sock):
        with self._lock:
            if self.expired:
                sock.close()
                raise TimeoutError("fetch deadline passed")
            self._sockets.append(sock)

    def _expire(self):
        with self._lock:
            self.expired = True
            for sock in self._sockets:
                try:
                    sock.shutdown(socket.SHUT_RDWR)  # wakes a recv() blocked in another thread
                except OSError:
                    pass


class _GuardedConnectionMixin:
    """Checks the address a socket actually connected to, and hands the socket to the watchdog."""

    def _new_conn(self):
        sock = super()._new_conn()
        allow_private = getattr(_current, "allow_private", False)
        try:
            peer = sock.getpeername()[0]
        except OSError:
            peer = None
        if peer is None or not address_allowed(peer, allow_private):
            sock.close()
            raise BlockedAddress(f"{self.host} connected to {peer}, a non-public address; refused.")
        deadline = getattr(_current, "deadline", None)
        if deadline is not None:
            deadline.register(sock)
        return sock


class _GuardedHTTPConnection(_GuardedConnectionMixin, HTTPConnection):
    pass


class _GuardedHTTPSConnection(_GuardedConnectionMixin, HTTPSConnection):
    pass


class _GuardedHTTPPool(HTTPConnectionPool):
    ConnectionCls = _GuardedHTTPConnection


class _GuardedHTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _GuardedHTTPSConnection


class _GuardedAdapter(HTTPAdapter):
    def init_poolmanager(self, *args, **kwargs):
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = {"http": _GuardedHTTPPool, "https": _GuardedHTTPSPool}


# --- Per-host politeness ------------------------------------------------------

_local_fallback = LocalHostLimiter()


def host_limiter():
    limit = getattr(settings, "FETCH_HOST_CONCURRENCY", 2)
    hold = settings.FETCH_TOTAL_TIMEOUT + 15  # a dead worker's slot frees itself after this
    return get_limiter(getattr(settings, "REDIS_URL", ""), limit=limit, hold_seconds=hold)


@contextmanager
def host_slot(host, wait):
    """Hold one of the host's slots for the duration of the block."""
    import redis

    slot = host_limiter().slot(host, wait=wait)
    try:
        try:
            slot.__enter__()
        except redis.RedisError as exc:
            # Redis is down: keep fetching, polite within this process at least.
            logger.warning("host limiter unavailable (%s); using the in-process one", exc)
            slot = _local_fallback.slot(host, wait=wait)
            slot.__enter__()
    except HostBusy as exc:
        raise HostBusyError(str(exc)) from exc
    try:
        yield
    finally:
        try:
            slot.__exit__(None, None, None)
        except redis.RedisError as exc:  # the slot expires by itself
            logger.warning("could not release a host slot (%s)", exc)


# --- Fetch --------------------------------------------------------------------


def fetch(url, etag="", last_modified="", accept="*/*", max_bytes=None, allow_private=None, host_wait=None):
    """GET url with the guard, deadline, size cap, politeness and manual redirects."""
    max_bytes = max_bytes or settings.FETCH_MAX_BYTES
    total = settings.FETCH_TOTAL_TIMEOUT
    headers = {"User-Agent": settings.FETCH_USER_AGENT, "Accept": accept, "Accept-Encoding": ACCEPT_ENCODING}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    allow_private = _allow_private(allow_private)
    host_wait = total if host_wait is None else host_wait
    seen = set()
    deadline = _Deadline(total)
    _current.allow_private = allow_private
    _current.deadline = deadline
    try:
        with requests.Session() as session:
            session.trust_env = False  # no proxies or .netrc from the environment
            session.mount("http://", _GuardedAdapter())
            session.mount("https://", _GuardedAdapter())
            for _ in range(settings.FETCH_MAX_REDIRECTS + 1):
                check_url(url, allow_private)
                if url in seen:
                    raise FetchError(f"Redirect loop at {url}.")
                seen.add(url)
                # The slot is taken before the clock starts, so waiting for a busy host is not a timeout.
                with host_slot(urlsplit(url).hostname.lower(), wait=host_wait):
                    deadline.start()
                    result = _get_once(session, url, headers, deadline, max_bytes)
                if result.status in REDIRECT_STATUSES:
                    location = result.headers.get("Location")
                    if not location:
                        raise FetchError(f"Redirect without Location from {url}.", status=result.status)
                    url = urljoin(url, location.strip())
                    continue
                return result
    finally:
        deadline.cancel()
        _current.deadline = None
    raise FetchError(f"Too many redirects (more than {settings.FETCH_MAX_REDIRECTS}).")


def _timed_out(deadline):
    return FetchError(f"Timed out (the whole fetch may take {deadline.seconds:g} s).")


def _get_once(session, url, headers, deadline, max_bytes):
    remaining = deadline.remaining()
    if remaining <= 0 or deadline.expired:
        raise _timed_out(deadline)
    try:
        response = session.get(
            url,
            headers=headers,
            timeout=(min(settings.FETCH_CONNECT_TIMEOUT, remaining), remaining),
            allow_redirects=False,
            stream=True,
        )
    except requests.Timeout as exc:
        raise _timed_out(deadline) if deadline.expired else FetchError(f"Timed out: {exc}") from exc
    except requests.RequestException as exc:
        if deadline.expired:
            raise _timed_out(deadline) from exc
        raise FetchError(f"Connection failed: {exc}") from exc
    with response:
        status = response.status_code
        response_headers = CaseInsensitiveDict(response.headers)
        if status in REDIRECT_STATUSES or status == 304:
            return FetchResult(url=url, status=status, headers=response_headers)
        if status >= 400:
            raise FetchError(
                f"HTTP {status} from {url}.",
                status=status,
                retry_after=retry_after_seconds(response.headers.get("Retry-After")),
            )
        declared = response.headers.get("Content-Length", "").strip()
        if declared.isdigit() and int(declared) > max_bytes:
            raise FetchError(f"Response too large ({declared} bytes, cap {max_bytes}).")
        body = bytearray()
        try:
            # read1 returns as soon as some bytes arrive, so the deadline is checked often.
            while True:
                chunk = response.raw.read1(CHUNK_BYTES, decode_content=True)
                if not chunk:
                    break
                body.extend(chunk)
                if len(body) > max_bytes:
                    raise FetchError(f"Response too large (over {max_bytes} bytes).")
                if deadline.expired:
                    raise _timed_out(deadline)
        except FetchError:
            raise
        except Exception as exc:  # urllib3 and socket errors while streaming
            if deadline.expired:
                raise _timed_out(deadline) from exc
            raise FetchError(f"Reading the body failed: {exc}") from exc
        if deadline.expired:  # the watchdog cut the body short
            raise _timed_out(deadline)
        return FetchResult(url=url, status=status, content=bytes(body), headers=response_headers)


def retry_after_seconds(value):
    """Seconds from a Retry-After header (delta-seconds or HTTP date), or None."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return int(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when is None:
        return None
    return max(0, int(when.timestamp() - time.time()))
