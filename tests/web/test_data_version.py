"""The data version (migration 0011's triggers) changes with every kind of write a page
could show, so what is cached under it (actor choices, counts, board, strip, cards) is
never stale; and the cached parts really save their queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events import selectors
from events.models import Actor
from events.models import Meeting
from events.models import Proposal
from events.models import Statement
from events.models import Tag
from sources.models import Article
from sources.models import Outlet

from .data import build_events
from .data import make_track
from .test_timeline import page
from .test_timeline import track_url

pytestmark = pytest.mark.django_db


def changes(write):
    before = selectors.data_version()
    write()
    after = selectors.data_version()
    return before != after


def test_every_kind_of_write_changes_the_version(scenario):
    s = scenario
    assert selectors.data_version() == selectors.data_version()  # reading changes nothing
    writes = {
        "save": lambda: s.plan.save(),
        "queryset update": lambda: Proposal.objects.filter(pk=s.plan.pk).update(summary="another plan"),
        "bulk create": lambda: Tag.objects.bulk_create([Tag(name="new tag", slug="new-tag")]),
        "delete": lambda: Statement.objects.filter(pk=s.calm.pk).delete(),
        "many-to-many add": lambda: s.held.participants.add(s.russia),
        "many-to-many remove": lambda: s.held.participants.remove(s.russia),
        "track link": lambda: s.old_plan.tracks.remove(s.track),
        "actor renamed": lambda: Actor.objects.filter(pk=s.varnov.pk).update(name="Another name"),
        "outlet renamed": lambda: Outlet.objects.filter(slug="wire").update(name="Wire Agency"),
        "article changed": lambda: Article.objects.filter(pk=s.articles[0].pk).update(title="New"),
        "status change": lambda: s.held.status_changes.all().delete(),
    }
    for name, write in writes.items():
        assert changes(write), name
    # Two writes in one transaction: each one moves the version (a page read in between
    # must not keep what the first write left).
    assert changes(lambda: Meeting.objects.filter(pk=s.held.pk).update(location="Lindavel"))
    assert changes(lambda: Meeting.objects.filter(pk=s.held.pk).update(location="Valmora"))


def test_a_new_article_alone_changes_nothing(scenario):
    # Fetching articles is constant; an article shows nowhere until an event cites it.
    outlet = Outlet.objects.get(slug="wire")
    assert not changes(
        lambda: Article.objects.create(
            url="https://news.example.org/unlinked", outlet=outlet, title="Unlinked", text="x"
        )
    )


def test_the_version_separates_the_public_settings(settings, scenario):
    shown_unreviewed = selectors.data_version()
    settings.PUBLIC_SHOWS_UNREVIEWED = not settings.PUBLIC_SHOWS_UNREVIEWED
    assert selectors.data_version() != shown_unreviewed


def test_cached_parts_cost_no_query_until_the_data_changes(client, scenario, settings):
    settings.PUBLIC_CACHE_SECONDS = 0  # the page cache off: every request runs the view
    url = track_url(scenario)

    def queries():
        with CaptureQueriesContext(connection) as ctx:
            html = page(client, url)
        return len(ctx.captured_queries), html

    cold, _ = queries()
    warm, html = queries()
    # Track, version, three kinds' rows, pinned meetings: the actor choices, the count, the
    # board, the strip and the cards come from the cache.
    assert warm <= 7 < cold
    assert "Where things stand" in html and "<svg" in html
    scenario.plan.status = "accepted"
    scenario.plan.save()
    again, html = queries()
    assert again == cold
    board = html[html.index('class="board"') : html.index("</section>", html.index('class="board"'))]
    assert "A grain corridor under UN monitoring" not in board[board.index("Awaiting a reply") :]


def test_searches_count_up_to_a_limit(client, monkeypatch):
    track = make_track()
    build_events(track, 60, actors=4)
    monkeypatch.setattr(selectors, "COUNT_LIMIT", 10)
    timeline = selectors.timeline_page(track=track, filters=selectors.EventFilters(kinds=("statement",)))
    assert timeline.count == 10 and timeline.count_more
    html = page(client, f"/tracks/{track.slug}/?kind=statement")
    assert "More than 10 events match these filters" in html and ">10+</span>" in html
    small = selectors.timeline_page(
        track=track, filters=selectors.EventFilters(actors=("envoy-0",), kinds=("statement",))
    )
    assert not small.count_more and small.count == Statement.objects.filter(speaker__slug="envoy-0").count() == 5
    # The whole negotiation is counted exactly.
    assert selectors.timeline_page(track=track).count == 60


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the day index is PostgreSQL's")
def test_a_page_reads_the_day_index_backwards_and_stops():
    track = make_track()
    build_events(track, 3000, actors=10)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    for kind in selectors.KINDS:
        qs = selectors.with_day(selectors.QUERYSETS[kind](track)).prefetch_related(None).select_related(None)
        plan = qs.only(*selectors.ROW_FIELDS).order_by("-day", "-id")[:31].explain()
        assert f"Index Scan Backward using events_{kind}_day" in plan, plan
        assert "Sort" not in plan.split("\n")[1], plan
