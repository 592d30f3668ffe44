"""GIN indexes for the timeline's full-text search (PostgreSQL only).

The indexed expressions are built by the same SearchVector calls that
events.selectors.search_vector() builds, so the planner matches them; other
databases (SQLite in development) search with LIKE and get no index."""
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations

INDEXES = {
    "statement": "events_statement_search",
    "proposal": "events_proposal_search",
    "meeting": "events_meeting_search",
}


# Frozen copy of events.selectors.SEARCH_FIELDS / search_vector(): the expressions must
# stay identical for the planner to use the index (tests/web/test_search_index.py checks it).
FIELDS = {"statement": ("quote", "speaker_text"), "proposal": ("summary", "proposer_text"), "meeting": ("location",)}


def _index(kind):
    return GinIndex(SearchVector(*FIELDS[kind], config="english"), name=INDEXES[kind])


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for kind in INDEXES:
        schema_editor.add_index(apps.get_model("events", kind.capitalize()), _index(kind))


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for kind in INDEXES:
        schema_editor.remove_index(apps.get_model("events", kind.capitalize()), _index(kind))


class Migration(migrations.Migration):
    dependencies = [("events", "0007_week_precision")]

    operations = [migrations.RunPython(create, drop)]
