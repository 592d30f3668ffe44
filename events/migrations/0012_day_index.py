"""The timeline's sort key, indexed (PostgreSQL): events.selectors.DAY (the event's
date, else the day first reported, else 1 January of year 1) then the id. A newest-first
page, a cursor page, and a search that keeps only some rows read this index backwards
and stop after a page, whatever the number of events (EXPLAIN ANALYZE in docs/timeline.md).

Database only: the expression must stay exactly the one selectors.DAY compiles to for
the planner to use it (tests/web/test_search_index.py checks the plans); SQLite in
development sorts without it."""

from django.db import migrations

TABLES = ("events_statement", "events_meeting", "events_proposal")


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        schema_editor.execute(
            f"CREATE INDEX {table}_day ON {table} ((COALESCE(date, reported_on, '0001-01-01'::date)), id)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {table}_day")


class Migration(migrations.Migration):
    dependencies = [("events", "0011_data_version")]

    operations = [migrations.RunPython(create, drop)]
