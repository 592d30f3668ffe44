"""Is a newly extracted item an event we already have? Reads only.

Each finder narrows candidates with an indexed query, then scores them in
Python: a report joins an event when it is the same event told again, not
merely a similar one.
"""

import re
import unicodedata
from datetime import date
from datetime import timedelta
from typing import Any
from typing import TypeVar

from django.db.models import Model
from django.db.models import QuerySet
from rapidfuzz import fuzz

from sources.models import Article

from .models import Actor
from .models import Meeting
from .models import MeetingSource
from .models import Proposal
from .models import ProposalSource
from .models import Statement
from .models import StatementSource

QUOTE_SIMILARITY = 90  # rapidfuzz ratio on normalised quotes
PARTIAL_QUOTE_SIMILARITY = 95  # a partial quote inside a longer one
PARTIAL_QUOTE_MIN_WORDS = 4
STATEMENT_WINDOW = timedelta(days=14)
MEETING_DATE_SLACK = timedelta(days=1)
RESCHEDULE_WINDOW = timedelta(days=90)
PROPOSAL_WINDOW = timedelta(days=7)
# Words whose presence on one side only turns a quote into its opposite.
NEGATIONS = {
    "not",
    "no",
    "never",
    "cannot",
    "can't",
    "won't",
    "don't",
    "doesn't",
    "didn't",
    "isn't",
    "aren't",
    "wasn't",
    "weren't",
    "shouldn't",
    "wouldn't",
    "nor",
    "without",
}
ModelT = TypeVar("ModelT", bound=Model)
STOPWORDS = {"a", "an", "the", "of", "to", "for", "on", "in", "and", "its", "with", "by", "at", "from", "that", "own"}


def normalise_text(text: str | None) -> str:
    """Lower-case words only: quotes that differ in marks, case or spacing compare equal."""
    text = unicodedata.normalize("NFKC", text or "").lower()
    text = text.replace("\u2019", "'").replace("\u2018", "'")
    return " ".join(re.findall(r"[\w']+", text))


def quote_key(quote: str | None) -> str:
    return normalise_text(quote)[:255]


def same_quote(a: str, b: str) -> bool:
    a, b = normalise_text(a), normalise_text(b)
    if not a or not b:
        return False
    if a == b:
        return True
    differing = set(a.split()) ^ set(b.split())
    if differing & NEGATIONS or any(ch.isdigit() for word in differing for ch in word):
        return False  # "we are ready" is not "we are not ready"; "30 days" is not "60 days"
    if fuzz.ratio(a, b) >= QUOTE_SIMILARITY:
        return True
    shorter = a if len(a) < len(b) else b
    return len(shorter.split()) >= PARTIAL_QUOTE_MIN_WORDS and fuzz.partial_ratio(a, b) >= PARTIAL_QUOTE_SIMILARITY


def statement_item_key(speaker_text: str, quote: str) -> str:
    return f"{normalise_text(speaker_text)}|{quote_key(quote)}"[:255]


def meeting_item_key(kind: str, date: date | None, location: str) -> str:
    return f"{kind}|{date.isoformat() if date else ''}|{normalise_text(location)}"[:255]


def proposal_item_key(proposer_text: str, summary: str) -> str:
    return f"{normalise_text(proposer_text)}|{normalise_text(summary)}"[:255]


def _by_item_key(
    source_model: type[StatementSource | MeetingSource | ProposalSource],
    fk: str,
    item_key: str,
    article: Article | None = None,
) -> Any:
    """The event some article (or this one) already reported with exactly this item,
    whatever editors changed since."""
    sources = source_model.objects.filter(item_key=item_key)
    if article is not None:
        sources = sources.filter(article=article)
    source = sources.select_related(fk).order_by("id").first()
    return getattr(source, fk) if source else None


def find_statement(
    *, speaker: Actor | None, quote: str, published: date | None, item_key: str = "", older_than: int | None = None
) -> Statement | None:
    """The statement this quote repeats: same speaker (or an unknown one) and nearly the same words.
    older_than: only among statements with a smaller id (looking for duplicates of that one)."""
    if item_key:
        found = _by_item_key(StatementSource, "statement", item_key)
        if found:
            return found
    key = quote_key(quote)
    everything = Statement.objects.filter(id__lt=older_than) if older_than else Statement.objects.all()
    exact = everything.filter(quote_key=key)
    if speaker is not None:
        exact = exact.filter(speaker__in=[speaker, None]).order_by("-speaker_id")
    found = exact.order_by("id").first()
    if found:
        return found
    candidates = everything
    if speaker is not None:
        candidates = candidates.filter(speaker=speaker)
    else:
        candidates = candidates.filter(speaker=None)
    if published:
        candidates = candidates.filter(reported_on__range=(published - STATEMENT_WINDOW, published + STATEMENT_WINDOW))
    for candidate in candidates.order_by("id")[:500]:
        if same_quote(candidate.quote, quote):
            return candidate
    return None


def _kind_group(kind: str) -> list[str]:
    return (
        [Meeting.Kind.CALL]
        if kind == Meeting.Kind.CALL
        else [Meeting.Kind.TALKS, Meeting.Kind.SUMMIT, Meeting.Kind.VISIT]
    )


def _places_agree(a: str | None, b: str | None) -> bool:
    return not a or not b or a.strip().lower() == b.strip().lower()


def _participants_agree(candidate_ids: set[int], participant_ids: set[int]) -> bool:
    return not candidate_ids or not participant_ids or bool(candidate_ids & participant_ids)


def _candidates(
    queryset: QuerySet[ModelT], date: date | None, window: timedelta, older_than: int | None
) -> QuerySet[ModelT]:
    """The events a report may describe: dated within window of its date, or undated (any, when
    the report gives no date); only those with a smaller id than older_than, when given."""
    if older_than:
        queryset = queryset.filter(id__lt=older_than)
    if date:
        queryset = queryset.filter(date__range=(date - window, date + window)) | queryset.filter(date=None)
    return queryset


def find_meeting(
    *,
    kind: str,
    date: date | None,
    location: str,
    status: str,
    participant_ids: set[int],
    track_ids: set[int],
    item_key: str = "",
    article: Article | None = None,
    published: date | None = None,
    older_than: int | None = None,
) -> Meeting | None:
    """The meeting a report describes: same kind (call vs in person), tracks,
    compatible place and participants, and a date within a day, or an undated
    upcoming meeting now given a date, or a postponed one held on a new date.
    older_than: only among meetings with a smaller id (looking for duplicates of that one)."""
    if item_key:
        # "talks, no date, no place" says too little to match other articles' reports.
        found = _by_item_key(MeetingSource, "meeting", item_key, None if (date or location) else article)
        if found:
            return found
    candidates = _candidates(
        Meeting.objects.filter(kind__in=_kind_group(kind)).prefetch_related("participants", "tracks"),
        date,
        RESCHEDULE_WINDOW,
        older_than,
    )
    best, best_score = None, 0
    for meeting in candidates.distinct().order_by("id")[:500]:
        if track_ids and meeting.tracks.all() and not ({t.id for t in meeting.tracks.all()} & track_ids):
            continue
        if not _places_agree(meeting.location, location):
            continue
        if status == Meeting.Status.HELD and published and meeting.date and meeting.date > published:
            continue  # a report cannot tell of a meeting held after it was written
        ids = {p.id for p in meeting.participants.all()}
        if not _participants_agree(ids, participant_ids):
            continue
        score = 1 + (meeting.location.lower() == (location or "").lower()) + len(ids & participant_ids)
        if date and meeting.date:
            gap = abs(meeting.date - date)
            if gap <= MEETING_DATE_SLACK:
                score += 10 - gap.days
            elif meeting.status == Meeting.Status.POSTPONED and date > meeting.date and location and meeting.location:
                score += 2  # held or rescheduled after the postponement
            else:
                continue
        elif date or meeting.date:
            # One report gives no date: only an upcoming meeting at a named place can be it.
            upcoming = {Meeting.Status.PROPOSED, Meeting.Status.SCHEDULED}
            if meeting.status not in upcoming and status not in upcoming:
                continue
            if not (location and meeting.location):
                continue
        else:
            if not (location and meeting.location) and not (ids & participant_ids):
                continue
        if score > best_score:
            best, best_score = meeting, score
    return best


def summary_words(text: str | None) -> set[str]:
    return set(normalise_text(text).split()) - STOPWORDS


def _same_party(a: Actor | None, b: Actor | None) -> bool:
    """Proposers agree: same actor, or one is the state the other belongs to."""
    if a is None or b is None:
        return a is None and b is None
    if a.id == b.id:
        return True
    return bool(a.country) and a.country == b.country and "state" in (a.kind, b.kind)


def find_proposal(
    *, proposer: Actor | None, summary: str, date: date | None, item_key: str = "", older_than: int | None = None
) -> Proposal | None:
    if item_key:
        found = _by_item_key(ProposalSource, "proposal", item_key)
        if found:
            return found
    words = summary_words(summary)
    candidates = _candidates(Proposal.objects.select_related("proposer"), date, PROPOSAL_WINDOW, older_than)
    best, best_overlap = None, 0.0
    for proposal in candidates.order_by("id")[:500]:
        if not _same_party(proposal.proposer, proposer):
            continue
        other = summary_words(proposal.summary)
        overlap = len(words & other) / max(1, min(len(words), len(other)))
        if overlap >= 0.5 and overlap > best_overlap:
            best, best_overlap = proposal, overlap
    return best
