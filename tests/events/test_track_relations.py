"""Track.feeds and Track.articles, declared on the events side (sources names nothing above
it), over the tables Feed.tracks and Article.tracks used: the reverse accessors, filters,
the admin and the tables themselves."""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.urls import reverse

from events.models import Track
from sources.models import Article
from sources.models import Feed
from tests.conftest import make_article

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    user = get_user_model().objects.create_superuser("trackadmin", "ta@example.test", "pw-long-enough-2")
    client.force_login(user)
    return client


def test_the_relations_keep_their_tables_and_columns():
    feeds = Track._meta.get_field("feeds").remote_field.through
    articles = Track._meta.get_field("articles").remote_field.through
    assert feeds._meta.db_table == "sources_feed_tracks"
    assert articles._meta.db_table == "sources_article_tracks"
    with connection.cursor() as cursor:
        for through, columns in ((feeds, {"id", "feed_id", "track_id"}), (articles, {"id", "article_id", "track_id"})):
            described = connection.introspection.get_table_description(cursor, through._meta.db_table)
            assert {c.name for c in described} == columns
            assert {f.column for f in through._meta.local_fields} == columns


def test_feed_and_article_reach_their_tracks_both_ways():
    lake = Track.objects.create(name="Lake Orlen water talks", slug="lake-orlen")
    pass_ = Track.objects.create(name="Vell pass border talks", slug="vell-pass")
    feed = Feed.objects.create(url="https://wire.example.test/feed.xml", name="Example Wire")
    feed.tracks.set([lake])
    lake.feeds.add(feed)  # the same row, not a second one
    pass_.feeds.add(feed)
    article = make_article("https://wire.example.test/a", feed=feed)
    through = Article.tracks.through
    through.objects.bulk_create([through(article_id=article.pk, track_id=lake.pk)])
    assert set(feed.tracks.values_list("slug", flat=True)) == {"lake-orlen", "vell-pass"}
    assert list(lake.feeds.all()) == [feed] and list(article.tracks.all()) == [lake]
    assert list(Feed.objects.filter(tracks=pass_)) == [feed]
    assert list(Article.objects.filter(tracks__slug="lake-orlen")) == [article]
    assert Feed.tracks.through.objects.count() == 2


def test_the_track_admin_edits_its_feeds_and_the_feed_admin_shows_them(admin_client):
    track = Track.objects.create(name="Lake Orlen water talks", slug="lake-orlen")
    feed = Feed.objects.create(url="https://wire.example.test/feed.xml", name="Example Wire", backlog=7)
    other = Feed.objects.create(url="https://other.example.test/feed.xml", name="Other Wire")
    page = admin_client.get(reverse("admin:events_track_change", args=[track.pk])).content.decode()
    assert 'name="feeds"' in page and 'name="articles"' not in page
    response = admin_client.post(
        reverse("admin:events_track_change", args=[track.pk]),
        {"name": track.name, "slug": track.slug, "description": "", "keywords": "", "feeds": [feed.pk]},
    )
    assert response.status_code == 302
    assert list(feed.tracks.all()) == [track] and not other.tracks.exists()

    page = admin_client.get(reverse("admin:sources_feed_change", args=[feed.pk])).content.decode()
    assert "Lake Orlen water talks" in page
    assert 'name="backlog"' not in page and 'name="tracks"' not in page  # both read-only here
    listed = admin_client.get(reverse("admin:sources_feed_changelist"), {"tracks__id__exact": track.pk})
    assert listed.status_code == 200
    assert list(listed.context["cl"].result_list) == [feed]


def test_the_article_admin_shows_text_source_page_error_and_tracks(admin_client):
    track = Track.objects.create(name="Lake Orlen water talks", slug="lake-orlen")
    article = make_article(
        "https://wire.example.test/b",
        title="Envoys meet at the lake",
        text_source=Article.TextSource.FEED_ONLY,
        page_error="HTTP 503 from wire.example.test",
    )
    article.tracks.add(track)
    page = admin_client.get(reverse("admin:sources_article_change", args=[article.pk])).content.decode()
    assert "Feed text only (the page could not be fetched)" in page
    assert "HTTP 503 from wire.example.test" in page and "Lake Orlen water talks" in page
    listed = admin_client.get(
        reverse("admin:sources_article_changelist"), {"text_source__exact": "feed_only", "tracks__id__exact": track.pk}
    )
    assert list(listed.context["cl"].result_list) == [article]
