from datetime import date

from events.dates import when


def test_dates_show_only_the_precision_reports_gave():
    day = date(2025, 10, 21)
    assert when(day, "day") == "Tuesday 21 October 2025"
    assert when(day, "") == "Tuesday 21 October 2025"
    assert when(day, "week") == "week of 21 October 2025"
    assert when(day, "month") == "October 2025"
    assert when(day, "year") == "2025"
    assert when(None, "day") == ""
