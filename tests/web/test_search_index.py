"""Search on PostgreSQL goes through the GIN indexes of migration 0009."""

import pytest
from django.db import connection
from django.urls import reverse

from events import selectors
from events.models import Statement

from .data import build_events
from .data import make_track
from .test_timeline import page
from .test_timeline import shown
from .test_timeline import track_url

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="GIN indexes are PostgreSQL's"),
]


def test_the_migration_built_the_indexes_from_the_selectors_expressions():
    from importlib import import_module

    migration = import_module("events.migrations.0009_search_index")
    assert migration.FIELDS == selectors.SEARCH_FIELDS
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname, indexdef FROM pg_indexes WHERE indexname LIKE 'events_%_search'")
        found = dict(cursor.fetchall())
    assert set(found) == set(migration.INDEXES.values())
    assert all("USING gin" in d and "to_tsvector" in d for d in found.values())


def test_search_plan_uses_the_index():
    track = make_track()
    build_events(track, 3000, actors=10)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    from django.contrib.postgres.search import SearchQuery

    # The search predicate alone: the planner can answer it from the index (same expression).
    query = SearchQuery("ceasefire", config=selectors.SEARCH_CONFIG, search_type="websearch")
    qs = Statement.objects.alias(search=selectors.search_vector("statement")).filter(search=query).order_by()
    assert selectors.statements_qs(track, filters=selectors.EventFilters(q="ceasefire")).count() == qs.count() > 0
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")  # a small test table: make the planner show what it can use
        plan = qs.explain()
        cursor.execute("SET enable_seqscan = on")
    assert "events_statement_search" in plan


def test_search_finds_text_and_actor_names(client, scenario):
    assert shown(page(client, track_url(scenario, "?q=provocations")), scenario.hostile, scenario.calm) == [True, False]
    assert shown(page(client, track_url(scenario, "?q=Ostrenko")), scenario.hostile, scenario.calm) == [False, True]
    html = page(client, track_url(scenario, "?q=Durso"))  # a participant of the held meeting
    assert f'id="m{scenario.held.pk}-h"' in html
    assert page(client, reverse("events:all") + "?q=corridor").count('class="card ') >= 2
    assert Statement.objects.count() >= 2
