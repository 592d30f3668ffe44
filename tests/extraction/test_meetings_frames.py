"""Meeting frames on the project's own invented sentences (issue 11): one rule, one test.
The tables of cases are in cases/meetings.toml."""

from __future__ import annotations

import datetime as dt

import pytest

from extraction import extract
from extraction.dates import find_dates

from .case_data import cases

PUB = "2024-03-14"  # a Thursday


def _meetings(body: str, pub: dt.date | str = PUB):
    return extract("Envoys meet\n" + body, pub).meetings


# Two paragraphs before the sentence: it is not the lead, so the lead's day fallback does not apply.
LATER = "The border has been quiet.\nTrade resumed.\n"


@pytest.mark.parametrize("case", cases("meetings", "found"))
def test_meetings_found(case):
    found, expected = _meetings(case["text"], case.get("published", PUB)), case["meetings"]
    assert len(found) == len(expected), found
    assert [{f: getattr(m, f) for f in want} for m, want in zip(found, expected)] == expected


@pytest.mark.parametrize("case", cases("meetings", "no_meeting"))
def test_no_meeting(case):
    assert _meetings(case["text"]) == []


@pytest.mark.parametrize("case", cases("meetings", "not_the_venue"))
def test_not_the_venue(case):
    assert all(m.location != case["place"] for m in _meetings(case["text"]))


@pytest.mark.parametrize("case", cases("meetings", "no_date"))
def test_no_date(case):
    assert all(m.date is None for m in _meetings(case["text"], case.get("published", PUB)))


def test_capital_apposition_with_a_comma():
    ms = _meetings("The two envoys met in the Zambian capital, Lusaka, on Tuesday.")
    assert ms[0].location == "Lusaka"


def test_day_of_a_statement_is_not_the_day_of_the_talks():
    ms = _meetings(LATER + "Freedonia and Sylvania on Tuesday issued a joint statement on the fifth round of talks.")
    assert all(m.date != dt.date(2024, 3, 12) for m in ms)


def test_month_and_day_range_is_a_day_not_a_month():
    hits = find_dates("The next round will take place from November 4 to 7 in Lima.", dt.date(2024, 9, 1))
    assert hits[0].date == dt.date(2024, 11, 4) and hits[0].precision == "day"


def test_month_last_year_is_that_month_of_the_year_before():
    hits = find_dates("The two men last met in February last year.", dt.date(2024, 3, 14))
    assert [(h.date, h.precision) for h in hits] == [(dt.date(2023, 2, 1), "month")]


def test_they_may_meet_again_is_upcoming_not_held():
    ms = _meetings(
        "Talks between the two leaders ended without a deal in Lusaka, but they may meet again, "
        "perhaps as soon as next week in Harare."
    )
    assert sorted((m.location, m.status) for m in ms) == [("Harare", "proposed"), ("Lusaka", "held")]


def test_scheduled_for_a_city_is_the_venue():
    ms = _meetings(
        "The truce was declared ahead of a conference on the region, scheduled for Madrid at the end of the month."
    )
    assert ("Madrid", "scheduled") in [(m.location, m.status) for m in ms]


def test_rounds_of_one_series_take_its_single_place():
    body = (
        "The next round of talks will take place from November 4 to 7 in Quito.\n"
        "The delegations have met in Quito on two previous occasions.\n"
        "Later, the two teams held another round of talks from August 12 to 15."
    )
    ms = _meetings(body, "2024-10-08")
    assert (dt.date(2024, 8, 12), "Quito") in [(m.date, m.location) for m in ms]


def test_a_city_and_its_country_are_one_series_place():
    body = (
        "The next round of talks will take place from November 4 to 7 in Lima, Peru.\n"
        "The delegations have met in Peru on two previous occasions.\n"
        "The third meeting of the negotiators took place between August 19 and 21."
    )
    ms = _meetings(body, "2024-10-08")
    third = [m for m in ms if m.date == dt.date(2024, 8, 19)]
    assert len(third) == 1 and third[0].location in ("Lima", "Peru")


def test_meeting_of_the_two_presidents_is_between_the_named_leaders():
    body = (
        "Delegations met in Vienna on Monday.\n"
        "Carlos Mendez, an aide to President Luis Ortega, led the Peruvian team.\n"
        "The Chilean envoy said the next step should be a meeting of the two presidents.\n"
        "Chilean President Ana Varga said the talks were useful."
    )
    leaders = [m for m in _meetings(body) if m.kind == "summit"]
    assert len(leaders) == 1
    assert sorted(leaders[0].participants) == ["Ana Varga", "Luis Ortega"]


def test_leaders_meeting_asked_for_is_not_merged_into_the_delegations_round():
    body = (
        "The two sides will meet again in Vienna on Monday.\n"
        "The document calls for a meeting between President Luis Ortega and President Ana Varga."
    )
    ms = _meetings(body)
    assert sorted((m.kind, m.location) for m in ms) == [("summit", None), ("talks", "Vienna")]
    assert sorted(next(m for m in ms if m.kind == "summit").participants) == ["Ana Varga", "Luis Ortega"]


def test_confidence_is_higher_for_a_meeting_with_a_day_and_a_place():
    sure = _meetings("The two foreign ministers met in Vienna on Monday.")[0]
    vague = _meetings("The two sides will hold another round of talks in Vienna.")[0]
    assert 0.0 < vague.confidence < sure.confidence <= 1.0
    assert (
        extract("Envoys meet\nThe two foreign ministers met in Vienna on Monday.", PUB).to_dict()["meetings"][0][
            "confidence"
        ]
        == sure.confidence
    )


def test_earlier_this_week_is_a_day_of_this_week_before_publication():
    hits = find_dates("An emergency meeting was held in Lima earlier this week.", dt.date(2024, 3, 17))  # Sunday
    assert [(h.date, h.precision) for h in hits] == [(dt.date(2024, 3, 14), "week")]


def test_request_for_talks_between_a_president_and_his_counterpart_is_a_leaders_meeting():
    body = (
        "Peru received the request of Chilean officials for direct talks between Chilean President "
        "Ana Varga and Peruvian counterpart Luis Ortega."
    )
    ms = _meetings(body)
    assert [(m.kind, m.status, sorted(m.participants)) for m in ms] == [
        ("summit", "proposed", ["Ana Varga", "Luis Ortega"])
    ]


def test_a_past_return_home_is_no_visit():
    ms = _meetings(
        LATER + "The minister, who returned to Lima from Quito on Friday, told reporters the forum was over."
    )
    assert all(m.kind != "visit" for m in ms)


def test_telephone_exchanges_are_calls():
    ms = _meetings(LATER + "The two generals agreed to meet in Lima during their telephone exchanges.")
    assert "call" in [m.kind for m in ms]


def test_the_two_presidents_are_the_two_named_before():
    ms = _meetings(
        "Chilean President Ana Duarte visited the port on Monday. Peruvian President Luis Vega said he was "
        "ready for talks.\nThe two presidents spoke by phone on Tuesday."
    )
    calls = [m for m in ms if m.kind == "call"]
    assert [(m.participants, str(m.date)) for m in calls] == [(["Ana Duarte", "Luis Vega"], "2024-03-12")]


def test_a_group_in_another_clause_is_not_the_meetings_subject():
    ms = _meetings(
        "Chilean President Ana Duarte and Peruvian President Luis Vega met in Lima in May.\n"
        "The two leaders spoke for an hour and agreed to let their negotiators resume talks next week."
    )
    upcoming = [m for m in ms if m.status == "scheduled"]
    assert [m.participants for m in upcoming] == [[]]


@pytest.mark.parametrize(
    ("published", "day"),
    [("2024-03-14", "2024-03-16"), ("2024-03-11", "2024-03-14"), ("2024-03-17", "2024-03-17")],
    ids=["thursday", "monday", "sunday"],
)
def test_a_coming_meeting_this_week_is_the_middle_of_the_rest_of_the_week(published, day):
    (m,) = _meetings("The foreign ministers will meet later this week in Vienna.", published)
    assert (m.status, str(m.date), m.date_precision) == ("scheduled", day, "week")
