"""Where an event stands: which statuses are planned meetings and proposals awaiting a
reply, and whether a planned meeting's date passed with no report that it took place.
One home for these rules: the selectors (home page cards), the board, the visual
timeline and the cards' template filters all read them, so they never disagree."""

import calendar
from datetime import date
from datetime import timedelta

from django.db.models import Q
from django.utils import timezone

from .models import Meeting
from .models import Proposal

PLANNED = (Meeting.Status.PROPOSED, Meeting.Status.SCHEDULED)
AWAITING_REPLY = (Proposal.Status.PROPOSED, Proposal.Status.SUBMITTED)
STANDING_DEMANDS = (Proposal.Status.PROPOSED, Proposal.Status.SUBMITTED, Proposal.Status.PROMISED)


def period_end(day: date, precision: str) -> date:
    """The last day a date given to this precision can mean ("June 2025": 30 June)."""
    if precision == "year":
        return date(day.year, 12, 31)
    if precision == "month":
        return date(day.year, day.month, calendar.monthrange(day.year, day.month)[1])
    if precision == "week":
        return day + timedelta(days=6)
    return day


def date_passed(meeting, today: date | None = None) -> bool:
    """A proposed or scheduled meeting whose whole date is behind us, with no
    report that it was held (a report would have moved it to "held")."""
    if meeting.status not in PLANNED or not meeting.date:
        return False
    today = today or timezone.localdate()
    return period_end(meeting.date, meeting.date_precision) < today


def date_passed_q(today: date) -> Q:
    """date_passed() as a query condition, for pages that count such meetings in the
    database (the home page's cards): the same planned statuses and period ends."""
    first_of_month = today.replace(day=1)
    return Q(status__in=PLANNED, date__isnull=False) & (
        Q(date_precision="week", date__lt=today - timedelta(days=6))
        | Q(date_precision="month", date__lt=first_of_month)
        | Q(date_precision="year", date__lt=date(today.year, 1, 1))
        | (~Q(date_precision__in=("week", "month", "year")) & Q(date__lt=today))
    )
