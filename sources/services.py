"""Writes on the sources side: feeds, polling, articles and their text."""
import calendar
import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone as dt_timezone
from urllib.parse import urlsplit

import feedparser
import nh3
from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify

from extraction.text import main_text

from .fetching import FetchError, fetch
from .models import Article, Feed, Outlet
from .urls_normal import normalise_url

logger = logging.getLogger(__name__)

FEED_ACCEPT = "application/atom+xml, application/rss+xml, application/rdf+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"
PAUSE_AFTER_FAILURES = 10
# A feed entry whose own content is at least this long is taken as the full text.
FULL_CONTENT_MIN_WORDS = 150


class FeedError(Exception):
    pass


@dataclass
class PollResult:
    feed_id: int
    not_modified: bool = False
    new_article_ids: list = field(default_factory=list)
    entries: int = 0
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


def _entry_datetime(entry):
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            try:
                return datetime.fromtimestamp(calendar.timegm(value), tz=dt_timezone.utc)
            except (OverflowError, ValueError, TypeError):
                continue
    return None


def _entry_link(entry):
    link = entry.get("link") or ""
    if not link:
        guid = entry.get("id") or ""
        if guid.startswith(("http://", "https://")):
            link = guid
    return link.strip()


def _entry_content(entry):
    for content in entry.get("content") or []:
        if content.get("value"):
            return content["value"]
    return ""


def _html_to_text(html):
    title, text = main_text(f"<html><body><article>{html}</article></body></html>")
    return text


def parse_feed(content, headers, url=""):
    """feedparser on bytes we fetched ourselves; raises FeedError when nothing usable came back."""
    headers = {k.lower(): v for k, v in headers.items()}
    if url:
        headers.setdefault("content-location", url)  # base for relative links
    parsed = feedparser.parse(content, response_headers=headers, sanitize_html=False)
    if not parsed.entries and parsed.get("bozo"):
        reason = parsed.get("bozo_exception")
        raise FeedError(f"Not a readable feed: {reason}")
    if not parsed.entries and not parsed.get("feed"):
        raise FeedError("Not a feed: no entries and no feed metadata.")
    return parsed


def store_entries(feed, parsed, now=None):
    """Insert new articles for the entries; re-polling inserts nothing twice."""
    now = now or timezone.now()
    new_ids = []
    for entry in parsed.entries:
        link = _entry_link(entry)
        if not link or urlsplit(link).scheme not in ("http", "https"):
            continue
        url = normalise_url(link)
        guid = (entry.get("id") or "")[:2000]
        published = _entry_datetime(entry)
        content_html = _entry_content(entry)
        text = ""
        if content_html:
            text = _html_to_text(content_html)
            if len(text.split()) < FULL_CONTENT_MIN_WORDS:
                text = ""
        summary = nh3.clean(entry.get("summary") or "", tags=set(), strip_comments=True)[:5000]
        if Article.objects.filter(url=url).exists() or (
            guid and Article.objects.filter(feed=feed, guid=guid).exists()
        ):
            continue
        try:
            with transaction.atomic():
                article = Article.objects.create(
                    url=url,
                    link=link[:2000],
                    guid=guid,
                    feed=feed,
                    outlet=feed.outlet,
                    title=(entry.get("title") or "").strip()[:1000],
                    summary=summary,
                    published_at=published or now,
                    published_guessed=published is None,
                    text=text,
                    status=Article.Status.FETCHED if text else Article.Status.NEW,
                    fetched_at=now if text else None,
                )
        except IntegrityError:
            continue  # another worker stored it first: the constraint decides, not luck
        article.tracks.set(feed.tracks.all())
        new_ids.append(article.id)
    return new_ids


def record_poll_failure(feed, error, now=None):
    now = now or timezone.now()
    feed.consecutive_failures += 1
    feed.last_error = str(error)[:2000]
    feed.last_polled_at = now
    status = getattr(error, "status", None)
    delay = min(feed.poll_interval * (2 ** min(feed.consecutive_failures, 10)), settings.FEED_MAX_INTERVAL)
    retry_after = getattr(error, "retry_after", None)
    if retry_after:
        delay = min(max(delay, retry_after), settings.FEED_MAX_INTERVAL)
    if status == 410:
        feed.active = False
        feed.last_error = f"Gone (HTTP 410): feed deactivated. {feed.last_error}"
    elif feed.consecutive_failures >= PAUSE_AFTER_FAILURES:
        feed.active = False
        feed.last_error = f"Paused after {feed.consecutive_failures} consecutive failures. Last: {feed.last_error}"
    feed.next_poll_at = now + timedelta(seconds=delay)
    feed.save(update_fields=["consecutive_failures", "last_error", "last_polled_at", "active", "next_poll_at"])


def poll_feed(feed, now=None):
    """Fetch and parse one feed, store new entries; failures are recorded on the feed, not raised."""
    now = now or timezone.now()
    result = PollResult(feed_id=feed.id)
    try:
        response = fetch(feed.url, etag=feed.etag, last_modified=feed.last_modified, accept=FEED_ACCEPT)
        if response.not_modified:
            result.not_modified = True
        else:
            parsed = parse_feed(response.content, response.headers, response.url)
            result.entries = len(parsed.entries)
            result.new_article_ids = store_entries(feed, parsed, now)
            feed.etag = (response.headers.get("ETag") or "")[:500]
            feed.last_modified = (response.headers.get("Last-Modified") or "")[:100]
    except (FetchError, FeedError) as exc:
        logger.warning("poll of feed %s failed: %s", feed.id, exc)
        record_poll_failure(feed, exc, now)
        result.error = str(exc)
        return result
    feed.consecutive_failures = 0
    feed.last_error = ""
    feed.last_polled_at = now
    feed.next_poll_at = now + timedelta(seconds=feed.poll_interval)
    feed.save(update_fields=["etag", "last_modified", "consecutive_failures", "last_error", "last_polled_at", "next_poll_at"])
    return result


def fetch_article_text(article, now=None):
    """Fetch the article page and keep its main text. Already fetched articles are left alone."""
    if article.text:
        if article.status == Article.Status.NEW:
            article.status = Article.Status.FETCHED
            article.save(update_fields=["status"])
        return article
    now = now or timezone.now()
    try:
        response = fetch(article.link or article.url, accept="text/html,application/xhtml+xml;q=0.9,*/*;q=0.5")
        html = response.content.decode(_charset(response.headers), errors="replace")
        title, text = main_text(html)
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
    article.text = text
    if not article.title and title:
        article.title = title[:1000]
    article.status = Article.Status.FETCHED
    article.error = ""
    article.fetched_at = now
    article.save(update_fields=["text", "title", "status", "error", "fetched_at"])
    return article


def _charset(headers):
    content_type = headers.get("Content-Type") or headers.get("content-type") or ""
    for part in content_type.split(";"):
        part = part.strip()
        if part.lower().startswith("charset="):
            return part.split("=", 1)[1].strip("\"' ") or "utf-8"
    return "utf-8"
