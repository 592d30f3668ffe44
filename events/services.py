"""Writes on the events side: tracks, actors, and turning an extraction into stored events.

record_extraction() is idempotent per article: running it again with the same
extraction changes nothing, and running it with a newer extractor's output
replaces only what this article alone had reported.
"""
import re
import unicodedata
from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

import extraction
from extraction import KnownActor

from .models import (
    Actor,
    DatePrecision,
    Meeting,
    MeetingSource,
    Proposal,
    ProposalSource,
    Statement,
    StatementSource,
    Track,
)

# Later statuses win when a newer report disagrees with an older one.
MEETING_STATUS_RANK = {
    Meeting.Status.PROPOSED: 0,
    Meeting.Status.SCHEDULED: 1,
    Meeting.Status.POSTPONED: 2,
    Meeting.Status.CANCELLED: 3,
    Meeting.Status.HELD: 4,
}
PROPOSAL_STATUS_RANK = {
    Proposal.Status.PROMISED: 0,
    Proposal.Status.PROPOSED: 1,
    Proposal.Status.SUBMITTED: 2,
    Proposal.Status.WITHDRAWN: 3,
    Proposal.Status.REJECTED: 3,
    Proposal.Status.ACCEPTED: 4,
}


ONE_DAY = timedelta(days=1)


class TrackError(Exception):
    pass


def unique_slug(model, name, max_length=200):
    base = slugify(name)[:max_length] or model.__name__.lower()
    slug, n = base, 2
    while model.objects.filter(slug=slug).exists():
        slug = f"{base[: max_length - 6]}-{n}"
        n += 1
    return slug


def create_track(name, keywords="", description=""):
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
    return Track.objects.create(
        name=name, slug=unique_slug(Track, name), keywords=keywords, description=description
    )


def normalise_text(text):
    """Lower-case words only: quotes that differ in marks, case or spacing compare equal."""
    text = unicodedata.normalize("NFKC", text or "").lower()
    text = text.replace("\u2019", "'").replace("\u2018", "'")
    return " ".join(re.findall(r"[\w']+", text))


def quote_key(quote):
    return normalise_text(quote)[:255]


# --- Actors -------------------------------------------------------------------


class ActorIndex:
    """Actors by lower-cased name and alias, loaded once per extraction run."""

    def __init__(self):
        self.by_name = {}
        self.by_surname = {}
        for actor in Actor.objects.select_related("merged_into"):
            self.add(actor)

    @staticmethod
    def canonical(actor):
        seen = set()
        while actor.merged_into_id and actor.id not in seen:
            seen.add(actor.id)
            actor = actor.merged_into
        return actor

    def add(self, actor):
        for name in [actor.name, *(actor.aliases or [])]:
            key = name.strip().lower()
            if key:
                self.by_name.setdefault(key, actor)
        if actor.kind == Actor.Kind.PERSON and len(actor.name.split()) > 1:
            self.by_surname.setdefault(actor.name.split()[-1].lower(), set()).add(actor)

    def find(self, name):
        key = name.strip().lower()
        actor = self.by_name.get(key)
        if actor is None and len(key.split()) == 1:
            people = self.by_surname.get(key, set())
            if len(people) == 1:
                actor = next(iter(people))
        return self.canonical(actor) if actor else None

    def known_actors(self):
        return [
            KnownActor(
                name=a.name,
                kind=a.kind,
                country=a.country or None,
                title=a.title,
                aliases=tuple(a.aliases or ()),
            )
            for a in {id(x): x for x in self.by_name.values()}.values()
            if not a.merged_into_id
        ]


def resolve_actor(index, name, kind=Actor.Kind.PERSON, country=None, title=""):
    """The actor called `name` (by name, alias or unique surname), created unconfirmed if new."""
    name = " ".join((name or "").split())[:200]
    if not name:
        return None
    actor = index.find(name)
    if actor:
        changed = []
        if country and not actor.country:
            actor.country = country[:2]
            changed.append("country")
        if title and not actor.title:
            actor.title = title[:200]
            changed.append("title")
        if changed:
            actor.save(update_fields=changed)
        return actor
    valid_kinds = {k for k, _ in Actor.Kind.choices}
    actor = Actor.objects.create(
        name=name,
        slug=unique_slug(Actor, name),
        kind=kind if kind in valid_kinds else Actor.Kind.PERSON,
        country=(country or "")[:2],
        title=(title or "")[:200],
    )
    index.add(actor)
    return actor


# --- Tracks -------------------------------------------------------------------


def tracks_for_article(article, candidates=None):
    """Tracks an article belongs to: among its feed's tracks (or all tracks when
    the feed has none), those with no keywords or a keyword found in the text."""
    if candidates is None:
        candidates = list(article.feed.tracks.all()) if article.feed_id else []
        if not candidates:
            candidates = list(Track.objects.all())
    haystack = f"{article.title}\n{article.text}".lower()
    chosen = []
    for track in candidates:
        words = [k.lower() for k in track.keyword_list]
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


def _precision(value):
    return value if value in {c for c, _ in DatePrecision.choices} else ""


def _first_reported(event, published):
    if published and (event.reported_on is None or published < event.reported_on):
        event.reported_on = published
        return True
    return False


def _newer_report(event, published, source_model, fk):
    """True when this article is at least as recent as every other report of the event."""
    latest = (
        source_model.objects.filter(**{fk: event})
        .exclude(article__published_at=None)
        .order_by("-article__published_at")
        .values_list("article__published_at", flat=True)
        .first()
    )
    return latest is None or published is None or published >= latest.date()


BODY_WORDS = {"ministry", "office", "government", "council", "committee", "department", "delegation",
              "kremlin", "embassy", "agency", "army", "forces", "movement", "party", "commission", "union"}


def _speaker_kind(name, kinds):
    if name in kinds:
        return kinds[name]
    if set(name.lower().split()) & BODY_WORDS:
        return Actor.Kind.ORGANIZATION
    return _guess_kind(name)


def _record_statement(item, article, published, index, tracks, kinds):
    desc = getattr(item, "speaker_desc", None) or ""
    # An unnamed source ("a Ukrainian official") is kept as text, never made an actor.
    named = item.speaker and item.speaker != desc
    speaker = resolve_actor(index, item.speaker, kind=_speaker_kind(item.speaker, kinds)) if named else None
    speaker_text = item.speaker or desc
    key = quote_key(item.quote)
    if not key:
        return None
    statement = Statement.objects.filter(quote_key=key, speaker=speaker).first()
    if statement is None:
        statement = Statement.objects.create(
            speaker=speaker,
            speaker_text=speaker_text[:300],
            quote=item.quote,
            quote_key=key,
            kind=item.kind if item.kind in {"direct", "indirect"} else Statement.Kind.DIRECT,
            date=item.date,
            date_precision=_precision(getattr(item, "date_precision", None)) if item.date else "",
            reported_on=published,
        )
    else:
        changed = []
        if statement.date is None and item.date:
            statement.date = item.date
            statement.date_precision = _precision(getattr(item, "date_precision", None))
            changed += ["date", "date_precision"]
        if _first_reported(statement, published):
            changed.append("reported_on")
        if changed:
            statement.save(update_fields=changed)
    StatementSource.objects.update_or_create(
        statement=statement, article=article, defaults={"sentence": getattr(item, "sentence", "") or ""}
    )
    statement.tracks.add(*tracks)
    return statement


def _find_meeting(item):
    kinds = [Meeting.Kind.CALL] if item.kind == "call" else [Meeting.Kind.TALKS, Meeting.Kind.SUMMIT, Meeting.Kind.VISIT]
    if item.date:
        # Reports of one meeting disagree by a day ("two weeks ago", time zones).
        candidates = Meeting.objects.filter(kind__in=kinds, date__range=(item.date - ONE_DAY, item.date + ONE_DAY))
    else:
        candidates = Meeting.objects.filter(kind__in=kinds, date=None)
    if item.location:
        candidates = candidates.filter(location__iexact=item.location)
    else:
        candidates = candidates.filter(location="")
    return candidates.order_by("id").first()


def _record_meeting(item, article, published, index, tracks):
    valid_kinds = {k for k, _ in Meeting.Kind.choices}
    valid_status = {k for k, _ in Meeting.Status.choices}
    status = item.status if item.status in valid_status else Meeting.Status.PROPOSED
    meeting = _find_meeting(item)
    if meeting is None:
        meeting = Meeting.objects.create(
            kind=item.kind if item.kind in valid_kinds else Meeting.Kind.TALKS,
            location=(item.location or "")[:200],
            date=item.date,
            date_precision=_precision(getattr(item, "date_precision", None)) if item.date else "",
            status=status,
            participant_names=list(item.participants or []),
            reported_on=published,
        )
    else:
        changed = []
        if status != meeting.status and _newer_report(meeting, published, MeetingSource, "meeting"):
            meeting.status = status
            changed.append("status")
        names = list(dict.fromkeys([*meeting.participant_names, *(item.participants or [])]))
        if names != meeting.participant_names:
            meeting.participant_names = names
            changed.append("participant_names")
        if _first_reported(meeting, published):
            changed.append("reported_on")
        if changed:
            meeting.save(update_fields=changed)
    participants = [resolve_actor(index, name, kind=_guess_kind(name)) for name in item.participants or []]
    meeting.participants.add(*[p for p in participants if p])
    MeetingSource.objects.update_or_create(
        meeting=meeting,
        article=article,
        defaults={"sentence": getattr(item, "sentence", "") or "", "reported_status": status},
    )
    meeting.tracks.add(*tracks)
    return meeting


def _guess_kind(name):
    """States are named by one or two capitalised words that pycountry knows."""
    import pycountry

    try:
        pycountry.countries.lookup(name)
        return Actor.Kind.STATE
    except LookupError:
        return Actor.Kind.PERSON


def _summary_words(text):
    return set(normalise_text(text).split()) - {"a", "an", "the", "of", "to", "for", "on", "in", "and", "its", "with"}


def _record_proposal(item, article, published, index, tracks):
    valid_status = {k for k, _ in Proposal.Status.choices}
    status = item.status if item.status in valid_status else Proposal.Status.PROPOSED
    proposer = resolve_actor(index, item.proposer, kind=_guess_kind(item.proposer)) if item.proposer else None
    proposal = None
    words = _summary_words(item.summary)
    for candidate in Proposal.objects.filter(proposer=proposer).order_by("id"):
        other = _summary_words(candidate.summary)
        overlap = len(words & other) / max(1, min(len(words), len(other)))
        close_in_time = not (item.date and candidate.date) or abs((item.date - candidate.date).days) <= 3
        if overlap >= 0.5 and close_in_time:
            proposal = candidate
            break
    if proposal is None:
        proposal = Proposal.objects.create(
            proposer=proposer,
            proposer_text=(item.proposer or "")[:300],
            summary=item.summary,
            date=item.date,
            date_precision=_precision(getattr(item, "date_precision", None)) if item.date else "",
            status=status,
            reported_on=published,
        )
    else:
        changed = []
        if status != proposal.status and _newer_report(proposal, published, ProposalSource, "proposal"):
            proposal.status = status
            changed.append("status")
        if proposal.date is None and item.date:
            proposal.date = item.date
            proposal.date_precision = _precision(getattr(item, "date_precision", None))
            changed += ["date", "date_precision"]
        if _first_reported(proposal, published):
            changed.append("reported_on")
        if changed:
            proposal.save(update_fields=changed)
    ProposalSource.objects.update_or_create(
        proposal=proposal,
        article=article,
        defaults={"sentence": getattr(item, "sentence", "") or "", "reported_status": status},
    )
    proposal.tracks.add(*tracks)
    return proposal


def _drop_stale_sources(article, kept_statements, kept_meetings, kept_proposals):
    """Unlink events this article no longer reports (a newer extractor changed its
    mind); events left with no source at all go, unless an editor reviewed them."""
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
        event_model.objects.filter(id__in=event_ids, sources__isnull=True, review_status="unreviewed").delete()


def record_extraction(article, result):
    """Store an extraction's events for an article, linked to it as their source."""
    published = article.published_at.date() if article.published_at else None
    tracks = tracks_for_article(article)
    out = RecordResult()
    with transaction.atomic():
        article.tracks.set(tracks)
        if not tracks and Track.objects.exists():
            out.off_topic = True
            _drop_stale_sources(article, [], [], [])
            return out
        index = ActorIndex()
        for actor_item in result.actors:
            resolve_actor(index, actor_item.name, kind=actor_item.kind, country=actor_item.country, title=actor_item.title or "")
        kinds = {a.name: a.kind for a in result.actors}
        statements = [_record_statement(item, article, published, index, tracks, kinds) for item in result.statements]
        meetings = [_record_meeting(item, article, published, index, tracks) for item in result.meetings]
        proposals = [_record_proposal(item, article, published, index, tracks) for item in result.proposals]
        _drop_stale_sources(
            article,
            [s.id for s in statements if s],
            [m.id for m in meetings],
            [p.id for p in proposals],
        )
    out.statements = len([s for s in statements if s])
    out.meetings = len(meetings)
    out.proposals = len(proposals)
    return out


def extract_and_record(article):
    """Run the extractor over an article's text and record what it finds."""
    from sources.models import Article

    if not article.text.strip():
        return RecordResult()
    index = ActorIndex()
    published = article.published_at.date() if article.published_at else None
    text = f"{article.title}\n{article.text}" if article.title else article.text
    result = extraction.extract(text, published, known_actors=index.known_actors())
    out = record_extraction(article, result)
    article.status = Article.Status.OFF_TOPIC if out.off_topic else Article.Status.EXTRACTED
    article.extractor_version = result.version
    article.extracted_at = timezone.now()
    article.error = ""
    article.save(update_fields=["status", "extractor_version", "extracted_at", "error"])
    return out
