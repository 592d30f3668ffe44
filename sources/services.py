"""Writes on the sources side: feeds, polling, articles and their text."""

import ipaddress
import logging
import re
from collections.abc import Iterable
from collections.abc import Iterator
from collections.abc import Mapping
from dataclasses import dataclass
from dataclasses import field
from datetime import UTC
from datetime import date
from datetime import datetime
from datetime import time as dt_time
from datetime import timedelta
from typing import Any
from typing import TypeVar
from urllib.parse import urlsplit

from django.conf import settings
from django.db import IntegrityError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from . import parsing
from . import stories
from .fetching import BlockedAddress
from .fetching import FetchError
from .fetching import HostBusyError
from .fetching import fetch
from .models import ENTRIES_PER_POLL
from .models import MAX_TEXT_CHARS
from .models import Article
from .models import Feed
from .models import Outlet
from .parsing import FeedError
from .text import decode_html
from .text import main_text
from .text import page_date
from .url_normalisation import normalise_url

logger = logging.getLogger(__name__)
T = TypeVar("T")

FEED_ACCEPT = (
    "application/atom+xml, application/rss+xml, application/rdf+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"
)
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
# A page that could not be fetched is tried again after 15 min, 30 min, 1 h... (capped at
# a day), PAGE_RETRY_ATTEMPTS times in all; meanwhile the article lives on the feed's text.
PAGE_RETRY_BASE = 15 * 60
PAGE_RETRY_MAX = 24 * 60 * 60
PAGE_RETRY_ATTEMPTS = 6
# A retry claimed by a worker that then died is claimed again after this.
PAGE_RETRY_LEASE = 10 * 60
# Longer links and GUIDs do not fit their columns.
MAX_URL_LENGTH = 2000


@dataclass
class PollResult:
    feed_id: int
    not_modified: bool = False
    new_article_ids: list = field(default_factory=list)
    entries: int = 0
    skipped: int = 0  # entries with no usable link
    error: str = ""


def get_or_create_outlet(*, name: str, homepage: str = "") -> Outlet:
    domain = (urlsplit(homepage).hostname or "").removeprefix("www.") if homepage else ""
    base = slugify(name)[:190] or "outlet"
    outlet = Outlet.objects.filter(slug=base).first()
    if outlet:
        return outlet
    return Outlet.objects.create(name=name, slug=base, homepage=homepage, domain=domain)


def validate_feed_url(url: str) -> str:
    """The URL, trimmed, or FeedError with a one-line reason (bad brackets, spaces in the
    host, a port out of range, too long for the column, not http(s))."""
    url = (url or "").strip()
    if _has_controls(url) or any(ch.isspace() for ch in url):
        raise FeedError(f"A URL cannot contain spaces or control characters: {url[:200]!r}")
    if len(url) > MAX_URL_LENGTH:
        raise FeedError(f"The URL is {len(url)} characters long; at most {MAX_URL_LENGTH} are accepted.")
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:  # "Invalid IPv6 URL", "Port out of range 0-65535"
        raise FeedError(f"Not a valid URL ({exc}): {url[:200]!r}") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FeedError(f"Not an http(s) URL: {url[:200]!r}")
    if port == 0:
        raise FeedError(f"Port 0 is not a port to fetch from: {url[:200]!r}")
    host = parts.hostname
    if "[" in parts.netloc:
        try:
            ipaddress.IPv6Address(host.split("%")[0])
        except ValueError:
            raise FeedError(f"Not a valid IPv6 address in brackets: {host!r}") from None
    elif not _HOST.fullmatch(host):
        raise FeedError(f"Not a valid host name: {host!r}")
    return url


def _has_controls(value: str) -> bool:
    return parsing.clean_line(value) != value


# Labels of letters, digits, hyphens and underscores (any script), dot-separated.
_HOST = re.compile(r"(?:[^\W_]|[^\W_][\w-]{0,61}[^\W_])(?:\.(?:[^\W_]|[^\W_][\w-]{0,61}[^\W_]))*\.?")


def create_feed(url: str, *, name: str = "", outlet_name: str = "") -> Feed:
    """Add a feed (or update the name of an existing one with the same URL). Its tracks are
    the events side's (Track.feeds): the caller attaches them."""
    url = validate_feed_url(url)
    parts = urlsplit(url)
    host = parts.hostname or ""  # validate_feed_url made sure there is one
    name = parsing.clean_title(name)[:200]
    outlet_name = parsing.clean_title(outlet_name)[:200]
    outlet = get_or_create_outlet(name=outlet_name or name or host, homepage=f"{parts.scheme}://{parts.netloc}/")
    feed, created = Feed.objects.get_or_create(
        url=url,
        defaults={"name": name or host, "outlet": outlet, "poll_interval": settings.FEED_DEFAULT_INTERVAL},
    )
    if not created and name and feed.name != name:
        feed.name = name
        feed.save(update_fields=["name"])
    return feed


def claim_due_feeds(*, now: datetime | None = None, lease_seconds: int = 600) -> list[int]:
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


def parse_feed(content: bytes, *, headers: Mapping[str, str] | None = None, url: str = "") -> Any:
    """feedparser on bytes we fetched ourselves; raises FeedError when nothing usable came back."""
    return parsing.parse(content, dict(headers or {}), url)


# --- Storing entries ----------------------------------------------------------


def _chunks(items: Iterable[T], size: int = BATCH) -> Iterator[list[T]]:
    items = list(items)
    for start in range(0, len(items), size):
        yield items[start : start + size]


def cap_text(text: str, *, limit: int = MAX_TEXT_CHARS) -> str:
    """At most `limit` characters, cut at a line or word boundary when one is near."""
    if len(text) <= limit:
        return text
    cut = text[:limit]
    for sep in ("\n", " "):
        at = cut.rfind(sep)
        if at >= limit * 0.9:
            return cut[:at].rstrip()
    return cut


@dataclass
class _Candidate:
    """What identifies an entry (cheap to compute), before the Article is built."""

    entry: dict
    link: str
    url: str
    guid: str
    published: datetime | None


def _candidate(entry: Any, now: datetime) -> _Candidate | None:
    link = parsing.clean_line(parsing.entry_link(entry)).strip()
    if not link or len(link) > MAX_URL_LENGTH:
        return None
    try:
        parts = urlsplit(link)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            return None
        url = normalise_url(link)
    except ValueError:  # "http://[::1" and the like: nothing to fetch or link to
        return None
    if len(url) > MAX_URL_LENGTH:
        return None
    guid = parsing.clean_line(entry.get("id") or "").strip()[:MAX_URL_LENGTH]
    return _Candidate(entry, link, url, guid, parsing.entry_datetime(entry, now))


def _article_for_entry(feed: Feed, candidate: _Candidate, now: datetime) -> Article:
    entry, published = candidate.entry, candidate.published
    summary = parsing.clean_text(parsing.plain_text(entry.get("summary") or ""))
    content_html = parsing.entry_content_html(entry)
    # Kept whatever its length: if the page cannot be fetched, the article is read from it.
    feed_text = cap_text(parsing.clean_text(parsing.plain_text(content_html, keep_lines=True))) if content_html else ""
    feed_text = feed_text or cap_text(summary)
    text = feed_text if content_html and len(feed_text.split()) >= FULL_CONTENT_MIN_WORDS else ""
    sig = stories.signature(text) if text else None
    return Article(
        minhash=sig.tobytes() if sig is not None else None,
        url=candidate.url,
        link=candidate.link,
        guid=candidate.guid,
        feed=feed,
        outlet_id=feed.outlet_id,
        title=parsing.clean_title(entry.get("title") or "")[:1000],
        summary=summary[:5000],
        feed_text=feed_text,
        published_at=published or now,
        published_guessed=published is None,
        date_source=Article.DateSource.FEED if published else Article.DateSource.FETCHED,
        text=text,
        text_source=Article.TextSource.FEED if text else Article.TextSource.NONE,
        status=Article.Status.FETCHED if text else Article.Status.NEW,
        fetched_at=now if text else None,
    )


def _insert(articles: list[Article]) -> list[Article]:
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


_UNDATED = datetime.min.replace(tzinfo=UTC)


def _newest_first(candidate: _Candidate) -> tuple[bool, datetime]:
    # Undated entries come after the dated ones, in the feed's order (feeds list newest first).
    return candidate.published is not None, candidate.published or _UNDATED


def store_entries(feed: Feed, *, parsed: Any, now: datetime | None = None, limit: int = ENTRIES_PER_POLL) -> list[int]:
    """Insert new articles for the entries; re-polling inserts nothing twice.

    At most `limit` new entries are taken, newest first; how many new ones were
    left for the next poll is set on feed.backlog (saved by poll_feed). Returns
    the ids of the new articles, oldest first (entries without a usable link are
    skipped and counted in PollResult.skipped by poll_feed). Tracks are not set here:
    events gives an article its tracks when it records the article's extraction."""
    now = now or timezone.now()
    candidates, seen_urls, seen_guids = [], set(), set()
    for entry in parsed.entries:
        candidate = _candidate(entry, now)
        if candidate is None:
            continue
        if candidate.url in seen_urls or (candidate.guid and candidate.guid in seen_guids):
            continue  # the feed lists one article twice
        seen_urls.add(candidate.url)
        if candidate.guid:
            seen_guids.add(candidate.guid)
        candidates.append(candidate)

    known_urls: set[str] = set()
    known_guids: set[str] = set()
    for chunk in _chunks(seen_urls):
        known_urls.update(Article.objects.filter(url__in=chunk).values_list("url", flat=True))
    for chunk in _chunks(seen_guids):
        known_guids.update(Article.objects.filter(feed=feed, guid__in=chunk).values_list("guid", flat=True))
    fresh = [c for c in candidates if c.url not in known_urls and not (c.guid and c.guid in known_guids)]
    fresh.sort(key=_newest_first, reverse=True)  # stable: ties keep the feed's order
    feed.backlog = max(0, len(fresh) - limit)
    # Stored (and their pages queued) oldest first: each report then updates what earlier
    # ones said, as it happened, as process_feed_sync does. Ties keep the feed's order.
    taken = sorted(fresh[:limit], key=lambda c: c.published or now)
    articles = [_article_for_entry(feed, c, now) for c in taken]

    with transaction.atomic():  # all of a poll's rows or none: a failure leaves nothing half-stored
        created = _insert(articles)
    stories.assign_stories([a for a in created if a.text])
    return [a.pk for a in created]


# --- Scheduling ---------------------------------------------------------------


def clamp_interval(seconds: float) -> int:
    return int(min(max(seconds, settings.FEED_MIN_INTERVAL), settings.FEED_MAX_INTERVAL))


def adaptive_interval(entry_dates: Iterable[datetime], *, now: datetime, ttl_seconds: int | None = None) -> int:
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


def _feed_entry_dates(feed: Feed, parsed: Any, now: datetime) -> list[datetime]:
    dates = parsing.entry_dates(parsed, now)
    if dates:
        return dates
    # An undated feed: the times its articles first appeared here stand in.
    return list(Article.objects.filter(feed=feed, created_at__gte=now - WEEK).values_list("created_at", flat=True))


def failure_delay(feed: Feed, *, error: BaseException) -> int:
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


def record_poll_failure(feed: Feed, *, error: BaseException, now: datetime | None = None) -> None:
    now = now or timezone.now()
    feed.consecutive_failures += 1
    feed.last_error = parsing.clean_text(str(error))[:2000]
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
    feed.next_poll_at = now + timedelta(seconds=failure_delay(feed, error=error))
    feed.save(
        update_fields=[
            "consecutive_failures",
            "last_error",
            "last_polled_at",
            "active",
            "pause_reason",
            "paused_at",
            "next_poll_at",
        ]
    )


def pause_feed(feed: Feed, *, now: datetime | None = None) -> None:
    feed.active = False
    feed.pause_reason = Feed.PauseReason.MANUAL
    feed.paused_at = now or timezone.now()
    feed.save(update_fields=["active", "pause_reason", "paused_at"])


def resume_feed(feed: Feed, *, now: datetime | None = None) -> None:
    """Back to polling, at once, with a clean failure count."""
    feed.active = True
    feed.pause_reason = ""
    feed.paused_at = None
    feed.consecutive_failures = 0
    feed.next_poll_at = now or timezone.now()
    feed.save(update_fields=["active", "pause_reason", "paused_at", "consecutive_failures", "next_poll_at"])


def poll_feed(feed: Feed, *, now: datetime | None = None) -> PollResult:
    """Fetch and parse one feed, store new entries; failures are recorded on the feed, not raised."""
    now = now or timezone.now()
    result = PollResult(feed_id=feed.id)
    try:
        response = fetch(feed.url, etag=feed.etag, last_modified=feed.last_modified, accept=FEED_ACCEPT)
        if response.not_modified:
            result.not_modified = True  # nothing to parse: the interval stays as it was
        else:
            parsed = parse_feed(response.content, headers=response.headers, url=response.url)
            result.entries = len(parsed.entries)
            result.new_article_ids = store_entries(feed, parsed=parsed, now=now)
            result.skipped = sum(1 for e in parsed.entries if not parsing.entry_link(e))
            feed.etag = parsing.clean_line(response.headers.get("ETag") or "")[:500]
            feed.last_modified = parsing.clean_line(response.headers.get("Last-Modified") or "")[:100]
            feed.poll_interval = adaptive_interval(
                _feed_entry_dates(feed, parsed, now), now=now, ttl_seconds=parsing.feed_ttl_seconds(parsed)
            )
    except HostBusyError as exc:
        # Politeness, not a failure of the feed: look again in a minute.
        Feed.objects.filter(pk=feed.pk).update(next_poll_at=now + timedelta(seconds=HOST_BUSY_RETRY))
        result.error = str(exc)
        return result
    except (FetchError, FeedError) as exc:
        logger.warning("poll of feed %s failed: %s", feed.id, exc)
        record_poll_failure(feed, error=exc, now=now)
        result.error = str(exc)
        return result
    except Exception as exc:  # a bug or a database refusal: recorded on the feed, so it shows and backs off
        logger.exception("poll of feed %s failed unexpectedly", feed.id)
        error = FeedError(f"Unexpected error while storing the feed: {exc.__class__.__name__}: {exc}")
        record_poll_failure(feed, error=error, now=now)
        result.error = str(error)
        return result
    if feed.backlog:
        # New entries were left for later: poll again soon, in full (a 304 would hide them).
        feed.etag = feed.last_modified = ""
        feed.poll_interval = clamp_interval(0)
    feed.consecutive_failures = 0
    feed.last_error = ""
    feed.last_polled_at = now
    feed.last_success_at = now
    feed.next_poll_at = now + timedelta(seconds=feed.poll_interval)
    feed.save(
        update_fields=[
            "etag",
            "last_modified",
            "consecutive_failures",
            "last_error",
            "last_polled_at",
            "last_success_at",
            "next_poll_at",
            "poll_interval",
            "backlog",
        ]
    )
    return result


# --- Article pages ------------------------------------------------------------


def _page_datetime(found: date, current: datetime | None) -> datetime:
    """A page's date as a datetime: the fetch time when it is the same day, else that day at 00:00 UTC."""
    if current and current.date() == found:
        return current
    return datetime.combine(found, dt_time(0, 0), tzinfo=UTC)


def page_retry_delay(attempts: int, *, error: BaseException | None = None) -> int:
    """Seconds before the page is tried again after its n-th failure: doubling from
    PAGE_RETRY_BASE, capped at a day, never sooner than the server's Retry-After."""
    delay = min(PAGE_RETRY_BASE * 2 ** max(attempts - 1, 0), PAGE_RETRY_MAX)
    retry_after = getattr(error, "retry_after", None)
    if retry_after:
        delay = min(max(delay, retry_after), PAGE_RETRY_MAX)
    return int(delay)


def _worth_retrying(error: BaseException) -> bool:
    # A refused address or a page gone for good will not change; a 403, a paywall,
    # a timeout or a DNS failure may.
    if isinstance(error, BlockedAddress) or getattr(error, "status", None) == 410:
        return False
    return getattr(error, "retry", True)


def _page_unavailable(article: Article, error: BaseException, now: datetime) -> Article:
    """The page gave nothing usable: keep (or fall back to) what the feed carried, and
    plan another try with backoff."""
    article.page_attempts += 1
    article.page_error = parsing.clean_text(str(error))[:2000]
    if _worth_retrying(error) and article.page_attempts < PAGE_RETRY_ATTEMPTS:
        article.page_retry_at = now + timedelta(seconds=page_retry_delay(article.page_attempts, error=error))
    else:
        article.page_retry_at = None
    fields = ["page_error", "page_attempts", "page_retry_at"]
    if article.text_source == Article.TextSource.FEED_ONLY:
        article.save(update_fields=fields)  # already read from the feed's text: nothing new to extract
        return article
    if article.feed_text:
        article.text = article.feed_text
        article.text_source = Article.TextSource.FEED_ONLY
        article.minhash = None
        article.status = Article.Status.FETCHED
        article.fetched_at = now
        article.save(update_fields=fields + ["text", "text_source", "minhash", "status", "fetched_at"])
        stories.assign_story(article)
        return article
    article.status = Article.Status.FAILED
    article.error = article.page_error
    article.save(update_fields=fields + ["status", "error"])
    return article


class PageUnusable(FetchError):
    """The page answered, but not with the article."""

    def __init__(self, message: str, *, retry: bool = True) -> None:
        super().__init__(message)
        self.retry = retry


def _body_words(text: str, title: str) -> int:
    """Words of the page's text, its headline line left out."""
    first, _, rest = text.partition("\n")
    if title and first.strip() == title.strip():
        text = rest
    return len(text.split())


def _wants_page(article: Article) -> bool:
    if not article.text:
        return True
    # Read from the feed's text while the page could not be fetched: try again while a retry is planned.
    return article.text_source == Article.TextSource.FEED_ONLY and article.page_retry_at is not None


def fetch_article_text(article: Article, *, now: datetime | None = None) -> Article:
    """Fetch the article page and keep its main text.

    When the page cannot be had (403, a paywall, a timeout, a DNS failure, no main
    text), the article is read from what the feed carried, marked "feed text only",
    and the page is tried again later (page_retry_at, backoff); once it arrives the
    article is FETCHED again, for re-extraction. Articles with their full text are
    left alone. HostBusyError is raised (nothing changes) so the task can retry later."""
    if not _wants_page(article):
        if article.status == Article.Status.NEW:
            article.status = Article.Status.FETCHED
            article.save(update_fields=["status"])
        return article
    now = now or timezone.now()
    try:
        response = fetch(article.link or article.url, accept=HTML_ACCEPT)
        content_type = response.headers.get("Content-Type", "")
        if content_type and not any(t in content_type.lower() for t in ("html", "xml", "text/plain")):
            raise PageUnusable(f"Not an HTML page ({content_type.split(';')[0]}).", retry=False)
        html = decode_html(response.content, content_type)
        title, text = main_text(html)
        text = cap_text(parsing.clean_text(text).strip())
        if not text:
            raise PageUnusable("No main text found on the page.")
        if _body_words(text, title or article.title) < len(article.feed_text.split()):
            # A paywall or a teaser page: the feed said more than the page shows.
            raise PageUnusable("The page shows less text than the feed carried (a paywall?).")
    except HostBusyError:
        raise
    except FetchError as exc:
        return _page_unavailable(article, exc, now)
    fields = ["text", "text_source", "title", "status", "error", "page_error", "fetched_at", "page_retry_at", "minhash"]
    if article.date_source == Article.DateSource.FETCHED:
        found = page_date(html)
        if found and found <= now.date():
            article.published_at = _page_datetime(found, article.published_at)
            article.published_guessed = False
            article.date_source = Article.DateSource.PAGE
            fields += ["published_at", "published_guessed", "date_source"]
    article.text = text
    article.text_source = Article.TextSource.PAGE
    article.minhash = None  # recomputed from the new text by assign_story
    if not article.title and title:
        article.title = parsing.clean_title(title)[:1000]
    article.status = Article.Status.FETCHED
    article.error = article.page_error = ""
    article.fetched_at = now
    article.page_retry_at = None
    article.save(update_fields=fields)
    stories.assign_story(article)
    return article


def claim_due_page_retries(*, now: datetime | None = None, limit: int = 200) -> list[int]:
    """Ids of articles whose page is due another try, each pushed forward by a lease so the
    next beat tick does not queue it again while this try runs (of two schedulers, one wins)."""
    now = now or timezone.now()
    with transaction.atomic():
        due = (
            Article.objects.select_for_update(skip_locked=True)
            .filter(page_retry_at__lte=now)
            .order_by("page_retry_at")
            .values_list("id", flat=True)[:limit]
        )
        ids = list(due)
        Article.objects.filter(id__in=ids).update(page_retry_at=now + timedelta(seconds=PAGE_RETRY_LEASE))
    return ids
