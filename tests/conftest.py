import functools
import http.server
import shutil
import sys
import threading
from pathlib import Path

import pytest

from talks_tracker.celery import app as celery_app

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "sample_data"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def celery_worker_argv(queue: str, *, concurrency: int = 1) -> list[str]:
    """The command line of a real Celery worker on a private queue (solo pool for one process)."""
    celery = shutil.which("celery", path=str(Path(sys.executable).parent)) or "celery"
    pool = ["-c", "1", "-P", "solo"] if concurrency == 1 else ["--concurrency", str(concurrency), "-P", "prefork"]
    return [
        celery,
        "-A",
        "talks_tracker",
        "worker",
        "-Q",
        queue,
        *pool,
        "-l",
        "info",
        "--without-gossip",
        "--without-mingle",
    ]


class _Handler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def guess_type(self, path):
        if str(path).endswith(".xml"):
            return "application/rss+xml"
        return super().guess_type(path)


class LocalServer:
    """A threaded HTTP server on 127.0.0.1 serving a directory of the project's own fixtures."""

    def __init__(self, directory):
        handler = functools.partial(_Handler, directory=str(directory))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def url(self, path=""):
        return f"http://127.0.0.1:{self.port}/{path.lstrip('/')}"

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()


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
