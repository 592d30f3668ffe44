"""The home page lists negotiations with their state; navigation scales to many tracks;
every card and detail page says which negotiation it belongs to."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from events.models import Track

from .conftest import stale_meeting
from .data import build_events
from .data import make_track
from .test_timeline import page

pytestmark = pytest.mark.django_db


def track_card(html, slug):
    at = html.index(f'href="/tracks/{slug}/"')
    return html[html.rindex("<article", 0, at) : html.index("</article>", at)]


def test_home_lists_negotiations_as_cards_with_their_state(client, scenario):
    other = make_track("Nile dam talks")
    html = page(client, reverse("events:home"))
    assert html.count('class="track-card"') == 2
    black_sea = track_card(html, "amber-coast-talks")
    # Last activity is the latest day reported by today (not the meeting set for next week).
    assert f'datetime="{scenario.today - timedelta(days=1):%Y-%m-%d}"' in black_sea
    assert f'href="/meetings/{scenario.next_meeting.pk}/"' in black_sea and "Valmora" in black_sea
    assert "1 proposal</a>" in black_sea  # the submitted grain corridor plan awaits a reply
    nile = track_card(html, other.slug)
    assert "none yet" in nile and "none proposed or scheduled" in nile and "no proposal" in nile
    # The most recently active negotiation comes first.
    assert html.index("amber-coast-talks") < html.index(other.slug)


def test_a_home_card_counts_meetings_whose_date_passed_as_the_board_shows_them(client, scenario):
    black_sea = track_card(page(client, reverse("events:home")), "amber-coast-talks")
    assert "no report it took place" not in black_sea
    stale = stale_meeting(scenario)
    black_sea = track_card(page(client, reverse("events:home")), "amber-coast-talks")
    # Still the meeting to come as next, and the stale one counted apart, linking to the board that lists it.
    assert f'href="/meetings/{scenario.next_meeting.pk}/"' in black_sea
    assert f'href="/meetings/{stale.pk}/"' not in black_sea
    assert "1 whose date passed with no report it took place</a>" in black_sea
    board = page(client, reverse("events:track", args=["amber-coast-talks"]))
    assert f'href="/meetings/{stale.pk}/"' in board[board.index("Date passed, no report it took place") :]


def test_navigation_has_no_item_per_track_and_the_index_is_searchable_and_paged(client, django_assert_num_queries):
    for i in range(30):
        Track.objects.create(name=f"Round table {i:02d}", slug=f"round-table-{i:02d}")
    Track.objects.create(name="Danube shipping talks", slug="danube", keywords="barges, tolls")
    html = page(client, reverse("events:home"))
    nav = html[html.index('<nav aria-label="Site">') : html.index("</nav>")]
    assert "/tracks/" not in nav and 'href="/"' in nav and 'href="/events/"' in nav
    assert html.count('class="track-card"') == 24 and "Page 1 of 2" in html and 'rel="next" href="?page=2"' in html
    second = page(client, reverse("events:home") + "?page=2")
    assert second.count('class="track-card"') == 7
    found = page(client, reverse("events:home") + "?q=tolls")
    assert found.count('class="track-card"') == 1 and "Danube shipping talks" in found
    assert "No negotiation matches" in page(client, reverse("events:home") + "?q=zzzz")
    assert page(client, reverse("events:home") + "?page=junk").count('class="track-card"') == 24


def test_home_query_count_does_not_grow_with_tracks(client):
    track = make_track("First talks")
    build_events(track, 9, actors=2, upcoming=1, tag="a")
    with CaptureQueriesContext(connection) as small:
        page(client, reverse("events:home"))
    for i in range(40):
        t = make_track(f"More talks {i}")
        if i < 3:
            build_events(t, 6, actors=2, upcoming=1, tag=f"m{i}")
    with CaptureQueriesContext(connection) as large:
        html = page(client, reverse("events:home"))
    assert len(large.captured_queries) == len(small.captured_queries)
    assert html.count('class="track-card"') == 24


def test_detail_pages_link_back_to_their_negotiation(client, scenario):
    for name, obj in (("meeting", scenario.held), ("proposal", scenario.plan), ("statement", scenario.hostile)):
        html = page(client, reverse(f"events:{name}", args=[obj.pk]))
        crumbs = html[html.index('class="crumbs"') : html.index("</nav>", html.index('class="crumbs"'))]
        assert re.search(
            r'href="/">Negotiations</a> › <a href="/tracks/amber-coast-talks/">Amber Coast talks</a>', crumbs
        ), name
    html = page(client, reverse("events:track", args=[scenario.track.slug]))
    assert 'aria-label="Breadcrumb"><a href="/">Negotiations</a>' in html
