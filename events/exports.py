"""Exports of a track's events (JSON and CSV rows) with their sources."""

import re

from .models import MeetingStatusChange
from .selectors import distinct_outlets
from .selectors import meetings_qs
from .selectors import proposals_qs
from .selectors import statements_qs

# C0 controls other than tab, line feed and carriage return, DEL, and C1 controls:
# not allowed in XML 1.0 (Atom) and of no use in a spreadsheet cell.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# OWASP "CSV Injection": a cell starting with one of these is read as a formula.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def strip_controls(text):
    """Text without control characters (tab and line breaks kept)."""
    if not isinstance(text, str):
        return text
    return CONTROL_CHARACTERS.sub("", text)


def csv_cell(value):
    """A value safe to open in a spreadsheet: controls removed, and a cell that
    would start a formula prefixed with a single quote (OWASP), so it shows as
    text. Numbers and empty cells are left as they are."""
    if not isinstance(value, str):
        return value
    value = strip_controls(value)
    return "'" + value if value.startswith(FORMULA_TRIGGERS) else value


def _iso(value):
    return value.isoformat() if value else None


def _source_rows(event):
    return [
        {
            "url": s.article.link or s.article.url,
            "title": s.article.title,
            "outlet": s.article.outlet.name if s.article.outlet else None,
            "published": _iso(s.article.published_at),
            "sentence": s.sentence,
        }
        for s in event.sources.all()
    ]


def _status_history(event):
    """Each status the event went through; a meeting's rows also give its date and place as reported then."""
    rows = []
    for c in event.status_changes.all():
        row = {"status": c.status}
        if isinstance(c, MeetingStatusChange):
            row |= {"date": _iso(c.date), "location": c.location or None}
        row |= {
            "reported_on": _iso(c.reported_on),
            "by_editor": c.by_editor,
            "source": (c.article.link or c.article.url) if c.article else None,
        }
        rows.append(row)
    return rows


def _reports(event):
    """What the reports of a meeting or a proposal say: when it was first reported, by how many
    outlets, the statuses it went through and the sources."""
    return {
        "reported_on": _iso(event.reported_on),
        "outlets": len(distinct_outlets(event.sources.all())),
        "status_history": _status_history(event),
        "sources": _source_rows(event),
    }


def _identity(event, type_):
    """What every exported event starts with: its id and its type."""
    return {"id": event.id, "type": type_}


def _dated(event):
    """An event's date and how exact it is, as the exports give them."""
    return {"date": _iso(event.date), "date_precision": event.date_precision or None}


def _actor_ref(actor, text=""):
    if actor is None:
        return {"name": text or None, "slug": None, "country": None}
    return {"name": actor.name, "slug": actor.slug, "country": actor.country or None}


def export_events(track=None, filters=None):
    """Every public meeting, proposal and statement with actors, dates, status and sources
    (narrowed by selectors.EventFilters when given, as on the timeline)."""
    meetings = [
        {
            **_identity(m, "meeting"),
            "kind": m.kind,
            "status": m.status,
            **_dated(m),
            "location": m.location or None,
            "participants": [_actor_ref(a) for a in m.participants.all()],
            **_reports(m),
        }
        for m in meetings_qs(track, filters=filters).order_by("date", "id")
    ]
    proposals = [
        {
            **_identity(p, "proposal"),
            "proposer": _actor_ref(p.proposer, p.proposer_text),
            "summary": p.summary,
            "status": p.status,
            **_dated(p),
            **_reports(p),
        }
        for p in proposals_qs(track, filters=filters).order_by("date", "id")
    ]
    statements = [
        {
            **_identity(s, "statement"),
            "speaker": _actor_ref(s.speaker, s.speaker_text),
            "quote": s.quote,
            "kind": s.kind,
            **_dated(s),
            "review_status": s.review_status,
            "reported_on": _iso(s.reported_on),
            "outlets": len(distinct_outlets(s.sources.all())),
            "stance": s.stance or None,
            "note": s.editor_note or None,
            "sources": _source_rows(s),
        }
        for s in statements_qs(track, filters=filters).order_by("date", "id")
    ]
    return {
        "track": track.slug if track else None,
        "meetings": meetings,
        "proposals": proposals,
        "statements": statements,
    }


EXPORT_CSV_FIELDS = [
    "type",
    "id",
    "date",
    "date_precision",
    "kind",
    "status",
    "actors",
    "location",
    "text",
    "source_urls",
]


def export_rows(track=None, filters=None):
    """Flat rows of export_events() for CSV, every cell made safe by csv_cell()."""
    for row in _rows(track, filters):
        yield {key: csv_cell(value) for key, value in row.items()}


def _row(type_, event, *, kind="", status, actors, location="", text=""):
    """One CSV row (the columns of EXPORT_CSV_FIELDS) for an event of export_events()."""
    return {
        "type": type_,
        "id": event["id"],
        "date": event["date"],
        "date_precision": event["date_precision"],
        "kind": kind,
        "status": status,
        "actors": actors,
        "location": location,
        "text": text,
        "source_urls": " ".join(source["url"] for source in event["sources"]),
    }


def _rows(track, filters):
    data = export_events(track, filters)
    for m in data["meetings"]:
        participants = "; ".join(p["name"] for p in m["participants"])
        yield _row("meeting", m, kind=m["kind"], status=m["status"], actors=participants, location=m["location"])
    for p in data["proposals"]:
        yield _row("proposal", p, status=p["status"], actors=p["proposer"]["name"] or "", text=p["summary"])
    for s in data["statements"]:
        actors = s["speaker"]["name"] or ""
        yield _row("statement", s, kind=s["kind"], status=s["review_status"], actors=actors, text=s["quote"])
