"""One story, many outlets: wire copies grouped; each outlet a source of one event; no duplicates under races."""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.urls import reverse

from events.models import Statement
from events.services import create_track
from sources import stories
from sources.models import Article
from sources.models import Story
from sources.pipeline import process_feed_sync
from sources.services import create_feed
from sources.services import parse_feed
from sources.services import store_entries
from sources.text import main_text
from tests.conftest import make_article
from tests.conftest import run_in_threads

from .conftest import fixture_bytes
from .conftest import wire_copy

HTML = "text/html; charset=utf-8"


def _serve_wire(server):
    server.serve_fixture("/a/feed.xml", "wire-outlet-a.xml")
    server.reply("/a/articles/a-ceasefire.html", wire_copy("a"), content_type=HTML)
    server.serve_fixture("/b/feed.xml", "wire-outlet-b.xml")
    server.reply("/b/articles/b-ceasefire.html", wire_copy("b"), content_type=HTML)
    server.serve_fixture("/b/articles/b-analysis.html", "b-analysis.html", content_type=HTML)


@pytest.fixture
def wire(server, allow_private, db):
    _serve_wire(server)
    track = create_track("Corvan-Ostria ceasefire", keywords="Corvan, Ostria")
    feed_a = create_feed(server.url("a/feed.xml"), name="Harbour Gazette")
    feed_b = create_feed(server.url("b/feed.xml"), name="Valley Courier")
    track.feeds.add(feed_a, feed_b)
    results = [process_feed_sync(feed_a), process_feed_sync(feed_b)]
    return feed_a, feed_b, results


def _text(page):
    return main_text(page.decode("utf-8"))[1]


def test_signatures_tell_copies_from_other_reports():
    copy_a, copy_b, other = _text(wire_copy("a")), _text(wire_copy("b")), _text(fixture_bytes("b-analysis.html"))
    sig_a, sig_b, sig_other = stories.signature(copy_a), stories.signature(copy_b), stories.signature(other)
    assert stories.similarity(sig_a, sig_b) >= stories.STORY_THRESHOLD + 0.1
    assert stories.similarity(sig_a, sig_other) < 0.1
    assert set(stories.band_keys(sig_a)) & set(stories.band_keys(sig_b))  # LSH finds the pair
    assert stories.signature("too short to compare") is None


def test_two_wire_copies_are_one_story(wire):
    assert [r.error for r in wire[2]] == ["", ""]
    copy_a = Article.objects.get(url__endswith="a-ceasefire.html")
    copy_b = Article.objects.get(url__endswith="b-ceasefire.html")
    analysis = Article.objects.get(url__endswith="b-analysis.html")
    assert copy_a.status == copy_b.status == Article.Status.EXTRACTED
    assert copy_a.story_id and copy_a.story_id == copy_b.story_id
    assert analysis.story_id is None  # same subject, not a copy
    story = Story.objects.get()
    assert {a.outlet.name for a in story.articles.all()} == {"Harbour Gazette", "Valley Courier"}
    assert story.first_published_at == copy_a.published_at  # the earlier copy


def test_a_quote_from_two_copies_is_one_statement_with_two_sources(wire):
    statement = Statement.objects.get(quote__icontains="ready to sign a ceasefire within days")
    assert statement.speaker.name == "Lena Marsh"
    sources = list(statement.sources.select_related("article__outlet"))
    assert len(sources) == 2
    assert {s.article.outlet.name for s in sources} == {"Harbour Gazette", "Valley Courier"}


def test_repolling_the_copies_changes_nothing(wire):
    feed_a, feed_b, _ = wire
    before = (
        Article.objects.count(),
        Story.objects.count(),
        Statement.objects.count(),
        list(Article.objects.order_by("id").values_list("id", "story_id")),
    )
    for feed in (feed_a, feed_b):
        feed.etag = feed.last_modified = ""
        feed.save()
        assert process_feed_sync(feed).new_article_ids == []
    for article in Article.objects.all():
        stories.assign_story(article)  # regrouping is idempotent too
    after = (
        Article.objects.count(),
        Story.objects.count(),
        Statement.objects.count(),
        list(Article.objects.order_by("id").values_list("id", "story_id")),
    )
    assert before == after


def test_a_third_copy_joins_the_story(wire, server):
    copy_a = Article.objects.get(url__endswith="a-ceasefire.html")
    third = make_article(
        "https://third.test/copy",
        title="Third copy",
        text=copy_a.text + "\nA third outlet added this closing line about the weather in Verin.",
        published_at=copy_a.published_at,
    )
    story = stories.assign_story(third)
    assert story == copy_a.story
    assert Story.objects.count() == 1 and story.articles.count() == 3


def test_stories_are_listed_in_the_admin(wire, client):
    admin = get_user_model().objects.create_superuser("editor", "e@example.test", "pw")
    client.force_login(admin)
    story = Story.objects.get()
    listing = client.get(reverse("admin:sources_story_changelist")).content.decode()
    assert story.title in listing
    detail = client.get(reverse("admin:sources_story_change", args=[story.pk])).content.decode()
    assert "Harbour Gazette" in detail and "Valley Courier" in detail
    articles = client.get(reverse("admin:sources_article_changelist")).content.decode()
    assert story.title in articles


@pytest.mark.django_db(transaction=True)
def test_two_workers_polling_one_feed_insert_each_article_once(server, allow_private):
    """Two threads store the same parsed feed at the same moment; the unique
    constraints (not the existence checks) decide, so every article is stored once."""
    if connection.vendor != "postgresql":
        pytest.skip("concurrent writers need PostgreSQL (CI runs this)")
    items = "".join(
        f"<item><title>n{i}</title><link>https://race.test/{i}</link><guid>g{i}</guid></item>" for i in range(200)
    )
    content = f'<rss version="2.0"><channel><title>Race</title>{items}</channel></rss>'.encode()
    feed = create_feed("https://race.test/feed.xml", name="Race")
    parsed = parse_feed(content, headers={}, url=feed.url)
    results = run_in_threads(*[lambda: store_entries(feed, parsed=parsed)] * 2, timeout=60)
    assert Article.objects.filter(feed=feed).count() == 200
    new_ids = results[0] + results[1]
    assert len(new_ids) == 200 and len(set(new_ids)) == 200  # each article reported new by one worker only


@pytest.mark.django_db(transaction=True)
def test_two_feeds_sharing_a_link_store_it_once(server, allow_private):
    """The URL constraint holds across feeds: the same normalised link is one Article."""
    body_a = b'<rss version="2.0"><channel><title>A</title><item><title>x</title><link>https://www.shared.test/story?utm_source=a</link></item></channel></rss>'
    body_b = b'<rss version="2.0"><channel><title>B</title><item><title>x</title><link>https://shared.test/story/</link></item></channel></rss>'
    feed_a = create_feed("https://a.test/feed.xml")
    feed_b = create_feed("https://b.test/feed.xml")
    assert len(store_entries(feed_a, parsed=parse_feed(body_a))) == 1
    assert store_entries(feed_b, parsed=parse_feed(body_b)) == []
    assert Article.objects.get().url == "https://shared.test/story"


@pytest.mark.django_db
def test_copies_arriving_in_one_feed_find_each_other(server, allow_private):
    """Full text in the feed itself: both copies are grouped in the same poll."""
    text = _text(wire_copy("a"))
    edited = text.replace("late on Friday", "on Friday evening") + "\nA closing line added by the second site."
    paragraphs = lambda t: "".join(f"<p>{line}</p>" for line in t.splitlines())
    items = "".join(
        f"<item><title>{title}</title><link>https://{host}/story</link>"
        f"<pubDate>Sat, 12 Apr 2025 10:00:00 GMT</pubDate>"
        f"<content:encoded><![CDATA[{paragraphs(body)}]]></content:encoded></item>"
        for title, host, body in (("Copy one", "one.test", text), ("Copy two", "two.test", edited))
    )
    content = (
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Aggregator</title>'
        f"{items}</channel></rss>"
    ).encode()
    feed = create_feed("https://aggregator.test/feed.xml")
    ids = store_entries(feed, parsed=parse_feed(content))
    first, second = Article.objects.filter(id__in=ids).order_by("id")
    assert first.status == second.status == Article.Status.FETCHED  # the feed carried the text
    assert first.story_id and first.story_id == second.story_id
