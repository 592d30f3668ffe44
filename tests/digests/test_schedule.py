from datetime import UTC
from datetime import datetime

import pytest
from django.core.exceptions import ValidationError

from digests.models import validate_timezone
from digests.schedule import next_due

UTC = UTC


def test_daily_slot_is_local_hour_in_subscriber_zone():
    # Kyiv is UTC+3 in summer: 08:00 there is 05:00 UTC.
    after = datetime(2025, 7, 1, 4, 0, tzinfo=UTC)
    assert next_due(frequency="daily", hour=8, weekday=0, tz_name="Europe/Kyiv", after=after) == datetime(
        2025, 7, 1, 5, 0, tzinfo=UTC
    )
    # Strictly after: at the slot itself, the next one is tomorrow.
    assert next_due(
        frequency="daily", hour=8, weekday=0, tz_name="Europe/Kyiv", after=datetime(2025, 7, 1, 5, tzinfo=UTC)
    ) == datetime(2025, 7, 2, 5, tzinfo=UTC)


def test_daily_slot_keeps_wall_clock_across_dst():
    # Berlin leaves summer time on 26 Oct 2025: 07:00 local is 05:00 UTC before, 06:00 UTC after.
    assert next_due(
        frequency="daily", hour=7, weekday=0, tz_name="Europe/Berlin", after=datetime(2025, 10, 25, 6, tzinfo=UTC)
    ) == datetime(2025, 10, 26, 6, tzinfo=UTC)
    # 02:00 does not exist on 30 Mar 2025 in Berlin: the slot is the hour after the gap (03:00 CEST).
    assert next_due(
        frequency="daily", hour=2, weekday=0, tz_name="Europe/Berlin", after=datetime(2025, 3, 29, 12, tzinfo=UTC)
    ) == datetime(2025, 3, 30, 1, tzinfo=UTC)


def test_weekly_slot_on_chosen_day():
    # Wednesday 2 July 2025; weekly on Monday (0) at 09:00 New York (UTC-4) -> Monday 7 July 13:00 UTC.
    after = datetime(2025, 7, 2, 12, tzinfo=UTC)
    assert next_due(frequency="weekly", hour=9, weekday=0, tz_name="America/New_York", after=after) == datetime(
        2025, 7, 7, 13, tzinfo=UTC
    )
    # Same weekday, hour already passed -> a week later.
    monday_late = datetime(2025, 7, 7, 14, tzinfo=UTC)
    assert next_due(frequency="weekly", hour=9, weekday=0, tz_name="America/New_York", after=monday_late) == datetime(
        2025, 7, 14, 13, tzinfo=UTC
    )


def test_timezone_names_are_validated_with_zoneinfo():
    validate_timezone("Asia/Tokyo")
    for bad in ("Mars/Olympus_Mons", "", "../etc/passwd", "posixrules"):
        with pytest.raises(ValidationError):
            validate_timezone(bad)
