"""A version of the public data, changed by the database itself on every write.

Reads cache what depends on many rows (the status board, the actor filter, the
visual timeline, rendered cards, a negotiation's event count) under this version:
one tiny query tells whether anything that could change them was written since.
Triggers, not Python signals, so that queryset.update(), bulk_create(), raw SQL,
deletes, many-to-many changes and the admin all count.

PostgreSQL: 16 slot rows; each writing transaction takes a free one (FOR UPDATE
SKIP LOCKED: it never waits for another writer, so no new lock waits or deadlocks)
and sets it to the next value of a sequence on each write statement. The version
read is every slot's value; a sequence never goes back, so a rolled-back write
never brings back a version seen with other data. SQLite (one writer): one row, a
random value per written row. `epoch` is drawn when the table is made, so two
databases (a test database made again) never share a version in a shared cache.
"""

from django.db import migrations

SLOTS = 16

# Tables whose rows a public page shows: events, their links, sources, histories,
# actors, tags and tracks; articles and outlets only when changed or removed (a new
# article shows nowhere until a source row links it, which is a write here).
EVENT_TABLES = [
    "events_statement",
    "events_meeting",
    "events_proposal",
    "events_statement_tracks",
    "events_meeting_tracks",
    "events_proposal_tracks",
    "events_meeting_participants",
    "events_statement_tags",
    "events_tag",
    "events_actor",
    "events_track",
    "events_statementsource",
    "events_meetingsource",
    "events_proposalsource",
    "events_meetingstatuschange",
    "events_proposalstatuschange",
]
CHANGED_ONLY = ["sources_article", "sources_outlet"]

PG_FUNCTION = """
CREATE OR REPLACE FUNCTION events_bump_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    slot integer := nullif(current_setting('events.data_version_slot', true), '')::integer;
BEGIN
    IF slot IS NULL THEN
        SELECT id INTO slot FROM events_data_version ORDER BY random() LIMIT 1 FOR UPDATE SKIP LOCKED;
        IF slot IS NULL THEN
            slot := 1 + (txid_current() % %(slots)s)::integer;  -- every slot busy: wait for one
        END IF;
        PERFORM set_config('events.data_version_slot', slot::text, true);  -- until this transaction ends
    END IF;
    UPDATE events_data_version SET n = nextval('events_data_version_seq') WHERE id = slot;
    RETURN NULL;
END
$$;
"""


def _pg(schema_editor, sql):
    schema_editor.execute(sql, params=None)


def create(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        _pg(schema_editor, "CREATE SEQUENCE events_data_version_seq")
        _pg(
            schema_editor,
            "CREATE TABLE events_data_version (id integer PRIMARY KEY, epoch text NOT NULL, n bigint NOT NULL)",
        )
        _pg(
            schema_editor,
            f"INSERT INTO events_data_version (id, epoch, n) SELECT g, e.epoch, nextval('events_data_version_seq') "
            f"FROM generate_series(1, {SLOTS}) g, (SELECT md5(random()::text || clock_timestamp()::text) AS epoch) e",
        )
        _pg(schema_editor, PG_FUNCTION.replace("%(slots)s", str(SLOTS)))
        for table in EVENT_TABLES + CHANGED_ONLY:
            ops = "INSERT OR UPDATE OR DELETE" if table in EVENT_TABLES else "UPDATE OR DELETE"
            _pg(
                schema_editor,
                f"CREATE TRIGGER {table}_data_version AFTER {ops} ON {table} "
                "FOR EACH STATEMENT EXECUTE FUNCTION events_bump_data_version()",
            )
            _pg(
                schema_editor,
                f"CREATE TRIGGER {table}_data_version_truncate AFTER TRUNCATE ON {table} "
                "FOR EACH STATEMENT EXECUTE FUNCTION events_bump_data_version()",
            )
    elif vendor == "sqlite":
        _pg(schema_editor, "CREATE TABLE events_data_version (id integer PRIMARY KEY, epoch text NOT NULL, n bigint NOT NULL)")
        _pg(schema_editor, "INSERT INTO events_data_version (id, epoch, n) VALUES (1, lower(hex(randomblob(16))), random())")
        for table in EVENT_TABLES + CHANGED_ONLY:
            ops = ("INSERT", "UPDATE", "DELETE") if table in EVENT_TABLES else ("UPDATE", "DELETE")
            for op in ops:
                _pg(
                    schema_editor,
                    f"CREATE TRIGGER {table}_data_version_{op.lower()} AFTER {op} ON {table} "
                    "BEGIN UPDATE events_data_version SET n = random(); END",
                )
    else:
        raise NotImplementedError(f"events_data_version: no triggers for {vendor}")


def drop(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for table in EVENT_TABLES + CHANGED_ONLY:
        if vendor == "postgresql":
            _pg(schema_editor, f"DROP TRIGGER IF EXISTS {table}_data_version ON {table}")
            _pg(schema_editor, f"DROP TRIGGER IF EXISTS {table}_data_version_truncate ON {table}")
        else:
            for op in ("insert", "update", "delete"):
                _pg(schema_editor, f"DROP TRIGGER IF EXISTS {table}_data_version_{op}")
    if vendor == "postgresql":
        _pg(schema_editor, "DROP FUNCTION IF EXISTS events_bump_data_version()")
    _pg(schema_editor, "DROP TABLE IF EXISTS events_data_version")
    if vendor == "postgresql":
        _pg(schema_editor, "DROP SEQUENCE IF EXISTS events_data_version_seq")


class Migration(migrations.Migration):
    dependencies = [("events", "0010_track_feeds_articles"), ("sources", "0005_tracks_declared_on_track")]

    operations = [migrations.RunPython(create, drop)]
