"""Reads for pages and exports. Every query set here fetches its relations in a
fixed number of queries, whatever the amount of data."""
from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404

from .models import (
    Actor,
    Meeting,
    MeetingSource,
    Proposal,
    ProposalSource,
    ReviewStatus,
    Statement,
    StatementSource,
    Track,
)

TIMELINE_LIMIT = 500


def _sources(model):
    return Prefetch(
        "sources",
        queryset=model.objects.select_related("article", "article__outlet").order_by("article__published_at", "id"),
    )


def public(queryset):
    return queryset.exclude(review_status=ReviewStatus.REJECTED)


def statements_qs(track=None):
    qs = public(Statement.objects.all()).select_related("speaker").prefetch_related(_sources(StatementSource))
    return qs.filter(tracks=track) if track else qs


def meetings_qs(track=None):
    qs = public(Meeting.objects.all()).prefetch_related("participants", _sources(MeetingSource))
    return qs.filter(tracks=track) if track else qs


def proposals_qs(track=None):
    qs = public(Proposal.objects.all()).select_related("proposer").prefetch_related(_sources(ProposalSource))
    return qs.filter(tracks=track) if track else qs


@dataclass
class TimelineItem:
    kind: str  # "meeting" | "proposal" | "statement"
    obj: object
    day: date | None


@dataclass
class Timeline:
    days: "OrderedDict[date | None, list[TimelineItem]]" = field(default_factory=OrderedDict)
    upcoming: list = field(default_factory=list)
    count: int = 0


def _day(event):
    return event.date or event.reported_on


def build_timeline(statements, meetings, proposals, today=None):
    """Events grouped by day, newest first; meetings still to come are pinned."""
    today = today or date.today()
    items = []
    upcoming = []
    for meeting in meetings:
        if meeting.status in (Meeting.Status.PROPOSED, Meeting.Status.SCHEDULED) and meeting.date and meeting.date >= today:
            upcoming.append(meeting)
        items.append(TimelineItem("meeting", meeting, _day(meeting)))
    items += [TimelineItem("proposal", p, _day(p)) for p in proposals]
    items += [TimelineItem("statement", s, _day(s)) for s in statements]
    order = {"meeting": 0, "proposal": 1, "statement": 2}
    items.sort(key=lambda i: (i.day or date.min, -order[i.kind], i.obj.id), reverse=True)
    timeline = Timeline(count=len(items), upcoming=sorted(upcoming, key=lambda m: m.date))
    for item in items:
        timeline.days.setdefault(item.day, []).append(item)
    return timeline


def track_timeline(track=None, today=None):
    return build_timeline(
        statements_qs(track)[:TIMELINE_LIMIT],
        meetings_qs(track)[:TIMELINE_LIMIT],
        proposals_qs(track)[:TIMELINE_LIMIT],
        today=today,
    )


def tracks():
    return Track.objects.order_by("name")


def get_track(slug):
    return get_object_or_404(Track, slug=slug)


def get_actor(slug):
    actor = get_object_or_404(Actor.objects.select_related("merged_into"), slug=slug)
    return actor


def actor_timeline(actor):
    return build_timeline(
        statements_qs().filter(speaker=actor)[:TIMELINE_LIMIT],
        meetings_qs().filter(participants=actor)[:TIMELINE_LIMIT],
        proposals_qs().filter(proposer=actor)[:TIMELINE_LIMIT],
    )


def get_statement(pk):
    return get_object_or_404(statements_qs().prefetch_related("tracks"), pk=pk)


def get_meeting(pk):
    return get_object_or_404(meetings_qs().prefetch_related("tracks"), pk=pk)


def get_proposal(pk):
    return get_object_or_404(proposals_qs().prefetch_related("tracks"), pk=pk)


# --- Export -----------------------------------------------------------------


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


def _actor_ref(actor, text=""):
    if actor is None:
        return {"name": text or None, "slug": None, "country": None}
    return {"name": actor.name, "slug": actor.slug, "country": actor.country or None}


def export_events(track=None):
    """Every public meeting, proposal and statement with actors, dates, status and sources."""
    meetings = [
        {
            "id": m.id,
            "type": "meeting",
            "kind": m.kind,
            "status": m.status,
            "date": _iso(m.date),
            "date_precision": m.date_precision or None,
            "location": m.location or None,
            "participants": [_actor_ref(a) for a in m.participants.all()],
            "reported_on": _iso(m.reported_on),
            "sources": _source_rows(m),
        }
        for m in meetings_qs(track).order_by("date", "id")
    ]
    proposals = [
        {
            "id": p.id,
            "type": "proposal",
            "proposer": _actor_ref(p.proposer, p.proposer_text),
            "summary": p.summary,
            "status": p.status,
            "date": _iso(p.date),
            "date_precision": p.date_precision or None,
            "reported_on": _iso(p.reported_on),
            "sources": _source_rows(p),
        }
        for p in proposals_qs(track).order_by("date", "id")
    ]
    statements = [
        {
            "id": s.id,
            "type": "statement",
            "speaker": _actor_ref(s.speaker, s.speaker_text),
            "quote": s.quote,
            "kind": s.kind,
            "date": _iso(s.date),
            "date_precision": s.date_precision or None,
            "review_status": s.review_status,
            "reported_on": _iso(s.reported_on),
            "sources": _source_rows(s),
        }
        for s in statements_qs(track).order_by("date", "id")
    ]
    return {
        "track": track.slug if track else None,
        "meetings": meetings,
        "proposals": proposals,
        "statements": statements,
    }


EXPORT_CSV_FIELDS = ["type", "id", "date", "date_precision", "kind", "status", "actors", "location", "text", "source_urls"]


def export_rows(track=None):
    """Flat rows of export_events() for CSV."""
    data = export_events(track)
    for m in data["meetings"]:
        yield {
            "type": "meeting", "id": m["id"], "date": m["date"], "date_precision": m["date_precision"],
            "kind": m["kind"], "status": m["status"],
            "actors": "; ".join(p["name"] for p in m["participants"]), "location": m["location"], "text": "",
            "source_urls": " ".join(s["url"] for s in m["sources"]),
        }
    for p in data["proposals"]:
        yield {
            "type": "proposal", "id": p["id"], "date": p["date"], "date_precision": p["date_precision"],
            "kind": "", "status": p["status"], "actors": p["proposer"]["name"] or "", "location": "",
            "text": p["summary"], "source_urls": " ".join(s["url"] for s in p["sources"]),
        }
    for s in data["statements"]:
        yield {
            "type": "statement", "id": s["id"], "date": s["date"], "date_precision": s["date_precision"],
            "kind": s["kind"], "status": s["review_status"], "actors": s["speaker"]["name"] or "",
            "location": "", "text": s["quote"], "source_urls": " ".join(x["url"] for x in s["sources"]),
        }
