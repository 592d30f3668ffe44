"""The whole chain for one feed, in this process: poll -> fetch text -> extract.

Used by `poll_feeds --sync` and the demo, where no broker is wanted.
"""
import logging

from events.services import extract_and_record

from . import services
from .fetching import HostBusyError
from .models import Article

logger = logging.getLogger(__name__)


def process_feed_sync(feed):
    result = services.poll_feed(feed)
    pending = Article.objects.filter(feed=feed, status__in=[Article.Status.NEW, Article.Status.FETCHED])
    # Oldest first: each report then updates what earlier ones said, as it happened.
    for article in pending.select_related("feed").order_by("published_at", "id"):
        try:
            article = services.fetch_article_text(article)
        except HostBusyError as exc:
            logger.info("article %s left for later: %s", article.id, exc)  # stays NEW; the next run takes it
            continue
        if article.status == Article.Status.FETCHED:
            extract_and_record(article)
    return result
