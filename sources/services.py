"""Writes on the sources side: feeds, polling, articles and their text."""
import logging
from dataclasses import dataclass, field
from datetime import datetime, time as dt_time, timedelta, timezone as dt_timezone
from urllib.parse import urlsplit

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify

from . import parsing, stories
from .fetching import FetchError, HostBusyError, fetch
from .models import Article, Feed, Outlet
from .parsing import FeedError  # noqa: F401  (re-exported: callers catch services.FeedError)
from .text import decode_html, main_text, page_date
from .urls_normal import normalise_url

logger = logging.getLogger(__name__)

FEED_ACCEPT = "application/atom+xml, application/rss+xml, application/rdf+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"
HTML_ACCEPT = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5"
PAUSE_AFTER_FAILURES = 10
# A feed entry whose own content is at least this long is taken as the full text.
FULL_CONTENT_MIN_WORDS = 150
# A 429 without Retry-After still waits at least this long.
TOO_MANY_REQUESTS_WAIT = 60 * 60
# A host already at its concurrency limit: look again soon, not counted as a failure.
HOST_BUSY_RETRY = 60
WEEK = timedelta(days=7)
BATCH = 500  # rows per IN (...) lookup


@dataclass
class PollResult:
    feed_id: int
    not_modified: bool = False
    new_article_ids: list = field(default_factory=list)
    entries: int = 0
    skipped: int = 0  # entries with no usable link
    error: str = ""


def get_or_create_outlet(name, homepage=""):
    domain = (urlsplit(homepage).hostname or "").removeprefix("www.") if homepage else ""
    base = slugify(name)[:190] or "outlet"
    outlet = Outlet.objects.filter(slug=base).first()
    if outlet:
        return outlet
    return Outlet.objects.create(name=name, slug=base, homepage=homepage, domain=domain)


def create_feed(url, *, name="", tracks=(), outlet_name=""):
    """Add a feed (or update the name/tracks of an existing one with the same URL)."""
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FeedError(f"Not an http(s) URL: {url!r}")
    outlet = get_or_create_outlet(outlet_name or name or parts.hostname, f"{parts.scheme}://{parts.netloc}/")
    feed, created = Feed.objects.get_or_create(
        url=url, defaults={"name": name or parts.hostname, "outlet": outlet, "poll_interval": settings.FEED_DEFAULT_INTERVAL}
    )
    if not created and name and feed.name != name:
        feed.name = name
        feed.save(update_fields=["name"])
    if tracks:
        feed.tracks.add(*tracks)
    return feed


def claim_due_feeds(now=None, lease_seconds=600):
    """Ids of active feeds due for a poll, each pushed forward by a lease so the
    next beat tick does not enqueue it again while this poll runs."""
    now = now or timezone.now()
    due = list(Feed.objects.filter(active=True, next_poll_at__lte=now).values_list("id", flat=True)[:500])
    claimed = []
    for feed_id in due:
        # Conditional update: of two schedulers, only one wins each feed.
        if Feed.objects.filter(id=feed_id, next_poll_at__lte=now).update(
            next_poll_at=now + timedelta(seconds=lease_seconds)
        ):
            claimed.append(feed_id)
    return claimed


def parse_feed(content, headers, url=""):
    """feedparser on bytes we fetched ourselves; raises FeedError when nothing usable came back."""
    return parsing.parse(content, headers, url)


# --- Storing entries ----------------------------------------------------------


def _chunks(items, size=BATCH):
    items = list(items)
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _article_for_entry(feed, entry, now):
    link = parsing.entry_link(entry)
    if not link or urlsplit(link).scheme not in ("http", "https") or not urlsplit(link).hostname:
        return None
    link = link[:2000]
    published = parsing.entry_datetime(entry, now)
    text = ""
    content_html = parsing.entry_content_html(entry)
    if content_html:
        text = parsing.plain_text(content_html, keep_lines=True)
        if len(text.split()) < FULL_CONTENT_MIN_WORDS:
            text = ""  # a teaser, not the article: fetch the page
    sig = stories.signature(text) if text else None
    return Article(
        minhash=sig.tobytes() if sig is not None else None,
        url=normalise_url(link)[:2000],
        link=link,
        guid=(entry.get("id") or "").strip()[:2000],
        feed=feed,
        outlet_id=feed.outlet_id,
        title=parsing.plain_text(entry.get("title") or "")[:1000],
        summary=parsing.plain_text(entry.get("summary") or "")[:5000],
        published_at=published or now,
        published_guessed=published is None,
        date_source=Article.DateSource.FEED if published else Article.DateSource.FETCHED,
        text=text,
        status=Article.Status.FETCHED if text else Article.Status.NEW,
        fetched_at=now if text else None,
    )


def _insert(articles):
    """Insert the articles; rows another worker inserted meanwhile are skipped.

    The fast path is one multi-row INSERT. If a unique constraint fires (a
    concurrent poll of the same feed, or of a feed sharing the link), each row
    is retried alone in a savepoint and the constraints decide which rows are new."""
    if not articles:
        return []
    try:
        with transaction.atomic():
            created = Article.objects.bulk_create(articles)
        if all(a.pk for a in created):
            return created
    except IntegrityError:
        pass
    created = []
    for article in articles:
        article.pk = None
        try:
            with transaction.atomic():
                article.save(force_insert=True)
        except IntegrityError:
            continue
        created.append(article)
    return created


def store_entries(feed, parsed, now=None):
    """Insert new articles for the entries; re-polling inserts nothing twice.

    Returns the ids of the new articles (entries without a usable link are
    skipped and counted in PollResult.skipped by poll_feed)."""
    now = now or timezone.now()
    candidates, seen_urls, seen_guids = [], set(), set()
    for entry in parsed.entries:
        article = _article_for_entry(feed, entry, now)
        if article is None:
            continue
        if article.url in seen_urls or (article.guid and article.guid in seen_guids):
            continue  # the feed lists one article twice
        seen_urls.add(article.url)
        if article.guid:
            seen_guids.add(article.guid)
        candidates.append(article)

    known_urls, known_guids = set(), set()
    for chunk in _chunks(seen_urls):
        known_urls.update(Article.objects.filter(url__in=chunk).values_list("url", flat=True))
    for chunk in _chunks(seen_guids):
        known_guids.update(Article.objects.filter(feed=feed, guid__in=chunk).values_list("guid", flat=True))
    fresh = [a for a in candidates if a.url not in known_urls and not (a.guid and a.guid in known_guids)]

    created = _insert(fresh)
    track_ids = list(feed.tracks.values_list("id", flat=True))
    if created and track_ids:
        through = Article.tracks.through
        through.objects.bulk_create(
            [through(article_id=a.pk, track_id=t) for a in created for t in track_ids], ignore_conflicts=True
        )
    stories.assign_stories([a for a in created if a.text])
    return [a.pk for a in created]


# --- Scheduling ---------------------------------------------------------------


def clamp_interval(seconds):
    return int(min(max(seconds, settings.FEED_MIN_INTERVAL), settings.FEED_MAX_INTERVAL))


def adaptive_interval(entry_dates, now, ttl_seconds=None):
    """Seconds until the next poll, from how often the feed publishes.

    Miniflux's entry-frequency rule: a week divided by the entries of the past
    week (a feed with 7 entries a week is polled daily, one with 2000 every 5
    minutes), clamped to FEED_MIN_INTERVAL..FEED_MAX_INTERVAL. A feed that
    published nothing this week is polled at the maximum interval. An RSS
    <ttl> longer than that is respected."""
    recent = [d for d in entry_dates if now - WEEK <= d <= now + timedelta(hours=1)]
    interval = WEEK.total_seconds() / len(recent) if recent else settings.FEED_MAX_INTERVAL
    if ttl_seconds:
        interval = max(interval, ttl_seconds)
    return clamp_interval(interval)


def _feed_entry_dates(feed, parsed, now):
    dates = parsing.entry_dates(parsed, now)
    if dates:
        return dates
    # An undated feed: the times its articles first appeared here stand in.
    return list(Article.objects.filter(feed=feed, created_at__gte=now - WEEK).values_list("created_at", flat=True))


def failure_delay(feed, error):
    """Seconds to wait after the feed's n-th consecutive failure: doubling, capped at 24 h,
    never sooner than the server's Retry-After."""
    base = max(feed.poll_interval, settings.FEED_MIN_INTERVAL)
    delay = min(base * 2 ** min(feed.consecutive_failures - 1, 16), settings.FEED_MAX_INTERVAL)
    retry_after = getattr(error, "retry_after", None)
    if retry_after:
        delay = max(delay, retry_after)
    elif getattr(error, "status", None) == 429:
        delay = max(delay, TOO_MANY_REQUESTS_WAIT)
    return int(min(delay, settings.FEED_MAX_INTERVAL))


def record_poll_failure(feed, error, now=None):
    now = now or timezone.now()
    feed.consecutive_failures += 1
    feed.last_error = str(error)[:2000]
    feed.last_polled_at = now
    status = getattr(error, "status", None)
    if status == 410:
        feed.active = False
        feed.pause_reason = Feed.PauseReason.GONE
        feed.paused_at = now
        feed.last_error = f"Gone (HTTP 410): feed deactivated. {feed.last_error}"
    elif feed.consecutive_failures >= PAUSE_AFTER_FAILURES:
        feed.active = False
        feed.pause_reason = Feed.PauseReason.FAILURES
        feed.paused_at = now
        feed.last_error = f"Paused after {feed.consecutive_failures} consecutive failures. Last: {feed.last_error}"
    feed.next_poll_at = now + timedelta(seconds=failure_delay(feed, error))
    feed.save(
        update_fields=[
            "consecutive_failures", "last_error", "last_polled_at", "active", "pause_reason", "paused_at", "next_poll_at"
        ]
    )


def pause_feed(feed, now=None):
    feed.active = False
    feed.pause_reason = Feed.PauseReason.MANUAL
    feed.paused_at = now or timezone.now()
    feed.save(update_fields=["active", "pause_reason", "paused_at"])


def resume_feed(feed, now=None):
    """Back to polling, at once, with a clean failure count."""
    feed.active = True
    feed.pause_reason = ""
    feed.paused_at = None
    feed.consecutive_failures = 0
    feed.next_poll_at = now or timezone.now()
    feed.save(update_fields=["active", "pause_reason", "paused_at", "consecutive_failures", "next_poll_at"])


def poll_feed(feed, now=None):
    """Fetch and parse one feed, store new entries; failures are recorded on the feed, not raised."""
    now = now or timezone.now()
    result = PollResult(feed_id=feed.id)
    try:
        response = fetch(feed.url, etag=feed.etag, last_modified=feed.last_modified, accept=FEED_ACCEPT)
        if response.not_modified:
            result.not_modified = True  # nothing to parse: the interval stays as it was
        else:
            parsed = parse_feed(response.content, response.headers, response.url)
            result.entries = len(parsed.entries)
            result.new_article_ids = store_entries(feed, parsed, now)
            result.skipped = sum(1 for e in parsed.entries if not parsing.entry_link(e))
            feed.etag = (response.headers.get("ETag") or "")[:500]
            feed.last_modified = (response.headers.get("Last-Modified") or "")[:100]
            feed.poll_interval = adaptive_interval(
                _feed_entry_dates(feed, parsed, now), now, parsing.feed_ttl_seconds(parsed)
            )
    except HostBusyError as exc:
        # Politeness, not a failure of the feed: look again in a minute.
        Feed.objects.filter(pk=feed.pk).update(next_poll_at=now + timedelta(seconds=HOST_BUSY_RETRY))
        result.error = str(exc)
        return result
    except (FetchError, FeedError) as exc:
        logger.warning("poll of feed %s failed: %s", feed.id, exc)
        record_poll_failure(feed, exc, now)
        result.error = str(exc)
        return result
    feed.consecutive_failures = 0
    feed.last_error = ""
    feed.last_polled_at = now
    feed.last_success_at = now
    feed.next_poll_at = now + timedelta(seconds=feed.poll_interval)
    feed.save(
        update_fields=[
            "etag", "last_modified", "consecutive_failures", "last_error", "last_polled_at",
            "last_success_at", "next_poll_at", "poll_interval",
        ]
    )
    return result


# --- Article pages ------------------------------------------------------------


def _page_datetime(found, current):
    """A page's date as a datetime: the fetch time when it is the same day, else that day at 00:00 UTC."""
    if current and current.date() == found:
        return current
    return datetime.combine(found, dt_time(0, 0), tzinfo=dt_timezone.utc)


def fetch_article_text(article, now=None):
    """Fetch the article page and keep its main text. Already fetched articles are left alone.

    HostBusyError is raised (the article stays NEW) so the task can retry later."""
    if article.text:
        if article.status == Article.Status.NEW:
            article.status = Article.Status.FETCHED
            article.save(update_fields=["status"])
        return article
    now = now or timezone.now()
    try:
        response = fetch(article.link or article.url, accept=HTML_ACCEPT)
        content_type = response.headers.get("Content-Type", "")
        if content_type and not any(t in content_type.lower() for t in ("html", "xml", "text/plain")):
            raise FetchError(f"Not an HTML page ({content_type.split(';')[0]}).")
        html = decode_html(response.content, content_type)
        title, text = main_text(html)
    except HostBusyError:
        raise
    except FetchError as exc:
        article.status = Article.Status.FAILED
        article.error = str(exc)[:2000]
        article.save(update_fields=["status", "error"])
        return article
    if not text.strip():
        article.status = Article.Status.FAILED
        article.error = "No main text found on the page."
        article.save(update_fields=["status", "error"])
        return article
    fields = ["text", "title", "status", "error", "fetched_at"]
    if article.date_source == Article.DateSource.FETCHED:
        found = page_date(html)
        if found and found <= now.date():
            article.published_at = _page_datetime(found, article.published_at)
            article.published_guessed = False
            article.date_source = Article.DateSource.PAGE
            fields += ["published_at", "published_guessed", "date_source"]
    article.text = text
    article.minhash = None  # recomputed from the new text by assign_story
    if not article.title and title:
        article.title = parsing.plain_text(title)[:1000]
    article.status = Article.Status.FETCHED
    article.error = ""
    article.fetched_at = now
    article.save(update_fields=fields)
    stories.assign_story(article)
    return article
