"""When a subscriber's next digest is due: a wall-clock hour in their own time
zone, so "07:00 Europe/Kyiv" stays 07:00 across daylight-saving changes."""

from datetime import UTC
from datetime import datetime
from datetime import timedelta
from zoneinfo import ZoneInfo

from .models import Frequency

PERIODS = {Frequency.DAILY: timedelta(days=1), Frequency.WEEKLY: timedelta(days=7)}


def period(frequency: str) -> timedelta:
    return PERIODS[Frequency(frequency)]


def next_due(*, frequency: str, hour: int, weekday: int, tz_name: str, after: datetime) -> datetime:
    """The first slot strictly after `after` (an aware datetime), in UTC."""
    zone = ZoneInfo(tz_name)
    local = after.astimezone(zone)
    day = local.date()
    if frequency == Frequency.WEEKLY:
        day += timedelta(days=(weekday - day.weekday()) % 7)
    step = timedelta(days=7 if frequency == Frequency.WEEKLY else 1)
    while True:
        # Built from the calendar date, not by adding hours to an aware
        # datetime, so a DST change between now and then does not shift it.
        # A wall time that does not exist (spring-forward gap) resolves to the
        # hour after the gap, which is what a person expects.
        slot = datetime(day.year, day.month, day.day, hour, tzinfo=zone).astimezone(UTC)
        if slot > after:
            return slot
        day += step
