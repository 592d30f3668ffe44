"""Polling feeds from a local server: failures, backoff, pauses, bad input, encodings, dates, sanitising."""

from datetime import UTC
from datetime import date
from datetime import datetime
from datetime import timedelta
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from sources import services
from sources.models import Article
from sources.models import Feed
from sources.services import adaptive_interval
from sources.services import create_feed
from sources.services import poll_feed

from .conftest import fixture_bytes

pytestmark = pytest.mark.django_db

RSS = "application/rss+xml"


def _feed(server, path="/feed.xml"):
    return create_feed(server.url(path), name="Test feed")


# --- HTTP outcomes on the feed -------------------------------------------------


def test_conditional_get_304_costs_no_parsing(server, allow_private, monkeypatch):
    server.serve_fixture(
        "/feed.xml", "wire-outlet-b.xml", headers={"ETag": '"abc"', "Last-Modified": "Sat, 12 Apr 2025 12:00:00 GMT"}
    )
    feed = _feed(server)
    first = poll_feed(feed)
    assert len(first.new_article_ids) == 2
    feed.refresh_from_db()
    assert feed.etag == '"abc"' and feed.last_modified.startswith("Sat, 12 Apr")

    server.reply("/feed.xml", status=304, headers={"ETag": '"abc"'})
    monkeypatch.setattr(services.parsing, "parse", lambda *a, **k: pytest.fail("a 304 was parsed"))
    second = poll_feed(feed)
    assert second.not_modified and second.error == "" and second.new_article_ids == []
    assert server.requests_to("/feed.xml")[-1]["If-None-Match"] == '"abc"'
    feed.refresh_from_db()
    assert feed.consecutive_failures == 0 and feed.last_success_at is not None


def test_404_counts_a_failure_and_backs_off(server, allow_private):
    feed = _feed(server, "/missing.xml")
    now = timezone.now()
    result = poll_feed(feed, now=now)
    feed.refresh_from_db()
    assert "404" in result.error and "404" in feed.last_error
    assert feed.consecutive_failures == 1 and feed.active
    assert feed.next_poll_at == now + timedelta(seconds=feed.poll_interval)


def test_backoff_doubles_and_is_capped_at_a_day(server, allow_private, settings):
    server.reply("/feed.xml", b"oops", status=500, content_type="text/plain")
    feed = _feed(server)
    feed.poll_interval = 600
    feed.save()
    delays = []
    for _ in range(9):
        now = timezone.now()
        poll_feed(feed, now=now)
        feed.refresh_from_db()
        delays.append((feed.next_poll_at - now).total_seconds())
    assert delays[:4] == [600, 1200, 2400, 4800]
    assert all(b >= a for a, b in zip(delays, delays[1:]))
    assert max(delays) == settings.FEED_MAX_INTERVAL
    assert feed.active and feed.consecutive_failures == 9


def test_ten_failures_pause_the_feed_with_the_reason_in_the_admin(server, allow_private, client):
    server.reply("/feed.xml", b"oops", status=500, content_type="text/plain")
    feed = _feed(server)
    for _ in range(10):
        poll_feed(feed)
    feed.refresh_from_db()
    assert not feed.active and feed.pause_reason == Feed.PauseReason.FAILURES and feed.paused_at
    assert feed.last_error.startswith("Paused after 10 consecutive failures") and "500" in feed.last_error

    admin = get_user_model().objects.create_superuser("editor", "e@example.test", "pw")
    client.force_login(admin)
    page = client.get(reverse("admin:sources_feed_changelist")).content.decode()
    assert "Too many consecutive failures" in page and "Paused after 10 consecutive failures" in page

    # An editor resumes it from the admin.
    client.post(reverse("admin:sources_feed_changelist"), {"action": "resume", "_selected_action": [feed.pk]})
    feed.refresh_from_db()
    assert feed.active and feed.consecutive_failures == 0 and feed.pause_reason == ""


def test_410_gone_deactivates_at_once(server, allow_private):
    server.reply("/feed.xml", b"gone", status=410, content_type="text/plain")
    feed = _feed(server)
    poll_feed(feed)
    feed.refresh_from_db()
    assert not feed.active and feed.pause_reason == Feed.PauseReason.GONE and "410" in feed.last_error
    from sources.services import claim_due_feeds

    assert feed.id not in claim_due_feeds(now=timezone.now() + timedelta(days=30))


@pytest.mark.parametrize(
    ("headers", "wait"),
    [({"Retry-After": "7200"}, timedelta(seconds=7200)), ({}, timedelta(hours=1))],
    ids=["retry-after-honoured", "no-retry-after-waits-an-hour"],
)
def test_429_waits(server, allow_private, headers, wait):
    server.reply("/feed.xml", b"slow down", status=429, headers=headers, content_type="text/plain")
    feed = _feed(server)
    feed.poll_interval = 300
    feed.save()
    now = timezone.now()
    poll_feed(feed, now=now)
    feed.refresh_from_db()
    assert feed.next_poll_at == now + wait


def test_timeout_is_recorded(server, allow_private, settings):
    settings.FETCH_TOTAL_TIMEOUT = 1
    server.reply("/feed.xml", fixture_bytes("wire-outlet-a.xml"), delay=3)
    feed = _feed(server)
    result = poll_feed(feed)
    feed.refresh_from_db()
    assert "Timed out" in result.error and feed.consecutive_failures == 1


def test_oversized_feed_is_recorded(server, allow_private, settings):
    settings.FETCH_MAX_BYTES = 2000
    server.reply("/feed.xml", b"<rss>" + b" " * 5000 + b"</rss>")
    feed = _feed(server)
    assert "too large" in poll_feed(feed).error
    feed.refresh_from_db()
    assert feed.consecutive_failures == 1


def test_redirect_loop_is_recorded(server, allow_private):
    server.reply("/feed.xml", status=302, headers={"Location": "/other.xml"}, content_type=None)
    server.reply("/other.xml", status=302, headers={"Location": "/feed.xml"}, content_type=None)
    feed = _feed(server)
    assert "Redirect loop" in poll_feed(feed).error


def test_redirect_to_metadata_address_is_recorded(server, allow_private):
    server.reply("/feed.xml", status=302, headers={"Location": "http://169.254.169.254/latest/"}, content_type=None)
    feed = _feed(server)
    result = poll_feed(feed)
    feed.refresh_from_db()
    assert "169.254.169.254" in result.error and "non-public" in feed.last_error


# --- What comes back is not a (safe) feed ----------------------------------------


def test_html_instead_of_a_feed(server, allow_private):
    server.serve_fixture("/feed.xml", "not-a-feed.html", content_type="text/html")
    feed = _feed(server)
    result = poll_feed(feed)
    assert "An HTML page, not a feed" in result.error
    assert "https://lake-news.test/rss.xml" in result.error  # where the real feed is
    assert Article.objects.count() == 0


def test_empty_200(server, allow_private):
    server.reply("/feed.xml", b"")
    feed = _feed(server)
    assert "Empty response" in poll_feed(feed).error
    feed.refresh_from_db()
    assert feed.consecutive_failures == 1


def test_garbage_is_not_a_feed(server, allow_private):
    server.reply("/feed.xml", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20, content_type="image/png")
    feed = _feed(server)
    result = poll_feed(feed)
    assert result.error and Article.objects.count() == 0


@pytest.mark.parametrize("name", ["billion-laughs.xml", "quadratic-blowup.xml"])
def test_entity_expansion_is_defused(server, allow_private, name):
    """Entity declarations are dropped before parsing: the entity stays unexpanded text,
    the feed parses in milliseconds and nothing large is stored."""
    server.serve_fixture("/feed.xml", name)
    feed = _feed(server)
    result = poll_feed(feed)
    assert result.error == ""
    article = Article.objects.get()
    assert len(article.title) < 100 and len(article.summary) < 200_000
    assert "lollol" not in article.title and "AAAA" not in article.summary


def test_entity_declarations_in_utf16_are_refused(server, allow_private):
    doc = (
        fixture_bytes("billion-laughs.xml")
        .decode("utf-8")
        .replace('<?xml version="1.0"?>', '<?xml version="1.0" encoding="utf-16"?>')
    )
    server.reply("/feed.xml", doc.encode("utf-16"))
    feed = _feed(server)
    assert "entities" in poll_feed(feed).error


# --- Encodings, odd entries, sanitising -------------------------------------------


@pytest.mark.parametrize(
    ("fixture", "content_type", "title", "in_summary", "published"),
    [
        (
            "latin1-nodecl.xml",
            "application/rss+xml",
            "Négociations à Genève : les délégués reçus au château",
            ["Zürich"],
            datetime(2025, 4, 14, 7, 30, tzinfo=UTC),
        ),
        (
            "utf16.xml",
            "application/xml",
            "Переговоры в Стамбуле продолжатся в понедельник",
            ["Größe", "✓"],
            datetime(2025, 4, 15, 10, 0, tzinfo=UTC),
        ),
    ],
    ids=["latin1-without-declaration", "utf16"],
)
def test_feed_encodings(server, allow_private, fixture, content_type, title, in_summary, published):
    server.serve_fixture("/feed.xml", fixture, content_type=content_type)
    feed = _feed(server)
    assert poll_feed(feed).error == ""
    article = Article.objects.get()
    assert article.title == title
    assert all(text in article.summary for text in in_summary)
    assert article.published_at == published


def test_right_to_left_text(server, allow_private):
    server.serve_fixture("/feed.xml", "rtl.xml")
    feed = _feed(server)
    assert poll_feed(feed).error == ""
    titles = set(Article.objects.values_list("title", flat=True))
    assert titles == {"محادثات السلام تستأنف في الدوحة الأسبوع المقبل", "שיחות השלום יתחדשו בשבוע הבא"}


def test_entries_without_links_or_guids(server, allow_private):
    server.serve_fixture("/feed.xml", "odd-entries.xml")
    feed = _feed(server)
    result = poll_feed(feed)
    assert result.error == "" and result.entries == 5
    stored = {a.url: a for a in Article.objects.all()}
    # The GUID stands in for a missing link; one link given twice (with tracking and
    # "www.") is one article; no link at all and a javascript: link are left out.
    assert set(stored) == {"https://odd.test/only-guid", "https://odd.test/only-link"}
    assert stored["https://odd.test/only-link"].guid == "" and stored["https://odd.test/only-guid"].guid
    assert result.skipped == 1
    assert poll_feed(feed).new_article_ids == []  # and nothing twice


def test_poll_feeds_reports_entries_without_a_link(server, allow_private):
    server.serve_fixture("/feed.xml", "odd-entries.xml")
    _feed(server)
    out = StringIO()
    call_command("poll_feeds", "--sync", stdout=out, stderr=StringIO())
    assert "5 entries, 2 new, 1 without a link (skipped)" in out.getvalue()


def test_feed_markup_is_sanitised(server, allow_private):
    server.serve_fixture("/feed.xml", "hostile-markup.xml")
    feed = _feed(server)
    poll_feed(feed)
    article = Article.objects.get()
    assert article.title == "Talks resume & go on"
    assert article.summary == "Delegates met in Oslo."
    for stored in (article.title, article.summary):
        assert "<" not in stored and "alert" not in stored and "display:none" not in stored


def test_relative_links_resolve_against_the_feed_url(server, allow_private):
    server.serve_fixture("/news/feed.xml", "wire-outlet-a.xml")
    feed = _feed(server, "/news/feed.xml")
    poll_feed(feed)
    article = Article.objects.get()
    assert article.link == server.url("news/articles/a-ceasefire.html?utm_source=rss&utm_medium=feed")
    assert article.url == f"https://127.0.0.1:{server.port}/news/articles/a-ceasefire.html"


# --- Dates -----------------------------------------------------------------------


def test_undated_entries_take_the_page_date_or_the_fetch_time(server, allow_private):
    server.serve_fixture("/feed.xml", "undated.xml")
    server.serve_fixture("/dated-page.html", "dated-page.html", content_type="text/html; charset=utf-8")
    server.serve_fixture("/undated-page.html", "undated-page.html", content_type="text/html; charset=utf-8")
    feed = _feed(server)
    now = timezone.now()
    poll_feed(feed, now=now)
    for article in Article.objects.all():
        assert article.published_guessed and article.date_source == Article.DateSource.FETCHED
        assert article.published_at == now
        services.fetch_article_text(article)

    dated = Article.objects.get(url__endswith="/dated-page.html")
    assert dated.status == Article.Status.FETCHED
    assert dated.published_at.date() == date(2024, 11, 7)
    assert not dated.published_guessed and dated.date_source == Article.DateSource.PAGE

    undated = Article.objects.get(url__endswith="/undated-page.html")
    assert undated.status == Article.Status.FETCHED
    assert undated.published_guessed and undated.date_source == Article.DateSource.FETCHED
    assert undated.published_at == now


def test_feed_dates_are_kept_and_converted_to_utc(server, allow_private):
    server.serve_fixture("/feed.xml", "wire-outlet-b.xml")
    feed = _feed(server)
    poll_feed(feed)
    article = Article.objects.get(url__endswith="b-ceasefire.html")
    assert article.published_at == datetime(2025, 4, 12, 9, 40, tzinfo=UTC)  # 11:40 +0200
    assert article.date_source == Article.DateSource.FEED and not article.published_guessed


def test_article_page_errors_fall_back_to_the_feed_summary(server, allow_private):
    server.serve_fixture("/feed.xml", "wire-outlet-a.xml")  # its article page is not served: 404
    feed = _feed(server)
    poll_feed(feed)
    article = services.fetch_article_text(Article.objects.get())
    assert article.status == Article.Status.FETCHED and "404" in article.page_error
    assert article.text_source == Article.TextSource.FEED_ONLY
    assert article.text == "Corvan's foreign minister says a ceasefire with Ostria could be signed within days."
    assert article.page_retry_at is not None and article.page_attempts == 1


def test_article_page_errors_mark_an_article_with_no_feed_text_failed(server, allow_private):
    server.reply(
        "/feed.xml",
        b"""<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>
        <item><title>Bare headline</title><link>/gone.html</link><guid>bare-1</guid></item></channel></rss>""",
    )
    poll_feed(_feed(server))
    article = services.fetch_article_text(Article.objects.get())
    assert article.status == Article.Status.FAILED and "404" in article.error
    assert article.text == "" and article.page_retry_at is not None  # tried again later


# --- Adaptive polling --------------------------------------------------------------


def test_adaptive_interval_follows_publishing_frequency(settings):
    now = datetime(2025, 4, 12, 12, 0, tzinfo=UTC)
    hourly = [now - timedelta(hours=i) for i in range(7 * 24)]
    assert adaptive_interval(hourly, now=now) == 3600
    daily = [now - timedelta(days=i) for i in range(7)]
    assert adaptive_interval(daily, now=now) == 24 * 3600
    busy = [now - timedelta(minutes=i) for i in range(5000)]
    assert adaptive_interval(busy, now=now) == settings.FEED_MIN_INTERVAL  # clamped at 5 min
    stale = [now - timedelta(days=30)]
    assert adaptive_interval(stale, now=now) == settings.FEED_MAX_INTERVAL
    assert adaptive_interval([], now=now) == settings.FEED_MAX_INTERVAL
    assert adaptive_interval(hourly, now=now, ttl_seconds=4 * 3600) == 4 * 3600  # an RSS <ttl> is respected


def test_poll_sets_the_interval_from_the_feed(server, allow_private):
    now = timezone.now().replace(microsecond=0)
    items = "".join(
        f"<item><title>n{i}</title><link>https://busy.test/{i}</link>"
        f"<pubDate>{(now - timedelta(hours=2 * i)).strftime('%a, %d %b %Y %H:%M:%S GMT')}</pubDate></item>"
        for i in range(84)  # one entry every two hours for a week
    )
    server.reply("/feed.xml", f'<rss version="2.0"><channel><title>Busy</title>{items}</channel></rss>'.encode())
    feed = _feed(server)
    poll_feed(feed, now=now)
    feed.refresh_from_db()
    assert feed.poll_interval == 2 * 3600
    assert feed.next_poll_at == now + timedelta(hours=2)


def test_dates_in_another_language_and_a_stray_html_doctype(server, allow_private):
    server.serve_fixture("/feed.xml", "localised-dates.xml")
    feed = _feed(server)
    now = timezone.now()
    assert poll_feed(feed, now=now).error == ""
    dated = Article.objects.get(url__endswith="/ginebra")
    assert dated.published_at == datetime(2025, 4, 14, 7, 0, tzinfo=UTC)
    assert dated.date_source == Article.DateSource.FEED
    unreadable = Article.objects.get(url__endswith="/ilegible")
    assert unreadable.published_at == now and unreadable.date_source == Article.DateSource.FETCHED


# --- Politeness as the services see it -------------------------------------------


def test_a_busy_host_is_not_a_feed_failure(server, allow_private, settings):
    """With the host's slots all taken, the poll is put off a minute, not counted as a failure;
    an article page stays NEW (its task retries), not FAILED."""
    from sources import fetching

    settings.REDIS_URL = ""
    settings.FETCH_HOST_CONCURRENCY = 1
    settings.FETCH_TOTAL_TIMEOUT = 0.5  # also how long a fetch waits for a slot
    server.serve_fixture("/feed.xml", "wire-outlet-a.xml")
    feed = _feed(server)
    now = timezone.now()
    with fetching.host_limiter().slot("127.0.0.1"):
        result = poll_feed(feed, now=now)
    feed.refresh_from_db()
    assert "maximum number of requests" in result.error
    assert feed.consecutive_failures == 0 and feed.last_error == ""
    assert feed.next_poll_at == now + timedelta(seconds=services.HOST_BUSY_RETRY)

    assert poll_feed(feed).error == ""  # slot free again
    article = Article.objects.get()
    with fetching.host_limiter().slot("127.0.0.1"):
        with pytest.raises(fetching.HostBusyError):
            services.fetch_article_text(article)
    article.refresh_from_db()
    assert article.status == Article.Status.NEW and article.error == ""
