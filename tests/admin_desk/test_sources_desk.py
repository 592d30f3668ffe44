"""Sources managed from the desk (issue 14 item 5): add a feed, OPML import and export, health,
pause and resume, tracks, the starter catalogue. No network: nothing here polls."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from desk.catalogue import STARTER_FEEDS
from desk.opml import OpmlError
from desk.opml import parse_opml
from desk.opml import render_opml
from desk.selectors import feeds_for_opml
from events.services import create_track
from sources.models import Article
from sources.models import Feed
from sources.services import create_feed
from tests.conftest import make_article

pytestmark = pytest.mark.django_db

OPML = b"""<?xml version="1.0"?>
<opml version="2.0"><head><title>mine</title></head><body>
  <outline text="Harbour talks"><outline type="rss" text="Quay Post" xmlUrl="https://quay.example.org/rss"/></outline>
  <outline type="rss" title="Inland Times" text="x" xmlUrl="https://inland.example.org/feed.xml"/>
  <outline type="rss" text="Broken" xmlUrl="not a url"/>
</body></opml>"""


def test_add_a_feed_with_tracks(desk):
    track = create_track("Harbour talks")
    response = desk.post(
        reverse("desk:sources"),
        {"do": "add", "add-url": "https://quay.example.org/rss", "add-name": "Quay Post", "add-tracks": [track.pk]},
        follow=True,
    )
    assert "Feed: 1 added" in response.content.decode()
    feed = Feed.objects.get()
    assert feed.name == "Quay Post" and list(feed.tracks.all()) == [track]
    bad = desk.post(reverse("desk:sources"), {"do": "add", "add-url": "ftp://nope.example.org/x"}, follow=True)
    assert bad.status_code == 200 and Feed.objects.count() == 1


def test_opml_import_assigns_tracks_by_folder_and_reports_bad_lines(desk):
    track = create_track("Harbour talks")
    upload = SimpleUploadedFile("feeds.opml", OPML, content_type="text/x-opml")
    page = desk.post(reverse("desk:sources"), {"do": "opml", "opml-file": upload}, follow=True).content.decode()
    assert "OPML import: 2 added, 0 already followed" in page and "not a url" in page
    assert list(Feed.objects.get(url="https://quay.example.org/rss").tracks.all()) == [track]
    assert Feed.objects.get(url="https://inland.example.org/feed.xml").name == "Inland Times"


def test_opml_export_round_trips(desk):
    track = create_track("Harbour talks")
    track.feeds.add(create_feed("https://quay.example.org/rss", name="Quay Post"))
    create_feed("https://inland.example.org/feed.xml", name="Inland Times")
    response = desk.get(reverse("desk:opml_export"))
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    back = {(f.url, f.name, f.category) for f in parse_opml(response.content)}
    assert back == {
        ("https://quay.example.org/rss", "Quay Post", "Harbour talks"),
        ("https://inland.example.org/feed.xml", "Inland Times", ""),
    }
    assert parse_opml(render_opml(feeds_for_opml(), title="t"))  # same through the functions


def test_opml_refuses_entities_and_junk():
    with pytest.raises(OpmlError):
        parse_opml(b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><opml><body/></opml>')
    with pytest.raises(OpmlError):
        parse_opml(b"<html><body>not opml</body></html>")
    with pytest.raises(OpmlError):
        parse_opml(b"<opml")


def test_health_pause_resume_and_tracks(desk):
    feed = create_feed("https://quay.example.org/rss", name="Quay Post")
    feed.last_error = "HTTP 503 from the server"
    feed.last_polled_at = timezone.now()
    feed.save()
    for i in range(28):
        make_article(
            f"https://quay.example.org/a{i}",
            feed=feed,
            status="failed" if i < 7 else "extracted",
        )
    old = make_article("https://quay.example.org/old", feed=feed)
    Article.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=60))
    page = desk.get(reverse("desk:sources")).content.decode()
    assert "HTTP 503 from the server" in page and "<td>2.0</td>" in page and "25%" in page
    desk.post(reverse("desk:feed", args=[feed.pk]), {"do": "pause"})
    feed.refresh_from_db()
    assert not feed.active and feed.pause_reason == "manual"
    back = desk.post(reverse("desk:feed", args=[feed.pk]), {"do": "resume", "next": "https://elsewhere.example.net/"})
    assert back["Location"] == reverse("desk:feed", args=[feed.pk])  # never sent off-site
    feed.refresh_from_db()
    assert feed.active and feed.consecutive_failures == 0
    track = create_track("Harbour talks")
    desk.post(reverse("desk:feed", args=[feed.pk]), {"do": "tracks", "tracks": [track.pk]})
    assert list(feed.tracks.all()) == [track]


def test_starter_catalogue_loads_in_one_step_and_twice_is_harmless(desk):
    page = desk.post(reverse("desk:sources"), {"do": "catalogue"}, follow=True).content.decode()
    assert f"Starter catalogue: {len(STARTER_FEEDS)} added" in page
    assert Feed.objects.count() == len(STARTER_FEEDS) >= 15
    desk.post(reverse("desk:sources"), {"do": "catalogue"})
    assert Feed.objects.count() == len(STARTER_FEEDS)


def test_view_only_staff_sees_but_cannot_change(client):
    feed = create_feed("https://quay.example.org/rss", name="Quay Post")
    user = User.objects.create_user("look", "l@example.org", "pw-look-12345", is_staff=True)
    from django.contrib.auth.models import Permission

    user.user_permissions.add(Permission.objects.get(codename="view_feed"))
    client.force_login(user)
    assert client.get(reverse("desk:sources")).status_code == 200
    assert client.post(reverse("desk:feed", args=[feed.pk]), {"do": "pause"}).status_code == 403
    assert client.post(reverse("desk:sources"), {"do": "catalogue"}).status_code == 403


@pytest.fixture
def local_catalogue(monkeypatch, allow_private):
    """The catalogue pointed at the project's own sample feeds, served over HTTP (no internet here)."""
    from desk import services
    from tests.conftest import SAMPLES
    from tests.conftest import LocalServer

    with LocalServer(SAMPLES) as server:
        feeds = [
            ("Quay Wire", server.url("feeds/black-sea-wire.xml")),
            ("Lock Post", server.url("feeds/meridian-dispatch.xml")),
        ]
        monkeypatch.setattr(services, "STARTER_FEEDS", feeds)
        yield feeds


def test_catalogue_queues_the_first_poll_with_a_task_queue(
    desk, local_catalogue, settings, django_capture_on_commit_callbacks
):
    settings.CELERY_TASK_ALWAYS_EAGER = False  # as with REDIS_URL set; the tests' Celery still runs tasks here
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = desk.post(reverse("desk:sources"), {"do": "catalogue"}, follow=True)
    page = response.content.decode()
    assert "Starter catalogue: 2 added" in page and "first poll is queued" in page
    assert len(callbacks) == 1  # one poll_due_feeds, after commit
    polled = Feed.objects.filter(url__in=[url for _, url in local_catalogue])
    assert polled.count() == 2 and all(f.last_polled_at and not f.last_error for f in polled)
    assert Article.objects.filter(feed__in=polled).count() == 4  # both sample feeds' items, fetched
    assert all(f.next_poll_at > timezone.now() for f in polled)  # not due again: beat will not re-poll them
    # Loading again adds nothing and queues nothing.
    with django_capture_on_commit_callbacks(execute=True) as again:
        assert (
            "0 added, 2 already followed"
            in desk.post(reverse("desk:sources"), {"do": "catalogue"}, follow=True).content.decode()
        )
    assert again == []


def test_catalogue_without_a_task_queue_says_how_to_poll(
    desk, local_catalogue, settings, django_capture_on_commit_callbacks
):
    settings.CELERY_TASK_ALWAYS_EAGER = True  # no REDIS_URL: tasks would run inside the request
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        page = desk.post(reverse("desk:sources"), {"do": "catalogue"}, follow=True).content.decode()
    assert "Starter catalogue: 2 added" in page and "poll_feeds --sync" in page
    assert callbacks == [] and not Feed.objects.filter(last_polled_at__isnull=False).exists()
