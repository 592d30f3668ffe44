"""A real Celery worker on Redis polls a feed from a local server; events appear in PostgreSQL."""

import pytest

from events.models import Meeting
from events.models import Statement
from events.services import create_track
from sources.models import Article
from sources.services import create_feed
from tests.conftest import CeleryWorker
from tests.conftest import require_real_worker


@pytest.mark.real_worker
@pytest.mark.django_db(transaction=True)
def test_worker_polls_feed_and_records_events(sample_server, tmp_path):
    require_real_worker()
    track = create_track("Russia-Ukraine peace talks", keywords="Ukraine, Russia")
    feed = create_feed(sample_server.url("feeds/meridian-dispatch.xml"), name="Meridian Dispatch")
    track.feeds.add(feed)

    with CeleryWorker(tmp_path / "worker.log") as worker:
        from sources.tasks import poll_due_feeds

        poll_due_feeds.delay()  # what beat sends every minute
        worker.wait_for(
            lambda: Article.objects.filter(status=Article.Status.EXTRACTED).count() == 2 and Statement.objects.exists()
        )
        output = worker.output()
        assert Article.objects.filter(status=Article.Status.EXTRACTED).count() == 2, output[-3000:]
        assert "sources.tasks.poll_feed" in output and "events.tasks.extract_article" in output
        call = Meeting.objects.filter(kind=Meeting.Kind.CALL).first()
        assert call is not None and call.sources.exists()
        assert Statement.objects.filter(speaker__name="Vladimir Medinsky").exists()
        feed.refresh_from_db()
        assert feed.last_polled_at is not None and feed.consecutive_failures == 0
