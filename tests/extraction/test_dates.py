import datetime as dt

import pytest

from extraction import dates

from .helpers import run

PUB = dt.date(2024, 3, 14)  # a Thursday


def one(text, direction=None):
    hits = dates.find_dates(text, PUB, (lambda s, e: direction) if direction is not None else None)
    assert hits, text
    return hits[0]


def test_weekday_past_tense_is_last_such_day():
    assert one("The envoys met on Monday.").date == dt.date(2024, 3, 11)


def test_weekday_future_tense_is_coming_day():
    assert one("The envoys will meet on Monday.").date == dt.date(2024, 3, 18)


def test_weekday_same_as_publication_day_in_past_tense():
    assert one("Officials confirmed Thursday that the talks had ended.").date == PUB


def test_next_weekday():
    assert one("They meet next Tuesday.").date == dt.date(2024, 3, 19)


def test_weeks_ago():
    assert one("The first round took place two weeks ago.").date == dt.date(2024, 2, 29)


def test_last_week():
    h = one("Last week, the sides exchanged drafts.")
    assert h.date == dt.date(2024, 3, 7)


@pytest.mark.parametrize(
    ("published", "text", "day"),
    [
        (PUB, "The envoys meet again next week.", dt.date(2024, 3, 20)),  # Thursday -> 18-24 March
        (dt.date(2024, 3, 17), "The envoys meet this coming week.", dt.date(2024, 3, 20)),  # Sunday -> 18-24
        (dt.date(2024, 3, 18), "The envoys meet next week.", dt.date(2024, 3, 27)),  # Monday -> 25-31
    ],
)
def test_next_week_is_the_middle_of_the_next_calendar_week(published, text, day):
    (h,) = dates.find_dates(text, published)
    assert (h.date, h.precision) == (day, "week")


def test_explicit_date_without_year():
    h = one("The talks opened on Oct. 25 in a hotel.")
    assert h.date == dt.date(2023, 10, 25) and h.precision == "day"


def test_explicit_date_without_year_future():
    h = one("They are to meet again on April 2.")
    assert h.date == dt.date(2024, 4, 2)


def test_explicit_date_with_year():
    assert one("The accord was signed on 12 June 2019.").date == dt.date(2019, 6, 12)


def test_later_this_month_has_month_precision():
    h = one("A new round is expected later this month.")
    assert h.precision == "month" and h.date.month == 3


def test_to_date_accepts_strings_and_dates():
    assert dates.to_date("2024-03-14") == PUB
    assert dates.to_date(PUB) == PUB
    assert dates.to_date(None) is None


def test_statement_date_from_attribution():
    r = run('"We reached an understanding," Latvian envoy Anna Ozola said on Tuesday.')
    assert r.statements[0].date == dt.date(2024, 3, 12)
