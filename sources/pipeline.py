"""The whole chain for one feed, in this process: poll -> fetch text -> extract.

Used by `poll_feeds --sync` and the demo, where no broker is wanted.
"""
from events.services import extract_and_record

from . import services
from .models import Article


def process_feed_sync(feed):
    result = services.poll_feed(feed)
    pending = Article.objects.filter(feed=feed, status__in=[Article.Status.NEW, Article.Status.FETCHED])
    for article in pending.select_related("feed"):
        article = services.fetch_article_text(article)
        if article.status == Article.Status.FETCHED:
            extract_and_record(article)
    return result
