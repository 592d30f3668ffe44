"""Issue 12 defect 3: nothing lost when the page cannot be fetched.

Every test goes through the real code path (fetch with its guard and deadline,
feedparser, the services, the Celery tasks run eagerly, the extractor and the
events services) against a local HTTP server that answers 403, stalls, shows a
paywall, or is not there at all."""

import socket
from datetime import timedelta

import pytest
from django.utils import timezone

from events.models import Meeting
from events.models import Statement
from events.services import edit_event
from sources import services
from sources import tasks
from sources.models import Article
from sources.pipeline import process_feed_sync
from sources.services import PAGE_RETRY_ATTEMPTS
from sources.services import PAGE_RETRY_BASE
from sources.services import create_feed
from tests.conftest import CeleryWorker
from tests.conftest import require_real_worker

pytestmark = pytest.mark.django_db

HEADLINE = "Ostrian and Corvan negotiators to meet in Geneva on Monday"
FEED_BODY = (
    "<p>Ostria and Corvan will hold talks in Geneva on Monday, the Ostrian foreign ministry said on Friday.</p>"
    "<p>&#8220;We are ready to sign a ceasefire if the border crossings reopen,&#8221; Ostrian Foreign Minister "
    "Lena Hartmann told reporters in Velden.</p>"
)
PAGE = """<html><head><title>{title}</title></head><body><nav>Home | World | Sport</nav>
<article><h1>{title}</h1>
<p>Ostria and Corvan will hold talks in Geneva on Monday, the Ostrian foreign ministry said on Friday.</p>
<p>"We are ready to sign a ceasefire if the border crossings reopen," Ostrian Foreign Minister Lena Hartmann
told reporters in Velden.</p>
<p>"Our delegation will bring a map of the crossings and a list of prisoners," Corvan's chief negotiator
Pavel Dorn said in a statement on Friday evening.</p>
<p>Diplomats in Geneva said the first session would be held behind closed doors, with mediators from the
council shuttling between the two delegations for most of the day.</p>
</article><footer>All rights reserved.</footer></body></html>"""
PAYWALL = """<html><body><article><h1>{title}</h1>
<p>Ostria and Corvan will hold talks in Geneva on Monday.</p>
<p>Subscribe to continue reading.</p></article></body></html>"""


def rss(items):
    return (
        '<?xml version="1.0" encoding="utf-8"?>'
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
        "<title>Harbour Gazette</title><link>https://harbour-gazette.test/</link>" + "".join(items) + "</channel></rss>"
    ).encode()


def item(link, guid="hg-geneva-1", content=FEED_BODY, summary="", title=HEADLINE):
    parts = [
        f"<item><title>{title}</title><link>{link}</link><guid>{guid}</guid>",
        "<pubDate>Fri, 11 Apr 2025 09:15:00 GMT</pubDate>",
    ]
    if summary:
        parts.append(f"<description>{summary}</description>")
    if content:
        parts.append(f"<content:encoded><![CDATA[{content}]]></content:encoded>")
    parts.append("</item>")
    return "".join(parts)


def _ingest(server, link, **kwargs):
    server.reply("/feed.xml", rss([item(link, **kwargs)]))
    feed = create_feed(server.url("/feed.xml"), name="Harbour Gazette")
    process_feed_sync(feed)
    return Article.objects.get()


def _assert_read_from_the_feed(article, error_part):
    assert article.text_source == Article.TextSource.FEED_ONLY
    assert article.status == Article.Status.EXTRACTED
    assert error_part in article.page_error
    assert "Lena Hartmann" in article.text and "<p>" not in article.text  # sanitised plain text
    assert article.page_attempts == 1
    wait = article.page_retry_at - timezone.now()
    assert timedelta(seconds=PAGE_RETRY_BASE - 60) < wait <= timedelta(seconds=PAGE_RETRY_BASE)
    # Extracted from the feed's text: the meeting and the quote are on the timeline, sourced to it.
    meeting = Meeting.objects.get(location="Geneva")
    assert meeting.sources.get().article == article
    quote = Statement.objects.get(quote__startswith="We are ready to sign a ceasefire")
    assert quote.sources.get().article == article


def test_403_page_is_read_from_the_feed_content(server, allow_private):
    server.reply("/a.html", b"<html><body>Forbidden</body></html>", status=403, content_type="text/html")
    article = _ingest(server, server.url("/a.html"))
    _assert_read_from_the_feed(article, "HTTP 403")
    assert len(server.requests_to("/a.html")) == 1


def test_page_that_stalls_past_the_deadline(server, allow_private, settings):
    settings.FETCH_TOTAL_TIMEOUT = 1
    server.reply("/slow.html", PAGE.format(title=HEADLINE).encode(), content_type="text/html", delay=3)
    article = _ingest(server, server.url("/slow.html"))
    _assert_read_from_the_feed(article, "Timed out")


def test_page_on_a_port_that_refuses_connections(server, allow_private):
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    article = _ingest(server, f"http://127.0.0.1:{port}/refused.html")
    _assert_read_from_the_feed(article, "Connection failed")


def test_page_whose_host_does_not_resolve(server, allow_private):
    article = _ingest(server, "http://news.nowhere.invalid/geneva.html")
    _assert_read_from_the_feed(article, "Cannot resolve")


def test_paywall_page_is_not_taken_for_the_article(server, allow_private):
    server.reply("/paid.html", PAYWALL.format(title=HEADLINE).encode(), content_type="text/html; charset=utf-8")
    article = _ingest(server, server.url("/paid.html"))
    _assert_read_from_the_feed(article, "paywall")


def test_summary_only_feed_item(server, allow_private):
    summary = (
        "Ostria and Corvan will hold talks in Geneva on Monday, the Ostrian foreign ministry said on "
        "Friday. &#8220;We are ready to sign a ceasefire if the border crossings reopen,&#8221; Ostrian "
        "Foreign Minister Lena Hartmann told reporters in Velden."
    )
    server.reply("/a.html", b"no", status=403, content_type="text/html")
    article = _ingest(server, server.url("/a.html"), content="", summary=summary)
    _assert_read_from_the_feed(article, "HTTP 403")
    assert article.text == article.feed_text == article.summary


def test_page_arrives_later_and_is_reextracted_with_corrections_kept(server, allow_private):
    server.reply("/a.html", b"Forbidden", status=403, content_type="text/html")
    article = _ingest(server, server.url("/a.html"))
    meeting = Meeting.objects.get(location="Geneva")
    edit_event(meeting, changes={"location": "Geneva, Palais des Nations"}, reason="the venue was named on the radio")

    # Not due yet: the beat task queues nothing.
    assert tasks.retry_article_pages() == 0
    server.reply("/a.html", PAGE.format(title=HEADLINE).encode(), content_type="text/html; charset=utf-8")
    Article.objects.filter(pk=article.pk).update(page_retry_at=timezone.now() - timedelta(seconds=1))
    assert tasks.retry_article_pages() == 1  # eager: fetch_article, then extract_article by name

    article.refresh_from_db()
    assert article.text_source == Article.TextSource.PAGE and article.page_retry_at is None
    assert article.status == Article.Status.EXTRACTED and article.page_error == ""
    assert "Pavel Dorn" in article.text and "All rights reserved" not in article.text
    # The page's extra quote is new; the editor's correction survived the re-extraction.
    assert Statement.objects.filter(quote__startswith="Our delegation will bring a map").exists()
    meeting.refresh_from_db()
    assert meeting.location == "Geneva, Palais des Nations" and "location" in meeting.locked_fields
    assert Meeting.objects.count() == 1 and meeting.sources.get().article == article
    # Running the retry again changes nothing and fetches nothing.
    fetched = len(server.requests_to("/a.html"))
    assert tasks.retry_article_pages() == 0
    tasks.fetch_article(article.pk)
    assert len(server.requests_to("/a.html")) == fetched


def test_retries_back_off_then_stop(server, allow_private):
    server.reply("/a.html", b"Forbidden", status=403, content_type="text/html")
    article = _ingest(server, server.url("/a.html"))
    waits = []
    for _ in range(PAGE_RETRY_ATTEMPTS - 1):
        now = article.page_retry_at
        article = services.fetch_article_text(article, now=now)
        waits.append(article.page_retry_at and (article.page_retry_at - now).total_seconds())
    assert waits == [2 * PAGE_RETRY_BASE, 4 * PAGE_RETRY_BASE, 8 * PAGE_RETRY_BASE, 16 * PAGE_RETRY_BASE, None]
    assert article.page_attempts == PAGE_RETRY_ATTEMPTS
    # Still readable from the feed's text, still extracted: failing again lost nothing.
    assert article.text_source == Article.TextSource.FEED_ONLY and article.status == Article.Status.EXTRACTED
    assert Statement.objects.filter(sources__article=article).exists()


def test_retry_after_is_honoured_and_410_is_not_retried(server, allow_private):
    server.reply("/a.html", b"busy", status=503, content_type="text/html", headers={"Retry-After": "7200"})
    server.reply("/gone.html", b"gone", status=410, content_type="text/html")
    server.reply("/feed.xml", rss([item(server.url("/a.html")), item(server.url("/gone.html"), guid="hg-2")]))
    process_feed_sync(create_feed(server.url("/feed.xml")))
    busy = Article.objects.get(link__endswith="/a.html")
    assert busy.page_retry_at - busy.fetched_at == timedelta(seconds=7200)
    gone = Article.objects.get(link__endswith="/gone.html")
    assert gone.text_source == Article.TextSource.FEED_ONLY and gone.page_retry_at is None


def test_claiming_due_retries_twice_queues_each_once(server, allow_private):
    server.reply("/a.html", b"Forbidden", status=403, content_type="text/html")
    article = _ingest(server, server.url("/a.html"))
    later = article.page_retry_at + timedelta(seconds=1)
    assert services.claim_due_page_retries(now=later) == [article.pk]
    assert services.claim_due_page_retries(now=later) == []  # leased to the first claim


def test_short_wire_item_carried_in_full_is_kept_when_its_page_fails(server, allow_private):
    wire = (
        "<p>GENEVA (Wire) - Ostria and Corvan will hold talks in Geneva on Monday, the Ostrian foreign "
        "ministry said on Friday.</p>"
    )
    server.reply("/a.html", b"Forbidden", status=403, content_type="text/html")
    article = _ingest(server, server.url("/a.html"), content=wire)
    assert article.text_source == Article.TextSource.FEED_ONLY and article.status == Article.Status.EXTRACTED
    assert article.text.startswith("GENEVA (Wire)")
    assert Meeting.objects.get(location="Geneva").sources.get().article == article


def test_page_that_answers_is_preferred_to_the_feed_text(server, allow_private):
    server.reply("/a.html", PAGE.format(title=HEADLINE).encode(), content_type="text/html; charset=utf-8")
    article = _ingest(server, server.url("/a.html"))
    assert article.text_source == Article.TextSource.PAGE and article.page_retry_at is None
    assert "Pavel Dorn" in article.text and article.page_attempts == 0


@pytest.mark.real_worker
@pytest.mark.django_db(transaction=True)
def test_real_worker_reads_the_feed_text_then_the_page_when_it_arrives(server, tmp_path):
    """Against a real Celery worker on Redis and PostgreSQL: a 403 page gives a feed-text-only
    article, extracted; the beat task retries the page once it answers, and the worker re-extracts."""
    require_real_worker()
    server.reply("/a.html", b"Forbidden", status=403, content_type="text/html")
    server.reply("/feed.xml", rss([item(server.url("/a.html"))]))
    feed = create_feed(server.url("/feed.xml"), name="Harbour Gazette")
    with CeleryWorker(tmp_path / "worker.log") as worker:
        tasks.poll_feed.delay(feed.pk)
        worker.wait_for(lambda: Article.objects.filter(status=Article.Status.EXTRACTED).exists())
        article = Article.objects.get()
        assert article.text_source == Article.TextSource.FEED_ONLY and "HTTP 403" in article.page_error
        assert Meeting.objects.get(location="Geneva").sources.get().article == article

        server.reply("/a.html", PAGE.format(title=HEADLINE).encode(), content_type="text/html; charset=utf-8")
        Article.objects.filter(pk=article.pk).update(page_retry_at=timezone.now() - timedelta(seconds=1))
        tasks.retry_article_pages.delay()  # what beat sends every five minutes
        worker.wait_for(lambda: Statement.objects.filter(quote__startswith="Our delegation will bring a map").exists())
        worker.wait_for(
            lambda: Article.objects.filter(
                pk=article.pk, status=Article.Status.EXTRACTED, text_source=Article.TextSource.PAGE
            ).exists()
        )
        output = worker.output()
        assert "sources.tasks.retry_article_pages" in output and "events.tasks.extract_article" in output
