"""Reads for the desk: the review queue in the order a human is most needed, and the evidence for one item."""

from dataclasses import dataclass
from dataclasses import field
from datetime import timedelta
from typing import Any

from django.db.models import Count
from django.db.models import Exists
from django.db.models import OuterRef
from django.db.models import Q
from django.db.models import QuerySet
from django.utils import timezone

from events.models import Actor
from events.models import Meeting
from events.models import Proposal
from events.models import ReviewStatus
from events.models import Statement
from sources.models import Article
from sources.models import Feed

from .models import ErrorReport
from .models import EventKind
from .opml import OpmlFeed

Event = Statement | Meeting | Proposal
MODELS: dict[str, type[Statement] | type[Meeting] | type[Proposal]] = {
    EventKind.STATEMENT: Statement,
    EventKind.MEETING: Meeting,
    EventKind.PROPOSAL: Proposal,
}
# Statements first: they are the most numerous and the quickest to check.
KIND_ORDER: list[str] = [EventKind.STATEMENT, EventKind.MEETING, EventKind.PROPOSAL]
QUEUE_LIMIT = 500


@dataclass
class QueueItem:
    kind: str
    event: Any  # an event annotated with n_sources, has_report, new_actor (and n_dates, n_places)
    score: float
    reasons: list[str] = field(default_factory=list)


def _open_reports(kind: str) -> QuerySet[ErrorReport]:
    return ErrorReport.objects.filter(kind=kind, event_id=OuterRef("pk"), status=ErrorReport.Status.OPEN)


def _queue_queryset(kind: str) -> QuerySet[Any]:
    model = MODELS[kind]
    qs: QuerySet[Any] = model._default_manager.annotate(
        n_sources=Count("sources", distinct=True),
        has_report=Exists(_open_reports(kind)),
    )
    # Waiting for a human: never reviewed, or a reader says something is wrong.
    qs = qs.filter(Q(review_status=ReviewStatus.UNREVIEWED) | Q(has_report=True))
    if model is Statement:
        qs = qs.select_related("speaker").annotate(
            new_actor=Exists(Actor.objects.filter(pk=OuterRef("speaker_id"), confirmed=False))
        )
    elif model is Proposal:
        qs = qs.select_related("proposer").annotate(
            new_actor=Exists(Actor.objects.filter(pk=OuterRef("proposer_id"), confirmed=False))
        )
    else:
        qs = qs.annotate(
            new_actor=Exists(Actor.objects.filter(meetings=OuterRef("pk"), confirmed=False)),
            n_dates=Count("status_changes__date", distinct=True),
            n_places=Count("status_changes__location", distinct=True, filter=~Q(status_changes__location="")),
        )
    return qs.order_by("-id")[:QUEUE_LIMIT]


def _score(kind: str, event: Any) -> QueueItem:
    item = QueueItem(kind=kind, event=event, score=0.0)
    if event.has_report:
        item.score += 100
        item.reasons.append("reader reported an error")
    if getattr(event, "n_dates", 0) > 1 or getattr(event, "n_places", 0) > 1:
        item.score += 50
        item.reasons.append("conflicting reports (dates or places)")
    if event.new_actor:
        item.score += 20
        item.reasons.append("new actor awaiting confirmation")
    item.score += (1 - event.confidence) * 30
    if event.confidence < 0.5:
        item.reasons.append(f"low confidence ({event.confidence:.2f})")
    item.score += min(event.n_sources, 10) * 3
    if event.n_sources > 1:
        item.reasons.append(f"cited by {event.n_sources} articles")
    return item


def review_queue(*, kind: str) -> list[QueueItem]:
    """Items of one kind that need a human, most needed first (a few queries, whatever the size)."""
    items = [_score(kind, event) for event in _queue_queryset(kind)]
    items.sort(key=lambda i: (-i.score, -i.event.pk))
    return items


def queue_counts() -> dict[str, int]:
    return {kind: len(review_queue(kind=kind)) for kind in KIND_ORDER}


def next_in_queue(*, kind: str, after_pk: int) -> QueueItem | None:
    """The most needed item other than the one just handled; then the next kind's queue."""
    start = KIND_ORDER.index(kind)
    for k in KIND_ORDER[start:]:
        for item in review_queue(kind=k):
            if not (k == kind and item.event.pk == after_pk):
                return item
    return None


def get_event(*, kind: str, pk: int) -> Event:
    model = MODELS[kind]
    related = {Statement: ["speaker"], Proposal: ["proposer"], Meeting: []}[model]
    event: Event = model._default_manager.select_related(*related).get(pk=pk)
    return event


def evidence(*, kind: str, event: Any) -> dict[str, list[Any]]:
    """The sources beside the extraction: each report's sentence and article, the status history,
    and the readers' open notes."""
    sources = list(event.sources.select_related("article", "article__outlet").order_by("article__published_at", "pk"))
    context: dict[str, list[Any]] = {"sources": sources, "status_changes": [], "participants": []}
    if kind != EventKind.STATEMENT:
        context["status_changes"] = list(event.status_changes.select_related("article").order_by("reported_on", "pk"))
    if kind == EventKind.MEETING:
        context["participants"] = list(event.participants.all())
    context["reports"] = list(ErrorReport.objects.filter(kind=kind, event_id=event.pk, status=ErrorReport.Status.OPEN))
    return context


def new_actors(*, kind: str, event: Any) -> list[Actor]:
    """The event's actors nobody has confirmed yet (speaker, proposer or participants)."""
    if kind == EventKind.MEETING:
        return [a for a in event.participants.all() if not a.confirmed]
    actor = event.speaker if kind == EventKind.STATEMENT else event.proposer
    return [actor] if actor is not None and not actor.confirmed else []


def open_reports() -> list[ErrorReport]:
    return list(ErrorReport.objects.filter(status=ErrorReport.Status.OPEN)[:200])


# --- Sources ----------------------------------------------------------------------------

HEALTH_DAYS = 14


def feeds_with_health(*, feed_id: int | None = None) -> list[Any]:
    """Feeds with their health over the last HEALTH_DAYS days: articles per day and the share of
    article pages that could not be used (refused, failed, errors). One query plus tracks."""
    since = timezone.now() - timedelta(days=HEALTH_DAYS)
    recent = Q(articles__created_at__gte=since)
    refused = recent & (Q(articles__status=Article.Status.FAILED) | ~Q(articles__error=""))
    qs = (
        Feed.objects.select_related("outlet")
        .prefetch_related("tracks")
        .annotate(
            n_recent=Count("articles", filter=recent),
            n_refused=Count("articles", filter=refused),
        )
    )
    if feed_id is not None:
        qs = qs.filter(pk=feed_id)
    feeds = list(qs.order_by("name", "url"))
    for feed in feeds:
        feed.per_day = round(feed.n_recent / HEALTH_DAYS, 1)  # type: ignore[attr-defined]
        feed.refused_share = round(100 * feed.n_refused / feed.n_recent) if feed.n_recent else None  # type: ignore[attr-defined]
    return feeds


def feeds_for_opml() -> list[OpmlFeed]:
    out: list[OpmlFeed] = []
    for feed in Feed.objects.prefetch_related("tracks").order_by("name", "url"):
        names = [t.name for t in feed.tracks.all()] or [""]
        out += [OpmlFeed(url=feed.url, name=feed.name or feed.url, category=n) for n in names]
    return out
