"""Typed results of the extraction engine (plain dataclasses, no Django)."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from dataclasses import field


def _iso(value: _dt.date | None) -> str | None:
    return value.isoformat() if value else None


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
        return {
            "name": self.name,
            "kind": self.kind,
            "country": self.country,
            "title": self.title,
            "aliases": list(self.aliases),
        }


@dataclass
class StatementItem:
    speaker: str | None
    quote: str
    kind: str = "direct"  # direct | indirect
    date: _dt.date | None = None
    date_precision: str | None = None
    speaker_desc: str | None = None
    sentence: str = ""
    # the clean full name (person), body name or description; `speaker` may carry the source as the
    # article writes it at the attribution ("Rep. Jane Roe (D-Ore.)", "Jane Roe, a former envoy who ...")
    speaker_name: str | None = None
    confidence: float = 0.5  # share of such statements found right on the development set (bench/calibration.py)

    def to_dict(self) -> dict:
        return {
            "speaker": self.speaker,
            "quote": self.quote,
            "kind": self.kind,
            "date": _iso(self.date),
            "date_precision": self.date_precision if self.date else None,
            "speaker_desc": self.speaker_desc,
            "sentence": self.sentence,
            "speaker_name": self.speaker_name,
            "confidence": self.confidence,
        }


@dataclass
class MeetingItem:
    kind: str  # talks | call | summit | visit
    status: str  # proposed | scheduled | held | postponed | cancelled
    location: str | None = None
    date: _dt.date | None = None
    date_precision: str | None = None  # day | month | year
    participants: list[str] = field(default_factory=list)
    sentence: str = ""
    confidence: float = 0.5  # share of such items found right on the development set (bench/calibration.py)

    def to_dict(self) -> dict:
        return {
            "kind": self.kind,
            "location": self.location,
            "date": _iso(self.date),
            "status": self.status,
            "participants": list(self.participants),
            "date_precision": self.date_precision if self.date else None,
            "sentence": self.sentence,
            "confidence": self.confidence,
        }


@dataclass
class ProposalItem:
    proposer: str | None
    summary: str
    status: str  # proposed | submitted | promised | accepted | rejected | withdrawn
    date: _dt.date | None = None
    date_precision: str | None = None
    sentence: str = ""
    confidence: float = 0.5  # share of such items found right on the development set (bench/calibration.py)

    def to_dict(self) -> dict:
        return {
            "proposer": self.proposer,
            "summary": self.summary,
            "date": _iso(self.date),
            "status": self.status,
            "date_precision": self.date_precision if self.date else None,
            "sentence": self.sentence,
            "confidence": self.confidence,
        }


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
