"""A real Celery worker on Redis polls a feed from a local server; events appear in PostgreSQL."""

import os
import subprocess
import time
import uuid
from pathlib import Path

import pytest
from django.db import connection

from events.models import Meeting
from events.models import Statement
from events.services import create_track
from sources.models import Article
from sources.services import create_feed
from talks_tracker.celery import app as celery_app
from tests.conftest import celery_worker_argv

ROOT = Path(__file__).resolve().parent.parent
REQUIRED = os.environ.get("CI_REQUIRE_REAL_WORKER") == "1"


def _real_stack_available():
    return bool(os.environ.get("REDIS_URL")) and connection.vendor == "postgresql"


@pytest.mark.real_worker
@pytest.mark.django_db(transaction=True)
def test_worker_polls_feed_and_records_events(sample_server, tmp_path):
    if not _real_stack_available():
        if REQUIRED:
            pytest.fail("CI requires REDIS_URL and a PostgreSQL DATABASE_URL for the real-worker test.")
        pytest.skip("needs REDIS_URL and a PostgreSQL DATABASE_URL (run bash .ci/run)")

    db = connection.settings_dict
    database_url = (
        f"postgres://{db['USER'] or 'postgres'}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    )
    queue = f"test-{uuid.uuid4().hex[:8]}"
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DATABASE_CONN_MAX_AGE": "0",
        "FEEDS_ALLOW_PRIVATE_NETWORKS": "1",
        "CELERY_QUEUE": queue,
    }
    track = create_track("Russia-Ukraine peace talks", keywords="Ukraine, Russia")
    feed = create_feed(sample_server.url("feeds/meridian-dispatch.xml"), name="Meridian Dispatch", tracks=[track])

    log = open(tmp_path / "worker.log", "w+")
    worker = subprocess.Popen(
        celery_worker_argv(queue),
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    previous_queue = celery_app.conf.task_default_queue
    celery_app.conf.task_default_queue = queue
    try:
        from sources.tasks import poll_due_feeds

        poll_due_feeds.delay()  # what beat sends every minute
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            if Article.objects.filter(status=Article.Status.EXTRACTED).count() == 2 and Statement.objects.exists():
                break
            assert worker.poll() is None, "worker died"
            time.sleep(0.5)
        log.seek(0)
        output = log.read()
        assert Article.objects.filter(status=Article.Status.EXTRACTED).count() == 2, output[-3000:]
        assert "sources.tasks.poll_feed" in output and "events.tasks.extract_article" in output
        call = Meeting.objects.filter(kind=Meeting.Kind.CALL).first()
        assert call is not None and call.sources.exists()
        assert Statement.objects.filter(speaker__name="Vladimir Medinsky").exists()
        feed.refresh_from_db()
        assert feed.last_polled_at is not None and feed.consecutive_failures == 0
    finally:
        celery_app.conf.task_default_queue = previous_queue
        worker.terminate()
        try:
            worker.wait(timeout=20)
        except subprocess.TimeoutExpired:
            worker.kill()
        log.close()
