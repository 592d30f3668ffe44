from django import template

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
