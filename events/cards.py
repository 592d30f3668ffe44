"""Rendered timeline cards, cached by their content.

A card's cache key is a digest of everything the card shows (the event's fields,
its sources, articles and outlets, status changes, participants, speaker, tags,
negotiations, the search words it highlights, and today's date for "date passed"),
all read from data the page has already fetched. A card is therefore re-rendered
whenever anything on it changes, never served stale; a filter combination or a
search nobody opened before reuses the cards other views rendered. One cache round
trip (get_many) per page. The profile in docs/timeline.md shows why: rendering 30
cards through nested template includes was the largest part of an uncached page."""

import hashlib

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe

CARD_SECONDS = 24 * 60 * 60  # a bound on memory, not on freshness: keys change with the content
VERSION = "3"  # bump when the card templates change
TEMPLATES = {
    "meeting": ("events/cards/meeting.html", "m"),
    "proposal": ("events/cards/proposal.html", "p"),
    "statement": ("events/cards/statement.html", "s"),
}


def _article(a):
    return (a.pk, a.title, a.link or a.url, a.published_at, a.outlet_id, a.outlet.name if a.outlet_id else "")


def _actor(a):
    return (a.pk, a.name, a.slug, a.title) if a else None


def fingerprint(kind, event, q=""):
    parts = [
        VERSION,
        kind,
        event.pk,
        event.updated_at,
        getattr(event, "status", ""),
        event.editor_note,
        getattr(event, "review_status", ""),
        q,
        timezone.localdate(),
    ]
    parts += [(s.pk, s.sentence, getattr(s, "reported_status", ""), _article(s.article)) for s in event.source_list]
    if kind == "meeting":
        parts += [
            (
                c.pk,
                c.status,
                c.date,
                c.location,
                c.reported_on,
                c.by_editor,
                _article(c.article) if c.article_id else None,
            )
            for c in event.status_changes.all()
        ]
        parts += [_actor(p) for p in event.participants.all()]
    elif kind == "proposal":
        parts += [_actor(event.proposer), event.proposer_text]
        parts += [(c.pk, c.status, c.reported_on) for c in event.status_changes.all()]
    else:
        parts += [_actor(event.speaker), event.speaker_text]
        parts += [(t.pk, t.name) for t in event.tags.all()]
    parts += [(t.pk, t.name, t.slug) for t in getattr(event, "track_list", ())]
    return "events:card:" + hashlib.blake2b(repr(parts).encode(), digest_size=16).hexdigest()


def render_cards(items, *, q=""):
    """Set item.html on each TimelineItem (or (kind, event) holder) from the cache or a fresh render."""
    keys = {id(item): fingerprint(item.kind, item.obj, q) for item in items}
    found = cache.get_many(list(keys.values()))
    fresh = {}
    for item in items:
        key = keys[id(item)]
        html = found.get(key)
        if html is None:
            template, name = TEMPLATES[item.kind]
            html = fresh[key] = render_to_string(template, {name: item.obj, "q": q})
        item.html = mark_safe(html)
    if fresh:
        cache.set_many(fresh, CARD_SECONDS)
    return items
