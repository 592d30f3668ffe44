"""Reads for pages, feeds and exports.

Only public events leave this module (see public()). Every function fetches
an event's relations with select_related / prefetch_related, so a page runs
the same number of queries whatever the amount of data. Lists are paged by
cursor (the last event's sort key), never by OFFSET, so page 200 costs what
page 1 costs.

What depends on many rows (the actor filter's choices, a negotiation's event
count, the board, the visual timeline, rendered cards) is cached under
data_version(): a value the database changes on every write to the tables a
page shows (triggers, events/migrations/0011_data_version.py), read in one small
query. Such entries are shared by every filter combination and search, and none
outlives a change.
"""

import hashlib
import re
from collections import OrderedDict
from collections.abc import Callable
from collections.abc import Iterable
from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import field
from datetime import date
from datetime import timedelta
from functools import partial
from typing import Any
from typing import Protocol
from typing import TypeVar
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import Count
from django.db.models import DateField
from django.db.models import Exists
from django.db.models import F
from django.db.models import IntegerField
from django.db.models import Model
from django.db.models import OuterRef
from django.db.models import Prefetch
from django.db.models import Q
from django.db.models import QuerySet
from django.db.models import Subquery
from django.db.models import Value
from django.db.models.expressions import Combinable
from django.db.models.functions import Coalesce
from django.db.models.functions import Greatest
from django.db.models.functions import TruncWeek
from django.shortcuts import get_object_or_404
from django.utils import timezone

from sources.models import Article

from .models import Actor
from .models import Meeting
from .models import MeetingSource
from .models import MeetingStatusChange
from .models import Proposal
from .models import ProposalSource
from .models import ProposalStatusChange
from .models import ReviewStatus
from .models import SourceLink
from .models import Statement
from .models import StatementSource
from .models import Track
from .status import AWAITING_REPLY
from .status import PLANNED
from .status import date_passed_q

T = TypeVar("T")
Event = Statement | Meeting | Proposal
AnyQuerySet = QuerySet[Any, Any]

PAGE_SIZE = 30
UPCOMING_LIMIT = 20
KINDS = ("meeting", "proposal", "statement")
# Order within a day on a newest-first timeline: meetings, then proposals, then statements.
RANK = {"meeting": 2, "proposal": 1, "statement": 0}
SOURCE_LINKS: dict[str, tuple[type[Model], str]] = {
    "meeting": (MeetingSource, "meeting"),
    "proposal": (ProposalSource, "proposal"),
    "statement": (StatementSource, "statement"),
}
MODELS: dict[str, type[Event]] = {"meeting": Meeting, "proposal": Proposal, "statement": Statement}
STATUS_CHOICES = list(dict.fromkeys([*Meeting.Status.choices, *Proposal.Status.choices]))
# Undated events sort last on a newest-first timeline; a real date keeps the cursor simple.
UNDATED = date(1, 1, 1)
# The day an event sits on: its own date, else the day it was first reported
# (indexed with the id: events.models.day_index).
DAY = Coalesce("date", "reported_on", Value(UNDATED), output_field=DateField())
SEARCH_CONFIG = "english"
# Entries cached under a data version need no expiry for freshness (the version changes
# with the data); this only bounds memory.
VERSIONED_SECONDS = 24 * 60 * 60


def public_q(prefix: str = "") -> Q:
    """What readers see, on the site and in the digests: confirmed events, plus unreviewed ones while
    PUBLIC_SHOWS_UNREVIEWED is on; never rejected ones. `prefix` reaches the event through a
    relation (e.g. "meeting__" from a status change)."""
    if settings.PUBLIC_SHOWS_UNREVIEWED:
        return ~Q(**{f"{prefix}review_status": ReviewStatus.REJECTED})
    return Q(**{f"{prefix}review_status": ReviewStatus.CONFIRMED})


def public(queryset: AnyQuerySet) -> AnyQuerySet:
    """The events of the query set that readers see (public_q)."""
    return queryset.filter(public_q())


# --- The data version ------------------------------------------------------------


def data_version() -> str:
    """A short string that changes whenever a table the public pages show is written
    (any event, link, source, status change, actor, tag, track, article or outlet), and
    with PUBLIC_SHOWS_UNREVIEWED. One query of at most 16 tiny rows."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT id, epoch, n FROM events_data_version ORDER BY id")
        rows = cursor.fetchall()
    digest = hashlib.blake2b(repr(rows).encode(), digest_size=12).hexdigest()
    return f"{digest}{int(settings.PUBLIC_SHOWS_UNREVIEWED)}"


def versioned(name: str, *, version: str, parts: Iterable[object], compute: Callable[[], T]) -> T:
    """compute(), cached under the data version (and whatever else it depends on: parts)."""
    key = f"events:{name}:" + hashlib.blake2b(repr((version, *parts)).encode(), digest_size=16).hexdigest()
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, VERSIONED_SECONDS)
    return value


# --- Filters -------------------------------------------------------------------


@dataclass(frozen=True)
class EventFilters:
    """What a reader narrowed the timeline to. Several actors, kinds or statuses
    mean any of them; the different filters combine with AND."""

    actors: tuple[str, ...] = ()  # actor slugs
    kinds: tuple[str, ...] = ()  # "meeting" | "proposal" | "statement"
    statuses: tuple[str, ...] = ()  # any kind's status (the old ?status=); statements have none
    meeting_statuses: tuple[str, ...] = ()
    proposal_statuses: tuple[str, ...] = ()
    date_from: date | None = None
    date_to: date | None = None
    min_sources: int = 0  # distinct outlets that reported the event
    q: str = ""

    def statuses_for(self, kind: str) -> tuple[str, ...]:
        if kind not in ("meeting", "proposal"):
            return ()  # statements have no status
        own = self.meeting_statuses if kind == "meeting" else self.proposal_statuses
        valid = {value for value, _ in (Meeting.Status.choices if kind == "meeting" else Proposal.Status.choices)}
        return tuple(s for s in (*self.statuses, *own) if s in valid)

    @property
    def any_status(self) -> bool:
        return bool(self.statuses or self.meeting_statuses or self.proposal_statuses)

    def wants(self, kind: str) -> bool:
        return not self.kinds or kind in self.kinds

    def __bool__(self) -> bool:
        return bool(
            self.actors
            or self.kinds
            or self.statuses
            or self.meeting_statuses
            or self.proposal_statuses
            or self.date_from
            or self.date_to
            or self.min_sources
            or self.q.strip()
        )


def with_day(qs: AnyQuerySet) -> AnyQuerySet:
    return qs if "day" in qs.query.annotations else qs.annotate(day=DAY)


def _actor_ids(slugs: Sequence[str]) -> AnyQuerySet:
    # Actors merged into a chosen one count as that actor.
    return Actor.objects.filter(Q(slug__in=slugs) | Q(merged_into__slug__in=slugs)).values("id")


def _involving(qs: AnyQuerySet, kind: str, actor_ids: AnyQuerySet) -> AnyQuerySet:
    if kind == "meeting":
        through = Meeting.participants.through.objects.filter(meeting_id=OuterRef("pk"), actor_id__in=actor_ids)
        return qs.filter(Exists(through))
    return qs.filter(**{("speaker_id__in" if kind == "statement" else "proposer_id__in"): actor_ids})


def outlet_count(kind: str) -> Coalesce:
    """Distinct outlets that reported each event, as a subquery (corroboration).
    An article with no known outlet counts as an outlet of its own."""
    model, fk = SOURCE_LINKS[kind]
    outlet = Coalesce(F("article__outlet_id"), -F("article_id"))
    counts = (
        model._default_manager.filter(**{fk: OuterRef("pk")})
        .order_by()
        .values(fk)
        .annotate(n=Count(outlet, distinct=True))
        .values("n")[:1]
    )
    return Coalesce(Subquery(counts, output_field=IntegerField()), Value(0))


def distinct_outlets(sources: Iterable[SourceLink]) -> dict[tuple[str, int], Article]:
    """The distinct outlets among an event's source rows, in their order, with the first article
    from each: outlet_count's rule in Python, for sources already loaded (no query). An article
    with no known outlet counts as an outlet of its own."""
    outlets: dict[tuple[str, int], Article] = {}
    for source in sources:
        article = source.article
        key = ("outlet", article.outlet_id) if article.outlet_id is not None else ("article", article.pk)
        outlets.setdefault(key, article)
    return outlets


WORD = re.compile(r"[\w'’-]+", re.UNICODE)


# The text each kind is searched by, on its own row: GIN-indexed on PostgreSQL
# (events/migrations/0009_search_index.py builds the index from these same expressions).
SEARCH_FIELDS = {
    "statement": ("quote", "speaker_text"),
    "proposal": ("summary", "proposer_text"),
    "meeting": ("location",),
}


def search_vector(kind: str) -> Combinable:
    from django.contrib.postgres.search import SearchVector

    return SearchVector(*SEARCH_FIELDS[kind], config=SEARCH_CONFIG)


def _named_actor_ids(filters: EventFilters) -> list[int]:
    """Ids of actors whose name matches the search, read once per request's filters
    (not once per kind)."""
    from django.contrib.postgres.search import SearchQuery
    from django.contrib.postgres.search import SearchVector

    if "_named" not in filters.__dict__:
        query = SearchQuery(filters.q.strip(), config=SEARCH_CONFIG, search_type="websearch")
        ids = list(
            Actor.objects.alias(names=SearchVector("name", config=SEARCH_CONFIG))
            .filter(names=query)
            .values_list("id", flat=True)[:500]
        )
        object.__setattr__(filters, "_named", ids)  # frozen dataclass: a per-request memo
    named: list[int] = filters.__dict__["_named"]
    return named


def _search(qs: AnyQuerySet, kind: str, q: str, filters: EventFilters) -> AnyQuerySet:
    """Quotes, summaries, places and actor names. PostgreSQL: full-text search (stemmed,
    so "ceasefires" finds "ceasefire"; websearch syntax: "a phrase", -word, or), on the
    event's own text through its GIN index, or on the names of its actors (a small table).
    Elsewhere: every word must appear in the text or a name (case-insensitive)."""
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery

        query = SearchQuery(q, config=SEARCH_CONFIG, search_type="websearch")
        # Actors named like the query, as a list of ids: "speaker_id = ANY(...)" can be
        # OR-ed with the GIN index scan (a subquery there forces a scan of the table).
        named = _named_actor_ids(filters)
        by_name = {
            "statement": Q(speaker_id__in=named),
            "proposal": Q(proposer_id__in=named),
            "meeting": Q(
                Exists(Meeting.participants.through.objects.filter(meeting_id=OuterRef("pk"), actor_id__in=named))
            ),
        }[kind]
        return qs.alias(search=search_vector(kind)).filter(Q(search=query) | by_name)
    for word in WORD.findall(q):
        if kind == "meeting":
            names = Meeting.participants.through.objects.filter(meeting_id=OuterRef("pk"), actor__name__icontains=word)
            qs = qs.filter(Q(location__icontains=word) | Exists(names))
        elif kind == "statement":
            qs = qs.filter(
                Q(quote__icontains=word) | Q(speaker__name__icontains=word) | Q(speaker_text__icontains=word)
            )
        else:
            qs = qs.filter(
                Q(summary__icontains=word) | Q(proposer__name__icontains=word) | Q(proposer_text__icontains=word)
            )
    return qs


def apply_filters(qs: AnyQuerySet, *, kind: str, filters: EventFilters | None) -> AnyQuerySet:
    if not filters:
        return qs
    if not filters.wants(kind):
        return qs.none()
    if filters.actors:
        qs = _involving(qs, kind, _actor_ids(filters.actors))
    if filters.any_status:
        # A status filter keeps only the kinds it names a status of: "held" shows meetings.
        statuses = filters.statuses_for(kind)
        if not statuses:
            return qs.none()
        qs = qs.filter(status__in=statuses)
    if filters.date_from or filters.date_to:
        qs = with_day(qs)
        if filters.date_from:
            qs = qs.filter(day__gte=filters.date_from)
        if filters.date_to:
            qs = qs.filter(day__lte=filters.date_to, day__gt=UNDATED)
    if filters.min_sources:
        qs = qs.annotate(outlet_total=outlet_count(kind)).filter(outlet_total__gte=filters.min_sources)
    if filters.q.strip():
        qs = _search(qs, kind, filters.q.strip(), filters)
    return qs


# --- Query sets ----------------------------------------------------------------


# An article's text can run to megabytes: lists of sources never load it.
ARTICLE_BULK = ("article__text", "article__summary")


# What a card shows of an article and its outlet: loading only these keeps the
# prefetch light (an Article row has many more columns).
ARTICLE_SHOWN = (
    "article__id",
    "article__url",
    "article__link",
    "article__title",
    "article__published_at",
    "article__outlet_id",
    "article__outlet__id",
    "article__outlet__name",
)


def _sources(model: type[Model]) -> Prefetch:
    own = [f.attname for f in model._meta.concrete_fields]
    return Prefetch(
        "sources",
        queryset=model._default_manager.select_related("article", "article__outlet")
        .only(*own, *ARTICLE_SHOWN)
        .order_by("article__published_at", "id"),
    )


def _history(model: type[Model]) -> Prefetch:
    return Prefetch(
        "status_changes",
        queryset=model._default_manager.select_related("article", "article__outlet")
        .defer(*ARTICLE_BULK)
        .order_by("reported_on", "id"),
    )


def _placed(kind: str, track: Track | None, filters: EventFilters | None) -> AnyQuerySet:
    """A kind's public events (of the track, matching the filters) with their day and only
    what places them on the page: no relation is joined or prefetched."""
    qs = public(MODELS[kind]._default_manager.all())
    if track:
        qs = qs.filter(tracks=track)
    return with_day(apply_filters(qs, kind=kind, filters=filters)).only(*ROW_FIELDS)


def statements_qs(track: Track | None = None, *, filters: EventFilters | None = None) -> AnyQuerySet:
    qs = public(Statement.objects.all()).select_related("speaker").prefetch_related(_sources(StatementSource), "tags")
    if track:
        qs = qs.filter(tracks=track)
    return apply_filters(qs, kind="statement", filters=filters)


def meetings_qs(track: Track | None = None, *, filters: EventFilters | None = None) -> AnyQuerySet:
    qs = public(Meeting.objects.all()).prefetch_related(
        "participants",
        _sources(MeetingSource),
        _history(MeetingStatusChange),
    )
    if track:
        qs = qs.filter(tracks=track)
    return apply_filters(qs, kind="meeting", filters=filters)


def proposals_qs(track: Track | None = None, *, filters: EventFilters | None = None) -> AnyQuerySet:
    qs = (
        public(Proposal.objects.all())
        .select_related("proposer")
        .prefetch_related(
            _sources(ProposalSource),
            _history(ProposalStatusChange),
        )
    )
    if track:
        qs = qs.filter(tracks=track)
    return apply_filters(qs, kind="proposal", filters=filters)


class KindQuerySet(Protocol):
    """statements_qs, meetings_qs, proposals_qs: one kind's public events with what a card shows."""

    def __call__(self, track: Track | None = None, *, filters: EventFilters | None = None) -> AnyQuerySet: ...


QUERYSETS: dict[str, KindQuerySet] = {
    "meeting": meetings_qs,
    "proposal": proposals_qs,
    "statement": statements_qs,
}


TRACK_NAMES = Prefetch("tracks", queryset=Track.objects.only("id", "name", "slug").order_by("name"))


def with_tracks(events: list[Any]) -> list[Any]:
    """Name each event's negotiations (pages that mix tracks); needs TRACK_NAMES prefetched."""
    for event in events:
        event.track_list = list(event.tracks.all())
    return events


def with_outlets(events: list[Any]) -> list[Any]:
    """Give each event its source rows and the names of the distinct outlets among
    them (an article with no known outlet stands for itself), from the prefetched
    sources: no query."""
    for event in events:
        event.source_list = list(event.sources.all())
        event.outlets = [
            article.outlet.name
            if article.outlet is not None
            else urlsplit(article.link or article.url).hostname or "unknown outlet"
            for article in distinct_outlets(event.source_list).values()
        ]
        # The report shown up front: the latest one that gives the event's current status.
        current = [s for s in event.source_list if getattr(s, "reported_status", "") == getattr(event, "status", None)]
        event.evidence = (current or event.source_list or [None])[-1]
    return events


def events_by_id(*, kind: str, ids: Sequence[int], track_names: bool = False) -> dict[int, Any]:
    """Public events of one kind with everything a card shows (sources, outlets, history,
    participants, speaker, tags; the negotiations' names when track_names), by id:
    one query and the kind's prefetches, for any number of ids."""
    if not ids:
        return {}
    qs = with_day(QUERYSETS[kind]()).filter(id__in=list(ids))
    if track_names:
        qs = qs.prefetch_related(TRACK_NAMES)
    events = with_outlets(list(qs))
    if track_names:
        with_tracks(events)
    return {event.pk: event for event in events}


# --- The timeline ---------------------------------------------------------------


@dataclass(frozen=True)
class Cursor:
    """A position on the timeline: the sort key (day, rank, id) of an event."""

    day: date
    rank: int
    id: int

    def __str__(self) -> str:
        return f"{self.day.isoformat()}.{self.rank}.{self.id}"

    @classmethod
    def parse(cls, value: str | None) -> "Cursor | None":
        try:
            day, rank, pk = (value or "").split(".")
            cursor = cls(date.fromisoformat(day), int(rank), int(pk))
        except ValueError:
            return None
        return cursor if cursor.rank in RANK.values() else None


@dataclass
class TimelineItem:
    kind: str  # "meeting" | "proposal" | "statement"
    obj: Any  # the event; with relations=False only its id, date and day are loaded
    day: date | None
    html: str = ""  # the rendered card (events.cards)


@dataclass
class Timeline:
    days: "OrderedDict[date | None, list[TimelineItem]]" = field(default_factory=OrderedDict)
    upcoming: list[Any] = field(default_factory=list)
    upcoming_items: list[TimelineItem] = field(default_factory=list)
    count: int = 0  # events matching, on every page (at most COUNT_LIMIT when count_more)
    count_more: bool = False  # more than COUNT_LIMIT events match the filters
    older: Cursor | None = None  # ?after= for the next (older) page
    newer: Cursor | None = None  # ?before= for the previous (newer) page

    @property
    def items(self) -> list[TimelineItem]:
        """The upcoming meetings pinned on top, then the page's events, in order."""
        return [*self.upcoming_items, *(item for items in self.days.values() for item in items)]


def _key(kind: str, event: Any) -> tuple[date, int, int]:
    return (event.day, RANK[kind], event.id)


def _beyond(qs: AnyQuerySet, kind: str, cursor: Cursor, newer: bool) -> AnyQuerySet:
    """Events after the cursor in reading order (older), or before it (newer)."""
    rank = RANK[kind]
    if newer:
        if rank > cursor.rank:
            return qs.filter(day__gte=cursor.day)
        if rank == cursor.rank:
            return qs.filter(Q(day__gt=cursor.day) | Q(day=cursor.day, id__gt=cursor.id))
        return qs.filter(day__gt=cursor.day)
    if rank < cursor.rank:
        return qs.filter(day__lte=cursor.day)
    if rank == cursor.rank:
        return qs.filter(Q(day__lt=cursor.day) | Q(day=cursor.day, id__lt=cursor.id))
    return qs.filter(day__lt=cursor.day)


def _group(items: Iterable[TimelineItem]) -> "OrderedDict[date | None, list[TimelineItem]]":
    days: OrderedDict[date | None, list[TimelineItem]] = OrderedDict()
    for item in items:
        days.setdefault(item.day, []).append(item)
    return days


# Only what places an event on the page; a card's content comes from its cache, or
# from events_by_id() for the cards not cached (events.cards.render_cards).
ROW_FIELDS = ("id", "date", "reported_on")


# A filtered view or a search counts its events up to this many ("more than 1000"):
# counting every match of a common word among 100,000 events costs more than the page.
COUNT_LIMIT = 1000


def _count_matching(matching: list[AnyQuerySet], limit: int | None = None) -> int:
    # One count for all kinds (UNION ALL), not one round trip per kind; with a limit, the
    # database stops reading after limit + 1 rows.
    if not matching:
        return 0
    union = matching[0].union(*matching[1:], all=True) if len(matching) > 1 else matching[0]
    return union[: limit + 1].count() if limit is not None else union.count()


def timeline_page(
    *,
    track: Track | None = None,
    filters: EventFilters | None = None,
    after: Cursor | None = None,
    before: Cursor | None = None,
    today: date | None = None,
    size: int = PAGE_SIZE,
    relations: bool = True,
    version: str | None = None,
) -> Timeline:
    """One page of the timeline, newest first, grouped by day.

    Each kind's next `size + 1` events past the cursor are read through the day index
    and merged by sort key (the page runs the same queries whichever kinds fill it);
    meetings still to come are pinned above the first page instead of sitting among
    the days. relations=False reads only ids and days (the cards come from their
    cache); otherwise each shown event gets everything a card or a line shows. With a
    data version, a negotiation's unfiltered count is read once per data change."""
    today = today or timezone.localdate()
    filters = filters or EventFilters()
    newer = before is not None and after is None
    cursor = before if newer else after
    upcoming_q = Q(status__in=PLANNED, date__gte=today)
    timeline = Timeline()
    rows: list[tuple[tuple[date, int, int], str, Any]] = []
    matching = []
    kinds = [kind for kind in KINDS if filters.wants(kind)]
    if version is not None and filters.q.strip() and connection.vendor == "postgresql":
        # The actors named like the search: read once per search words and data version.
        named = versioned(
            "named-actors", version=version, parts=(filters.q.strip(),), compute=partial(_named_actor_ids, filters)
        )
        object.__setattr__(filters, "_named", named)
    placed = {}
    for kind in kinds:
        qs = placed[kind] = _placed(kind, track, filters)
        matching.append(qs.order_by().values("id"))
        if kind == "meeting":
            qs = qs.exclude(upcoming_q)
        if cursor:
            qs = _beyond(qs, kind, cursor, newer)
        order = ("day", "id") if newer else ("-day", "-id")
        rows += [(_key(kind, e), kind, e) for e in qs.order_by(*order)[: size + 1]]
    if not filters:
        # The whole negotiation: counted exactly, once per change of the data.
        count = partial(_count_matching, matching)
        timeline.count = (
            count()
            if version is None
            else versioned("count", version=version, parts=(track and track.pk,), compute=count)
        )
    else:
        timeline.count = _count_matching(matching, limit=COUNT_LIMIT)
        timeline.count_more = timeline.count > COUNT_LIMIT
        timeline.count = min(timeline.count, COUNT_LIMIT)
    rows.sort(key=lambda row: row[0], reverse=not newer)
    more = len(rows) > size
    rows = rows[:size]
    if newer:
        rows.reverse()
    first_page = cursor is None or (newer and not more)
    if rows:
        timeline.older = Cursor(*rows[-1][0]) if (more or newer) else None
        timeline.newer = Cursor(*rows[0][0]) if not first_page else None
    if first_page and filters.wants("meeting"):
        upcoming = placed["meeting"].filter(upcoming_q).order_by("date", "id")
        timeline.upcoming = list(upcoming[:UPCOMING_LIMIT])
    if relations:
        # Everything a line or a card shows, for the events kept: one query and the
        # prefetches per kind shown (not for the size + 1 rows read of each kind).
        shown: dict[str, list[int]] = {kind: [] for kind in kinds}
        for _, kind, event in rows:
            shown[kind].append(event.pk)
        shown.setdefault("meeting", []).extend(m.pk for m in timeline.upcoming)
        full = {kind: events_by_id(kind=kind, ids=ids, track_names=track is None) for kind, ids in shown.items()}
        rows = [(key, kind, full[kind][event.pk]) for key, kind, event in rows]
        timeline.upcoming = [full["meeting"][m.pk] for m in timeline.upcoming]
    timeline.upcoming_items = [TimelineItem("meeting", m, m.date) for m in timeline.upcoming]
    timeline.days = _group(TimelineItem(kind, e, None if e.day == UNDATED else e.day) for _, kind, e in rows)
    return timeline


# --- Lookups --------------------------------------------------------------------


def tracks() -> AnyQuerySet:
    return Track.objects.order_by("name")


INDEX_PAGE = 24


@dataclass
class TrackIndex:
    tracks: list[Any]  # Track rows with last_activity, next_meeting, passed_meetings, open_proposals, events
    total: int
    page: int
    pages: int


def _latest_day(model: type[Event], track_ref: OuterRef, today: date) -> Coalesce:
    # Activity is what happened or was reported by today, not a meeting set for next month.
    rows = (
        public(model._default_manager.filter(tracks=track_ref))
        .annotate(d=DAY)
        .filter(d__lte=today)
        .order_by("-d")
        .values("d")[:1]
    )
    return Coalesce(Subquery(rows, output_field=DateField()), Value(UNDATED))


def _count(qs: AnyQuerySet) -> Coalesce:
    return Coalesce(
        Subquery(qs.order_by().values("tracks").annotate(n=Count("id")).values("n")[:1], output_field=IntegerField()),
        Value(0),
    )


def track_index(*, q: str = "", page: int = 1, size: int = INDEX_PAGE, today: date | None = None) -> TrackIndex:
    """Negotiations, most recently active first, each with its state (last activity,
    next meeting, proposals awaiting a reply), searchable by name,
    description and keywords. Paged: the same few queries for 5 tracks or 500."""
    today = today or timezone.localdate()
    ref = OuterRef("pk")
    planned = public(Meeting.objects.filter(tracks=ref, status__in=PLANNED, date__isnull=False))
    # As on the board: a meeting set for "June" is still to come on 10 June; one whose whole
    # date is behind us with no report of it is counted apart, never silently dropped.
    coming = planned.exclude(date_passed_q(today))
    qs = Track.objects.annotate(
        last_statement=_latest_day(Statement, ref, today),
        last_meeting=_latest_day(Meeting, ref, today),
        last_proposal=_latest_day(Proposal, ref, today),
        next_meeting_id=Subquery(coming.order_by("date", "id").values("id")[:1]),
        open_proposals=_count(public(Proposal.objects.filter(tracks=ref, status__in=AWAITING_REPLY))),
        passed_meetings=_count(planned.filter(date_passed_q(today))),
    )
    for word in WORD.findall(q or ""):
        qs = qs.filter(Q(name__icontains=word) | Q(description__icontains=word) | Q(keywords__icontains=word))
    total = qs.count()
    pages = max(1, -(-total // size))
    page = min(max(1, page), pages)
    qs = qs.annotate(last=Greatest("last_statement", "last_meeting", "last_proposal")).order_by("-last", "name")
    rows: list[Any] = list(qs[(page - 1) * size : page * size])
    sentences = Prefetch("sources", queryset=MeetingSource.objects.only("id", "meeting_id", "sentence"))
    upcoming = {
        m.id: m
        for m in Meeting.objects.filter(id__in=[t.next_meeting_id for t in rows if t.next_meeting_id]).prefetch_related(
            "participants", sentences
        )
    }
    for track in rows:
        track.last_activity = None if track.last == UNDATED else track.last
        track.next_meeting = upcoming.get(track.next_meeting_id)
    return TrackIndex(tracks=rows, total=total, page=page, pages=pages)


def get_track(slug: str) -> Track:
    return get_object_or_404(Track, slug=slug)


def filter_actors(*, track: Track | None = None, version: str | None = None) -> list[tuple[str, str]]:
    """(slug, name) of the actors with a public event (on the track), by name: the choices
    of the actor filter. With a data version, read once per data change (every view of
    the timeline needs them); plain tuples, quick to read back from the cache."""
    if version is None:
        return _filter_actors(track)
    return versioned(
        "filter-actors", version=version, parts=(track.pk if track else None,), compute=lambda: _filter_actors(track)
    )


def _filter_actors(track: Track | None) -> list[tuple[str, str]]:
    statements = public(Statement.objects.all())
    meetings = public(Meeting.objects.all())
    proposals = public(Proposal.objects.all())
    if track:
        statements, meetings, proposals = (qs.filter(tracks=track) for qs in (statements, meetings, proposals))
    attended = Meeting.participants.through.objects.filter(meeting__in=meetings.values("id"))
    return list(
        Actor.objects.filter(
            Q(id__in=statements.values("speaker_id"))
            | Q(id__in=proposals.values("proposer_id"))
            | Q(id__in=attended.values("actor_id"))
        )
        .order_by("name", "id")
        .values_list("slug", "name")
    )


def get_actor(slug: str) -> Actor:
    return get_object_or_404(Actor.objects.select_related("merged_into"), slug=slug)


@dataclass
class ActorPage:
    statements: list[Statement]
    meetings: list[Meeting]
    proposals: list[Proposal]
    counts: dict[str, int]  # kind -> number of public events
    weeks: list[tuple[date, dict[str, int]]]  # [(monday, {"statement": n, "meeting": n, "proposal": n})], oldest first


ACTOR_SECTION = 20
ACTIVITY_WEEKS = 52
MIN_ACTIVITY_WEEKS = 12


def actor_page(*, actor: Actor, size: int = ACTOR_SECTION) -> ActorPage:
    """The latest statements, meetings attended and proposals of an actor (and of
    actors merged into it), with counts and weekly activity."""
    filters = EventFilters(actors=(actor.slug,))
    lists: dict[str, list[Any]] = {}
    counts: dict[str, int] = {}
    per_week: dict[date, dict[str, int]] = {}
    for kind in KINDS:
        qs = with_day(QUERYSETS[kind](None, filters=filters))
        counts[kind] = qs.count()
        lists[kind] = with_tracks(with_outlets(list(qs.prefetch_related(TRACK_NAMES).order_by("-day", "-id")[:size])))
        weekly = (
            qs.prefetch_related(None)
            .exclude(day=UNDATED)
            .annotate(week=TruncWeek("day", output_field=DateField()))
            .order_by()
            .values("week")
            .annotate(n=Count("id"))
        )
        for row in weekly:
            per_week.setdefault(row["week"], dict.fromkeys(KINDS, 0))[kind] = row["n"]
    return ActorPage(lists["statement"], lists["meeting"], lists["proposal"], counts, _week_range(per_week))


def _week_range(per_week: dict[date, dict[str, int]]) -> list[tuple[date, dict[str, int]]]:
    if not per_week:
        return []
    last = max(per_week)
    first = max(min(per_week), last - timedelta(weeks=ACTIVITY_WEEKS - 1))
    first = min(first, last - timedelta(weeks=MIN_ACTIVITY_WEEKS - 1))
    weeks: list[tuple[date, dict[str, int]]] = []
    week = first
    while week <= last:
        weeks.append((week, per_week.get(week, dict.fromkeys(KINDS, 0))))
        week += timedelta(weeks=1)
    return weeks


CONTEXT_DAYS = 3
CONTEXT_SIZE = 6


def nearby_events(*, track: Track, day: date, exclude: Model | None = None, size: int = CONTEXT_SIZE) -> list[Any]:
    """Other events of the track within CONTEXT_DAYS of a day, nearest first: the
    context of a statement (what was proposed or held around it)."""
    low, high = day - timedelta(days=CONTEXT_DAYS), day + timedelta(days=CONTEXT_DAYS)
    rows: list[tuple[int, int, Any]] = []
    for kind in KINDS:
        qs = with_day(QUERYSETS[kind](track)).prefetch_related(None).filter(day__gte=low, day__lte=high)
        if kind == "meeting":
            qs = qs.prefetch_related("participants")
        if exclude is not None and kind == type(exclude).__name__.lower():
            qs = qs.exclude(pk=exclude.pk)
        for event in qs.order_by("-day", "-id")[:size]:
            event.event_kind = kind
            rows.append((abs((event.day - day).days), -RANK[kind], event))
    rows.sort(key=lambda row: row[:2])
    return sorted((row[2] for row in rows[:size]), key=lambda e: (e.day, RANK[e.event_kind]))


def get_statement(*, pk: int) -> Statement:
    statement: Statement = get_object_or_404(statements_qs().prefetch_related("tracks"), pk=pk)
    return with_outlets([statement])[0]


def get_meeting(*, pk: int) -> Meeting:
    meeting: Meeting = get_object_or_404(meetings_qs().prefetch_related("tracks"), pk=pk)
    return with_outlets([meeting])[0]


def get_proposal(*, pk: int) -> Proposal:
    proposal: Proposal = get_object_or_404(proposals_qs().prefetch_related("tracks"), pk=pk)
    return with_outlets([proposal])[0]


# --- Feeds out ------------------------------------------------------------------

FEED_SIZE = 50


def latest_events(track: Track | None = None, *, size: int = FEED_SIZE) -> list[Any]:
    """The events learnt of most recently (newest first), for the Atom feed."""
    rows: list[tuple[Any, int, int, str, Any]] = []
    for kind in KINDS:
        for event in QUERYSETS[kind](track).order_by("-created_at", "-id")[:size]:
            rows.append((event.created_at, RANK[kind], event.id, kind, event))
    rows.sort(key=lambda row: row[:3], reverse=True)
    events = [row[4] for row in rows[:size]]
    for row in rows[:size]:
        row[4].event_kind = row[3]
    return with_outlets(events)


def calendar_meetings(track: Track | None = None, *, today: date | None = None) -> list[Meeting]:
    """Meetings for the calendar: those to come (proposed or scheduled) and those
    held, with a day-precise date."""
    today = today or timezone.localdate()
    return with_outlets(
        list(
            meetings_qs(track)
            .filter(Q(status__in=PLANNED, date__gte=today) | Q(status=Meeting.Status.HELD))
            .exclude(date=None)
            .filter(Q(date_precision="day") | Q(date_precision=""))
            .order_by("date", "id")
        )
    )
