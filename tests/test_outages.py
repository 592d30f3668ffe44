"""Services going away while the site serves (issue 12, defects 2 and 8).

Redis: a PRIVATE redis-server started on a free port by the test and killed by
it (never the shared one), with production-like settings (DEBUG off, public
pages cached). PostgreSQL: only this test database's own sessions are
terminated, with pg_terminate_backend.
"""

import contextlib
import logging
import shutil
import socket
import subprocess
import time

import pytest
import redis
from django.core.cache import cache
from django.db import connection
from django.test import Client

from talks_tracker.celery import app as celery_app

from .public_site import event_urls
from .public_site import make_public_site

REDIS_SERVER = shutil.which("redis-server")
APP_NAME = "tt-outage-test-gunicorn"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PrivateRedis:
    """redis-server of our own on a free port, no persistence; stop() kills it."""

    def __init__(self, port=None):
        self.port = port or free_port()
        self.proc = None

    def start(self):
        self.proc = subprocess.Popen(
            [REDIS_SERVER, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        client = redis.Redis(port=self.port)
        deadline = time.monotonic() + 10
        while True:
            try:
                client.ping()
                return self
            except redis.exceptions.ConnectionError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.05)

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(timeout=10)

    def keys(self):
        return redis.Redis(port=self.port).dbsize()

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"


@pytest.fixture
def private_redis():
    if not REDIS_SERVER:
        pytest.skip("redis-server is not installed")
    server = PrivateRedis().start()
    yield server
    server.stop()


@pytest.fixture
def site_data(db):
    return make_public_site()


def public_urls(track):
    return [*event_urls(track), "/subscribe/"]


def subscribe(client, track, n):
    return client.post(
        "/subscribe/",
        {
            "email": f"reader{n}@example.org",
            "tracks": [track.id],
            "frequency": "weekly",
            "hour": "7",
            "weekday": "4",
            "timezone_name": "UTC",
        },
        REMOTE_ADDR="203.0.113.9",
    )


class RecordList(logging.Handler):
    def __init__(self):
        super().__init__(logging.DEBUG)
        self.messages = []

    def emit(self, record):
        self.messages.append(record.getMessage())


@contextlib.contextmanager
def dead_broker(url):
    """Tasks really published (not run in-process) to a broker that is down, by the
    project's Celery app made the current one (as in a web process)."""
    from celery._state import get_current_app

    conf = celery_app.conf
    previous_app = get_current_app()
    amqp = celery_app.amqp
    # Producers and their pool are cached: an earlier test may hold ones for the real broker.
    saved = conf.task_always_eager, conf.broker_url, celery_app._pool, amqp._producer_pool
    conf.task_always_eager, conf.broker_url, celery_app._pool, amqp._producer_pool = False, url, None, None
    celery_app.set_current()
    try:
        yield
    finally:
        conf.task_always_eager, conf.broker_url, celery_app._pool, amqp._producer_pool = saved
        previous_app.set_current()


@pytest.fixture
def production_cache(settings, private_redis):
    settings.DEBUG = False
    settings.PUBLIC_CACHE_SECONDS = 30
    settings.DIGEST_SUBSCRIBE_LIMIT_PER_IP = 3
    settings.CACHES = {
        "default": {
            "BACKEND": "talks_tracker.cache.FailoverRedisCache",
            "LOCATION": private_redis.url,
            "KEY_PREFIX": "talks_tracker",
            "OPTIONS": {"RETRY_SECONDS": 0.5},
        }
    }
    yield private_redis
    cache.close()


@pytest.mark.django_db
def test_site_serves_every_public_page_with_redis_down(production_cache, site_data, django_capture_on_commit_callbacks):
    redis_server = production_cache
    client = Client(raise_request_exception=False)
    urls = public_urls(site_data)
    for url in urls:
        assert client.get(url).status_code == 200, url
    assert redis_server.keys() > 0  # the pages really were cached in (our) Redis

    redis_server.stop()
    # Our own handlers on the loggers: queuing a task may re-run Django's logging
    # setup, which would drop pytest's caplog handler from the root logger.
    cache_log, digests_log = RecordList(), RecordList()
    logging.getLogger("talks_tracker.cache").addHandler(cache_log)
    logging.getLogger("digests").addHandler(digests_log)
    try:
        check_outage(client, urls, site_data, redis_server, cache_log, digests_log, django_capture_on_commit_callbacks)
    finally:
        logging.getLogger("talks_tracker.cache").removeHandler(cache_log)
        logging.getLogger("digests").removeHandler(digests_log)


def check_outage(client, urls, site_data, redis_server, cache_log, digests_log, django_capture_on_commit_callbacks):
    served = {url: client.get(url).status_code for url in urls}
    served["/?q=vesna (uncached)"] = client.get("/?q=vesna").status_code
    assert set(served.values()) == {200}, served
    # The sign-up form still works; the per-address limit counts in this process. The
    # confirmation mail goes through the broker, which is the same dead Redis here.
    refused = []
    publish = celery_app.amqp.send_task_message

    def counted_publish(*args, **kwargs):
        try:
            return publish(*args, **kwargs)
        except Exception as exc:
            refused.append(exc)
            raise

    celery_app.amqp.send_task_message = counted_publish
    try:
        with dead_broker(redis_server.url), django_capture_on_commit_callbacks(execute=True):
            started = time.monotonic()
            statuses = [subscribe(client, site_data, n).status_code for n in range(4)]
            seconds = time.monotonic() - started
    finally:
        del celery_app.amqp.send_task_message
    assert statuses == [302, 302, 302, 429], statuses
    print("subscribe POSTs with the broker down:", round(seconds, 2), "s")
    assert seconds < 15, seconds
    assert len(refused) == 3  # each confirmation mail really went to the dead broker, and the page still answered
    outage_lines = [m for m in cache_log.messages if "Redis cache unreachable" in m]
    assert len(outage_lines) == 1  # one line per outage, not one per request

    # Redis back on the same port: after RETRY_SECONDS the shared cache is used again.
    redis_server.start()  # the fixture kills it at the end
    time.sleep(0.6)
    assert client.get(f"/tracks/{site_data.slug}/?kind=meeting").status_code == 200
    assert redis_server.keys() > 0
    assert any("reachable again" in m for m in cache_log.messages)


@pytest.mark.django_db
def test_cache_calls_fall_back_to_process_memory(production_cache):
    production_cache.stop()
    cache.set("k", "v", 30)
    assert cache.get("k") == "v"
    assert cache.add("n", 1, 30) is True
    assert cache.incr("n") == 2
    assert cache.get_or_set("x", lambda: "computed", 30) == "computed"


@pytest.mark.django_db(transaction=True)
def test_request_after_database_sessions_were_killed_succeeds(site_data, tmp_path):
    """A real gunicorn (DEBUG off, CONN_MAX_AGE 60) keeps its database connection
    between requests. PostgreSQL then drops it, as a restart does (here: our own
    test database's sessions only, with pg_terminate_backend). The next request
    must succeed: CONN_HEALTH_CHECKS replaces the dead connection first."""
    if connection.vendor != "postgresql":
        pytest.skip("needs a PostgreSQL DATABASE_URL")
    import os
    import sys
    import urllib.request
    from pathlib import Path

    import psycopg

    db = connection.settings_dict
    port = free_port()
    env = {
        **os.environ,
        # Named, so that only this server's sessions are terminated below.
        "DATABASE_URL": f"postgres://{db['USER'] or 'postgres'}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
        f"?application_name={APP_NAME}",
        "DATABASE_CONN_MAX_AGE": "60",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "outage-test-secret-key-not-used-anywhere-else-0123456789",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "PUBLIC_CACHE_SECONDS": "0",
    }
    env.pop("REDIS_URL", None)
    gunicorn = Path(sys.executable).parent / "gunicorn"
    log = open(tmp_path / "gunicorn.log", "w+")
    server = subprocess.Popen(
        [str(gunicorn), "talks_tracker.wsgi", "-b", f"127.0.0.1:{port}", "-w", "1", "--access-logfile", "-"],
        cwd=Path(__file__).resolve().parent.parent,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}/tracks/{site_data.slug}/events.json"  # no template: needs no collectstatic

    def get():
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code

    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                first = get()
                break
            except OSError:
                assert server.poll() is None and time.monotonic() < deadline, "gunicorn did not start"
                time.sleep(0.2)
        assert first == 200
        params = {
            k: v for k, v in connection.get_connection_params().items() if k in ("host", "port", "user", "password")
        }
        with psycopg.connect(dbname="postgres", autocommit=True, **params) as admin:
            # Only the gunicorn's sessions, on OUR test database: never this test
            # process's own connections (other threads keep theirs open too).
            killed = admin.execute(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = %s AND application_name = %s",
                [db["NAME"], APP_NAME],
            ).fetchone()[0]
        assert killed >= 1  # gunicorn's kept connection was there to kill
        after = [get() for _ in range(3)]
        log.seek(0)
        assert after == [200, 200, 200], log.read()[-3000:]
    finally:
        server.terminate()
        server.wait(timeout=20)
        log.close()
