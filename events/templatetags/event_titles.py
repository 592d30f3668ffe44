import re

from django import template
from django.utils.html import conditional_escape
from django.utils.html import escape
from django.utils.safestring import mark_safe

from events import titles

register = template.Library()

register.filter("meeting_title", titles.meeting_title)
register.filter("proposal_title", titles.proposal_title)
register.filter("job_title", titles.job_title)
register.filter("report_conflicts", titles.report_conflicts)


@register.filter
def repeats(sentence, event):
    """True when a source's sentence repeats the statement's quote (then it is not shown again)."""
    quote = getattr(event, "quote", "")
    norm = lambda text: " ".join((text or "").lower().replace("“", "").replace("”", "").replace('"', "").split())
    return bool(quote) and norm(quote)[:80] in norm(sentence)


@register.filter(needs_autoescape=True)
def highlight(text, q, autoescape=True):
    """Wrap the words searched for in <mark> (case-insensitive; also inside longer
    words, so "ceasefire" marks "ceasefires"); everything else is escaped."""
    text = "" if text is None else str(text)
    words = sorted(
        {w for w in re.findall(r"[\w'’-]+", q or "") if len(w) > 1 and w.lower() not in ("or", "and")},
        key=len,
        reverse=True,
    )
    if not words:
        return conditional_escape(text) if autoescape else text
    pattern = re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE)
    out, last = [], 0
    for match in pattern.finditer(text):
        out.append(escape(text[last : match.start()]))
        out.append(f"<mark>{escape(match.group(0))}</mark>")
        last = match.end()
    out.append(escape(text[last:]))
    return mark_safe("".join(out))
