from django import template
from django.utils.dateformat import format as date_format

from events import status

register = template.Library()


@register.filter
def when(day, precision=""):
    """A date as precisely as the reports gave it: "June 2025", "week of 21 October 2025"."""
    if not day:
        return ""
    if precision == "year":
        return date_format(day, "Y")
    if precision == "month":
        return date_format(day, "F Y")
    if precision == "week":
        return "week of " + date_format(day, "j F Y")
    return date_format(day, "l j F Y")


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
