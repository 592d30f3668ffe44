"""Meeting and proposal rules for forms that real news writes often (invented sentences only): words of
meeting in another sense, day ranges, ..."""

from __future__ import annotations

import datetime as dt

import pytest

from extraction import extract

PUB = "2024-03-14"  # a Thursday


def _meetings(body: str, pub: str = PUB):
    return extract("Envoys meet\n" + body, pub).meetings


# a meeting word in a sense that tells of no meeting
NOT_A_MEETING = {
    "demands_met_are_satisfied": "Norway said it would return to the table only if its demands were met.",
    "needs_met_is_no_meeting": "Most families in Peru now have their basic needs met, the minister said on Monday.",
    "conditions_are_met": "Aid will flow to Peru from Chile once its conditions are fully met.",
    "met_with_scepticism_is_a_reaction": "The Chilean plan was met with scepticism in Lima on Monday.",
    "met_with_silence_is_a_reaction": "The offer has been met with silence by Peru.",
    "meeting_point_is_a_place": "The border crossing serves as a meeting point for families from Peru and Chile.",
    "meeting_place_is_a_place": "The old library was a meeting place for traders from Peru and Chile.",
    "meet_and_greet_is_no_talks": "The senator posed for photos at a meet-and-greet in Ohio on Tuesday.",
}


@pytest.mark.parametrize("body", NOT_A_MEETING.values(), ids=NOT_A_MEETING.keys())
def test_not_a_meeting(body):
    assert _meetings(body) == []


@pytest.mark.parametrize(
    "body",
    [
        "Peru's president was met at the airport by the Chilean foreign minister on Monday.",
        "The Peruvian foreign minister met with his Chilean counterpart in Lima on Monday.",
    ],
    ids=["met_at_the_airport_by_is_a_meeting", "met_with_a_counterpart_is_a_meeting"],
)
def test_still_a_meeting(body):
    assert len(_meetings(body)) == 1


@pytest.mark.parametrize(
    "body",
    [
        "The two leaders will meet in Lima on 27-28 June.",
        "The two leaders will meet in Lima on 27-8 June.",
        "The two leaders will meet in Lima on 27 – 28 June.",
        "The two leaders will meet in Lima on June 27-28.",
    ],
    ids=["day_range", "day_range_short_end", "day_range_dash", "month_first_range"],
)
def test_a_day_range_is_its_first_day(body):
    (m,) = _meetings(body)
    assert (m.date, m.location, m.status) == (dt.date(2024, 6, 27), "Lima", "scheduled")


# an adjective on the meeting noun gives its phase, over a verb that tells news about it
PHASE = [
    pytest.param(
        "An anticipated meeting between Peru's President Ana Lopez and Chile's Foreign Minister Juan Perez "
        "in Lima has sparked protests.",
        "scheduled",
        id="anticipated_meeting_has_sparked_is_scheduled",
    ),
    pytest.param("The planned Peru-Chile summit in Lima has raised hopes.", "scheduled", id="planned_summit"),
    pytest.param("An upcoming visit to Lima by the Chilean president has angered Bolivia.", "scheduled", id="upcoming"),
    pytest.param(
        "A possible meeting between the two presidents in Lima has been discussed.", "proposed", id="possible"
    ),
    pytest.param("The expected talks in Quito took place on Monday.", "held", id="took_place_outranks_the_adjective"),
    pytest.param("The planned talks in Quito stalled on Monday.", "held", id="stalled_outranks_the_adjective"),
]


@pytest.mark.parametrize("body, status", PHASE)
def test_phase_adjective(body, status):
    (m,) = _meetings(body)
    assert m.status == status


# a capital that is far more often a personal name is no party to a meeting
@pytest.mark.parametrize(
    "body, parties",
    [
        ("US envoy Victoria Lang met Peru's foreign minister in Lima on Monday.", {"United States", "Peru"}),
        ("Douglas Reed met Peruvian officials in Lima on Monday.", {"Peru"}),
        ("Hamilton said he met Peru's foreign minister in Lima on Monday.", {"Peru"}),
    ],
    ids=["given_name_victoria", "given_name_douglas", "surname_hamilton"],
)
def test_name_like_capital_is_no_state(body, parties):
    (m,) = _meetings(body)
    assert {
        p for p in m.participants if p in {"United States", "Peru", "Seychelles", "Isle of Man", "Bermuda"}
    } == parties
