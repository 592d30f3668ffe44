"""Reads for digests. A sending batch loads every event that changed in the
union of its subscribers' windows once (a fixed number of queries), then each
subscriber's digest is cut from it in memory by window, tracks and actors."""
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Prefetch, Q

from events.models import (
    Actor,
    DatePrecision,
    Meeting,
    MeetingStatusChange,
    Proposal,
    ProposalStatusChange,
    ReviewStatus,
    Statement,
    StatementSource,
    Track,
)

# The meeting changes a digest reports ("proposed" is news only once scheduled).
MEETING_STATUSES = (
    Meeting.Status.SCHEDULED,
    Meeting.Status.HELD,
    Meeting.Status.POSTPONED,
    Meeting.Status.CANCELLED,
)


def _visible(prefix=""):
    """Rejected events never go out; unreviewed ones only when the site shows them."""
    if settings.PUBLIC_SHOWS_UNREVIEWED:
        return ~Q(**{f"{prefix}review_status": ReviewStatus.REJECTED})
    return Q(**{f"{prefix}review_status": ReviewStatus.CONFIRMED})


def absolute(path):
    return f"{settings.SITE_URL}{path}"


def format_when(day, precision):
    if day is None:
        return ""
    if precision == DatePrecision.YEAR:
        return f"{day:%Y}"
    if precision == DatePrecision.MONTH:
        return f"{day:%B %Y}"
    return f"{day.day} {day:%B %Y}"


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


@dataclass
class ProposalEntry:
    proposal: Proposal
    track_ids: frozenset
    actor_ids: frozenset
    proposer: str
    changes: list  # (created_at, status, reported_on), oldest first
    url: str


@dataclass
class StatementEntry:
    statement: Statement
    track_ids: frozenset
    actor_ids: frozenset
    speaker: str
    outlets: list
    url: str

    @property
    def corroboration(self):
        return len(self.outlets)


@dataclass
class Window:
    """Every visible event that changed in (start, end], indexed by track."""

    start: datetime
    end: datetime
    meetings: dict = field(default_factory=lambda: defaultdict(list))
    proposals: dict = field(default_factory=lambda: defaultdict(list))
    statements: dict = field(default_factory=lambda: defaultdict(list))


def _track_ids(event):
    return frozenset(t.id for t in event.tracks.all())


def _tracks_prefetch():
    return Prefetch("tracks", queryset=Track.objects.only("id"))


def load_window(start, end):
    window = Window(start, end)
    in_window = {"created_at__gt": start, "created_at__lte": end}

    changes = defaultdict(list)
    for row in (
        MeetingStatusChange.objects.filter(_visible("meeting__"), status__in=MEETING_STATUSES, **in_window)
        .order_by("created_at", "id")
        .values_list("meeting_id", "created_at", "status", "date", "location")
    ):
        changes[row[0]].append(MeetingChange(*row[1:]))
    meetings = Meeting.objects.filter(id__in=list(changes)).prefetch_related(
        _tracks_prefetch(), Prefetch("participants", queryset=Actor.objects.only("id", "name"))
    ) if changes else []
    for meeting in meetings:
        participants = list(meeting.participants.all())
        entry = MeetingEntry(
            meeting=meeting,
            track_ids=_track_ids(meeting),
            actor_ids=frozenset(p.id for p in participants),
            participants=[p.name for p in participants] or list(meeting.participant_names),
            changes=changes[meeting.id],
            url=absolute(meeting.get_absolute_url()),
        )
        for track_id in entry.track_ids:
            window.meetings[track_id].append(entry)

    proposal_changes = defaultdict(list)
    for proposal_id, created_at, status, reported_on in (
        ProposalStatusChange.objects.filter(_visible("proposal__"), **in_window)
        .order_by("created_at", "id")
        .values_list("proposal_id", "created_at", "status", "reported_on")
    ):
        proposal_changes[proposal_id].append((created_at, status, reported_on))
    proposals = (
        Proposal.objects.filter(_visible())
        .filter(Q(id__in=list(proposal_changes)) | Q(**in_window))
        .select_related("proposer")
        .prefetch_related(_tracks_prefetch())
    )
    for proposal in proposals:
        entry = ProposalEntry(
            proposal=proposal,
            track_ids=_track_ids(proposal),
            actor_ids=frozenset([proposal.proposer_id] if proposal.proposer_id else []),
            proposer=proposal.proposer.name if proposal.proposer else proposal.proposer_text,
            changes=proposal_changes.get(proposal.id, []),
            url=absolute(proposal.get_absolute_url()),
        )
        for track_id in entry.track_ids:
            window.proposals[track_id].append(entry)

    statements = (
        Statement.objects.filter(_visible(), **in_window)
        .select_related("speaker")
        .prefetch_related(
            _tracks_prefetch(),
            Prefetch(
                "sources",
                queryset=StatementSource.objects.select_related("article__outlet")
                .only("statement_id", "article__url", "article__outlet__name")
                .order_by("id"),
            ),
        )
    )
    for statement in statements:
        outlets = {}
        for source in statement.sources.all():
            article = source.article
            # Distinct outlets, not articles: two pieces from one wire are one voice.
            key = article.outlet_id or urlsplit(article.url).hostname or article.url
            outlets.setdefault(key, article.outlet.name if article.outlet else (urlsplit(article.url).hostname or ""))
        entry = StatementEntry(
            statement=statement,
            track_ids=_track_ids(statement),
            actor_ids=frozenset([statement.speaker_id] if statement.speaker_id else []),
            speaker=statement.speaker.name if statement.speaker else (statement.speaker_text or "Unattributed"),
            outlets=sorted(outlets.values()),
            url=absolute(statement.get_absolute_url()),
        )
        for track_id in entry.track_ids:
            window.statements[track_id].append(entry)
    return window


def actor_groups(actor_ids):
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


@dataclass
class MeetingItem:
    entry: MeetingEntry
    status: str
    status_label: str
    day: date | None
    when: str
    location: str
    upcoming: bool

    @property
    def meeting(self):
        return self.entry.meeting

    @property
    def participants(self):
        return self.entry.participants

    @property
    def url(self):
        return self.entry.url


@dataclass
class ProposalItem:
    entry: ProposalEntry
    changes: list  # [{"status", "label", "reported_on"}] in the window
    is_new: bool

    @property
    def proposal(self):
        return self.entry.proposal

    @property
    def proposer(self):
        return self.entry.proposer

    @property
    def url(self):
        return self.entry.url


@dataclass
class Digest:
    meetings: list
    proposals: list
    statements: list
    meetings_more: int = 0
    proposals_more: int = 0
    statements_more: int = 0

    @property
    def is_empty(self):
        return not (self.meetings or self.proposals or self.statements)

    def summary(self):
        parts = []
        for count, one, many in (
            (len(self.meetings) + self.meetings_more, "meeting", "meetings"),
            (len(self.proposals) + self.proposals_more, "proposal", "proposals"),
            (len(self.statements) + self.statements_more, "statement", "statements"),
        ):
            if count:
                parts.append(f"{count} {one if count == 1 else many}")
        return ", ".join(parts)


def _pick(index, track_ids, actor_ids):
    seen = {}
    for track_id in track_ids:
        for entry in index.get(track_id, ()):
            if actor_ids and not (entry.actor_ids & actor_ids):
                continue
            seen.setdefault(id(entry), entry)
    return seen.values()


def digest_for(window, track_ids, actor_ids, start, end, tz_name="UTC"):
    """What one subscriber gets for (start, end]: `window` must cover that span."""
    limits = settings.DIGEST_MAX_ITEMS
    today = end.astimezone(ZoneInfo(tz_name)).date()

    def inside(moment):
        return start < moment <= end

    meetings = []
    for entry in _pick(window.meetings, track_ids, actor_ids):
        changes = [c for c in entry.changes if inside(c.created_at)]
        if not changes:
            continue
        latest = changes[-1]
        day = latest.date or entry.meeting.date
        status = latest.status
        meetings.append(
            MeetingItem(
                entry=entry,
                status=status,
                status_label=Meeting.Status(status).label.lower(),
                day=day,
                when=format_when(day, entry.meeting.date_precision or DatePrecision.DAY),
                location=latest.location or entry.meeting.location,
                upcoming=status == Meeting.Status.SCHEDULED and day is not None and day >= today,
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
        is_new = inside(entry.proposal.created_at)
        if changes or is_new:
            proposals.append(ProposalItem(entry=entry, changes=changes, is_new=is_new))
    proposals.sort(key=lambda p: (p.proposal.date or p.proposal.reported_on or date.min, p.proposal.id), reverse=True)

    statements = [e for e in _pick(window.statements, track_ids, actor_ids) if inside(e.statement.created_at)]
    statements.sort(
        key=lambda e: (e.corroboration, e.statement.date or date.min, e.statement.id), reverse=True
    )

    return Digest(
        meetings=meetings[: limits["meetings"]],
        proposals=proposals[: limits["proposals"]],
        statements=statements[: limits["statements"]],
        meetings_more=max(0, len(meetings) - limits["meetings"]),
        proposals_more=max(0, len(proposals) - limits["proposals"]),
        statements_more=max(0, len(statements) - limits["statements"]),
    )
