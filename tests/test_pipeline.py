"""Feeds in, timeline out: the bundled sample feeds through the real pipeline."""

import json
from datetime import date

import pytest
from django.core.management import call_command

from events.models import Actor
from events.models import Meeting
from events.models import Proposal
from events.models import Statement
from events.models import Track
from events.services import create_track
from sources.models import Article
from sources.models import Feed
from sources.pipeline import process_feed_sync
from sources.services import create_feed

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded(sample_server, allow_private):
    track = create_track("Russia-Ukraine peace talks", keywords="Ukraine, Russia, Istanbul")
    feeds = [
        create_feed(sample_server.url("feeds/black-sea-wire.xml"), name="Black Sea Wire"),
        create_feed(sample_server.url("feeds/meridian-dispatch.xml"), name="Meridian Dispatch"),
    ]
    track.feeds.add(*feeds)
    results = [process_feed_sync(feed) for feed in feeds]
    return track, feeds, results


def test_feeds_become_extracted_articles(loaded):
    track, feeds, results = loaded
    assert [r.error for r in results] == ["", ""]
    assert sum(len(r.new_article_ids) for r in results) == 4
    articles = Article.objects.all()
    assert {a.status for a in articles} == {Article.Status.EXTRACTED}
    assert all(a.extractor_version for a in articles)
    # Relative links resolved against the feed URL; main text without page chrome.
    second = Article.objects.get(url__endswith="istanbul-second-round.html")
    assert second.link.startswith("http://127.0.0.1:")
    assert "Most read" not in second.text and "All rights reserved" not in second.text
    assert "meaningful talks" in second.text
    assert second.published_at.date() == date(2025, 5, 29)
    assert set(second.tracks.all()) == {track}


def test_timeline_events_have_sources(loaded):
    track, _, _ = loaded
    monday = Meeting.objects.get(date=date(2025, 6, 2), location="Istanbul")
    assert monday.status in (Meeting.Status.PROPOSED, Meeting.Status.SCHEDULED)
    assert monday.sources.count() >= 2  # reported by both outlets, one meeting
    assert track in monday.tracks.all()

    call = Meeting.objects.get(kind=Meeting.Kind.CALL, date=date(2025, 5, 28))
    assert call.status == Meeting.Status.HELD
    assert {"Medinsky", "Umerov"} <= {p.name.split()[-1] for p in call.participants.all()}

    first = Meeting.objects.get(location="Istanbul", status=Meeting.Status.HELD, date=date(2025, 5, 16))
    assert first.sources.exists()

    quote = Statement.objects.get(quote__icontains="meaningful talks on all points")
    assert quote.speaker.name == "Vladimir Medinsky"
    assert quote.sources.get().article.link.endswith("istanbul-second-round.html")

    roadmap = Proposal.objects.filter(proposer__country="UA").get(summary__icontains="roadmap")
    assert roadmap.sources.exists()


def test_repolling_creates_nothing_new(loaded):
    counts = (Article.objects.count(), Statement.objects.count(), Meeting.objects.count(), Proposal.objects.count())
    for feed in Feed.objects.all():
        feed.etag = feed.last_modified = ""  # force a full re-parse, not a 304
        feed.save()
        result = process_feed_sync(feed)
        assert result.new_article_ids == []
    for article in Article.objects.all():  # re-extraction is idempotent too
        from events.services import extract_and_record

        extract_and_record(article)
    assert counts == (
        Article.objects.count(),
        Statement.objects.count(),
        Meeting.objects.count(),
        Proposal.objects.count(),
    )


def test_actors_are_reused_by_name(loaded):
    assert Actor.objects.filter(name="Vladimir Medinsky").count() == 1
    assert Actor.objects.filter(name="Rustem Umerov").count() == 1
    medinsky = Actor.objects.get(name="Vladimir Medinsky")
    assert medinsky.country == "RU"
    assert Statement.objects.filter(speaker=medinsky).count() >= 2


def test_export_events_json_lists_sources(loaded, capsys):
    track, _, _ = loaded
    call_command("export_events", "--track", track.slug, "--format", "json")
    data = json.loads(capsys.readouterr().out)
    assert data["track"] == track.slug
    monday = [m for m in data["meetings"] if m["date"] == "2025-06-02"]
    assert monday and monday[0]["location"] == "Istanbul"
    assert all(s["url"].startswith("http://127.0.0.1:") for s in monday[0]["sources"])
    assert any(
        "meaningful talks" in s["quote"] and s["speaker"]["name"] == "Vladimir Medinsky" for s in data["statements"]
    )
    assert any("roadmap" in p["summary"].lower() for p in data["proposals"])


def test_export_events_csv(loaded, capsys):
    call_command("export_events", "--format", "csv")
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[0].startswith("type,id,date")
    assert any(line.startswith("meeting,") and "Istanbul" in line for line in lines[1:])


def test_off_topic_articles_add_nothing(sample_server, allow_private):
    create_track("Nile dam talks", keywords="Nile, Ethiopia, Egypt")
    feed = create_feed(sample_server.url("feeds/black-sea-wire.xml"), name="Black Sea Wire")
    process_feed_sync(feed)
    assert Article.objects.count() == 2
    assert set(Article.objects.values_list("status", flat=True)) == {Article.Status.OFF_TOPIC}
    assert Statement.objects.count() == Meeting.objects.count() == 0


def test_a_broken_feed_records_the_error_and_keeps_data(sample_server, allow_private):
    track = create_track("Talks")
    good = create_feed(sample_server.url("feeds/black-sea-wire.xml"))
    track.feeds.add(good)
    process_feed_sync(good)
    before = Statement.objects.count()
    bad = create_feed(sample_server.url("feeds/missing.xml"))
    track.feeds.add(bad)
    result = process_feed_sync(bad)
    bad.refresh_from_db()
    assert "404" in result.error and "404" in bad.last_error
    assert bad.consecutive_failures == 1 and bad.next_poll_at > bad.last_polled_at
    assert Statement.objects.count() == before > 0
    assert Track.objects.count() == 1
