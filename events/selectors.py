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
