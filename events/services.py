"""Writes on the events side: tracks, turning an extraction into stored events,
editors' corrections, and actor merges.

record_extraction() is idempotent per article: running it again with the same
extraction changes nothing, and running it with a newer extractor's output
replaces only what this article alone had reported. Fields an editor corrected
(an event's locked_fields) are never overwritten.
"""

import logging
import re
import time
from collections import Counter
from collections.abc import Collection
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any
from typing import TypeVar

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import connection
from django.db import transaction
from django.db.models import Model
from django.utils import timezone

import extraction
from extraction.text import with_headline
from sources.models import Article

from . import matching
from .actors import ActorIndex
from .actors import resolve_actor
from .actors import unique_slug
from .matching import quote_key
from .models import Actor
from .models import DatePrecision
from .models import Meeting
from .models import MeetingSource
from .models import MeetingStatusChange
from .models import Proposal
from .models import ProposalSource
from .models import ProposalStatusChange
from .models import ReviewStatus
from .models import Statement
from .models import StatementSource
from .models import Tag
from .models import TimelineEvent
from .models import Track

logger = logging.getLogger(__name__)
EventT = TypeVar("EventT", bound=TimelineEvent)

# A later status wins over an earlier one only when its report is not older.
UPCOMING = {Meeting.Status.PROPOSED, Meeting.Status.SCHEDULED}
# PostgreSQL advisory lock held while an extraction is recorded (and while actors
# or events are merged). Actors are shared by every track and a meeting may join
# several tracks, so one lock for all: recording is short database work, the slow
# extraction runs before it, in parallel (docs/operations.md has the figures).
RECORDING_LOCK_ID = 0x7A1C_0E01
# Extractions retried outside the lock when actors changed meanwhile (then one under it).
OPTIMISTIC_EXTRACTIONS = 2
# A lock wait above this many seconds is logged: the sign that recording, not
# extraction, has become the bottleneck.
SLOW_LOCK_WAIT = 2.0


def hold_recording_lock() -> float:
    """Serialise every get-or-create of actors, statements, meetings, proposals and
    their source links across processes, until the current transaction ends.
    PostgreSQL: a transaction-level advisory lock. SQLite: transactions begin
    IMMEDIATE (settings), which already allows one writer at a time.
    Returns the seconds waited."""
    if not connection.in_atomic_block:
        raise RuntimeError("hold_recording_lock() must run inside transaction.atomic()")
    if connection.vendor != "postgresql":
        return 0.0
    started = time.monotonic()
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [RECORDING_LOCK_ID])
    waited = time.monotonic() - started
    if waited > SLOW_LOCK_WAIT:
        logger.warning("waited %.1f s for the recording lock", waited)
    return waited


class TrackError(Exception):
    pass


class EditError(Exception):
    pass


def create_track(name: str, *, keywords: str | list[str] | tuple[str, ...] = "", description: str = "") -> Track:
    name = (name or "").strip()
    if not name:
        raise TrackError("A track needs a name.")
    if isinstance(keywords, (list, tuple)):
        keywords = ", ".join(keywords)
    track = Track.objects.filter(name__iexact=name).first()
    if track:
        if keywords and track.keywords != keywords:
            track.keywords = keywords
            track.save(update_fields=["keywords"])
        return track
    return Track.objects.create(name=name, slug=unique_slug(Track, name), keywords=keywords, description=description)


# --- Relevance ----------------------------------------------------------------


def tracks_for_article(article: Article, *, candidates: list[Track] | None = None) -> list[Track]:
    """Tracks an article belongs to: among its feed's tracks (or all tracks when
    the feed has none), those with no keywords and no actors, or whose keyword or
    actor name appears in the article."""
    if candidates is None:
        candidates = list(article.feed.tracks.prefetch_related("actors")) if article.feed is not None else []
        if not candidates:
            candidates = list(Track.objects.prefetch_related("actors"))
    haystack = f"{article.title}\n{article.text}".lower()
    chosen = []
    for track in candidates:
        words = [k.lower() for k in track.keyword_list]
        for actor in track.actors.all():
            words += [n.lower() for n in [actor.name, *actor.aliases] if n]
        if not words or any(re.search(rf"(?<!\w){re.escape(w)}(?!\w)", haystack) for w in words):
            chosen.append(track)
    return chosen


# --- Recording ----------------------------------------------------------------


@dataclass
class RecordResult:
    statements: int = 0
    meetings: int = 0
    proposals: int = 0
    off_topic: bool = False


def _precision(value: str | None) -> str:
    return value if value in DatePrecision.values else ""


def _first_reported(event: Any, published: date | None) -> bool:
    if published and (event.reported_on is None or published < event.reported_on):
        event.reported_on = published
        return True
    return False


def _latest_report(event: Any, source_model: Any, fk: str, exclude_article: Article) -> Any:
    return (
        source_model.objects.filter(**{fk: event})
        .exclude(article=exclude_article)
        .exclude(article__published_at=None)
        .order_by("-article__published_at")
        .values_list("article__published_at", flat=True)
        .first()
    )


def _is_newest_report(event: Any, published: date | None, source_model: Any, fk: str, article: Article) -> bool:
    latest = _latest_report(event, source_model, fk, article)
    return latest is None or published is None or published >= latest.date()


def _set(event: Any, field: str, value: Any, changed: list[str]) -> None:
    """Set a field unless an editor locked it."""
    if event.is_locked(field) or getattr(event, field) == value:
        return
    setattr(event, field, value)
    changed.append(field)


def _link_source(
    event: Any, source_model: Any, article: Article, tracks: list[Track], *, item: Any, item_key: str, **defaults: Any
) -> None:
    """The article's source row for the event (one per pair, updated when re-extracted), and the event
    on the tracks the article counts for. defaults: the source model's own fields (reported_status)."""
    source_model.objects.update_or_create(
        **{event._meta.model_name: event},
        article=article,
        defaults={"sentence": item.sentence or "", "item_key": item_key, **defaults},
    )
    event.tracks.add(*tracks)


def _record_statement(
    item: Any, article: Article, published: date | None, index: ActorIndex, tracks: list[Track], kinds: dict[str, str]
) -> Statement | None:
    desc = getattr(item, "speaker_desc", None) or ""
    # The clean name when the extractor gives one; `speaker` is the source as written.
    name = getattr(item, "speaker_name", None) or item.speaker
    # An unnamed source ("a Ukrainian official") is kept as text, never made an actor.
    named = bool(name) and name != desc
    speaker = resolve_actor(index, name, kind=kinds.get(name)) if named else None
    speaker_text = name or desc
    if not quote_key(item.quote):
        return None
    item_key = matching.statement_item_key(speaker_text, item.quote)
    statement = matching.find_statement(speaker=speaker, quote=item.quote, published=published, item_key=item_key)
    if statement is None:
        statement = Statement.objects.create(
            speaker=speaker,
            speaker_text=speaker_text[:300],
            quote=item.quote,
            quote_key=quote_key(item.quote),
            kind=item.kind if item.kind in Statement.Kind.values else Statement.Kind.DIRECT,
            date=item.date,
            date_precision=_precision(item.date_precision) if item.date else "",
            reported_on=published,
            confidence=getattr(item, "confidence", 0.8 if named else 0.5),  # measured per attribution path
        )
    else:
        changed: list[str] = []
        if speaker and statement.speaker_id is None:
            _set(statement, "speaker", speaker, changed)
        if len(item.quote) > len(statement.quote) and not statement.is_locked("quote"):
            _set(statement, "quote", item.quote, changed)  # the fuller version of a partial quote
        if statement.date is None and item.date:
            _set(statement, "date", item.date, changed)
            _set(statement, "date_precision", _precision(item.date_precision), changed)
        if _first_reported(statement, published):
            changed.append("reported_on")
        if changed:
            statement.save(update_fields=[*changed, "updated_at"])
    _link_source(statement, StatementSource, article, tracks, item=item, item_key=item_key)
    return statement


def _note_change(
    model: Any, owner: dict[str, Any], status: str, article: Article, published: date | None, **fields: Any
) -> None:
    """History holds each reported status (and, for meetings, date) once, credited
    to the earliest article that reported it, whatever order articles arrive in."""
    existing = model.objects.filter(
        status=status, by_editor=False, **owner, **{k: v for k, v in fields.items() if k == "date"}
    )
    existing = existing.order_by("reported_on", "id").first()
    if existing is None:
        model.objects.create(status=status, article=article, reported_on=published, **owner, **fields)
    elif published and (existing.reported_on is None or published < existing.reported_on):
        existing.article, existing.reported_on = article, published
        for key, value in fields.items():
            setattr(existing, key, value)
        existing.save()


def _meeting_change(meeting: Meeting, status: str, date: date | None, article: Article, published: date | None) -> None:
    """A report's date within a day of the meeting's is the same day told less exactly
    ("two weeks ago" counted from a later report): the history files it, and any entry
    filed so before the meeting's date moved, under the meeting's date, so one day of
    talks never shows two dates for one status."""
    if date and meeting.date and abs(date - meeting.date) <= matching.MEETING_DATE_SLACK:
        date = meeting.date
        slack = matching.MEETING_DATE_SLACK
        moved = (
            MeetingStatusChange.objects.filter(
                meeting=meeting, status=status, by_editor=False, date__range=(date - slack, date + slack)
            )
            .exclude(date=date)
            .update(date=date)
        )
        if moved:  # only then can two entries now say the same
            _dedupe_history(MeetingStatusChange, "meeting", meeting)
    _note_change(
        MeetingStatusChange, {"meeting": meeting}, status, article, published, date=date, location=meeting.location
    )


def _proposal_change(proposal: Proposal, status: str, article: Article, published: date | None) -> None:
    _note_change(ProposalStatusChange, {"proposal": proposal}, status, article, published)


def _closer_report(meeting: Meeting, date: date, published: date | None, article: Article) -> bool:
    """Is this report nearer in time to the meeting than every earlier one?"""
    if published is None:
        return False
    dates = (
        MeetingSource.objects.filter(meeting=meeting)
        .exclude(article=article)
        .exclude(article__published_at=None)
        .values_list("article__published_at", flat=True)
    )
    held_on = meeting.date
    if held_on is None:
        return False  # callers ask only about dated meetings
    nearest = min((abs((d.date() - held_on).days) for d in dates if d is not None), default=None)
    return nearest is None or abs((published - date).days) < nearest


def _majority_kind(meeting: Meeting, kind: str, article: Article) -> str:
    """Talks, summit or visit: what most reports call it (the kind leads each item_key)."""
    keys = MeetingSource.objects.filter(meeting=meeting).exclude(article=article).values_list("item_key", flat=True)
    votes = Counter(k.split("|", 1)[0] for k in keys if k)
    votes[kind] += 1
    top = max(votes.values())
    return meeting.kind if votes.get(meeting.kind) == top else votes.most_common(1)[0][0]


def _record_meeting(
    item: Any, article: Article, published: date | None, index: ActorIndex, tracks: list[Track]
) -> Meeting:
    status = item.status if item.status in Meeting.Status.values else Meeting.Status.PROPOSED
    kind = item.kind if item.kind in Meeting.Kind.values else Meeting.Kind.TALKS
    location = (item.location or "")[:200]
    participants = [p for p in (resolve_actor(index, name, as_party=True) for name in item.participants or []) if p]
    item_key = matching.meeting_item_key(kind, item.date, location)
    meeting = matching.find_meeting(
        kind=kind,
        date=item.date,
        location=location,
        status=status,
        participant_ids={p.id for p in participants},
        track_ids={t.id for t in tracks},
        item_key=item_key,
        article=article,
        published=published,
    )
    if meeting is None:
        meeting = Meeting.objects.create(
            kind=kind,
            location=location,
            date=item.date,
            date_precision=_precision(item.date_precision) if item.date else "",
            status=status,
            participant_names=list(item.participants or []),
            reported_on=published,
            confidence=getattr(
                item, "confidence", 0.7 if item.date and location else 0.5
            ),  # measured, bench/calibration.py
        )
    else:
        changed: list[str] = []
        newest = _is_newest_report(meeting, published, MeetingSource, "meeting", article)
        movable = meeting.status in UPCOMING | {Meeting.Status.POSTPONED}
        if status != meeting.status and newest:
            _set(meeting, "status", status, changed)
        if item.date and item.date != meeting.date:
            # An undated meeting gets its date, a postponed one its new date, and
            # plans follow the newest report; for a meeting that took place, the
            # report written closest to it knows its day best.
            if (
                meeting.date is None
                or (newest and movable)
                or (not movable and _closer_report(meeting, item.date, published, article))
            ):
                _set(meeting, "date", item.date, changed)
                _set(meeting, "date_precision", _precision(item.date_precision), changed)
        majority = _majority_kind(meeting, kind, article)
        if majority != meeting.kind:
            _set(meeting, "kind", majority, changed)
        if location and not meeting.location:
            _set(meeting, "location", location, changed)
        names = list(dict.fromkeys([*meeting.participant_names, *(item.participants or [])]))
        if names != meeting.participant_names:
            meeting.participant_names = names
            changed.append("participant_names")
        if _first_reported(meeting, published):
            changed.append("reported_on")
        if changed:
            meeting.save(update_fields=[*changed, "updated_at"])
    # What this report says goes into the history, even when a newer report decides the current status.
    _meeting_change(meeting, status, item.date or meeting.date, article, published)
    if not meeting.is_locked("participants"):
        meeting.participants.add(*participants)
    _link_source(meeting, MeetingSource, article, tracks, item=item, item_key=item_key, reported_status=status)
    return meeting


def _record_proposal(
    item: Any, article: Article, published: date | None, index: ActorIndex, tracks: list[Track]
) -> Proposal:
    status = item.status if item.status in Proposal.Status.values else Proposal.Status.PROPOSED
    proposer = resolve_actor(index, item.proposer, as_party=True) if item.proposer else None
    item_key = matching.proposal_item_key(item.proposer or "", item.summary)
    proposal = matching.find_proposal(proposer=proposer, summary=item.summary, date=item.date, item_key=item_key)
    if proposal is None:
        proposal = Proposal.objects.create(
            proposer=proposer,
            proposer_text=(item.proposer or "")[:300],
            summary=item.summary,
            date=item.date,
            date_precision=_precision(item.date_precision) if item.date else "",
            status=status,
            reported_on=published,
            confidence=getattr(item, "confidence", 0.6 if proposer else 0.4),  # measured, bench/calibration.py
        )
    else:
        changed: list[str] = []
        if status != proposal.status and _is_newest_report(proposal, published, ProposalSource, "proposal", article):
            _set(proposal, "status", status, changed)
        if proposal.date is None and item.date:
            _set(proposal, "date", item.date, changed)
            _set(proposal, "date_precision", _precision(item.date_precision), changed)
        if (
            proposal.proposer
            and proposer
            and proposal.proposer.kind == Actor.Kind.STATE
            and proposer.kind == Actor.Kind.PERSON
        ):
            _set(proposal, "proposer", proposer, changed)  # the person who made it, not just the state
        if _first_reported(proposal, published):
            changed.append("reported_on")
        if changed:
            proposal.save(update_fields=[*changed, "updated_at"])
    _proposal_change(proposal, status, article, published)
    _link_source(proposal, ProposalSource, article, tracks, item=item, item_key=item_key, reported_status=status)
    return proposal


def _keep(event: Any) -> bool:
    """Events an editor touched are kept even when no article reports them any more."""
    return event.review_status != ReviewStatus.UNREVIEWED or bool(event.locked_fields) or event.featured


def _drop_stale_sources(
    article: Article, kept_statements: list[int], kept_meetings: list[int], kept_proposals: list[int]
) -> None:
    """Unlink events this article no longer reports (a newer extractor changed its
    mind); events left with no source at all go, unless an editor worked on them."""
    pairs = (
        (StatementSource, "statement", Statement, kept_statements),
        (MeetingSource, "meeting", Meeting, kept_meetings),
        (ProposalSource, "proposal", Proposal, kept_proposals),
    )
    for source_model, fk, event_model, kept in pairs:
        stale = source_model.objects.filter(article=article).exclude(**{f"{fk}_id__in": kept})
        event_ids = list(stale.values_list(f"{fk}_id", flat=True))
        if not event_ids:
            continue
        stale.delete()
        for event in event_model.objects.filter(id__in=event_ids, sources__isnull=True):
            if not _keep(event):
                event.delete()
    MeetingStatusChange.objects.filter(article=article).exclude(meeting_id__in=kept_meetings).delete()
    ProposalStatusChange.objects.filter(article=article).exclude(proposal_id__in=kept_proposals).delete()


def record_extraction(
    article: Article, *, result: extraction.Extraction, index: ActorIndex | None = None
) -> RecordResult:
    """Store an extraction's events for an article, linked to it as their source.
    `index`: the ActorIndex the extraction was made with, reused unless an actor
    was saved since (by another worker).

    Safe with any number of workers: the whole look-up-then-create runs under one
    advisory lock, so two workers reading the same new name never both create it."""
    published = article.published_at.date() if article.published_at else None
    tracks = tracks_for_article(article)
    out = RecordResult()
    with transaction.atomic():
        hold_recording_lock()
        article.tracks.set(tracks)
        if not tracks and Track.objects.exists():
            out.off_topic = True
            _drop_stale_sources(article, [], [], [])
            return out
        index = index.fresh() if index is not None else ActorIndex()
        kinds = {}
        for actor_item in result.actors:
            actor = resolve_actor(
                index, actor_item.name, kind=actor_item.kind, country=actor_item.country, title=actor_item.title or ""
            )
            if actor:
                kinds[actor_item.name] = actor.kind
        recorded = [_record_statement(item, article, published, index, tracks, kinds) for item in result.statements]
        statements = [s for s in recorded if s is not None]
        meetings = [_record_meeting(item, article, published, index, tracks) for item in result.meetings]
        proposals = [_record_proposal(item, article, published, index, tracks) for item in result.proposals]
        _drop_stale_sources(article, [s.id for s in statements], [m.id for m in meetings], [p.id for p in proposals])
    out.statements, out.meetings, out.proposals = len(set(statements)), len(set(meetings)), len(set(proposals))
    return out


def extract_and_record(article: Article) -> RecordResult:
    """Run the extractor over an article's text and record what it finds."""
    if not article.text.strip():
        return RecordResult()
    published = article.published_at.date() if article.published_at else None
    text = with_headline(article.title, article.text)
    # The extractor reads the known actors. When another worker saved actors while
    # this article was being extracted, it is extracted again with them, so it reads
    # as it would have one article at a time: optimistically outside the recording
    # lock, and as a last resort under it (so a busy system still makes progress).
    for attempt in range(OPTIMISTIC_EXTRACTIONS + 1):
        index = ActorIndex()
        result = extraction.extract(text, published, known_actors=index.known_actors())
        with transaction.atomic():
            hold_recording_lock()
            if index.is_stale():
                if attempt < OPTIMISTIC_EXTRACTIONS:
                    continue
                index = ActorIndex()
                result = extraction.extract(text, published, known_actors=index.known_actors())
            out = record_extraction(article, result=result, index=index)
            break
    article.status = Article.Status.OFF_TOPIC if out.off_topic else Article.Status.EXTRACTED
    article.extractor_version = result.version
    article.extracted_at = timezone.now()
    article.error = ""
    article.save(update_fields=["status", "extractor_version", "extracted_at", "error"])
    return out


def articles_to_reextract(everything: bool = False) -> Any:
    qs = Article.objects.exclude(text="").order_by("published_at", "id")
    if not everything:
        qs = qs.exclude(extractor_version=extraction.VERSION)
    return qs


# --- Editors ------------------------------------------------------------------


def get_or_create_tag(name: str) -> Tag:
    name = " ".join(name.split())[:100]
    tag = Tag.objects.filter(name__iexact=name).first()
    return tag or Tag.objects.create(name=name, slug=unique_slug(Tag, name, max_length=100))


def attribute_change(record: Model, *, user: AbstractBaseUser | None, reason: str) -> None:
    """Who and why for the history row django-simple-history writes at `record`'s next save.
    Without a user, the history takes the request's user (its middleware), if any."""
    record._change_reason = reason  # type: ignore[attr-defined]  # read by simple_history
    if user is not None:
        record._history_user = user  # type: ignore[attr-defined]  # read by simple_history


def confirm_actors(*, actors: Iterable[Actor], user: AbstractBaseUser, reason: str = "Confirmed by an editor") -> int:
    """Mark actors confirmed, with who and why in their history. Returns how many were not yet."""
    n = 0
    for actor in actors:
        if actor.confirmed:
            continue
        actor.confirmed = True
        attribute_change(actor, user=user, reason=reason)
        actor.save()
        n += 1
    return n


# What editors set on every event; the fields of each kind come on top.
_REVIEW_FIELDS = {"review_status", "editor_note", "private_note", "featured"}
EDITABLE = {
    Statement: {"speaker", "speaker_text", "quote", "date", "date_precision", "kind", "stance", "tags"}
    | _REVIEW_FIELDS,
    Meeting: {"kind", "status", "date", "date_precision", "location", "participants"} | _REVIEW_FIELDS,
    Proposal: {"proposer", "proposer_text", "summary", "status", "date", "date_precision"} | _REVIEW_FIELDS,
}
# Corrections to these are locked against re-extraction; notes and review marks need no lock.
LOCKABLE = {
    "speaker",
    "speaker_text",
    "quote",
    "date",
    "date_precision",
    "kind",
    "status",
    "location",
    "participants",
    "proposer",
    "proposer_text",
    "summary",
}


def lock_fields(event: TimelineEvent, *, fields: Iterable[str]) -> list[str]:
    locked = sorted(set(event.locked_fields or []) | (set(fields) & LOCKABLE))
    if locked != sorted(event.locked_fields or []):
        event.locked_fields = locked
    return locked


def record_editor_change(
    event: EventT, *, changed_fields: Collection[str], user: AbstractBaseUser | None = None, reason: str = ""
) -> EventT:
    """After an editor saved `event` with `changed_fields`: lock corrected fields,
    note status changes in the history, attach who and why to the audit trail."""
    unknown = set(changed_fields) - EDITABLE[type(event)] - {"tracks", "locked_fields", "confidence"}
    if unknown:
        raise EditError(f"Not editable: {', '.join(sorted(unknown))}")
    lock_fields(event, fields=changed_fields)
    if "quote" in changed_fields and isinstance(event, Statement):
        event.quote_key = quote_key(event.quote)
    attribute_change(event, user=user, reason=reason or "Edited by an editor")
    event.save()
    today = timezone.now().date()
    if isinstance(event, Meeting) and {"status", "date"} & set(changed_fields):
        MeetingStatusChange.objects.create(
            meeting=event,
            status=event.status,
            date=event.date,
            location=event.location,
            reported_on=today,
            by_editor=True,
        )
    if isinstance(event, Proposal) and "status" in changed_fields:
        ProposalStatusChange.objects.create(proposal=event, status=event.status, reported_on=today, by_editor=True)
    return event


def edit_event(
    event: EventT, *, changes: dict[str, Any], user: AbstractBaseUser | None = None, reason: str = ""
) -> EventT:
    """Apply an editor's changes (a dict of field -> value) and lock the corrected fields."""
    plain = {k: v for k, v in changes.items() if k not in ("tags", "participants")}
    unknown = set(changes) - EDITABLE[type(event)]
    if unknown:
        raise EditError(f"Not editable: {', '.join(sorted(unknown))}")
    with transaction.atomic():
        for field, value in plain.items():
            setattr(event, field, value)
        # Only the kinds that have them may name them (EDITABLE, checked above).
        if "tags" in changes and isinstance(event, Statement):
            event.tags.set(changes["tags"])
        if "participants" in changes and isinstance(event, Meeting):
            event.participants.set(changes["participants"])
        return record_editor_change(event, changed_fields=list(changes), user=user, reason=reason)


@dataclass
class MergeResult:
    """How many of each were merged (or, in a dry run, would be): merge_actors, merge_duplicates."""

    actors: int = 0
    meetings: int = 0
    proposals: int = 0
    statements: int = 0


def merge_actors(
    keep: Actor, *, others: list[Actor], user: AbstractBaseUser | None = None, reason: str = ""
) -> MergeResult:
    """Fold `others` into `keep`: their statements, meetings and proposals move,
    their names become aliases, and they point at `keep` from now on."""
    others = [o for o in others if o.pk != keep.pk]
    result = MergeResult()
    with transaction.atomic():
        hold_recording_lock()  # a worker recording meanwhile must not attach to `others`
        for other in others:
            result.statements += Statement.objects.filter(speaker=other).update(speaker=keep)
            result.proposals += Proposal.objects.filter(proposer=other).update(proposer=keep)
            for meeting in Meeting.objects.filter(participants=other):
                meeting.participants.remove(other)
                meeting.participants.add(keep)
                result.meetings += 1
            keep.aliases = sorted({*keep.aliases, other.name, *other.aliases} - {keep.name})
            if not keep.country and other.country:
                keep.country = other.country
            if not keep.title and other.title:
                keep.title = other.title
            other.merged_into = keep
            attribute_change(other, user=user, reason=reason or f"Merged into {keep.name}")
            other.save()
            Actor.objects.filter(merged_into=other).update(merged_into=keep)
            result.actors += 1
        attribute_change(keep, user=user, reason=reason or f"Merged {', '.join(o.name for o in others)}")
        keep.save()
        _fold_duplicate_statements(keep)
    return result


def _fold_duplicate_statements(speaker: Actor) -> None:
    """After a merge, one quote by one speaker is one statement with all its sources."""
    seen: dict[str, Statement] = {}
    for statement in Statement.objects.filter(speaker=speaker).order_by("id"):
        first = seen.get(statement.quote_key)
        if first is None:
            seen[statement.quote_key] = statement
            continue
        for source in statement.sources.all():
            StatementSource.objects.get_or_create(
                statement=first, article_id=source.article_id, defaults={"sentence": source.sentence}
            )
        first.tracks.add(*statement.tracks.all())
        if statement.reported_on and (first.reported_on is None or statement.reported_on < first.reported_on):
            first.reported_on = statement.reported_on
            first.save(update_fields=["reported_on"])
        statement.delete()


# --- Duplicates left by concurrent workers ------------------------------------


def merge_duplicates(*, dry_run: bool = False) -> MergeResult:
    """Fold the duplicates that workers running side by side made before recording
    was serialised: actors of one kind with the same name (the later ones got
    "-2" slugs), then statements, meetings and proposals whose sources report the
    very same item (same item_key). Duplicate actors become aliases of the one
    kept (merged_into), so their old URLs still lead somewhere; duplicate events
    are deleted after their sources, history, tracks and participants move to the
    one kept. Running it again finds nothing. dry_run counts and rolls back."""
    result = MergeResult()
    with transaction.atomic():
        hold_recording_lock()
        groups: dict[tuple, list[Actor]] = {}
        for actor in Actor.objects.filter(merged_into=None).order_by("id"):
            groups.setdefault((actor.kind, " ".join(actor.name.lower().split())), []).append(actor)
        for group in groups.values():
            if len(group) > 1:
                keep = min(group, key=lambda a: (not a.confirmed, a.id))  # an editor's choice, else the first made
                merge_actors(keep, others=group, reason="Duplicate made by concurrent workers")
                result.actors += len(group) - 1
        result.statements = _merge_duplicate_events(Statement, StatementSource, "statement")
        result.meetings = _merge_duplicate_events(Meeting, MeetingSource, "meeting", MeetingStatusChange)
        result.proposals = _merge_duplicate_events(Proposal, ProposalSource, "proposal", ProposalStatusChange)
        if dry_run:
            transaction.set_rollback(True)
    return result


def _duplicate_of(event: Any) -> Any:
    """An older event that the same matching rules as recording take this one to be."""
    if isinstance(event, Statement):
        return matching.find_statement(
            speaker=event.speaker, quote=event.quote, published=event.reported_on, older_than=event.id
        )
    if isinstance(event, Meeting):
        return matching.find_meeting(
            kind=event.kind,
            date=event.date,
            location=event.location,
            status=event.status,
            participant_ids={p.id for p in event.participants.all()},
            track_ids={t.id for t in event.tracks.all()},
            published=event.reported_on,
            older_than=event.id,
        )
    return matching.find_proposal(proposer=event.proposer, summary=event.summary, date=event.date, older_than=event.id)


# Fields the matching rules read, restored from the history to judge a past moment.
MATCHED_FIELDS = {
    Statement: ["speaker_id", "quote", "quote_key", "reported_on"],
    Meeting: ["kind", "date", "location", "status", "reported_on"],
    Proposal: ["proposer_id", "summary", "date"],
}


def _state(event: Any, when: Any = None) -> dict[str, Any] | None:
    """The matched fields of `event` as they stood at `when` (None: when it was made)."""
    history = event.history.all()
    record = history.filter(history_date__lte=when).order_by("-history_date").first() if when else None
    record = record or history.order_by("history_date").first()
    return {f: getattr(record, f) for f in MATCHED_FIELDS[type(event)]} if record else None


def _race_twin(event: Any) -> Any:
    """The older event this one duplicates because it was recorded alongside it:
    one the matching rules, applied to both as they stood when this one was
    made, take to be the same. (Events a one-at-a-time run kept apart only
    because a later report changed one of them are not twins.) Both rows are
    set back to that moment inside a savepoint that is always rolled back."""
    twin = _duplicate_of(event)
    if twin is None or twin.pk == event.pk:
        return None
    model = type(event)
    made, then = _state(event), _state(twin, event.created_at)
    if made is None or then is None:
        return twin  # no history to judge by: trust the rules as they stand
    savepoint = transaction.savepoint()
    try:
        model.objects.filter(pk=event.pk).update(**made)
        model.objects.filter(pk=twin.pk).update(**then)
        found = _duplicate_of(model.objects.get(pk=event.pk))
    finally:
        transaction.savepoint_rollback(savepoint)
    return twin if found is not None and found.pk == twin.pk else None


def _merge_duplicate_events(model: Any, source_model: Any, fk: str, change_model: Any = None) -> int:
    """Oldest first, each event folds into the older twin it was recorded
    alongside, as if the reports had arrived one at a time. Events an editor
    touched are never folded away (an untouched older twin folds into them)."""
    merged = 0
    for event_id in list(model.objects.order_by("id").values_list("id", flat=True)):
        event = model.objects.filter(id=event_id).first()
        if event is None:
            continue
        twin = _race_twin(event)
        if twin is None:
            continue
        keep, other = (event, twin) if _keep(event) and not _keep(twin) else (twin, event)
        if _keep(other):
            continue  # two edited events: an editor decides
        _fold_event(keep, other, source_model, fk, change_model)
        merged += 1
    return merged


def _fold_event(keep: Any, other: Any, source_model: Any, fk: str, change_model: Any) -> None:
    """Move everything `other` holds onto `keep`, then delete `other`."""
    reported = set(source_model.objects.filter(**{fk: keep}).values_list("article_id", flat=True))
    source_model.objects.filter(**{fk: other}, article_id__in=reported).delete()
    source_model.objects.filter(**{fk: other}).update(**{fk: keep})
    keep.tracks.add(*other.tracks.all())
    changed = []
    if other.reported_on and (keep.reported_on is None or other.reported_on < keep.reported_on):
        keep.reported_on = other.reported_on
        changed.append("reported_on")
    if isinstance(keep, Meeting):
        if not keep.is_locked("participants"):
            keep.participants.add(*other.participants.all())
        names = list(dict.fromkeys([*keep.participant_names, *other.participant_names]))
        if names != keep.participant_names:
            keep.participant_names = names
            changed.append("participant_names")
    if isinstance(keep, Statement):
        keep.tags.add(*other.tags.all())
    if change_model is not None:
        change_model.objects.filter(**{fk: other}).update(**{fk: keep})
        _dedupe_history(change_model, fk, keep)
    other.delete()
    if hasattr(keep, "status") and not keep.is_locked("status"):
        # The newest report decides the status, as when reports are recorded one by one.
        newest = (
            source_model.objects.filter(**{fk: keep})
            .exclude(reported_status="")
            .order_by("-article__published_at", "-id")
            .values_list("reported_status", flat=True)
            .first()
        )
        if newest and newest != keep.status:
            keep.status = newest
            changed.append("status")
    if keep.date is None and other.date is not None and not keep.is_locked("date"):
        keep.date, keep.date_precision = other.date, other.date_precision
        changed += ["date", "date_precision"]
    if changed:
        keep.save(update_fields=[*changed, "updated_at"])


def _dedupe_history(change_model: Any, fk: str, event: Any) -> None:
    """Each reported status (and date) once, credited to its earliest report."""
    seen = set()
    for change in change_model.objects.filter(**{fk: event}, by_editor=False).order_by("reported_on", "id"):
        key = (change.status, getattr(change, "date", None))
        if key in seen:
            change.delete()
        seen.add(key)
