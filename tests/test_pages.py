from datetime import UTC
from datetime import date
from datetime import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from events.models import Actor
from events.models import Meeting
from events.models import MeetingSource
from events.models import Proposal
from events.models import ProposalSource
from events.models import ReviewStatus
from events.models import Statement
from events.models import StatementSource
from events.services import create_track
from events.services import quote_key
from sources.models import Outlet
from tests.conftest import make_article

pytestmark = pytest.mark.django_db


def make_events(track, n, start=0):
    outlet, _ = Outlet.objects.get_or_create(slug="wire", defaults={"name": "Wire"})
    for i in range(start, start + n):
        article = make_article(
            f"https://news.example.org/{i}",
            outlet=outlet,
            title=f"Report {i}",
            published_at=datetime(2025, 5, 1 + i % 28, tzinfo=UTC),
            text="x",
        )
        speaker = Actor.objects.create(name=f"Speaker {i}", slug=f"speaker-{i}", country="UA")
        s = Statement.objects.create(
            speaker=speaker,
            quote=f"Quote number {i}",
            quote_key=quote_key(f"Quote number {i}"),
            date=article.published_at.date(),
        )
        m = Meeting.objects.create(
            kind="talks", location="Asterport", date=date(2025, 6, 1 + i % 28), status="proposed"
        )
        m.participants.add(speaker)
        p = Proposal.objects.create(proposer=speaker, summary=f"Plan {i}", date=date(2025, 5, 1 + i % 28))
        StatementSource.objects.create(statement=s, article=article, sentence="s")
        MeetingSource.objects.create(meeting=m, article=article, sentence="m")
        ProposalSource.objects.create(proposal=p, article=article, sentence="p")
        for event in (s, m, p):
            event.tracks.add(track)


def count_queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_pages_render_with_sources(client):
    track = create_track("Test talks")
    make_events(track, 2)
    home = client.get("/")
    assert home.status_code == 200
    page = client.get(reverse("events:track", args=[track.slug])).content.decode()
    assert "Quote number 1" in page and "Plan 0" in page and "Asterport" in page
    assert 'href="https://news.example.org/0"' in page
    statement = Statement.objects.first()
    for url in (
        reverse("events:actor", args=[statement.speaker.slug]),
        reverse("events:statement", args=[statement.pk]),
        reverse("events:meeting", args=[Meeting.objects.first().pk]),
        reverse("events:proposal", args=[Proposal.objects.first().pk]),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "news.example.org" in response.content.decode()


def test_rejected_statements_are_not_public(client):
    track = create_track("Test talks")
    make_events(track, 1)
    statement = Statement.objects.get()
    statement.review_status = ReviewStatus.REJECTED
    statement.save()
    page = client.get(reverse("events:track", args=[track.slug])).content.decode()
    assert "Quote number 0" not in page
    assert client.get(reverse("events:statement", args=[statement.pk])).status_code == 404


def test_unknown_pages_404(client):
    assert client.get("/tracks/nope/").status_code == 404
    assert client.get("/meetings/999/").status_code == 404
    assert client.get("/samples/../settings.py").status_code == 404


@pytest.mark.parametrize("name", ["track", "home", "actor"])
def test_query_count_does_not_grow_with_data(client, name):
    track = create_track("Test talks")
    make_events(track, 3)
    actor = Actor.objects.first()
    url = {
        "track": reverse("events:track", args=[track.slug]),
        "home": "/",
        "actor": reverse("events:actor", args=[actor.slug]),
    }[name]
    small = count_queries(client, url)
    make_events(track, 40, start=3)
    if name == "actor":  # give the actor many more events of its own
        for s in Statement.objects.all():
            s.speaker = actor
            s.save()
        for m in Meeting.objects.all():
            m.participants.add(actor)
    # Constant, not equal: with 3 events of each kind every kind has cards to render; with 43,
    # the newest page may hold fewer kinds, and a kind with no card to render runs no query.
    assert count_queries(client, url) <= small
