"""Feeds out: an Atom feed of each track's newest events and an iCalendar of its meetings."""

from datetime import UTC
from datetime import datetime
from datetime import timedelta

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from icalendar import Calendar
from icalendar import Event

from . import selectors
from .exports import strip_controls
from .models import actor_name

ICAL_STATUS = {"proposed": "TENTATIVE", "scheduled": "CONFIRMED", "held": "CONFIRMED"}


def event_title(event):
    kind = event.event_kind
    if kind == "meeting":
        where = f" in {event.location}" if event.location else ""
        return f"{event.get_kind_display()}{where} ({event.get_status_display().lower()})"
    if kind == "proposal":
        who = actor_name(event.proposer, event.proposer_text, missing="unattributed")
        return f"Proposal by {who}: {event.summary} ({event.get_status_display().lower()})"
    quote = f"“{event.quote}”" if event.kind == "direct" else event.quote
    return f"{actor_name(event.speaker, event.speaker_text, missing='unattributed')}: {quote}"


def _plural(n, word):
    return f"{n} {word}{'' if n == 1 else 's'}"


def _sources_line(event):
    reports, outlets = len(event.source_list), len(event.outlets)
    line = f"{_plural(reports, 'report')} from {_plural(outlets, 'outlet')}"
    return line + (f" ({', '.join(event.outlets)})" if outlets else "")


def _clean(value):
    if isinstance(value, str):
        return strip_controls(value)
    if isinstance(value, (list, tuple)):
        return type(value)(_clean(v) for v in value)
    return value


class SafeAtom1Feed(Atom1Feed):
    """Atom whose text never holds a character XML 1.0 forbids: one control
    character in a quote would otherwise make the whole feed a 500."""

    def __init__(self, *args, **kwargs):
        super().__init__(*(_clean(a) for a in args), **{k: _clean(v) for k, v in kwargs.items()})

    def add_item(self, *args, **kwargs):
        super().add_item(*(_clean(a) for a in args), **{k: _clean(v) for k, v in kwargs.items()})


class TrackAtomFeed(Feed):
    """The events learnt of most recently on a track, newest first."""

    feed_type = SafeAtom1Feed

    def get_object(self, request, slug):
        return selectors.get_track(slug)

    def title(self, track):
        return f"{track.name} · talks_tracker"

    def link(self, track):
        return track.get_absolute_url()

    def subtitle(self, track):
        return track.description or f"Statements, meetings and proposals in {track.name}, each with its sources."

    def items(self, track):
        return selectors.latest_events(track)

    def item_title(self, event):
        return event_title(event)

    def item_description(self, event):
        lines = []
        if event.event_kind == "meeting":
            names = ", ".join(p.name for p in event.participants.all())
            if names:
                lines.append(f"Participants: {names}.")
            if event.date:
                lines.append(f"Date: {event.date:%d %B %Y}.")
        elif event.event_kind == "proposal" and event.date:
            lines.append(f"Date: {event.date:%d %B %Y}.")
        elif event.event_kind == "statement" and event.stance:
            lines.append(f"Stance: {event.get_stance_display().lower()}.")
        if event.editor_note:
            lines.append(f"Note: {event.editor_note}")
        lines.append(_sources_line(event) + ".")
        return " ".join(lines)

    def item_link(self, event):
        return event.get_absolute_url()

    def item_guid(self, event):
        return f"talks-tracker:{event.event_kind}:{event.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, event):
        return event.created_at

    def item_updateddate(self, event):
        return event.updated_at

    def item_categories(self, event):
        categories = [event.event_kind]
        status = getattr(event, "status", "")
        if status:
            categories.append(status)
        if getattr(event, "stance", ""):
            categories.append(event.stance)
        if event.event_kind == "statement":
            categories += [tag.name for tag in event.tags.all()]
        return categories


def meetings_calendar(track, request):
    """iCalendar (RFC 5545) of a track's meetings to come and meetings held, as bytes."""
    cal = Calendar()
    cal.add("prodid", "-//talks_tracker//meetings//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", f"{track.name} meetings")
    host = request.get_host().split(":")[0] or "talks-tracker"
    stamp = datetime.now(UTC).replace(microsecond=0)
    for meeting in selectors.calendar_meetings(track):
        event = Event()
        event.add("uid", f"meeting-{meeting.pk}@{host}")
        event.add("dtstamp", stamp)
        event.add(
            "summary",
            strip_controls(str(meeting.get_kind_display()) + (f" in {meeting.location}" if meeting.location else "")),
        )
        event.add("dtstart", meeting.date)  # all-day: the reports give days, not hours
        event.add("dtend", meeting.date + timedelta(days=1))
        event.add("status", ICAL_STATUS.get(meeting.status, "TENTATIVE"))
        if meeting.location:
            event.add("location", strip_controls(meeting.location))
        url = request.build_absolute_uri(meeting.get_absolute_url())
        event.add("url", url)
        names = ", ".join(p.name for p in meeting.participants.all())
        lines = [f"Status: {meeting.get_status_display().lower()}."]
        if names:
            lines.append(f"Participants: {names}.")
        lines += [
            f"Source: {s.article.title or s.article.link} {s.article.link or s.article.url}"
            for s in meeting.source_list
        ]
        lines.append(url)
        event.add("description", strip_controls("\n".join(lines)))
        event.add("last-modified", meeting.updated_at.astimezone(UTC).replace(microsecond=0))
        cal.add_component(event)
    return cal.to_ical()
