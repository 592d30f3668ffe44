from django import template

from events import status
from events.dates import when

register = template.Library()
# The date as precisely as the reports gave it (events.dates.when, which digests use too).
register.filter("when", when)


@register.filter
def date_passed(meeting):
    """A planned meeting whose date is behind us with no report it took place
    (the board's rule, so the board and the timeline say the same)."""
    return status.date_passed(meeting)


@register.filter
def days_open(days):
    """How long something has been open: "open 12 days", "open since today"."""
    if days is None:
        return ""
    if days <= 0:
        return "open since today"
    if days == 1:
        return "open 1 day"
    if days < 60:
        return f"open {days} days"
    return f"open {days // 7} weeks"


@register.filter
def days_ago(days):
    if days is None:
        return ""
    if days == 0:
        return "today"
    if days == 1:
        return "yesterday"
    return f"{days} days ago"
