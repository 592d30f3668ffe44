"""Typed results of the extraction engine (plain dataclasses, no Django)."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from dataclasses import field


def _as_dict(item: object, keys: str) -> dict:
    """An output item's fields named in `keys` (space-separated, the contract's order): dates as ISO days, a
    date's precision only with its date, lists copied."""
    out: dict = {}
    for key in keys.split():
        value = getattr(item, key)
        if key == "date":
            value = value.isoformat() if value else None
        elif key == "date_precision":
            value = value if getattr(item, "date", None) else None
        elif isinstance(value, list):
            value = list(value)
        out[key] = value
    return out


@dataclass(frozen=True)
class KnownActor:
    """An entry of the project's Actor table, used as a gazetteer."""

    name: str
    kind: str  # person | state | organization | group
    country: str | None = None
    title: str = ""
    aliases: tuple[str, ...] = ()


@dataclass
class ActorItem:
    name: str
    kind: str = "person"
    country: str | None = None
    title: str = ""
    aliases: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return _as_dict(self, "name kind country title aliases")


@dataclass(kw_only=True)
class _Reported:
    """What every reported item carries: the sentence that tells it, its date and how likely it is right."""

    date: _dt.date | None = None
    date_precision: str | None = None  # day | week | month | year
    sentence: str = ""
    confidence: float = 0.5  # share of such items found right on the development set (bench/calibration.py)


@dataclass
class StatementItem(_Reported):
    speaker: str | None
    quote: str
    kind: str = "direct"  # direct | indirect
    speaker_desc: str | None = None
    # the clean full name (person), body name or description; `speaker` may carry the source as the
    # article writes it at the attribution ("Rep. Jane Roe (D-Ore.)", "Jane Roe, a former envoy who ...")
    speaker_name: str | None = None

    def to_dict(self) -> dict:
        return _as_dict(self, "speaker quote kind date date_precision speaker_desc sentence speaker_name confidence")


@dataclass
class MeetingItem(_Reported):
    kind: str  # talks | call | summit | visit
    status: str  # proposed | scheduled | held | postponed | cancelled
    location: str | None = None
    participants: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return _as_dict(self, "kind location date status participants date_precision sentence confidence")


@dataclass
class ProposalItem(_Reported):
    proposer: str | None
    summary: str
    status: str  # proposed | submitted | promised | accepted | rejected | withdrawn

    def to_dict(self) -> dict:
        return _as_dict(self, "proposer summary date status date_precision sentence confidence")


@dataclass
class Extraction:
    title: str
    text: str
    actors: list[ActorItem] = field(default_factory=list)
    statements: list[StatementItem] = field(default_factory=list)
    meetings: list[MeetingItem] = field(default_factory=list)
    proposals: list[ProposalItem] = field(default_factory=list)
    version: str = ""
    # notes on the input itself, e.g. a text cut at the length bound (core.MAX_CHARS)
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        out = {
            "title": self.title,
            "text": self.text,
            "actors": [a.to_dict() for a in self.actors],
            "statements": [s.to_dict() for s in self.statements],
            "meetings": [m.to_dict() for m in self.meetings],
            "proposals": [p.to_dict() for p in self.proposals],
        }
        if self.warnings:  # only when there is something to say: the contract's keys stay as they are
            out["warnings"] = list(self.warnings)
        return out
