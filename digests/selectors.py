"""Reads for digests. A sending batch loads every event that changed in the
union of its subscribers' windows once (a fixed number of queries), then each
subscriber's digest is cut from it in memory by window, tracks and actors."""

import heapq
from collections import defaultdict
from collections.abc import Callable
from collections.abc import Iterable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from dataclasses import field
from datetime import date
from datetime import datetime
from datetime import timedelta
from functools import cached_property
from functools import partial
from operator import attrgetter
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from events.dates import when  # the site's date formatter: one for pages and emails
from events.models import Actor
from events.models import Meeting
from events.models import MeetingStatusChange
from events.models import Proposal
from events.models import ProposalStatusChange
from events.models import Statement
from events.models import StatementSource
from events.models import actor_name
from events.selectors import public_q

from .links import absolute
from .models import Subscription

# The meeting changes a digest reports: every one, a meeting first proposed included.
MEETING_STATUSES = (
    Meeting.Status.PROPOSED,
    Meeting.Status.SCHEDULED,
    Meeting.Status.HELD,
    Meeting.Status.POSTPONED,
    Meeting.Status.CANCELLED,
)


@dataclass
class MeetingChange:
    created_at: datetime
    status: str
    date: date | None
    location: str


@dataclass
class MeetingEntry:
    meeting: Meeting
    track_ids: frozenset
    actor_ids: frozenset
    participants: list
    changes: list  # MeetingChange, oldest first
    url: str
    before: MeetingChange | None = None  # the last change before the batch's window: what "changed" compares to


@dataclass
class ProposalEntry:
    proposal: Proposal
    track_ids: frozenset
    actor_ids: frozenset
    changes: list  # (created_at, status, reported_on), oldest first
    url: str

    @property
    def proposer(self) -> str:
        return actor_name(self.proposal.proposer, self.proposal.proposer_text, missing="")


@dataclass
class StatementEntry:
    statement: Statement
    track_ids: frozenset
    actor_ids: frozenset
    outlets: list
    url: str

    @property
    def speaker(self) -> str:
        return actor_name(self.statement.speaker, self.statement.speaker_text, missing="Unattributed")

    @property
    def key(self) -> tuple[str, int]:
        return ("statement", self.statement.id)

    @property
    def corroboration(self) -> int:
        return len(self.outlets)

    @property
    def sources_url(self) -> str:
        return f"{self.url}#sources"

    @property
    def when(self) -> str:
        return when(self.statement.date, self.statement.date_precision)

    @cached_property
    def rank(self) -> tuple[int, date, int]:
        return (len(self.outlets), self.statement.date or date.min, self.statement.id)


@dataclass
class Window:
    """Every visible event that changed in (start, end], indexed by track."""

    start: datetime
    end: datetime
    meetings: dict = field(default_factory=lambda: defaultdict(list))
    proposals: dict = field(default_factory=lambda: defaultdict(list))
    statements: dict = field(default_factory=lambda: defaultdict(list))
    # Digest items shared by every subscriber who gets them, so each is rendered once.
    items: dict = field(default_factory=dict)
    digests: dict = field(default_factory=dict)

    def item(self, key: tuple, make: Callable[[], Any]) -> Any:
        found = self.items.get(key)
        if found is None:
            found = self.items[key] = make()
        return found


def _track_ids_by_event(through: Any, fk: str, ids_query: Iterable[int]) -> dict[int, frozenset[int]]:
    """{event id: frozenset of track ids} from the M2M table, as plain tuples:
    thousands of events, no model instance or manager built per relation."""
    pairs: defaultdict[int, set[int]] = defaultdict(set)
    for event_id, other_id in through.objects.filter(**{f"{fk}__in": ids_query}).values_list(fk, "track_id"):
        pairs[event_id].add(other_id)
    return {k: frozenset(v) for k, v in pairs.items()}


def load_window(*, start: datetime, end: datetime) -> "Window":
    window = Window(start, end)
    in_window = {"created_at__gt": start, "created_at__lte": end}
    empty: frozenset[int] = frozenset()

    changes: defaultdict[int, list[MeetingChange]] = defaultdict(list)
    for row in (
        MeetingStatusChange.objects.filter(public_q("meeting__"), status__in=MEETING_STATUSES, **in_window)
        .order_by("created_at", "id")
        .values_list("meeting_id", "created_at", "status", "date", "location")
    ):
        changes[row[0]].append(MeetingChange(*row[1:]))
    if changes:
        meeting_ids = list(changes)
        tracks = _track_ids_by_event(Meeting.tracks.through, "meeting_id", meeting_ids)
        participants: defaultdict[int, list[tuple[int, str]]] = defaultdict(list)
        for meeting_id, actor_id, name in (
            Meeting.participants.through.objects.filter(meeting_id__in=meeting_ids)
            .order_by("actor__name")
            .values_list("meeting_id", "actor_id", "actor__name")
        ):
            participants[meeting_id].append((actor_id, name))
        before = {}
        for row in (
            MeetingStatusChange.objects.filter(meeting_id__in=meeting_ids, created_at__lte=start)
            .order_by("meeting_id", "created_at", "id")
            .values_list("meeting_id", "created_at", "status", "date", "location")
        ):
            before[row[0]] = MeetingChange(*row[1:])  # ordered: the last one per meeting stays
        for meeting in Meeting.objects.filter(id__in=meeting_ids).defer("private_note", "editor_note"):
            people = participants.get(meeting.id, [])
            entry = MeetingEntry(
                meeting=meeting,
                track_ids=tracks.get(meeting.id, empty),
                actor_ids=frozenset(a for a, _ in people),
                participants=[name for _, name in people] or list(meeting.participant_names),
                changes=changes[meeting.id],
                url=absolute(meeting.get_absolute_url()),
                before=before.get(meeting.id),
            )
            for track_id in entry.track_ids:
                window.meetings[track_id].append(entry)

    proposal_changes: defaultdict[int, list[tuple]] = defaultdict(list)
    for proposal_id, created_at, status, reported_on in (
        ProposalStatusChange.objects.filter(public_q("proposal__"), **in_window)
        .order_by("created_at", "id")
        .values_list("proposal_id", "created_at", "status", "reported_on")
    ):
        proposal_changes[proposal_id].append((created_at, status, reported_on))
    proposals = list(
        Proposal.objects.filter(public_q())
        .filter(Q(id__in=list(proposal_changes)) | Q(**in_window))
        .select_related("proposer")
        .defer("private_note", "editor_note")
    )
    tracks = _track_ids_by_event(Proposal.tracks.through, "proposal_id", [p.id for p in proposals])
    for proposal in proposals:
        p_entry = ProposalEntry(
            proposal=proposal,
            track_ids=tracks.get(proposal.id, empty),
            actor_ids=frozenset([proposal.proposer_id] if proposal.proposer_id else []),
            changes=proposal_changes.get(proposal.id, []),
            url=absolute(proposal.get_absolute_url()),
        )
        for track_id in p_entry.track_ids:
            window.proposals[track_id].append(p_entry)

    statements = list(
        Statement.objects.filter(public_q(), **in_window).select_related("speaker").defer("private_note", "editor_note")
    )
    statement_ids = [st.id for st in statements]
    tracks = _track_ids_by_event(Statement.tracks.through, "statement_id", statement_ids)
    outlets: defaultdict[int, dict[Any, str]] = defaultdict(dict)
    for statement_id, outlet_id, outlet_name, url in StatementSource.objects.filter(
        statement_id__in=statement_ids
    ).values_list("statement_id", "article__outlet_id", "article__outlet__name", "article__url"):
        # Distinct outlets, not articles: two pieces from one wire are one voice.
        host = urlsplit(url).hostname or url
        outlets[statement_id].setdefault(outlet_id or host, outlet_name or host)
    for statement in statements:
        s_entry = StatementEntry(
            statement=statement,
            track_ids=tracks.get(statement.id, empty),
            actor_ids=frozenset([statement.speaker_id] if statement.speaker_id else []),
            outlets=sorted(outlets[statement.id].values()),
            url=absolute(statement.get_absolute_url()),
        )
        for track_id in s_entry.track_ids:
            window.statements[track_id].append(s_entry)
    return window


def actor_groups(actor_ids: set[int]) -> dict[int, set[int]]:
    """Each actor with the actors merged into it or it into: events may still
    point at either side of a merge."""
    groups = {a: {a} for a in actor_ids}
    if not actor_ids:
        return groups
    for actor_id, merged_into_id in Actor.objects.filter(
        Q(id__in=actor_ids) | Q(merged_into_id__in=actor_ids)
    ).values_list("id", "merged_into_id"):
        if actor_id in groups and merged_into_id:
            groups[actor_id].add(merged_into_id)
        if merged_into_id in groups:
            groups[merged_into_id].add(actor_id)
    return groups


# --- One subscriber's digest -------------------------------------------------


class _LinksToEntry:
    """A digest item links to its event's page and to the sources on it."""

    entry: MeetingEntry | ProposalEntry

    @property
    def url(self) -> str:
        return self.entry.url

    @property
    def sources_url(self) -> str:
        return f"{self.entry.url}#sources"


@dataclass
class MeetingItem(_LinksToEntry):
    key: tuple
    entry: MeetingEntry
    status: str
    status_label: str
    day: date | None
    when: str
    location: str
    upcoming: bool
    what_changed: list  # "first reported: proposed", "now held (was scheduled)", "new date (was …)"

    @property
    def meeting(self) -> Meeting:
        return self.entry.meeting


@dataclass
class ProposalItem(_LinksToEntry):
    key: tuple
    entry: ProposalEntry
    changes: list  # [{"status", "label", "reported_on"}] in the window
    is_new: bool

    @property
    def proposal(self) -> Proposal:
        return self.entry.proposal

    @property
    def when(self) -> str:
        return when(self.proposal.date, self.proposal.date_precision)


@dataclass
class Digest:
    meetings: list
    proposals: list
    statements: list
    meetings_more: int = 0
    proposals_more: int = 0
    statements_more: int = 0
    rendered: dict = field(default_factory=dict, repr=False)  # filled once by whoever renders it

    @property
    def is_empty(self) -> bool:
        return not (self.meetings or self.proposals or self.statements)

    def summary(self) -> str:
        parts = []
        for count, one, many in (
            (len(self.meetings) + self.meetings_more, "meeting", "meetings"),
            (len(self.proposals) + self.proposals_more, "proposal", "proposals"),
            (len(self.statements) + self.statements_more, "statement", "statements"),
        ):
            if count:
                parts.append(f"{count} {one if count == 1 else many}")
        return ", ".join(parts)


def _pick(index: dict, track_ids: Iterable[int], actor_ids: AbstractSet[int]) -> Iterable[Any]:
    seen: dict[int, Any] = {}
    for track_id in track_ids:
        for entry in index.get(track_id, ()):
            if actor_ids and not (entry.actor_ids & actor_ids):
                continue
            seen.setdefault(id(entry), entry)
    return seen.values()


def digest_for(
    window: "Window",
    *,
    track_ids: AbstractSet[int],
    actor_ids: AbstractSet[int],
    start: datetime,
    end: datetime,
    tz_name: str = "UTC",
) -> "Digest":
    """What one subscriber gets for (start, end]: `window` must cover that span.
    Subscribers with the same filters and window share one Digest."""
    today = end.astimezone(ZoneInfo(tz_name)).date()
    key = (frozenset(track_ids), frozenset(actor_ids), start, end, today)
    found = window.digests.get(key)
    if found is None:
        found = window.digests[key] = _digest_for(window, track_ids, actor_ids, start, end, today)
    return found


def _meeting_changes(
    previous: MeetingChange | None, status: str, day: date | None, location: str, precision: str
) -> list[str]:
    """What a reader should notice, against the meeting as last reported before this digest's window."""
    label = Meeting.Status(status).label.lower()
    if previous is None:
        return [f"first reported: {label}"]
    out = []
    if previous.status != status:
        out.append(f"now {label} (was {Meeting.Status(previous.status).label.lower()})")
    if day and previous.date and previous.date != day:
        out.append(f"new date (was {when(previous.date, precision)})")
    elif day and not previous.date:
        out.append("date now known")
    if location and previous.location and previous.location != location:
        out.append(f"new place (was {previous.location})")
    return out or [f"{label}, reported again"]


def _digest_for(
    window: "Window",
    track_ids: AbstractSet[int],
    actor_ids: AbstractSet[int],
    start: datetime,
    end: datetime,
    today: date,
) -> "Digest":
    limits = settings.DIGEST_MAX_ITEMS

    # Usually a subscriber's window is the batch's window: every change loaded is theirs.
    whole = start <= window.start and end >= window.end

    def inside(moment: datetime) -> bool:
        return whole or start < moment <= end

    meetings = []
    for entry in _pick(window.meetings, track_ids, actor_ids):
        changes = entry.changes if whole else [c for c in entry.changes if inside(c.created_at)]
        if not changes:
            continue
        meeting = entry.meeting
        # The meeting as the site shows it now (its consolidated date, place and status), not as the
        # latest report had it: one late report of "15 May" must not move the 16 May talks.
        day = meeting.date
        status = meeting.status
        location = meeting.location or changes[-1].location
        upcoming = status in (Meeting.Status.SCHEDULED, Meeting.Status.PROPOSED) and day is not None and day >= today
        if whole:
            previous = entry.before
        else:
            earlier = [c for c in entry.changes if c.created_at <= start]
            previous = earlier[-1] if earlier else entry.before
        what_changed = _meeting_changes(previous, status, day, location, meeting.date_precision)
        key = ("meeting", meeting.id, status, day, location, upcoming, tuple(what_changed))
        meetings.append(
            window.item(
                key,
                partial(
                    MeetingItem,
                    key=key,
                    entry=entry,
                    status=status,
                    status_label=Meeting.Status(status).label.lower(),
                    day=day,
                    when=when(day, meeting.date_precision),
                    location=location,
                    upcoming=upcoming,
                    what_changed=what_changed,
                ),
            )
        )
    # Upcoming first, soonest first; then the rest, most recent first.
    upcoming = sorted((m for m in meetings if m.upcoming), key=lambda m: (m.day, m.meeting.id))
    rest = sorted(
        (m for m in meetings if not m.upcoming), key=lambda m: (m.day or date.min, m.meeting.id), reverse=True
    )
    meetings = upcoming + rest

    proposals = []
    for entry in _pick(window.proposals, track_ids, actor_ids):
        changes = [
            {"status": s, "label": Proposal.Status(s).label.lower(), "reported_on": r}
            for created_at, s, r in entry.changes
            if inside(created_at)
        ]
        is_new = start < entry.proposal.created_at <= end  # loaded for a change, it may be older
        if changes or is_new:
            pkey = ("proposal", entry.proposal.id, tuple(c["status"] for c in changes), is_new)
            proposals.append(
                window.item(pkey, partial(ProposalItem, key=pkey, entry=entry, changes=changes, is_new=is_new))
            )
    proposals.sort(key=lambda p: (p.proposal.date or p.proposal.reported_on or date.min, p.proposal.id), reverse=True)

    statements = [e for e in _pick(window.statements, track_ids, actor_ids) if inside(e.statement.created_at)]
    # Most distinct outlets first; only the top few are needed.
    top = heapq.nlargest(limits["statements"], statements, key=attrgetter("rank"))

    return Digest(
        meetings=meetings[: limits["meetings"]],
        proposals=proposals[: limits["proposals"]],
        statements=top,
        meetings_more=max(0, len(meetings) - limits["meetings"]),
        proposals_more=max(0, len(proposals) - limits["proposals"]),
        statements_more=max(0, len(statements) - limits["statements"]),
    )


def sample_digest(
    *,
    track_ids: Iterable[int],
    actor_ids: Iterable[int] = (),
    days: int = 7,
    now: datetime | None = None,
    tz_name: str = "UTC",
) -> Digest:
    """What a digest covering the last `days` days would hold: the sample on the subscribe page and
    the editors' preview. Built exactly as a sent digest is."""
    end = now or timezone.now()
    start = end - timedelta(days=days)
    return digest_for(
        load_window(start=start, end=end),
        track_ids=set(track_ids),
        actor_ids=set(actor_ids),
        start=start,
        end=end,
        tz_name=tz_name,
    )


@dataclass
class Segment:
    """Subscribers who get the same digest: same tracks, actors and frequency."""

    track_ids: frozenset
    actor_ids: frozenset
    frequency: str
    tracks: list
    actors: list
    subscribers: int
    start: datetime
    next_due_at: datetime | None
    digest: "Digest | None" = None


def subscriber_segments(*, now: datetime | None = None) -> list[Segment]:
    """Active subscriptions grouped into segments, each with the digest its members get next
    (from the earliest member's covered_until to now). One window load for all segments."""
    now = now or timezone.now()
    subs = list(Subscription.objects.active().prefetch_related("tracks", "actors"))
    segments: dict[tuple, Segment] = {}
    for sub in subs:
        tracks = sorted(sub.tracks.all(), key=attrgetter("name"))
        actors = sorted(sub.actors.all(), key=attrgetter("name"))
        key = (frozenset(t.pk for t in tracks), frozenset(a.pk for a in actors), sub.frequency)
        start = sub.covered_until or sub.confirmed_at or now
        found = segments.get(key)
        if found is None:
            segments[key] = Segment(
                *key, tracks=tracks, actors=actors, subscribers=1, start=start, next_due_at=sub.next_due_at
            )
        else:
            found.subscribers += 1
            found.start = min(found.start, start)
            if sub.next_due_at and (found.next_due_at is None or sub.next_due_at < found.next_due_at):
                found.next_due_at = sub.next_due_at
    ordered = sorted(segments.values(), key=lambda s: (-s.subscribers, [t.name for t in s.tracks]))
    if ordered:
        window = load_window(start=min(s.start for s in ordered), end=now)
        for segment in ordered:
            segment.digest = digest_for(
                window, track_ids=set(segment.track_ids), actor_ids=set(segment.actor_ids), start=segment.start, end=now
            )
    return ordered
