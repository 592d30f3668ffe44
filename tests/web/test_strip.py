"""The visual timeline (server-drawn SVG lanes) and the compact one-line-per-event mode."""

import re
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from events import svg
from events.models import Proposal
from events.models import Statement

from .conftest import stale_meeting
from .data import build_events
from .data import make_track
from .test_timeline import page
from .test_timeline import track_url

pytestmark = pytest.mark.django_db
SVG = "{http://www.w3.org/2000/svg}"


def strip_svg(html):
    start = html.index('<figure class="strip"')
    figure = html[start : html.index("</figure>", start)]
    markup = figure[figure.index("<svg") : figure.index("</svg>") + 6]
    return ET.fromstring(markup.replace("<svg ", '<svg xmlns="http://www.w3.org/2000/svg" ', 1))


def test_strip_draws_a_lane_per_side_and_links_every_mark_to_its_event(client, scenario):
    root = strip_svg(page(client, track_url(scenario)))
    assert root.find(f"{SVG}title").text.startswith("Amber Coast talks: every event")
    lanes = [t.text for t in root.iter(f"{SVG}text") if t.get("class") == "lane-name"]
    # Meetings first; then sides by country, named after their state (Varnov -> Russia).
    assert lanes[0] == "Meetings" and {"Russia", "Ukraine"} <= set(lanes)
    links = {a.get("href"): a for a in root.iter(f"{SVG}a")}
    public_meetings = [scenario.next_meeting, scenario.held, scenario.cancelled, scenario.vague]
    for event in [*public_meetings, scenario.plan, scenario.old_plan, scenario.hostile, scenario.calm]:
        assert event.get_absolute_url() in links, event
    assert scenario.rejected.get_absolute_url() not in links
    # Each mark has an accessible name; status shows in the name and as a class.
    held = links[scenario.held.get_absolute_url()]
    assert "held" in held.get("class") and held.get("aria-label").startswith("Talks in Asterport")
    # The held meeting's status changes are drawn along its lane.
    assert len([c for c in held.iter(f"{SVG}circle") if "step" in (c.get("class") or "")]) == 3
    assert held.find(f"{SVG}line") is not None
    assert "cancelled" in links[scenario.cancelled.get_absolute_url()].get("class")
    # Marks sit on their lane: Varnov's statement on Russia's lane.
    lane_y = {t.text: float(t.get("y")) - 4 for t in root.iter(f"{SVG}text") if t.get("class") == "lane-name"}
    hostile = links[scenario.hostile.get_absolute_url()].find(f"{SVG}circle")
    assert float(hostile.get("cy")) == lane_y["Russia"]


def test_strip_marks_a_passed_planned_meeting_like_the_board(client, scenario):
    stale = stale_meeting(scenario)
    root = strip_svg(page(client, track_url(scenario)))
    mark = next(a for a in root.iter(f"{SVG}a") if a.get("href") == stale.get_absolute_url())
    assert "passed" in mark.get("class") and "no report it took place" in mark.get("aria-label")


def test_strip_counts_weeks_when_there_are_many_events(client, django_assert_max_num_queries):
    track = make_track()
    build_events(track, svg.MARK_LIMIT * 2, actors=8)
    with django_assert_max_num_queries(12):
        strip = svg.track_strip(track=track)
    assert strip.weekly
    buckets = [m for m in strip.marks if m.kind != "meeting"]
    said = Proposal.objects.filter(tracks=track).count() + Statement.objects.filter(tracks=track).count()
    assert said > svg.MARK_LIMIT and sum(m.count for m in buckets) == said
    assert all("since=" in m.href and "until=" in m.href for m in buckets)
    # Two sides (RU and UA envoys) and the meetings lane.
    assert [lane.name for lane in strip.lanes][0] == "Meetings" and len(strip.lanes) == 3
    html = page(client, reverse("events:track", args=[track.slug]))
    assert "counted per week" in html


def test_compact_mode_shows_one_line_per_event_and_keeps_filters(client, scenario):
    html = page(client, track_url(scenario, "?view=compact&kind=statement"))
    results = html[html.index('id="results"') :]
    assert 'class="card ' not in results
    lines = re.findall(r'<li class="line (\w+)"', results)
    assert lines and set(lines) == {"statement"}
    assert len(lines) == 3  # hostile, calm, unreviewed (the rejected one is hidden)
    assert '<input type="hidden" name="view" value="compact">' in html
    # The switch back to cards keeps the filters and drops only the mode.
    assert 'href="/tracks/amber-coast-talks/?kind=statement">cards</a>' in html
    cards = page(client, track_url(scenario, "?kind=statement"))
    assert (
        'href="/tracks/amber-coast-talks/?kind=statement&amp;view=compact">one line per event</a>' in cards
        or 'href="/tracks/amber-coast-talks/?kind=statement&view=compact">one line per event</a>' in cards
    )


def test_the_cached_strip_is_redrawn_when_an_event_changes(client, scenario):
    from django.core.cache import cache

    cache.clear()
    url = scenario.next_meeting.get_absolute_url()
    first = strip_svg(page(client, track_url(scenario)))
    mark = next(a for a in first.iter(f"{SVG}a") if a.get("href") == url)
    assert "scheduled" in mark.get("class")
    scenario.next_meeting.status = "cancelled"
    scenario.next_meeting.save()
    again = strip_svg(page(client, track_url(scenario)))
    mark = next(a for a in again.iter(f"{SVG}a") if a.get("href") == url)
    assert "cancelled" in mark.get("class")
