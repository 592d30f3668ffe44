"""The track page: header, timeline, cards, filters, search, htmx fragments and cursor pages."""

import re
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from events import selectors
from events.models import Actor
from events.models import Statement

from .data import build_events
from .data import make_track

pytestmark = pytest.mark.django_db


def page(client, url, **headers):
    response = client.get(url, headers=headers)
    assert response.status_code == 200, url
    return response.content.decode()


def shown(html, *events):
    """Which of the events have a card (or pinned card) on the page (the results, not the strip)."""
    html = html[html.index('id="results"') :] if 'id="results"' in html else html
    marks = {
        "meeting": lambda e: f'id="m{e.pk}-h"',
        "proposal": lambda e: f'id="p{e.pk}-h"',
        "statement": lambda e: f'href="/statements/{e.pk}/"',
    }
    return [marks[type(e).__name__.lower()](e) in html for e in events]


def card(html, marker):
    """The card (<article>) holding `marker` (on the timeline, not the board or the strip)."""
    at = html.index(marker, html.index('id="results"') if 'id="results"' in html else 0)
    return html[html.rindex("<article", 0, at) : html.index("</article>", at)]


def track_url(s, query=""):
    return reverse("events:track", args=[s.track.slug]) + query


# --- Header, grouping, cards -----------------------------------------------------


def test_header_says_where_things_stand(client, scenario):
    html = page(client, track_url(scenario))
    header = html[html.index('id="board-h"') : html.index('id="timeline-h"')]
    assert "In 5 days" in header and "Valmora" in header and "Scheduled" in header
    assert "A grain corridor under UN monitoring" in header and "Submitted" in header
    assert "Asterport" in header and "3 days ago" in header
    assert "Oleg Varnov, Taras Ostrenko, Kemal Durso" in header or all(
        n in header for n in ("Oleg Varnov", "Taras Ostrenko", "Kemal Durso")
    )


def test_countdown_says_today_and_tomorrow(client, scenario):
    scenario.next_meeting.date = scenario.today + timedelta(days=1)
    scenario.next_meeting.save()
    assert "Tomorrow" in page(client, track_url(scenario))
    scenario.next_meeting.date = scenario.today
    scenario.next_meeting.save()
    assert ">Today<" in page(client, track_url(scenario))


def test_timeline_is_grouped_by_day_newest_first_with_upcoming_pinned(client, scenario):
    html = page(client, track_url(scenario))
    results = html[html.index('id="results"') :]
    days = re.findall(r'class="day-h"><time datetime="([\d-]+)"', results)
    assert days == sorted(days, reverse=True) and len(days) == len(set(days))
    pinned = results[results.index('id="upcoming-h"') : results.index('class="day"')]
    # Meetings to come (proposed or scheduled) are pinned, soonest first, and not repeated below.
    assert pinned.index(f'id="m{scenario.next_meeting.pk}-h"') < pinned.index(f'id="m{scenario.vague.pk}-h"')
    assert results.count(f'id="m{scenario.next_meeting.pk}-h"') == 1
    # A cancelled meeting is not "coming up": it sits on its day.
    assert f'id="m{scenario.cancelled.pk}-h"' not in pinned and f'id="m{scenario.cancelled.pk}-h"' in results
    # Within a day: meetings, then proposals, then statements.
    day = results[results.index(f'datetime="{scenario.held.date:%Y-%m-%d}"') :]
    day = day[: day.index('class="day"') if 'class="day"' in day else len(day)]
    assert day.index(f'id="m{scenario.held.pk}-h"') < day.index(f"/statements/{scenario.hostile.pk}/")


def test_cards_show_stance_tags_public_note_and_corroboration_never_the_private_note(client, scenario):
    html = page(client, track_url(scenario))
    hostile = card(html, f"/statements/{scenario.hostile.pk}/")
    assert 'class="stance hostile">Hostile' in hostile and 'class="tag">grain corridor' in hostile
    assert "Said after the Asterport round." in hostile
    # Three reports from two distinct outlets.
    assert "2 outlets</span> · 3 reports: The Daily, Wire Service" in hostile
    assert "Venue confirmed by both delegations." in html
    assert "EDITORS-ONLY" not in html
    for url in (
        reverse("events:statement", args=[scenario.hostile.pk]),
        reverse("events:meeting", args=[scenario.next_meeting.pk]),
    ):
        assert "EDITORS-ONLY" not in page(client, url)


def test_meeting_card_and_page_show_status_history_and_sources(client, scenario):
    html = page(client, track_url(scenario))
    held = card(html, f'id="m{scenario.held.pk}-h"')
    assert re.search(
        r"proposed <time[^>]*>[^<]+</time></span> → <span class=\"step\">scheduled .*→ <span class=\"step\">held", held
    )
    assert "Asterport" in held and "Oleg Varnov" in held and "Held" in held
    detail = page(client, reverse("events:meeting", args=[scenario.held.pk]))
    table = detail[detail.index('class="history-table"') : detail.index("</table>")]
    assert table.count("<tr>") == 4  # header + three changes
    assert "editors" in table and 'href="https://news.example.org/daily/2"' in table
    reports = detail[detail.index('class="reports"') :]
    assert 'href="https://news.example.org/wire/1"' in reports and 'href="https://news.example.org/daily/2"' in reports
    assert "Talks were held in Asterport." in reports
    for name in ("Oleg Varnov", "Taras Ostrenko", "Kemal Durso"):
        assert name in detail


def test_statement_and_proposal_pages_list_every_source(client, scenario):
    html = page(client, reverse("events:statement", args=[scenario.hostile.pk]))
    assert "Reported by 2 outlets in 3 reports" in html
    for article in scenario.articles[1:]:
        assert f'href="{article.link}"' in html
    html = page(client, reverse("events:proposal", args=[scenario.plan.pk]))
    assert "Submitted" in html and 'href="https://news.example.org/wire/3"' in html and "Ukraine" in html


# --- Public visibility ------------------------------------------------------------


@pytest.mark.parametrize("shows_unreviewed", [True, False])
def test_public_pages_follow_the_review_setting(client, scenario, settings, shows_unreviewed):
    settings.PUBLIC_SHOWS_UNREVIEWED = shows_unreviewed
    html = page(client, track_url(scenario))
    confirmed, unreviewed, rejected = shown(html, scenario.hostile, scenario.unreviewed, scenario.rejected)
    assert confirmed and not rejected
    assert unreviewed is shows_unreviewed
    status = client.get(reverse("events:statement", args=[scenario.unreviewed.pk])).status_code
    assert status == (200 if shows_unreviewed else 404)
    assert client.get(reverse("events:statement", args=[scenario.rejected.pk])).status_code == 404
    # The meetings in the scenario are unreviewed: with the setting off, none is public.
    assert (f'id="m{scenario.held.pk}-h"' in html) is shows_unreviewed
    data = client.get(reverse("events:track_json", args=[scenario.track.slug])).json()
    quotes = {s["quote"] for s in data["statements"]}
    assert scenario.hostile.quote in quotes and scenario.rejected.quote not in quotes
    assert (scenario.unreviewed.quote in quotes) is shows_unreviewed
    assert selectors.public(Statement.objects.all()).filter(pk=scenario.unreviewed.pk).exists() is shows_unreviewed


# --- Filters and search -----------------------------------------------------------


def test_filter_by_several_actors(client, scenario):
    html = page(client, track_url(scenario, "?actor=oleg-varnov&actor=taras-ostrenko"))
    assert shown(html, scenario.hostile, scenario.calm, scenario.held) == [True, True, True]
    assert shown(html, scenario.unreviewed, scenario.plan, scenario.next_meeting) == [False, False, False]
    assert "3 events match these filters" in html
    # The chosen boxes stay ticked, so the form shows the view it produced.
    assert re.search(r'value="oleg-varnov" checked', html) and not re.search(r'value="kemal-durso" checked', html)


def test_filter_by_an_actor_includes_actors_merged_into_it(client, scenario):
    alias = Actor.objects.create(name="S. Varnov", slug="s-varnov", merged_into=scenario.varnov)
    scenario.calm.speaker = alias
    scenario.calm.save()
    html = page(client, track_url(scenario, "?actor=oleg-varnov"))
    assert shown(html, scenario.hostile, scenario.calm) == [True, True]


def test_filter_by_kind_and_status(client, scenario):
    html = page(client, track_url(scenario, "?kind=proposal"))
    assert shown(html, scenario.plan, scenario.old_plan, scenario.hostile, scenario.held) == [True, True, False, False]
    html = page(client, track_url(scenario, "?status=held&status=accepted"))
    assert shown(html, scenario.held, scenario.old_plan, scenario.plan, scenario.next_meeting, scenario.hostile) == [
        True,
        True,
        False,
        False,
        False,
    ]
    html = page(client, track_url(scenario, "?kind=meeting&status=scheduled"))
    assert shown(html, scenario.next_meeting, scenario.held) == [True, False]


def test_filter_by_date_range(client, scenario):
    t = scenario.today
    html = page(
        client, track_url(scenario, f"?since={t - timedelta(days=4):%Y-%m-%d}&until={t - timedelta(days=3):%Y-%m-%d}")
    )
    assert shown(html, scenario.held, scenario.hostile, scenario.calm) == [True, True, True]
    assert shown(html, scenario.plan, scenario.old_plan, scenario.next_meeting, scenario.unreviewed) == [False] * 4


def test_filter_by_minimum_number_of_outlets(client, scenario):
    html = page(client, track_url(scenario, "?sources=2"))
    # hostile: 3 reports from 2 outlets; held: 2 outlets. Everything else has one.
    assert shown(html, scenario.hostile, scenario.held) == [True, True]
    assert shown(html, scenario.calm, scenario.plan, scenario.next_meeting) == [False, False, False]
    assert "2 events match" in html
    html = page(client, track_url(scenario, "?sources=3"))
    assert "0 events match" in html and "No events match these filters" in html


@pytest.mark.parametrize(
    "query, expected",
    [
        ("provocation", "hostile"),  # a word of a quote
        ("corridor monitoring", "plan"),  # words of a summary
        ("Ostrenko", "calm"),  # a speaker's name
    ],
)
def test_search_quotes_summaries_and_names(client, scenario, query, expected):
    html = page(client, track_url(scenario, f"?q={query}"))
    candidates = {"hostile": scenario.hostile, "plan": scenario.plan, "calm": scenario.calm}
    assert shown(html, *candidates.values()) == [name == expected for name in candidates]


def test_search_finds_meetings_by_participant_and_place(client, scenario):
    html = page(client, track_url(scenario, "?q=Durso"))
    assert shown(html, scenario.held, scenario.unreviewed, scenario.next_meeting) == [True, True, False]
    html = page(client, track_url(scenario, "?q=Valmora"))
    assert shown(html, scenario.next_meeting, scenario.held) == [True, False]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="stemming is PostgreSQL full-text search")
def test_postgres_search_is_full_text(client, scenario):
    # Stemmed: "provocations" finds "provocation"; websearch syntax excludes with -word.
    html = page(client, track_url(scenario, "?q=provocations"))
    assert shown(html, scenario.hostile) == [True]
    html = page(client, track_url(scenario, "?q=ready -ceasefire"))
    assert shown(html, scenario.unreviewed, scenario.calm) == [True, False]


def test_filters_combine(client, scenario):
    html = page(client, track_url(scenario, "?actor=oleg-varnov&actor=taras-ostrenko&kind=statement&q=ceasefire"))
    assert shown(html, scenario.calm, scenario.hostile, scenario.held) == [True, False, False]


def test_bad_filter_values_are_reported_and_the_rest_still_apply(client, scenario):
    html = page(client, track_url(scenario, "?actor=nobody&kind=proposal&since=yesterday&sources=-3"))
    assert 'role="alert"' in html and "nobody" in html
    assert shown(html, scenario.plan, scenario.hostile) == [True, False]
    html = page(client, track_url(scenario, f"?since={scenario.today:%Y-%m-%d}&until=2000-01-01"))
    assert "The end date is before the start date." in html


def test_htmx_gets_only_the_results_and_the_count(client, scenario):
    url = track_url(scenario, "?actor=oleg-varnov")
    response = client.get(url, headers={"HX-Request": "true", "HX-Target": "results", "HX-Current-URL": url})
    html = response.content.decode()
    assert "<html" not in html and 'id="board-h"' not in html and 'id="filters"' not in html
    assert '<p id="result-count" hx-swap-oob="innerHTML">' in html and "2 events match these filters" in html
    assert shown(html, scenario.hostile, scenario.calm) == [True, False]
    assert "HX-Request" in response["Vary"]
    # The same URL without htmx is the whole page: shareable.
    full = page(client, url)
    assert full.startswith("<!doctype html>") and 'id="filters"' in full and shown(full, scenario.hostile) == [True]
    # A filtered view links back to the board instead of drawing it again.
    assert 'class="meta board-link"><a href="/tracks/amber-coast-talks/">Where things stand</a>' in full
    assert f'href="{url}"' in full  # "Link to this view"


def test_filtered_view_links_its_own_exports(client, scenario):
    html = page(client, track_url(scenario, "?kind=proposal"))
    json_url = reverse("events:track_json", args=[scenario.track.slug]) + "?kind=proposal"
    assert f'href="{json_url}"' in html
    data = client.get(json_url).json()
    assert data["statements"] == [] and data["meetings"] == []
    assert {p["summary"] for p in data["proposals"]} == {scenario.plan.summary, scenario.old_plan.summary}


# --- Cursor pages ------------------------------------------------------------------


def card_keys(html):
    html = html[html.index('id="results"') :] if 'id="results"' in html else html
    return re.findall(r'id="([mp]\d+)-h"|href="/statements/(\d+)/"', html)


def test_cursor_pages_walk_every_event_once_both_ways(client):
    track = make_track()
    build_events(track, 200, actors=5, upcoming=2)
    expected = selectors.timeline_page(track=track, size=10_000).count
    url = reverse("events:track", args=[track.slug])
    seen, pages, query = [], [], ""
    while True:
        response = client.get(url + query)
        html = response.content.decode()
        keys = card_keys(html)
        pages.append((query, keys))
        seen += keys
        query = response.context["older_url"]
        if not query:
            break
        assert "after=" in query and "OFFSET" not in query
    assert len(seen) == len(set(seen)) == expected == 202
    assert len(pages) == -(-(expected - 2) // selectors.PAGE_SIZE)
    # From the third page, "newer" gives back exactly the second page.
    response = client.get(url + pages[2][0])
    newer = response.context["newer_url"]
    assert "before=" in newer
    assert card_keys(client.get(url + newer).content.decode()) == pages[1][1]
    # From the second page, "newer" gives back the first page, pinned meetings included.
    first = client.get(url + client.get(url + pages[1][0]).context["newer_url"])
    assert card_keys(first.content.decode()) == pages[0][1] and first.context["newer_url"] == ""


def test_cursor_pages_keep_the_filters(client):
    track = make_track()
    build_events(track, 300, actors=5)
    url = reverse("events:track", args=[track.slug]) + "?kind=statement"
    response = client.get(url)
    older = response.context["older_url"]
    assert "kind=statement" in older and "after=" in older
    html = client.get(reverse("events:track", args=[track.slug]) + older).content.decode()
    assert 'id="m' not in html.split('id="results"')[1] and "/statements/" in html


def test_a_broken_cursor_shows_the_first_page(client, scenario):
    html = page(client, track_url(scenario, "?after=garbage"))
    assert 'id="upcoming-h"' in html and shown(html, scenario.hostile) == [True]


# --- Home, actor page, static files -------------------------------------------------


def test_all_events_page_merges_every_track_and_filters_across_them(client, scenario):
    other = make_track("Nile dam talks")
    build_events(other, 6, actors=2, tag="nile")
    html = page(client, reverse("events:all"))
    assert 'href="/tracks/amber-coast-talks/"' in html and 'href="/tracks/nile-dam-talks/"' in html
    assert shown(html, scenario.hostile) == [True] and "Envoy nile0" in html
    # Each card says which negotiation it belongs to.
    assert 'class="in-track">In <a href="/tracks/amber-coast-talks/">Amber Coast talks</a>' in card(
        html, f'href="/statements/{scenario.hostile.pk}/"'
    )
    html = page(client, reverse("events:all") + "?actor=oleg-varnov")
    assert shown(html, scenario.hostile) == [True] and "Envoy nile0</a>" not in html


def test_actor_page_lists_statements_meetings_proposals_and_draws_weekly_activity(client, scenario):
    html = page(client, reverse("events:actor", args=[scenario.varnov.slug]))
    statements = html[html.index('id="statements-h"') : html.index('id="meetings-h"')]
    meetings = html[html.index('id="meetings-h"') : html.index('id="proposals-h"')]
    assert scenario.hostile.quote in statements and f'id="m{scenario.held.pk}-h"' in meetings
    assert "No proposals." in html
    svg = html[html.index("<svg") : html.index("</svg>")]
    assert 'role="img"' in svg and "events by week" in svg
    assert len(re.findall(r"<g><title>Week of", svg)) >= 12
    # Statement and meeting in the same week: two stacked parts, the tallest bar at full height.
    assert '<rect class="statement"' in svg and '<rect class="meeting"' in svg
    html = page(client, reverse("events:actor", args=[scenario.ukraine.slug]))
    assert "A grain corridor under UN monitoring" in html and f'id="m{scenario.next_meeting.pk}-h"' in html


def test_actor_chart_counts_weeks(client):
    track = make_track()
    actors = build_events(track, 90, actors=1)  # one actor: 3 events a day over 30 days
    response = client.get(reverse("events:actor", args=[actors[0].slug]))
    weeks = response.context["page"].weeks
    assert sum(sum(counts.values()) for _, counts in weeks) == 90
    assert all(monday.weekday() == 0 for monday, _ in weeks)
    assert response.context["chart"]["peak"] == 21  # a full week: 7 days x 3 events


def test_static_files_are_served_by_whitenoise_as_in_production(client, settings, tmp_path):
    # Production: collectstatic with hashed, compressed files; WhiteNoise serves them with long cache lifetimes.
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    settings.WHITENOISE_USE_FINDERS = False
    call_command("collectstatic", interactive=False, verbosity=0)
    html = page(client, reverse("events:home"))
    css = re.search(r'href="(/static/css/site\.[0-9a-f]{12}\.css)"', html).group(1)
    htmx = re.search(r'src="(/static/django_htmx/htmx-2\.min\.[0-9a-f]{12}\.js)"', html).group(1)
    response = client.get(css, headers={"Accept-Encoding": "gzip"})
    assert response.status_code == 200 and response["Content-Encoding"] == "gzip"
    assert "immutable" in response["Cache-Control"]
    assert client.get(htmx).status_code == 200


# --- The public page cache --------------------------------------------------------------


@pytest.fixture
def page_cache(settings):
    settings.PUBLIC_CACHE_SECONDS = 30
    # A cache of this test's own: never the shared Redis one, never another test's entries.
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": f"web-tests-{id(settings)}"}
    }
    return settings


def test_public_pages_are_cached_per_url_and_per_htmx_fragment(client, scenario, page_cache, django_assert_num_queries):
    url = track_url(scenario, "?kind=statement")
    first = client.get(url)
    assert "max-age=30" in first["Cache-Control"]
    with django_assert_num_queries(0):
        again = client.get(url)
    assert again.content == first.content
    # The htmx fragment of the same URL is cached apart from the page.
    fragment = client.get(url, headers={"HX-Request": "true", "HX-Target": "results"}).content.decode()
    assert "<html" not in fragment and 'id="result-count" hx-swap-oob' in fragment
    with django_assert_num_queries(0):
        assert client.get(url, headers={"HX-Request": "true", "HX-Target": "results"}).content.decode() == fragment
        assert client.get(url).content.startswith(b"<!doctype html>")
    # Another filter is another page.
    other = client.get(track_url(scenario, "?kind=proposal")).content.decode()
    assert shown(other, scenario.plan, scenario.hostile) == [True, False]
    for path in (
        reverse("events:actor", args=[scenario.varnov.slug]),
        reverse("events:track_atom", args=[scenario.track.slug]),
    ):
        client.get(path)
        with django_assert_num_queries(0):
            assert client.get(path).status_code == 200


def test_with_the_cache_off_every_request_reads_the_database(client, scenario, settings):
    settings.PUBLIC_CACHE_SECONDS = 0
    url = track_url(scenario)
    client.get(url)
    scenario.hostile.review_status = "rejected"
    scenario.hostile.save()
    assert shown(page(client, url), scenario.hostile) == [False]
    assert "Cache-Control" not in client.get(url)


def test_track_and_event_pages_offer_the_negotiation_by_email(client, scenario):
    # The digest's subscribe page ticks the negotiation named by ?track= (digests/views.py).
    subscribe = f"{reverse('digests:subscribe')}?track={scenario.track.slug}"
    assert f'href="{subscribe}">Get this negotiation by email</a>' in page(client, track_url(scenario))
    for event in (scenario.held, scenario.plan, scenario.hostile):
        assert f'href="{subscribe}">Get this negotiation by email</a>' in page(client, event.get_absolute_url())
    ticked = page(client, subscribe)
    assert re.search(rf'value="{scenario.track.pk}"[^>]*checked', ticked), "the negotiation is pre-ticked"
