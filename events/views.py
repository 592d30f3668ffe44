"""Public pages and feeds out. Reads go through selectors; views only parse the
request and pick a template."""

import csv
import json
from functools import wraps

from django import forms
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import redirect
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.dateformat import format as date_format
from django.views.decorators.cache import cache_page

from . import board
from . import cards
from . import exports
from . import selectors
from . import svg
from .feeds import meetings_calendar
from .models import Meeting
from .models import Proposal
from .templatetags.event_filters import checkboxes


def public_cache(view):
    """Cache a public page or feed for PUBLIC_CACHE_SECONDS (0: off), per full URL and
    per the headers it varies on (htmx fragment or whole page). Editors' changes and
    new reports show within that time."""

    @wraps(view)
    def cached(request, *args, **kwargs):
        seconds = settings.PUBLIC_CACHE_SECONDS
        if not seconds:
            return view(request, *args, **kwargs)
        return cache_page(seconds, key_prefix="public")(view)(request, *args, **kwargs)

    return cached


KIND_CHOICES = [("meeting", "Meetings"), ("proposal", "Proposals"), ("statement", "Statements")]
DATE_INPUTS = ["%d %B %Y", "%d %b %Y", "%Y-%m-%d", "%B %d %Y", "%b %d %Y", "%d/%m/%Y"]


class FilterForm(forms.Form):
    """The timeline's filters, read from the query string (so every view has a URL)."""

    q = forms.CharField(required=False, max_length=200, label="Search quotes, proposals and names")
    actor = forms.MultipleChoiceField(required=False, label="Actors")
    kind = forms.MultipleChoiceField(required=False, choices=KIND_CHOICES, label="Event kind")
    status = forms.MultipleChoiceField(required=False, choices=selectors.STATUS_CHOICES, label="Status")
    mstatus = forms.MultipleChoiceField(required=False, choices=Meeting.Status.choices, label="Meeting status")
    pstatus = forms.MultipleChoiceField(required=False, choices=Proposal.Status.choices, label="Proposal status")
    # Dates as the site writes them ("30 May 2025"), or ISO from older links.
    since = forms.DateField(required=False, label="From", input_formats=DATE_INPUTS)
    until = forms.DateField(required=False, label="To", input_formats=DATE_INPUTS)
    sources = forms.IntegerField(required=False, min_value=1, max_value=50, label="Reported by at least (outlets)")

    def __init__(self, data, actors):
        super().__init__(data)
        # (slug, name) pairs, given as a callable: read only to validate chosen actors, not
        # normalised and copied with the form on every request (hundreds of them).
        self.fields["actor"].choices = lambda: actors

    def clean(self):
        data = super().clean()
        since, until = data.get("since"), data.get("until")
        if since and until and since > until:
            self.add_error("until", "The end date is before the start date.")
        return data

    def filters(self):
        """The valid part of the filters: a bad value drops only its own filter."""
        self.is_valid()
        data = self.cleaned_data
        return selectors.EventFilters(
            actors=tuple(data.get("actor") or ()),
            kinds=tuple(data.get("kind") or ()),
            statuses=tuple(data.get("status") or ()),
            meeting_statuses=tuple(data.get("mstatus") or ()),
            proposal_statuses=tuple(data.get("pstatus") or ()),
            date_from=data.get("since"),
            date_to=data.get("until"),
            min_sources=data.get("sources") or 0,
            q=data.get("q") or "",
        )


def _query(request, drop=(), **extra):
    """The current filters as a query string, without the page cursor."""
    params = request.GET.copy()
    for key in ("after", "before", *drop):
        params.pop(key, None)
    for key, value in extra.items():
        params[key] = str(value)
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else ""


def _clean_url(request):
    """The same view without empty parameters (?q=&since=...), or None when already clean."""
    params = request.GET.copy()
    empty = [key for key, values in params.lists() if not any(v.strip() for v in values)]
    if not empty:
        return None
    for key in empty:
        params.pop(key)
    encoded = params.urlencode()
    return request.path + (f"?{encoded}" if encoded else "")


def _chips(request, form, filters, actors):
    """The active filters, each with the URL of this view without it (removable chips)."""
    names = dict(actors)
    labels = {**dict(KIND_CHOICES), **dict(selectors.STATUS_CHOICES)}
    chips = []

    def without(key, value=None):
        params = request.GET.copy()
        for k in ("after", "before"):
            params.pop(k, None)
        if value is None:
            params.pop(key, None)
        else:
            params.setlist(key, [v for v in params.getlist(key) if v != value])
        encoded = params.urlencode()
        return request.path + (f"?{encoded}" if encoded else "")

    if filters.q.strip():
        chips.append((f"Search: {filters.q.strip()}", without("q")))
    for slug in filters.actors:
        chips.append((names.get(slug, slug), without("actor", slug)))
    for kind in filters.kinds:
        chips.append((labels.get(kind, kind), without("kind", kind)))
    for key, prefix, values in (
        ("status", "Status", filters.statuses),
        ("mstatus", "Meetings", filters.meeting_statuses),
        ("pstatus", "Proposals", filters.proposal_statuses),
    ):
        for value in values:
            chips.append((f"{prefix}: {labels.get(value, value).lower()}", without(key, value)))
    if filters.date_from:
        chips.append((f"From {date_format(filters.date_from, 'j F Y')}", without("since")))
    if filters.date_to:
        chips.append((f"To {date_format(filters.date_to, 'j F Y')}", without("until")))
    if filters.min_sources:
        chips.append((f"At least {filters.min_sources} outlets", without("sources")))
    return chips


def _timeline(request, track):
    clean = _clean_url(request)
    if clean and not request.htmx:
        return redirect(clean)  # shareable URLs carry no empty parameters
    # One small query: what was cached under this version (the actor choices, the
    # count, the board, the strip, the cards) is still what the data says.
    version = selectors.data_version()
    actors = selectors.filter_actors(track=track, version=version)
    form = FilterForm(request.GET, actors)
    filters = form.filters()
    compact = request.GET.get("view") == "compact"
    timeline = selectors.timeline_page(
        track=track,
        filters=filters,
        after=selectors.Cursor.parse(request.GET.get("after")),
        before=selectors.Cursor.parse(request.GET.get("before")),
        relations=compact,  # cards come from their cache; lines are drawn from the events
        version=version,
    )
    chosen = set(filters.actors)
    days_html = ""
    if not compact:
        cards.render_cards(timeline.items, q=filters.q, version=version, track_names=track is None)
        days_html = cards.days_html(timeline.days)
    context = {
        "compact": compact,
        "cards_url": request.path + _query(request, drop=("view",)),
        "compact_url": request.path + _query(request, view="compact"),
        "track": track,
        "form": form,
        "filters": filters,
        # The actor checkboxes, none ticked (most views), built once per data version.
        "actor_boxes": cards.cached_fragment(
            "actor-boxes",
            version=version,
            parts=(track and track.pk,),
            render=lambda: checkboxes([(slug, name, False) for slug, name in actors], "actor"),
        )
        if not chosen
        else checkboxes([(slug, name, slug in chosen) for slug, name in actors], "actor"),
        "choice_groups": [
            ("Event kind", "kind", [(value, label, value in filters.kinds) for value, label in KIND_CHOICES]),
            (
                "Meeting status",
                "mstatus",
                [
                    (value, label, value in filters.meeting_statuses or value in filters.statuses)
                    for value, label in Meeting.Status.choices
                ],
            ),
            (
                "Proposal status",
                "pstatus",
                [
                    (value, label, value in filters.proposal_statuses or value in filters.statuses)
                    for value, label in Proposal.Status.choices
                ],
            ),
        ],
        "chips": _chips(request, form, filters, actors),
        "timeline": timeline,
        "days_html": days_html,
        "filter_query": _query(request),
        "older_url": _query(request, after=timeline.older) if timeline.older else "",
        "newer_url": _query(request, before=timeline.newer) if timeline.newer else "",
    }
    if request.htmx and request.htmx.target == "results" and not request.htmx.history_restore_request:
        response = render(request, "events/_results.html", {**context, "swap": True})
    else:
        # The board and the strip describe the whole negotiation: drawn on its plain
        # first page; a search or a filtered view links back to them instead.
        if track and not filters and not request.GET.get("after") and not request.GET.get("before"):
            context["board"] = cards.cached_fragment(
                "board",
                version=version,
                parts=(track.pk,),
                render=lambda: render_to_string("events/_board.html", {"board": board.track_board(track=track)}),
            )
            context["strip"] = svg.track_strip(track=track, version=version)
        response = render(request, "events/timeline.html", context)
    # The same URL answers htmx with a fragment and browsers with the page.
    patch_vary_headers(response, ["HX-Request", "HX-Target"])
    return response


def home(request):
    """The negotiations followed, as cards with their state; searchable and paged,
    so it reads the same with five tracks or five hundred."""
    q = (request.GET.get("q") or "").strip()[:200]
    try:
        number = int(request.GET.get("page") or 1)
    except ValueError:
        number = 1
    index = selectors.track_index(q=q, page=number)
    return render(request, "events/home.html", {"index": index, "q": q, "today": timezone.localdate()})


def all_events(request):
    return _timeline(request, None)


def track_detail(request, slug):
    return _timeline(request, selectors.get_track(slug))


# --- Actor, meeting, proposal and statement pages ------------------------------

CHART_BAR, CHART_GAP, CHART_HEIGHT = 10, 3, 96
CHART_COLOURS = {"statement": "#0b5cad", "meeting": "#1a7f37", "proposal": "#8a5a00"}


def activity_chart(weeks):
    """Geometry of the weekly activity chart: stacked bars, drawn as SVG on the server."""
    if not weeks:
        return None
    peak = max(sum(counts.values()) for _, counts in weeks) or 1
    bar = CHART_BAR if len(weeks) > 26 else 2 * CHART_BAR  # wider bars when there are few weeks
    step = bar + CHART_GAP
    bars, ticks, month = [], [], None
    for i, (monday, counts) in enumerate(weeks):
        x = i * step
        y = CHART_HEIGHT
        parts = []
        for kind in ("statement", "meeting", "proposal"):
            height = round(counts[kind] * CHART_HEIGHT / peak, 1)
            if height:
                y -= height
                parts.append({"kind": kind, "y": round(y, 1), "height": height, "colour": CHART_COLOURS[kind]})
        total = sum(counts.values())
        bars.append({"x": x, "monday": monday, "counts": counts, "total": total, "parts": parts})
        if monday.month != month:
            month = monday.month
            # A label every month, unless the last one is too close to read.
            if not ticks or x - ticks[-1]["x"] >= 30:
                ticks.append({"x": x, "monday": monday, "year": not ticks or monday.month == 1})
    return {
        "bars": bars,
        "ticks": ticks,
        "peak": peak,
        "width": len(weeks) * step,
        "first": weeks[0][0],
        "last": weeks[-1][0],
        "height": CHART_HEIGHT,
        "bar": bar,
        "colours": CHART_COLOURS,
    }


def actor_detail(request, slug):
    actor = selectors.get_actor(slug)
    page = selectors.actor_page(actor=actor)
    # The cards as the timelines that name their negotiations render them, from the same cache.
    sections = {
        kind: [selectors.TimelineItem(kind, event, None) for event in events]
        for kind, events in (("statement", page.statements), ("meeting", page.meetings), ("proposal", page.proposals))
    }
    cards.render_cards(
        [item for items in sections.values() for item in items], version=selectors.data_version(), track_names=True
    )
    context = {"actor": actor, "page": page, "chart": activity_chart(page.weeks), "cards": sections}
    return render(request, "events/actor.html", context)


def meeting_detail(request, pk):
    return render(request, "events/meeting.html", {"meeting": selectors.get_meeting(pk=pk)})


def proposal_detail(request, pk):
    return render(request, "events/proposal.html", {"proposal": selectors.get_proposal(pk=pk)})


def statement_detail(request, pk):
    statement = selectors.get_statement(pk=pk)
    tracks = list(statement.tracks.all())
    day = statement.date or statement.reported_on
    nearby = selectors.nearby_events(track=tracks[0], day=day, exclude=statement) if tracks and day else []
    return render(request, "events/statement.html", {"statement": statement, "nearby": nearby})


# --- Feeds out (Atom lives in feeds.py) -----------------------------------------


def _export_filters(request, track):
    return FilterForm(request.GET, selectors.filter_actors(track=track, version=selectors.data_version())).filters()


def track_events_json(request, slug):
    track = selectors.get_track(slug)
    data = exports.export_events(track, filters=_export_filters(request, track))
    response = HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=1),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'inline; filename="{track.slug}-events.json"'
    return response


def track_events_csv(request, slug):
    track = selectors.get_track(slug)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{track.slug}-events.csv"'
    writer = csv.DictWriter(response, fieldnames=exports.EXPORT_CSV_FIELDS)
    writer.writeheader()
    writer.writerows(exports.export_rows(track, filters=_export_filters(request, track)))
    return response


def track_calendar(request, slug):
    track = selectors.get_track(slug)
    response = HttpResponse(meetings_calendar(track, request), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{track.slug}-meetings.ics"'
    return response
