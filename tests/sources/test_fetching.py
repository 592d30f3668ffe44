"""The HTTP client against a real local server: statuses, limits, redirects, the SSRF guard, politeness."""

import gzip
import ipaddress
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import brotli
import pytest

from sources import fetching
from sources.fetching import BlockedAddress
from sources.fetching import FetchError
from sources.fetching import address_allowed
from sources.fetching import check_url
from sources.fetching import fetch
from tests.conftest import run_in_threads

from .conftest import ScriptedServer

ROOT = Path(__file__).resolve().parents[2]
FEED = b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title></channel></rss>'


@pytest.fixture
def open_guard(allow_private):
    """Loopback allowed, as in the demo and tests (FEEDS_ALLOW_PRIVATE_NETWORKS=1)."""
    return allow_private


@pytest.fixture
def public_stand_in(monkeypatch, settings):
    """The guard on (no private networks), with 127.0.0.2 standing in for a public web
    server: every other loopback, private and link-local address keeps the real rules."""
    settings.FEEDS_ALLOW_PRIVATE_NETWORKS = False
    real = fetching.address_allowed
    stand_in = ipaddress.ip_address("127.0.0.2")

    def allowed(ip, allow_private):
        if isinstance(ip, str):
            ip = ipaddress.ip_address(ip.split("%")[0])
        return ip == stand_in or real(ip, allow_private)

    monkeypatch.setattr(fetching, "address_allowed", allowed)
    with ScriptedServer(host="127.0.0.2") as server:
        yield server


def test_ok_sends_user_agent_encodings_and_conditional_headers(server, open_guard):
    server.reply("/feed.xml", FEED, headers={"ETag": '"v1"'})
    result = fetch(server.url("feed.xml"), etag='"v0"', last_modified="Sat, 12 Apr 2025 09:00:00 GMT")
    assert result.status == 200 and result.content == FEED
    assert result.headers["etag"] == '"v1"'  # headers are case-insensitive
    sent = server.requests_to("/feed.xml")[0]
    assert sent["User-Agent"].startswith("talks_tracker/")
    assert {"gzip", "br"} <= {e.strip() for e in sent["Accept-Encoding"].split(",")}
    assert sent["If-None-Match"] == '"v0"' and sent["If-Modified-Since"].startswith("Sat, 12 Apr")


def test_304_returns_no_body(server, open_guard):
    server.reply("/feed.xml", status=304, headers={"ETag": '"v1"'})
    result = fetch(server.url("feed.xml"), etag='"v1"')
    assert result.not_modified and result.content == b""


@pytest.mark.parametrize("encoding,compress", [("gzip", gzip.compress), ("br", brotli.compress)])
def test_compressed_bodies_are_decoded(server, open_guard, encoding, compress):
    server.reply("/feed.xml", compress(FEED), headers={"Content-Encoding": encoding})
    assert fetch(server.url("feed.xml")).content == FEED


@pytest.mark.parametrize("status", [404, 410, 500])
def test_error_statuses_raise_with_the_status(server, open_guard, status):
    server.reply("/feed.xml", b"no", status=status, content_type="text/plain")
    with pytest.raises(FetchError) as caught:
        fetch(server.url("feed.xml"))
    assert caught.value.status == status and str(status) in str(caught.value)


def test_429_carries_retry_after(server, open_guard):
    server.reply("/feed.xml", b"slow down", status=429, headers={"Retry-After": "3600"})
    with pytest.raises(FetchError) as caught:
        fetch(server.url("feed.xml"))
    assert caught.value.status == 429 and caught.value.retry_after == 3600


def test_retry_after_as_http_date():
    assert fetching.retry_after_seconds("Wed, 21 Oct 2015 07:28:00 GMT") == 0  # in the past
    assert (
        7100
        < fetching.retry_after_seconds(time.strftime("%a, %d %b %Y %H:%M:%S GMT", time.gmtime(time.time() + 7200)))
        <= 7200
    )
    assert fetching.retry_after_seconds("soon") is None


def _no_answer(server):
    server.reply("/feed.xml", FEED, delay=5)


def _slow_drip(server):
    """A byte every 0.1 s never trips a read timeout."""

    @server.route("/feed.xml")
    def drip(handler):
        handler.send_response(200)
        handler.send_header("Content-Type", "application/rss+xml")
        handler.send_header("Content-Length", "100000")
        handler.end_headers()
        for _ in range(100):
            handler.wfile.write(b" ")
            handler.wfile.flush()
            time.sleep(0.1)


@pytest.mark.parametrize("answer", [_no_answer, _slow_drip], ids=["no-answer", "slow-drip"])
def test_slow_answers_are_cut_at_the_total_deadline(server, open_guard, settings, answer):
    settings.FETCH_TOTAL_TIMEOUT = 1
    answer(server)
    started = time.monotonic()
    with pytest.raises(FetchError, match="Timed out"):
        fetch(server.url("feed.xml"))
    assert time.monotonic() - started < 4


def test_oversized_body_declared(server, open_guard, settings):
    settings.FETCH_MAX_BYTES = 1000
    server.reply("/big.xml", b"x" * 5000)
    with pytest.raises(FetchError, match="too large"):
        fetch(server.url("big.xml"))


def test_oversized_body_undeclared_and_compressed(server, open_guard, settings):
    """No Content-Length and a gzip body that inflates past the cap: counted after decoding."""
    settings.FETCH_MAX_BYTES = 100_000

    @server.route("/bomb.xml")
    def bomb(handler):
        body = gzip.compress(b"\0" * 10_000_000)  # 10 MB of zeros in ~10 kB
        handler.send_response(200)
        handler.send_header("Content-Encoding", "gzip")
        handler.send_header("Connection", "close")
        handler.end_headers()
        handler.wfile.write(body)
        handler.close_connection = True

    with pytest.raises(FetchError, match="too large"):
        fetch(server.url("bomb.xml"))


def test_redirects_are_followed_with_relative_locations(server, open_guard):
    server.reply("/old.xml", status=301, headers={"Location": "/new.xml"})
    server.reply("/new.xml", FEED)
    result = fetch(server.url("old.xml"))
    assert result.url == server.url("new.xml") and result.content == FEED


def test_redirect_loop(server, open_guard):
    server.reply("/a", status=302, headers={"Location": "/b"})
    server.reply("/b", status=302, headers={"Location": "/a"})
    with pytest.raises(FetchError, match="Redirect loop"):
        fetch(server.url("a"))


def test_too_many_redirects(server, open_guard):
    for i in range(8):
        server.reply(f"/r{i}", status=307, headers={"Location": f"/r{i + 1}"})
    with pytest.raises(FetchError, match="Too many redirects"):
        fetch(server.url("r0"))
    assert len(server.script.requests) == 6  # the first request and five redirects


# --- The SSRF guard -------------------------------------------------------------


@pytest.mark.parametrize(
    "address,private_ok,expected",
    [
        ("93.184.216.34", False, True),
        ("2606:4700::1111", False, True),
        ("127.0.0.1", False, False),
        ("127.0.0.1", True, True),
        ("::1", False, False),
        ("::1", True, True),  # issue 12 defect 10: IPv6 loopback is loopback, not "reserved"
        ("fd00::1", True, True),
        ("::ffff:127.0.0.1", True, True),
        ("::2", True, False),  # the rest of ::/8 stays refused
        ("10.1.2.3", False, False),
        ("10.1.2.3", True, True),
        ("172.16.0.9", False, False),
        ("192.168.1.1", False, False),
        ("fd00::1", False, False),
        ("::ffff:127.0.0.1", False, False),
        ("169.254.169.254", False, False),
        ("169.254.169.254", True, False),  # cloud metadata: never, whatever the setting
        ("fe80::1", True, False),
        ("224.0.0.1", True, False),
        ("0.0.0.0", True, False),
        ("::", True, False),
        ("240.0.0.1", True, False),
    ],
)
def test_address_rules(address, private_ok, expected):
    assert address_allowed(address, private_ok) is expected


def test_guard_refuses_loopback_names_and_other_schemes(settings):
    settings.FEEDS_ALLOW_PRIVATE_NETWORKS = False
    with pytest.raises(BlockedAddress):
        check_url("http://localhost:8000/feed.xml")
    with pytest.raises(BlockedAddress):
        check_url("http://[::1]/feed.xml")
    with pytest.raises(BlockedAddress, match="Only http"):
        check_url("file:///etc/passwd", allow_private=True)
    with pytest.raises(BlockedAddress, match="Only http"):
        check_url("gopher://127.0.0.1/", allow_private=True)


def test_guard_on_refuses_a_loopback_feed(server, settings):
    settings.FEEDS_ALLOW_PRIVATE_NETWORKS = False
    server.reply("/feed.xml", FEED)
    with pytest.raises(BlockedAddress):
        fetch(server.url("feed.xml"))
    assert server.script.requests == []  # refused before connecting


def test_guard_on_refuses_a_redirect_to_127_0_0_1(public_stand_in, server):
    """A "public" server redirects to a loopback one: the redirect is refused, the target never asked."""
    public_stand_in.reply("/feed.xml", status=302, headers={"Location": server.url("secret")})
    server.reply("/secret", b"internal")
    with pytest.raises(BlockedAddress, match="127.0.0.1"):
        fetch(public_stand_in.url("feed.xml"))
    assert len(public_stand_in.requests_to("/feed.xml")) == 1
    assert server.script.requests == []


def test_guard_off_follows_the_redirect_to_127_0_0_1(server, open_guard):
    server.reply("/feed.xml", status=302, headers={"Location": server.url("internal.xml")})
    server.reply("/internal.xml", FEED)
    assert fetch(server.url("feed.xml")).content == FEED


@pytest.mark.parametrize("private_ok", [False, True])
def test_redirect_to_metadata_address_is_always_refused(public_stand_in, settings, private_ok):
    settings.FEEDS_ALLOW_PRIVATE_NETWORKS = private_ok
    public_stand_in.reply("/feed.xml", status=302, headers={"Location": "http://169.254.169.254/latest/meta-data/"})
    with pytest.raises(BlockedAddress, match="169.254.169.254"):
        fetch(public_stand_in.url("feed.xml"))


def test_connected_address_is_checked_too(server, settings, monkeypatch):
    """If DNS answered differently at connect time than at the check (rebinding), the
    address actually connected to is refused."""
    settings.FEEDS_ALLOW_PRIVATE_NETWORKS = False
    server.reply("/feed.xml", FEED)
    monkeypatch.setattr(fetching, "check_url", lambda url, allow_private=None: None)
    with pytest.raises(BlockedAddress, match="connected to 127.0.0.1"):
        fetch(server.url("feed.xml"))
    assert server.script.requests == []


def test_environment_variable_switches_the_guard():
    code = "from django.conf import settings; print(settings.FEEDS_ALLOW_PRIVATE_NETWORKS)"
    outputs = {}
    for value in ("1", "0"):
        env = {**os.environ, "FEEDS_ALLOW_PRIVATE_NETWORKS": value, "DJANGO_SETTINGS_MODULE": "talks_tracker.settings"}
        proc = subprocess.run(
            [sys.executable, "-c", "import django; django.setup(); " + code],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
        outputs[value] = proc.stdout.strip()
    assert outputs == {"1": "True", "0": "False"}


# --- Politeness ----------------------------------------------------------------


def _slow_route(server, path, seconds=0.3):
    @server.route(path)
    def slow(handler):
        time.sleep(seconds)
        handler.send(200, FEED, {"Content-Type": "application/rss+xml"})


def test_no_more_than_two_requests_at_once_to_one_host(server, open_guard, settings):
    settings.REDIS_URL = ""  # the in-process limiter
    _slow_route(server, "/slow.xml")
    run_in_threads(*[lambda: fetch(server.url("slow.xml"))] * 6, timeout=30)
    assert len(server.requests_to("/slow.xml")) == 6
    assert server.script.max_in_flight == 2


def _two_slow_fetches(server, *, seconds, settle):
    """Two fetches of a slow page in threads (the host's limit), started and given `settle` s to begin."""
    _slow_route(server, "/slow.xml", seconds=seconds)
    threads = [threading.Thread(target=fetch, args=(server.url("slow.xml"),)) for _ in range(2)]
    for t in threads:
        t.start()
    time.sleep(settle)
    return threads


def test_other_hosts_are_not_held_up(server, open_guard, settings):
    """The limit is per host: a slow host with two requests in flight does not block another."""
    settings.REDIS_URL = ""
    threads = _two_slow_fetches(server, seconds=1.0, settle=0.2)
    with ScriptedServer(host="127.0.0.3") as other:
        other.reply("/feed.xml", FEED)
        started = time.monotonic()
        fetch(other.url("feed.xml"))
        assert time.monotonic() - started < 0.9
    for t in threads:
        t.join(10)


def test_busy_host_raises_after_the_wait(server, open_guard, settings):
    settings.REDIS_URL = ""
    threads = _two_slow_fetches(server, seconds=1.5, settle=0.3)
    with pytest.raises(fetching.HostBusyError):
        fetch(server.url("slow.xml"), host_wait=0.2)
    for t in threads:
        t.join(10)


WORKER = """
import sys, threading, time, requests
from sources.politeness import RedisHostLimiter
redis_url, host, url = sys.argv[1:4]
limiter = RedisHostLimiter(redis_url, limit=2, hold_seconds=30, prefix=sys.argv[4])
def one():
    with limiter.slot(host, wait=30):
        requests.get(url, timeout=10)
threads = [threading.Thread(target=one) for _ in range(3)]
[t.start() for t in threads]
[t.join() for t in threads]
print("done")
"""


@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs REDIS_URL (CI sets it)")
def test_redis_limit_holds_across_processes(server, tmp_path):
    """Three processes with three threads each: never more than two requests in flight to the host."""
    _slow_route(server, "/slow.xml", seconds=0.25)
    prefix = f"test-slots-{os.getpid()}-{time.time_ns()}:"
    script = tmp_path / "worker.py"
    script.write_text(WORKER)
    procs = [
        subprocess.Popen(
            [sys.executable, str(script), os.environ["REDIS_URL"], "127.0.0.1", server.url("slow.xml"), prefix],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        for _ in range(3)
    ]
    outputs = [p.communicate(timeout=60) for p in procs]
    assert all(out.strip() == "done" for out, _ in outputs), outputs
    assert len(server.requests_to("/slow.xml")) == 9
    assert server.script.max_in_flight == 2


@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs REDIS_URL (CI sets it)")
def test_redis_slot_of_a_dead_holder_expires():
    from sources.politeness import RedisHostLimiter

    limiter = RedisHostLimiter(
        os.environ["REDIS_URL"], limit=1, hold_seconds=0.3, prefix=f"test-expiry-{time.time_ns()}:"
    )
    assert limiter.try_acquire("dead.test")  # never released, as if the worker died
    assert limiter.try_acquire("dead.test") is None
    time.sleep(0.4)
    assert limiter.try_acquire("dead.test")


@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs REDIS_URL (CI sets it)")
def test_fetch_uses_redis_when_configured(server, open_guard, settings):
    settings.REDIS_URL = os.environ["REDIS_URL"]
    assert isinstance(fetching.host_limiter(), fetching.get_limiter.__globals__["RedisHostLimiter"])
    server.reply("/feed.xml", FEED)
    assert fetch(server.url("feed.xml")).content == FEED


def test_an_unreachable_redis_falls_back_to_the_in_process_limit(server, open_guard, settings):
    """Redis down (nothing listens on that port): fetching goes on, limited within the process."""
    import socket as socket_module

    with socket_module.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        free_port = probe.getsockname()[1]
    settings.REDIS_URL = f"redis://127.0.0.1:{free_port}/0"
    server.reply("/feed.xml", FEED)
    assert fetch(server.url("feed.xml")).content == FEED


def test_ipv6_loopback_feed_is_polled_when_private_networks_are_allowed(settings, db):
    """Issue 12 defect 10: FEEDS_ALLOW_PRIVATE_NETWORKS=1 lets a feed on [::1] in, as the README says."""
    from sources.models import Article
    from sources.services import create_feed
    from sources.services import poll_feed

    from .conftest import ScriptedServer
    from .conftest import fixture_bytes

    with ScriptedServer("::1") as v6:
        v6.reply("/feed.xml", fixture_bytes("wire-outlet-b.xml"))
        feed = create_feed(v6.url("/feed.xml"))
        assert feed.url.startswith("http://[::1]:")
        settings.FEEDS_ALLOW_PRIVATE_NETWORKS = True
        result = poll_feed(feed)
        assert result.error == "" and Article.objects.filter(feed=feed).count() == result.entries > 0
        settings.FEEDS_ALLOW_PRIVATE_NETWORKS = False
        with pytest.raises(BlockedAddress, match="non-public"):
            fetch(v6.url("/feed.xml"))
    assert len(v6.requests_to("/feed.xml")) == 1  # the refused fetch never connected
