"""Writes for the desk. Every change to an event goes through events.services.edit_event, so the
corrected fields are locked against re-extraction and django-simple-history keeps who and why."""

from collections.abc import Iterable
from dataclasses import dataclass
from dataclasses import field
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from events import services as event_services
from events.actors import ActorIndex
from events.actors import clean_name
from events.actors import guess_kind
from events.actors import unique_slug
from events.models import Actor
from events.models import ReviewStatus
from events.models import Track
from sources.models import Feed
from sources.parsing import FeedError
from sources.services import create_feed
from sources.services import pause_feed
from sources.services import resume_feed
from sources.services import validate_feed_url

from . import opml
from .catalogue import STARTER_FEEDS
from .models import ErrorReport
from .selectors import Event
from .selectors import new_actors


class ReviewAction:
    CONFIRM = "confirm"
    REJECT = "reject"
    CORRECT = "correct"


def _resolve_reports(*, kind: str, event_pk: int, user: AbstractBaseUser) -> int:
    return ErrorReport.objects.filter(kind=kind, event_id=event_pk, status=ErrorReport.Status.OPEN).update(
        status=ErrorReport.Status.RESOLVED, resolved_at=timezone.now(), resolved_by=user
    )


# The actor a correction may link: a statement's speaker, a proposal's proposer.
ACTOR_FIELDS = {"statement": "speaker", "proposal": "proposer"}


def actor_named(*, name: str, user: AbstractBaseUser | None = None, reason: str = "") -> Actor:
    """The actor called `name` (name, alias or unique surname, any case), or a new one, unconfirmed
    (it joins the queue's "new actor" rank), with who and why in its history. Under the recording
    lock, so a worker recording meanwhile cannot create the same actor twice."""
    raw = " ".join(name.split())[:200]
    if not raw:
        raise ValueError("An actor needs a name")
    with transaction.atomic():
        event_services.hold_recording_lock()
        index = ActorIndex()
        kind = guess_kind(raw)
        cleaned = clean_name(raw, kind) or raw
        found = index.find(cleaned) or index.find(raw)
        if found is not None:
            return found
        actor = Actor(name=cleaned, slug=unique_slug(Actor, cleaned), kind=kind, confirmed=False)
        event_services.attribute_change(actor, user=user, reason=reason or "Added on the desk")
        actor.save()
        return actor


def review_event(
    *,
    kind: str,
    event: Event,
    action: str,
    user: AbstractBaseUser,
    changes: dict[str, Any] | None = None,
    reason: str = "",
    new_actor: str = "",
) -> Event:
    """Confirm, reject, or correct (and so confirm) one event; the readers' open notes on it are closed.
    A correction may relink the event's actor: `changes` holds the picked one, or `new_actor` names
    one to find or add (unconfirmed)."""
    changes = dict(changes or {})
    actor_reason = f"Added on the desk: {reason}" if reason else "Added on the desk"
    if action == ReviewAction.CONFIRM:
        changes = {"review_status": ReviewStatus.CONFIRMED}
        reason = reason or "Confirmed on the desk"
    elif action == ReviewAction.REJECT:
        changes = {"review_status": ReviewStatus.REJECTED}
        reason = reason or "Rejected on the desk"
    elif action == ReviewAction.CORRECT:
        changes["review_status"] = ReviewStatus.CONFIRMED
        reason = reason or "Corrected on the desk"
    else:
        raise ValueError(f"Unknown review action {action!r}")
    with transaction.atomic():
        if action == ReviewAction.CORRECT and new_actor.strip():
            if kind not in ACTOR_FIELDS:
                raise ValueError(f"A {kind} has no single actor to link")
            changes[ACTOR_FIELDS[kind]] = actor_named(name=new_actor, user=user, reason=actor_reason)
        event_services.edit_event(event, changes=changes, user=user, reason=reason)
        _resolve_reports(kind=kind, event_pk=event.pk, user=user)
    return event


def confirm_new_actors(*, kind: str, event: Event, user: AbstractBaseUser) -> int:
    """Confirm the event's unconfirmed actors, with who and why in their history."""
    return event_services.confirm_actors(
        actors=new_actors(kind=kind, event=event), user=user, reason="Confirmed on the desk"
    )


def create_error_report(*, kind: str, event_id: int, note: str, email: str = "") -> ErrorReport:
    return ErrorReport.objects.create(kind=kind, event_id=event_id, note=note.strip()[:2000], email=email.strip())


# --- Sources ----------------------------------------------------------------------------


@dataclass
class ImportResult:
    added: int = 0
    known: int = 0
    errors: list[str] = field(default_factory=list)


def add_feeds(*, entries: Iterable[tuple[str, str, str]], tracks: Iterable[Track] = ()) -> ImportResult:
    """Add feeds given as (url, name, category) entries; a category naming a track assigns it too.
    A bad address is reported and skipped, never fatal to the rest."""
    by_name = {t.name.lower(): t for t in Track.objects.all()}
    result = ImportResult()
    for url, name, category in entries:
        assigned = [*tracks, *([by_name[category.lower()]] if category and category.lower() in by_name else [])]
        try:
            known = Feed.objects.filter(url=validate_feed_url(url)).exists()
            feed = create_feed(url, name=name, outlet_name=name)
        except FeedError as exc:
            result.errors.append(f"{url[:200]}: {exc}")
            continue
        feed.tracks.add(*assigned)
        if known:
            result.known += 1
        else:
            result.added += 1
    return result


def import_opml(*, data: bytes, tracks: Iterable[Track] = ()) -> ImportResult:
    return add_feeds(entries=[(f.url, f.name, f.category) for f in opml.parse_opml(data)], tracks=tracks)


def load_catalogue(*, tracks: Iterable[Track] = ()) -> ImportResult:
    """The starter catalogue's feeds, added (twice changes nothing). New feeds are due at once: the
    view queues their first poll after commit (a service starts no task: docs/development.md)."""
    return add_feeds(entries=[(url, name, "") for name, url in STARTER_FEEDS], tracks=tracks)


def set_feed_paused(*, feed: Feed, paused: bool) -> Feed:
    if paused:
        pause_feed(feed)
    else:
        resume_feed(feed)
    return feed


def set_feed_tracks(*, feed: Feed, tracks: Iterable[Track]) -> Feed:
    feed.tracks.set(tracks)
    return feed
