"""Stage 4 for events: the event frame that meetings.py and proposals.py fill, and the small helpers both
read the earlier stages through.

A frame is one event told by one trigger of one sentence: its kind (talks, call, summit, visit for
meetings; proposal for proposals, requests, promises and agreements), the trigger's span, the sentence, a
status, a time (date and precision), a place, the parties and, for a proposal, the proposer (display name
and merge key) and what was proposed. `filled_by` names the rule that filled a slot where more than one
rule can (place, date, parties, proposer), so that a wrong slot in the output points at its rule. Frames
live in one extract() call only."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from dataclasses import field

from . import dates
from .document import Doc

PHASES = {"proposed": "up", "scheduled": "up", "held": "past", "postponed": "off", "cancelled": "off"}
OPEN_STATUSES = ("proposed", "submitted", "promised")


@dataclass(slots=True)
class EventFrame:
    kind: str  # talks | call | summit | visit | proposal
    status: str  # meetings: proposed | scheduled | held | postponed | cancelled; proposals: the verb's
    trigger: tuple[int, int]  # the trigger's span in the text (a proposal owned by a noun: the owner's)
    sentence: str
    date: dt.date | None = None
    precision: str | None = None
    place: str | None = None
    place_weak: bool = False  # the place came from the dateline or the article's other meetings
    parties: list[str] = field(default_factory=list)
    proposer: str = ""  # proposals: who made it, as shown
    key: str = ""  # proposals: the proposer's merge key (an ISO code, a name)
    summary: str = ""  # proposals: what was proposed
    days: int = 1  # how many days a meeting lasted ("two-day talks")
    leaders: bool = False  # a meeting of the leaders themselves ("a meeting of the two presidents")
    filled_by: dict[str, str] = field(default_factory=dict, compare=False, repr=False)

    @property
    def pos(self) -> int:
        return self.trigger[0]

    # the names of the output contract (core.MeetingItem)
    @property
    def location(self) -> str | None:
        return self.place

    @property
    def participants(self) -> list[str]:
        return self.parties

    @property
    def phase(self) -> str:
        """A meeting's phase: up (proposed, scheduled), past (held) or off (postponed, cancelled)."""
        return PHASES[self.status]

    @property
    def is_open(self) -> bool:
        """A proposal still on the table (proposed, submitted, promised)."""
        return self.status in OPEN_STATUSES

    def fill(self, slot: str, value: object, rule: str) -> None:
        """Set a slot and, when it has a value, name the rule that filled it."""
        setattr(self, slot, value)
        if value is not None:
            self.filled_by[slot] = rule


def dates_in(doc: Doc, lo: int, hi: int) -> list[dates.DateHit]:
    """The date expressions starting in [lo, hi): the DateHits of the stage-2 date mentions, found by
    bisection (a sentence's dates without a pass over the article's)."""
    return [m.hit for m in doc.mentions.between("date", lo, hi) if m.hit is not None]


def one_of(words: Iterable[str]) -> str:
    """A word list kept as a Python tuple, as one regex alternation in its order: "(?:a|b|c)"."""
    return "(?:" + "|".join(words) + ")"


# the clauses of a sentence: coordinated main clauses, 'but', ';'
CLAUSE_BOUNDARY = re.compile(
    r";|,?\s+but\s|,\s+(?:and|while|whereas|saying|adding)\s"
    r"|\s+and\s+(?=(?:then\s+|also\s+|later\s+|subsequently\s+)?(?:[a-z]{3,}ed|said|met|held|spoke|told|made|"
    r"gave|sent|took|went|put|set|will|would|has|have|had|is|are|was|were)\b)"
)


def clause_starts(doc: Doc, a: int, b: int) -> list[int]:
    """Start offsets of the clauses of the sentence a..b (coordinated main clauses, 'but', ';')."""
    return [a] + [m.end() for m in CLAUSE_BOUNDARY.finditer(doc.masked, a, b)]
