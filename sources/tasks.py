"""Thin Celery tasks: take ids, call a service, own retries. Safe to run twice."""

from typing import Any

from celery import Task
from celery import current_app
from celery import shared_task
from celery.canvas import Signature
from django.db import DatabaseError

from . import services
from .fetching import HostBusyError
from .models import Article
from .models import Feed

# The retry policy of every task that writes to the database (here, in events and in digests):
# a moment without the database is retried with backoff, up to 10 minutes apart, five times.
DB_RETRY: dict[str, Any] = {
    "autoretry_for": (DatabaseError,),
    "retry_backoff": True,
    "retry_backoff_max": 600,
    "max_retries": 5,
}
# The next stage, called by name: sources does not import events (data flows one way).
EXTRACT_TASK = "events.tasks.extract_article"


def _stage(name: str, args: tuple[Any, ...]) -> Signature:
    # Outside a worker (the in-process mode without a broker, tests) the apps' task modules
    # are not imported yet: autodiscovery does it, as a worker does at start, so the task is
    # found here instead of being sent to a broker by name.
    if name not in current_app.tasks:
        current_app.loader.import_default_modules()
    return current_app.signature(name, args=args)


def next_stage(name: str, *args: Any) -> None:
    """Queue a task known by name only."""
    _stage(name, args).delay()


def run_stage_here(name: str, *args: Any) -> Any:
    """Run a task known by name only in this process, now; its exception, if any, is raised."""
    return _stage(name, args).apply(throw=True).get()


@shared_task(acks_late=True, **DB_RETRY)
def poll_due_feeds() -> int:
    feed_ids = services.claim_due_feeds()
    for feed_id in feed_ids:
        poll_feed.delay(feed_id)
    return len(feed_ids)


@shared_task(acks_late=True, **DB_RETRY)
def poll_feed(feed_id: int) -> int:
    feed = Feed.objects.filter(id=feed_id, active=True).select_related("outlet").first()
    if feed is None:
        return 0
    result = services.poll_feed(feed)
    for article_id in result.new_article_ids:
        fetch_article.delay(article_id)
    return len(result.new_article_ids)


@shared_task(bind=True, acks_late=True, **DB_RETRY)
def fetch_article(self: Task, article_id: int) -> bool:
    article = Article.objects.filter(id=article_id).first()
    if article is None:
        return False
    try:
        article = services.fetch_article_text(article)
    except HostBusyError as exc:
        # Two requests are already in flight to that host: come back shortly.
        raise self.retry(exc=exc, countdown=30, max_retries=20) from exc
    if article.status == Article.Status.FETCHED:
        next_stage(EXTRACT_TASK, article.id)
        return True
    return False


@shared_task(acks_late=True, **DB_RETRY)
def retry_article_pages() -> int:
    """Beat: queue another try of the pages that could not be fetched and are due.

    Backoff lives in the database (Article.page_retry_at), not in countdowns: a
    retry planned a day ahead survives worker restarts and broker visibility timeouts."""
    article_ids = services.claim_due_page_retries()
    for article_id in article_ids:
        fetch_article.delay(article_id)
    return len(article_ids)
