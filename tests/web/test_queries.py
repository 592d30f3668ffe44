"""Pages run the same number of queries with 10 events as with 2,000."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from events.selectors import PAGE_SIZE

from .data import build_events
from .data import make_track

pytestmark = pytest.mark.django_db


def queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries), response


def page_urls(track, actor):
    track_url = reverse("events:track", args=[track.slug])
    return {
        "track": track_url,
        "track filtered": f"{track_url}?kind=meeting&kind=statement&status=held&sources=1&since=2024-01-01",
        "track search": f"{track_url}?q=envoy",  # names: every kind matches
        "track actors": f"{track_url}?actor={actor.slug}&actor=envoy-1",
        "home": reverse("events:home"),
        "all events": reverse("events:all"),
        "actor": reverse("events:actor", args=[actor.slug]),
    }


@pytest.mark.parametrize(
    "page", ["track", "track filtered", "track search", "track actors", "home", "all events", "actor"]
)
def test_query_count_is_the_same_for_10_and_2000_events(client, django_assert_num_queries, page):
    track = make_track()
    # Two actors, so the first one has statements, meetings and proposals in both data sets.
    actors = build_events(track, 10, actors=2, upcoming=1, tag="a")
    url = page_urls(track, actors[0])[page]
    small, response = queries(client, url)
    if page == "home":
        assert b'class="track-card"' in response.content
    else:
        assert response.content.count(b'class="card ') >= (1 if page == "track filtered" else 3)

    build_events(track, 1990, actors=actors, upcoming=2, tag="b")
    with django_assert_num_queries(small):
        response = client.get(url)
    assert response.status_code == 200
    if page == "track":
        # A full page of the timeline plus the pinned upcoming meetings, not every event.
        assert response.content.count(b'class="card ') == PAGE_SIZE + 3


def test_older_pages_cost_what_the_first_costs(client, django_assert_num_queries):
    track = make_track()
    build_events(track, 2000, upcoming=1)
    url = reverse("events:track", args=[track.slug])
    first, response = queries(client, url)
    older = response.context["older_url"]
    assert "after=" in older
    # The first page also draws the header and the pinned meetings; later pages only the timeline.
    second, response = queries(client, url + older)
    for _ in range(20):
        response = client.get(url + response.context["older_url"])
    with django_assert_num_queries(second):
        response = client.get(url + response.context["older_url"])
    assert second <= first
