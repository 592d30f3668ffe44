"""Many events fast, for query-count tests and the benchmark: bulk_create, or on
PostgreSQL for a thousand rows and more, COPY (100,000 events in well under a minute)."""

from datetime import UTC
from datetime import date
from datetime import datetime
from datetime import timedelta

from django.db import connection
from django.utils.timezone import localdate

from events.models import Actor
from events.models import Meeting
from events.models import MeetingSource
from events.models import MeetingStatusChange
from events.models import Proposal
from events.models import ProposalSource
from events.models import Statement
from events.models import StatementSource
from events.models import Track
from sources.models import Article
from sources.models import Outlet

WORDS = [
    "ceasefire",
    "prisoners",
    "grain corridor",
    "security guarantees",
    "sanctions",
    "energy truce",
    "humanitarian corridor",
    "memorandum",
    "withdrawal",
    "monitoring mission",
]
PLACES = ["Asterport", "Valmora", "Sandhaven", "Corvinta", "Lindavel", "Brunmark"]


COPY_FROM = 1000  # rows; fewer go through bulk_create


def insert(model, objs):
    """bulk_create(objs), each object given its id; on PostgreSQL, from COPY_FROM rows on,
    through COPY with ids drawn from the table's sequence first (what bulk_create costs
    per object in Python is most of the time with a hundred thousand rows)."""
    objs = list(objs)
    if connection.vendor != "postgresql" or len(objs) < COPY_FROM:
        return model.objects.bulk_create(objs)
    table, pk = model._meta.db_table, model._meta.pk
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)", [table, pk.column, len(objs)]
        )
        for obj, (value,) in zip(objs, cursor.fetchall(), strict=True):
            obj.pk = value
            obj._state.adding, obj._state.db = False, connection.alias
        columns = ", ".join(connection.ops.quote_name(c) for c in [pk.column, *(f.column for f in fields)])
        with cursor.cursor.copy(f"COPY {connection.ops.quote_name(table)} ({columns}) FROM STDIN") as copy:
            for obj in objs:
                copy.write_row([obj.pk, *(f.get_db_prep_save(f.pre_save(obj, True), connection) for f in fields)])
    return objs


def build_events(track, n, actors=40, outlets=6, start=date(2024, 1, 1), tag="", upcoming=0):
    """n events on `track`, about a third of each kind, three a day from `start`,
    each reported by one or two of `outlets` outlets, plus `upcoming` meetings
    scheduled in the weeks to come. `actors`: how many to create, or a list to reuse.
    Returns the actors used."""
    outlet_rows = [Outlet(name=f"Outlet {tag}{i}", slug=f"outlet-{tag}{i}") for i in range(outlets)]
    insert(Outlet, outlet_rows)
    if isinstance(actors, int):
        actor_rows = [
            Actor(
                name=f"Envoy {tag}{i}", slug=f"envoy-{tag}{i}", kind=Actor.Kind.PERSON, country="UA" if i % 2 else "RU"
            )
            for i in range(actors)
        ]
        insert(Actor, actor_rows)
    else:
        actor_rows = list(actors)

    articles = [
        Article(
            url=f"https://news.example.org/{tag}{i}",
            link=f"https://news.example.org/{tag}{i}",
            outlet=outlet_rows[i % len(outlet_rows)],
            title=f"Report {tag}{i}",
            text="x",
            published_at=datetime.combine(start + timedelta(days=i // 3), datetime.min.time(), UTC),
        )
        for i in range(n)
    ]
    insert(Article, articles)

    statements, meetings, proposals = [], [], []
    for i in range(n):
        day = start + timedelta(days=i // 3)
        actor = actor_rows[i % len(actor_rows)]
        word = WORDS[i % len(WORDS)]
        if i % 3 == 0:
            statements.append(
                Statement(
                    speaker=actor,
                    speaker_text=actor.name,
                    quote=f"We discussed the {word} on day {i}",
                    quote_key=f"{tag}q{i}",
                    date=day,
                    date_precision="day",
                    reported_on=day,
                    stance=["conciliatory", "neutral", "hostile", "threat", ""][i % 5],
                )
            )
        elif i % 3 == 1:
            meetings.append(
                Meeting(
                    kind="talks",
                    location=PLACES[i % len(PLACES)],
                    date=day,
                    date_precision="day",
                    status=["held", "proposed", "scheduled", "postponed"][i % 4],
                    reported_on=day,
                )
            )
        else:
            proposals.append(
                Proposal(
                    proposer=actor,
                    summary=f"A plan for the {word}, draft {i}",
                    date=day,
                    date_precision="day",
                    status=["proposed", "submitted", "accepted", "rejected"][i % 4],
                    reported_on=day,
                )
            )
    today = localdate()
    meetings += [
        Meeting(
            kind="summit",
            location="Valmora",
            date=today + timedelta(days=7 * (k + 1)),
            date_precision="day",
            status="scheduled",
            reported_on=today,
        )
        for k in range(upcoming)
    ]
    # PostgreSQL and SQLite >= 3.35 return the new ids from bulk_create.
    insert(Statement, statements)
    insert(Meeting, meetings)
    insert(Proposal, proposals)

    def two_articles(i):
        i %= len(articles)
        return [articles[i], articles[(i + 1) % len(articles)]] if i % 2 else [articles[i]]

    insert(
        StatementSource,
        [
            StatementSource(statement=s, article=a, sentence=s.quote)
            for i, s in enumerate(statements)
            for a in two_articles(i)
        ],
    )
    insert(
        MeetingSource,
        [
            MeetingSource(meeting=m, article=a, sentence=f"Talks in {m.location}.", reported_status=m.status)
            for i, m in enumerate(meetings)
            for a in two_articles(i)
        ],
    )
    insert(
        ProposalSource,
        [
            ProposalSource(proposal=p, article=a, sentence=p.summary, reported_status=p.status)
            for i, p in enumerate(proposals)
            for a in two_articles(i)
        ],
    )
    insert(
        MeetingStatusChange,
        [
            MeetingStatusChange(
                meeting=m, status=status, date=m.date, location=m.location, reported_on=m.date - timedelta(days=d)
            )
            for m in meetings
            for status, d in (("proposed", 5), (m.status, 0))
        ],
    )
    insert(
        Statement.tracks.through, [Statement.tracks.through(statement_id=s.pk, track_id=track.pk) for s in statements]
    )
    insert(Meeting.tracks.through, [Meeting.tracks.through(meeting_id=m.pk, track_id=track.pk) for m in meetings])
    insert(Proposal.tracks.through, [Proposal.tracks.through(proposal_id=p.pk, track_id=track.pk) for p in proposals])
    insert(
        Meeting.participants.through,
        [
            Meeting.participants.through(meeting_id=m.pk, actor_id=actor_rows[(i + k) % len(actor_rows)].pk)
            for i, m in enumerate(meetings)
            for k in range(min(3, len(actor_rows)))
        ],
    )
    return actor_rows


def make_track(name="Test talks"):
    return Track.objects.create(name=name, slug=name.lower().replace(" ", "-"))
