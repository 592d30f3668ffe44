"""The status board: where a negotiation stands, read from the same events the
timeline shows (selectors only, no writes).

Whether a planned meeting is still to come or its date passed with no report that
it took place is one rule (`events.status.date_passed`), shared with the timeline
cards and the meeting page, so they never disagree."""

from dataclasses import dataclass
from dataclasses import field
from datetime import date

from django.db.models import Count
from django.db.models import Prefetch
from django.db.models import Q
from django.db.models import prefetch_related_objects
from django.utils import timezone

from .models import Actor
from .models import Meeting
from .models import MeetingSource
from .models import Proposal
from .models import Track
from .models import actor_name
from .selectors import UNDATED
from .selectors import meetings_qs
from .selectors import proposals_qs
from .selectors import with_day
from .status import AWAITING_REPLY
from .status import PLANNED
from .status import STANDING_DEMANDS
from .status import date_passed

BOARD_LIST = 5  # items per board box
SIDES = 4  # sides shown under "current demands"
DEMANDS_PER_SIDE = 3
DEMAND_ROWS = 200
SENTENCES = Prefetch(
    "sources", queryset=MeetingSource.objects.only("id", "meeting_id", "sentence")
)  # the latest standing proposals read to find each side's demands


@dataclass
class OpenItem:
    event: Proposal
    days_open: int | None  # since its date (else since first reported)


@dataclass
class Side:
    name: str
    actor: Actor | None
    demands: list[OpenItem] = field(default_factory=list)


@dataclass
class Board:
    today: date
    next_meetings: list[Meeting] = field(default_factory=list)  # planned, date today or later, soonest first
    passed: list[Meeting] = field(default_factory=list)  # planned, date passed, no report it took place
    awaiting: list[OpenItem] = field(default_factory=list)  # proposals awaiting a reply
    awaiting_total: int = 0
    promises: list[OpenItem] = field(default_factory=list)  # promised, not yet delivered
    promises_total: int = 0
    last_held: Meeting | None = None
    last_held_outcome: str = ""  # the latest report's sentence about it
    sides: list[Side] = field(default_factory=list)

    @property
    def next_meeting(self) -> Meeting | None:
        return self.next_meetings[0] if self.next_meetings else None

    @property
    def days_to_next(self) -> int | None:
        meeting = self.next_meeting  # planned meetings on the board all have a date
        return (meeting.date - self.today).days if meeting and meeting.date else None

    @property
    def days_since_held(self) -> int | None:
        # last_held comes from with_day(): the day it sits on the timeline is annotated.
        day: date | None = getattr(self.last_held, "day", None)
        if day is not None and day != UNDATED:
            return (self.today - day).days
        return None


def _days_open(event: Proposal, today: date) -> int | None:
    start = event.date or event.reported_on
    return (today - start).days if start else None


def _side_key(actor: Actor | None, text: str) -> tuple[str, str | int]:
    # A state and its officials are one side: group by country when it is known.
    if actor is None:
        return ("text", text.strip().lower())
    return ("country", actor.country) if actor.country else ("actor", actor.pk)


def track_board(*, track: Track, today: date | None = None) -> Board:
    """Everything the board shows for one track, in 8 queries whatever the amount of data."""
    today = today or timezone.localdate()
    board = Board(today=today)
    meetings = meetings_qs(track).prefetch_related(None)

    # Planned meetings: the upcoming ones are exactly the timeline's "Coming up" pin
    # (date today or later); those whose whole date has passed are "no report it took place".
    planned = meetings.filter(status__in=PLANNED).exclude(date=None)
    coming = list(planned.filter(date__gte=today).order_by("date", "id")[:BOARD_LIST])
    behind = list(planned.filter(date__lt=today).order_by("-date", "-id")[: BOARD_LIST * 4])
    # "June" is still to come on 10 June: a coarse date whose period has not ended.
    under_way = [m for m in reversed(behind) if not date_passed(m, today)]
    board.next_meetings = (under_way + coming)[:BOARD_LIST]
    board.passed = [m for m in behind if date_passed(m, today)][:BOARD_LIST]
    held = with_day(meetings.filter(status=Meeting.Status.HELD)).order_by("-day", "-id").first()
    # One prefetch for every meeting shown; sentences only (titles read a round's ordinal from them).
    prefetch_related_objects(
        [*board.next_meetings, *board.passed, *([held] if held else [])], "participants", SENTENCES
    )
    if held:
        board.last_held = held
        sentences = [s.sentence for s in held.sources.all() if s.sentence]
        board.last_held_outcome = sentences[-1] if sentences else ""

    proposals = with_day(proposals_qs(track).prefetch_related(None))
    totals = proposals.order_by().aggregate(
        awaiting=Count("id", filter=Q(status__in=AWAITING_REPLY)),
        promised=Count("id", filter=Q(status=Proposal.Status.PROMISED)),
    )
    board.awaiting_total, board.promises_total = totals["awaiting"], totals["promised"]
    promised = proposals.filter(status=Proposal.Status.PROMISED).order_by("day", "id")[:BOARD_LIST]
    board.promises = [OpenItem(p, _days_open(p, today)) for p in promised]

    # The latest standing proposals give both the list awaiting a reply and each
    # side's current demands (nobody accepted, rejected or withdrew them).
    standing = list(proposals.filter(status__in=STANDING_DEMANDS).order_by("-day", "-id")[:DEMAND_ROWS])
    board.awaiting = [OpenItem(p, _days_open(p, today)) for p in standing if p.status in AWAITING_REPLY][:BOARD_LIST]
    sides: dict[tuple[str, str | int], Side] = {}
    for p in standing:
        if p.proposer is None and not p.proposer_text.strip():
            continue
        key = _side_key(p.proposer, p.proposer_text)
        side = sides.get(key)
        if side is None:
            if len(sides) >= SIDES:
                continue
            side = sides[key] = Side(name=actor_name(p.proposer, p.proposer_text, missing=""), actor=p.proposer)
        elif (
            p.proposer
            and p.proposer.kind == Actor.Kind.STATE
            and (side.actor is None or side.actor.kind != Actor.Kind.STATE)
        ):
            side.name, side.actor = p.proposer.name, p.proposer  # name a side after its state
        if len(side.demands) < DEMANDS_PER_SIDE:
            side.demands.append(OpenItem(p, _days_open(p, today)))
    board.sides = list(sides.values())
    return board
