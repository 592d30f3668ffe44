from django import template
from django.utils.dateformat import format as date_format

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
