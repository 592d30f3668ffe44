"""The whole chain for one feed, in this process: poll -> fetch text -> extract.

Used by `poll_feeds --sync` and the demo, where no broker is wanted. Extraction is
the events app's task, run here by name: sources does not import events.
"""

import logging

from django.db.models import Q
from django.utils import timezone

from . import parsing
from . import services
from .fetching import HostBusyError
from .models import Article
from .models import Feed
from .tasks import EXTRACT_TASK
from .tasks import run_stage_here

logger = logging.getLogger(__name__)


def process_feed_sync(feed: Feed) -> services.PollResult:
    result = services.poll_feed(feed)
    now = timezone.now()
    # New and fetched articles, and those whose page is due another try.
    pending = Article.objects.filter(feed=feed).filter(
        Q(status__in=[Article.Status.NEW, Article.Status.FETCHED]) | Q(page_retry_at__lte=now)
    )
    # Oldest first: each report then updates what earlier ones said, as it happened.
    for article in pending.select_related("feed").order_by("published_at", "id"):
        try:
            article = services.fetch_article_text(article)
            if article.status == Article.Status.FETCHED:
                run_stage_here(EXTRACT_TASK, article.id)
        except HostBusyError as exc:
            logger.info("article %s left for later: %s", article.id, exc)  # stays as it was; the next run takes it
        except Exception as exc:  # one bad article must not stop the feed's others
            logger.exception("article %s failed", article.id)
            message = parsing.clean_text(f"{exc.__class__.__name__}: {exc}")[:2000]
            Article.objects.filter(pk=article.pk).update(status=Article.Status.FAILED, error=message)
    return result
