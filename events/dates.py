"""How the site and the digests write an event's date: as precisely as the reports gave it.
Plain Python, so the core (digests' selectors) needs no template library; the template
filter `when` (events/templatetags/event_dates.py) is this same function."""

from datetime import date

from django.utils.dateformat import format as date_format


def when(day: date | None, precision: str = "") -> str:
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
