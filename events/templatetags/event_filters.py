"""Pieces of the timeline built in Python rather than in template loops (the profile in
docs/timeline.md): the filter panel's checkboxes (a negotiation can have hundreds of
actors) and a card's list of sources."""

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django import template
from django.utils.dateformat import format as date_format
from django.utils.html import escape
from django.utils.safestring import SafeString
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.timezone import template_localtime

from .event_titles import repeats

register = template.Library()


@register.filter
def checkboxes(choices: Iterable[tuple[str, str, bool]], name: str) -> SafeString:
    """One labelled checkbox per (value, label, checked), all named `name`."""
    field = escape(name)
    return mark_safe(
        "".join(
            f'\n            <label><input type="checkbox" name="{field}" value="{escape(value)}"'
            f"{' checked' if on else ''}> {escape(label)}</label>"
            for value, label, on in choices
        )
    )


def _when(moment: datetime) -> str:
    moment = template_localtime(moment)
    return f'<time datetime="{date_format(moment, "c")}">{date_format(moment, "j M Y")}</time>'


def _plural(n: int) -> str:
    return "" if n == 1 else "s"


@register.simple_tag
def sources(event: Any) -> SafeString:
    """A card's sources: the report that gives its status up front (not for a quote:
    its own words are the evidence), then every report in a closed list. Built here
    rather than in a template: it was half the time of rendering a card."""
    rows = event.source_list
    if not rows:
        return mark_safe('<p class="sources none">No source linked (kept by the editors).</p>\n')
    outlets, ev = event.outlets, event.evidence
    out = ["\n"]
    if ev and not getattr(event, "quote", ""):
        article = ev.article
        name = article.outlet.name if article.outlet is not None else ""
        out.append(
            f'<p class="evidence-line"><span class="outlet">{escape(name or (outlets[0] if outlets else ""))}</span>'
        )
        if article.published_at:
            out.append(f" {_when(article.published_at)}")
        if ev.sentence:
            out.append(f': <q class="evidence">{escape(Truncator(ev.sentence).chars(280))}</q>')
        out.append("</p>")
    n_outlets, n_rows = len(outlets), len(rows)
    out.append(
        f'\n<details class="sources">\n  <summary><span class="corroboration">{n_outlets} outlet{_plural(n_outlets)}</span>'
        f" · {n_rows} report{_plural(n_rows)}: {', '.join(escape(o) for o in outlets)}</summary>\n  <ul>"
    )
    for row in rows:
        article = row.article
        link = article.link or article.url
        out.append(
            f'\n    <li><a href="{escape(link)}" rel="noopener nofollow">{escape(article.title or article.url)}</a>'
        )
        if article.outlet is not None:
            out.append(f' <span class="outlet">{escape(article.outlet.name)}</span>')
        if article.published_at:
            out.append(f" {_when(article.published_at)}")
        if row.sentence and not repeats(row.sentence, event):
            out.append(f'<blockquote class="sentence">{escape(Truncator(row.sentence).chars(400))}</blockquote>')
        out.append("</li>\n  ")
    out.append("</ul>\n</details>\n\n")
    return mark_safe("".join(out))
