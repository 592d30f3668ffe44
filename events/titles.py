"""Readable names for events, built from their data: "Second round, Istanbul" for a
meeting (the ordinal only when the reports give one, and agree), a proposal's
summary cut to its object, a speaker's job title without the sentence around it,
and the reports that disagree about a meeting's date or place.

Reads only what the page already fetched (prefetched relations); never queries."""

import re

from django.utils.dateformat import format as date_format
from django.utils.text import capfirst

ORDINALS = [
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
]
ORDINAL = re.compile(
    r"\b(" + "|".join(ORDINALS) + r")\s+(?:(?:direct|formal|new|face-to-face|peace)\s+){0,3}"
    r"(round|talks|session)\b",
    re.IGNORECASE,
)
# Where a proposal's summary stops being the proposal: "... and suggested that ...".
CLAUSE_END = re.compile(
    r"\s+(?:and|but|while)\s+(?:also\s+)?(?:suggested|said|says|called|added|proposed|urged|offered|insisted|"
    r"warned|noted|stressed|demanded)\b|,\s*(?:which|who|saying|adding|according)\b|\s+ahead of\s+|;",
    re.IGNORECASE,
)
TITLE_END = re.compile(r"\s+(?:who|which|that|and has|since)\s+|,\s*|\s+\(", re.IGNORECASE)
TITLE_MAX = 60
SUMMARY_MAX = 100


def _prefetched(obj, name):
    return getattr(obj, "_prefetched_objects_cache", {}).get(name)


def _sentences(meeting):
    sources = getattr(meeting, "source_list", None)
    if sources is None:
        sources = _prefetched(meeting, "sources")
    return [s.sentence for s in sources or () if s.sentence]


def ordinal_in(kind, sentences):
    """The round's ordinal when the reports name one and they all agree, else ""."""
    if kind != "talks":
        return ""
    found = {m.group(1).lower() for sentence in sentences for m in ORDINAL.finditer(sentence)}
    return found.pop() if len(found) == 1 else ""


def meeting_ordinal(meeting):
    return ordinal_in(meeting.kind, _sentences(meeting))


def _short_names(meeting, limit=2):
    people = _prefetched(meeting, "participants")
    if people is None:
        return ""
    names = [p.name for p in people if p.kind == "person"] or [p.name for p in people]
    if not names or len(names) > limit:
        return ""
    return " and ".join(names)


def meeting_title(meeting, ordinal=None):
    """ "Second round, Istanbul", "Talks in Geneva", "Phone call: A and B", "Summit in Ankara"."""
    place = meeting.location
    ordinal = meeting_ordinal(meeting) if ordinal is None else ordinal
    if ordinal:
        return f"{capfirst(ordinal)} round, {place}" if place else f"{capfirst(ordinal)} round of talks"
    if meeting.kind == "call":
        names = _short_names(meeting)
        return f"Phone call: {names}" if names else "Phone call"
    if meeting.kind == "visit":
        return f"Visit to {place}" if place else "Visit"
    noun = "Summit" if meeting.kind == "summit" else "Talks"
    return f"{noun} in {place}" if place else noun


def cut(text, limit):
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def proposal_title(proposal):
    """The proposal's object, without the rest of the sentence it was cut from."""
    summary = " ".join((proposal.summary or "").split())
    match = CLAUSE_END.search(summary)
    if match and match.start() > 12:
        summary = summary[: match.start()]
    return capfirst(cut(summary.rstrip(" .,;:"), SUMMARY_MAX))


def job_title(title):
    """ "an aide to President Ivo Marren who led the delegation" -> "Aide to President Ivo Marren"."""
    title = " ".join((title or "").split())
    title = re.sub(r"^(?:a|an|the)\s+", "", title, flags=re.IGNORECASE)
    match = TITLE_END.search(title)
    if match and match.start() > 3:
        title = title[: match.start()]
    return capfirst(cut(title, TITLE_MAX))


def report_conflicts(meeting):
    """Reports that give one meeting different dates or places: [("date"|"place", [(value, outlets)])].
    A meeting reported postponed changed its date on purpose: its dates are not a conflict."""
    changes = _prefetched(meeting, "status_changes")
    if not changes:
        return []
    dates, places = {}, {}
    for change in changes:
        who = (
            change.article.outlet.name
            if change.article and change.article.outlet
            else ("editors" if change.by_editor else "a report")
        )
        if change.date:
            dates.setdefault(change.date, []).append(who)
        if change.location:
            places.setdefault(change.location.strip().lower(), (change.location, []))[1].append(who)
    found = []
    if len(dates) > 1 and not any(c.status == "postponed" for c in changes):
        found.append(("date", [(date_format(day, "j F Y"), sorted(set(w))) for day, w in sorted(dates.items())]))
    if len(places) > 1:
        found.append(("place", [(name, sorted(set(w))) for name, w in places.values()]))
    return found
