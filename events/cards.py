"""Rendered timeline cards and page fragments, cached under the data version.

A card's cache key is the data version (events.selectors.data_version(): the
database changes it on every write to the tables a card shows), the event's kind
and id, the search words it highlights, today's date (for "date passed") and
whether it names its negotiations. A card is therefore re-rendered after any
change that could touch it, never served stale; a filter combination or a search
nobody opened before reuses the cards other views rendered with the same words.
One cache round trip (get_many) per page, and for the cards not cached one query
per kind plus its prefetches (events.selectors.events_by_id). The profile in
docs/timeline.md shows why: rendering 30 cards through nested template includes
and fetching every relation they show was most of an uncached page."""

import hashlib
from collections.abc import Callable
from collections.abc import Mapping
from collections.abc import Sequence
from datetime import date
from functools import lru_cache
from typing import Any

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.safestring import SafeString
from django.utils.safestring import mark_safe

from . import selectors

CARD_SECONDS = 24 * 60 * 60  # a bound on memory, not on freshness: keys change with the data
VERSION = "5"  # bump when the card templates change
TEMPLATES = {
    "meeting": ("events/cards/meeting.html", "m"),
    "proposal": ("events/cards/proposal.html", "p"),
    "statement": ("events/cards/statement.html", "s"),
}


def card_key(kind: str, pk: int, *, q: str, version: str, track_names: bool, today: date | None = None) -> str:
    parts = (VERSION, version, kind, pk, q, today or timezone.localdate(), track_names)
    return "events:card:" + hashlib.blake2b(repr(parts).encode(), digest_size=16).hexdigest()


def render_cards(items: Sequence[Any], *, q: str = "", version: str, track_names: bool = False) -> Sequence[Any]:
    """Set item.html on each TimelineItem from the cache, or from a fresh render of the
    event loaded with everything its card shows."""
    today = timezone.localdate()
    keys = {
        id(item): card_key(item.kind, item.obj.pk, q=q, version=version, track_names=track_names, today=today)
        for item in items
    }
    found = cache.get_many(list(set(keys.values())))
    missing: dict[str, list[int]] = {}
    fresh = {}
    for item in items:
        key = keys[id(item)]
        if key in found or key in fresh:
            continue
        if hasattr(item.obj, "source_list"):  # loaded with everything its card shows (with_outlets)
            template, name = TEMPLATES[item.kind]
            fresh[key] = render_to_string(template, {name: item.obj, "q": q})
        else:
            missing.setdefault(item.kind, []).append(item.obj.pk)
    for kind, ids in missing.items():
        template, name = TEMPLATES[kind]
        for pk, event in selectors.events_by_id(kind=kind, ids=ids, track_names=track_names).items():
            key = card_key(kind, pk, q=q, version=version, track_names=track_names, today=today)
            fresh[key] = render_to_string(template, {name: event, "q": q})
    if fresh:
        cache.set_many(fresh, CARD_SECONDS)
    found.update(fresh)
    for item in items:
        # An event made private between the two reads has no card: it shows nothing.
        item.html = mark_safe(found.get(keys[id(item)], ""))
    return items


def cached_fragment(name: str, *, version: str, parts: Sequence[object], render: Callable[[], str]) -> SafeString:
    """A page fragment (the board, the visual timeline) rendered once per data version."""
    return mark_safe(
        selectors.versioned(name, version=version, parts=(VERSION, timezone.localdate(), *parts), compute=render)
    )


@lru_cache(maxsize=4096)
def _day_heading(day: date) -> str:
    return f'<time datetime="{day.isoformat()}">{date_format(day, "l j F Y")}</time>'


def days_html(days: Mapping[date | None, Sequence[Any]]) -> SafeString:
    """The timeline's days, one section each with its cards (item.html), built here
    rather than in a template loop: a search's page spreads over thirty days."""
    out = []
    for n, (day, items) in enumerate(days.items(), 1):
        heading = _day_heading(day) if day else "Undated"
        cards = "".join(item.html for item in items)
        out.append(
            f'<section class="day" aria-labelledby="day-{n}">\n'
            f'  <h3 id="day-{n}" class="day-h">{heading}</h3>\n  {cards}\n</section>'
        )
    return mark_safe("\n".join(out))
