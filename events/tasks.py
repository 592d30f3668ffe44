"""Thin Celery tasks on the events side: take ids, call a service, own retries.

events may import sources (it reads articles); sources never imports events and
queues this task by its name."""

from celery import shared_task

from sources.models import Article
from sources.tasks import DB_RETRY

from . import services


@shared_task(acks_late=True, **DB_RETRY)
def extract_article(article_id: int) -> dict[str, int] | None:
    """Extract and record one article. Safe to run twice and from several workers at
    once (recording is serialised by an advisory lock, see services.hold_recording_lock)."""
    article = Article.objects.filter(id=article_id).select_related("feed").first()
    if article is None or not article.text:
        return None
    out = services.extract_and_record(article)
    return {"statements": out.statements, "meetings": out.meetings, "proposals": out.proposals}
