import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

import pytest
from django.core.cache import cache
from django.db import connection
from django.db import connections

from sources.models import Article
from talks_tracker.celery import app as celery_app

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "sample_data"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def celery_worker_argv(
    queue: str, *, concurrency: int = 1, pool: str = "", loglevel: str = "info", nodename: str = ""
) -> list[str]:
    """The command line of a real Celery worker on a private queue: the solo pool for one process,
    prefork for more, unless `pool` names one; `nodename` (e.g. "q@%h") names it for control.ping."""
    celery = shutil.which("celery", path=str(Path(sys.executable).parent)) or "celery"
    pool = pool or ("solo" if concurrency == 1 else "prefork")
    argv = [celery, "-A", "talks_tracker", "worker", "-Q", queue, "-c", str(concurrency), "-P", pool]
    argv += ["-l", loglevel, "--without-gossip", "--without-mingle"]
    return argv + (["-n", nodename] if nodename else [])


def make_article(url: str, **fields) -> Article:
    """An article stored at `url`, linked as the feed gave it by the same URL."""
    return Article.objects.create(url=url, link=url, **fields)


@pytest.fixture
def empty_cache():
    """The default cache empty when the test starts and emptied again after it (rate limits,
    rendered cards)."""
    cache.clear()
    yield
    cache.clear()


def worker_database_url() -> str:
    """The test database as a URL, for processes started from a test (workers, manage.py)."""
    db = connection.settings_dict
    return f"postgres://{db['USER'] or 'postgres'}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def require_real_worker():
    """Skip (fail under CI_REQUIRE_REAL_WORKER=1) without Redis and PostgreSQL."""
    if os.environ.get("REDIS_URL") and connection.vendor == "postgresql":
        return
    if os.environ.get("CI_REQUIRE_REAL_WORKER") == "1":
        pytest.fail("CI requires REDIS_URL and a PostgreSQL DATABASE_URL for the real-worker tests.")
    pytest.skip("needs REDIS_URL and a PostgreSQL DATABASE_URL (run bash .ci/run)")


def run_in_threads(*targets, timeout: float = 120) -> list:
    """Call each target in a thread of its own, all released at once, and return what they returned
    (in the order given); the test fails with whatever they raised. Each thread closes its database
    connections when done."""
    results: list = [None] * len(targets)
    errors: list[Exception] = []
    barrier = threading.Barrier(len(targets))

    def run(i, target):
        try:
            barrier.wait(timeout)
            results[i] = target()
        except Exception as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, target)) for i, target in enumerate(targets)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout)
    assert not errors, errors
    return results


class CeleryWorker:
    """A real Celery worker process on a private queue against the test database, for `with`;
    tasks sent meanwhile go to its queue. Its log is in log_path."""

    def __init__(self, log_path, *, concurrency: int = 1):
        self.log_path = log_path
        self.concurrency = concurrency
        self.queue = f"test-{uuid.uuid4().hex[:8]}"

    def __enter__(self):
        env = {
            **os.environ,
            "DATABASE_URL": worker_database_url(),
            "DATABASE_CONN_MAX_AGE": "0",
            "FEEDS_ALLOW_PRIVATE_NETWORKS": "1",
            "CELERY_QUEUE": self.queue,
        }
        self.log = open(self.log_path, "w+")
        self.process = subprocess.Popen(
            celery_worker_argv(self.queue, concurrency=self.concurrency),
            cwd=ROOT,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        self.previous_queue = celery_app.conf.task_default_queue
        celery_app.conf.task_default_queue = self.queue
        return self

    def output(self) -> str:
        self.log.seek(0)
        return self.log.read()

    def wait_for(self, condition, seconds: float = 90):
        """Until condition() is true; fails with the end of the worker's log on timeout or if it dies."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if condition():
                return
            if self.process.poll() is not None:
                pytest.fail("worker died:\n" + self.output()[-4000:])
            time.sleep(0.3)
        pytest.fail(f"not done within {seconds} s:\n" + self.output()[-4000:])

    def __exit__(self, *exc):
        celery_app.conf.task_default_queue = self.previous_queue
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()


class _Handler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def guess_type(self, path):
        if str(path).endswith(".xml"):
            return "application/rss+xml"
        return super().guess_type(path)


class ThreadedServer:
    """An HTTP server in a thread on a loopback address (IPv6 when host has a colon), for `with`."""

    def __init__(self, handler, host="127.0.0.1", server_class=http.server.ThreadingHTTPServer):
        self.httpd = server_class((host, 0), handler)
        self.httpd.daemon_threads = True
        self.host = host
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def url(self, path=""):
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}/{path.lstrip('/')}"

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()


class LocalServer(ThreadedServer):
    """A threaded HTTP server on 127.0.0.1 serving a directory of the project's own fixtures."""

    def __init__(self, directory):
        super().__init__(functools.partial(_Handler, directory=str(directory)))


@pytest.fixture
def sample_server():
    with LocalServer(SAMPLES) as server:
        yield server


@pytest.fixture
def allow_private(settings):
    settings.FEEDS_ALLOW_PRIVATE_NETWORKS = True
    return settings


@pytest.fixture(autouse=True)
def eager_tasks(request):
    """Tasks run in-process in tests, except those that start a real worker."""
    if request.node.get_closest_marker("real_worker"):
        yield
        return
    previous = celery_app.conf.task_always_eager, celery_app.conf.task_eager_propagates
    celery_app.conf.task_always_eager = True
    celery_app.conf.task_eager_propagates = True
    yield
    celery_app.conf.task_always_eager, celery_app.conf.task_eager_propagates = previous
