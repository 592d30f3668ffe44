"""Meeting frames on the project's own invented sentences (issue 11): one rule, one test."""

from __future__ import annotations

import datetime as dt

import pytest

from extraction import extract
from extraction.dates import find_dates

from .helpers import D

PUB = "2024-03-14"  # a Thursday


def _meetings(body: str, pub: str = PUB):
    return extract("Envoys meet\n" + body, pub).meetings


# Two paragraphs before the sentence: it is not the lead, so the lead's day fallback does not apply.
LATER = "The border has been quiet.\nTrade resumed.\n"


def case(id: str, text: str, *meetings: dict, published: str = PUB):
    """A row of MEETINGS: the text and the meetings it tells of, in order, each with the fields it must have."""
    return pytest.param(text, published, list(meetings), id=id)


MEETINGS = [
    case(
        "urged_to_meet_is_asked_for_not_held",
        "He said regional leaders had urged the two rivals to keep negotiating and meet in Harare soon.",
        {"location": "Harare", "status": "proposed"},
    ),
    case(
        "the_next_round_is_a_new_event_even_after_the",
        "The statement said the next round of talks will be held as soon as possible.",
        {"status": "scheduled", "date": None},
    ),
    case(
        "expecting_to_speak_with_someone_is_an_upcoming_call",
        "The president said he expected to speak with Prime Minister Ana Duarte this week.",
        {"kind": "call", "status": "scheduled"},
    ),
    # published on Saturday 20 July: next week is 22-28 July, given as its middle, Wednesday 24
    case(
        "deadline_date_is_not_the_meeting_date",
        "The minister said he will meet his counterpart next week in Oslo and discuss an extension "
        "of an August 12 deadline for a deal.",
        {"location": "Oslo", "date": D(2024, 7, 24)},
        published="2024-07-20",
    ),
    case(
        "day_in_a_subordinate_clause_after_the_meeting_noun_is_another_event",
        LATER + "The Lima talks come after a truce saw a lull in the fighting on Sunday.",
        {"location": "Lima", "date": None},
    ),
    case(
        "two_day_talks_are_one_meeting_over_both_days",
        "Ministers at the end of two-day talks in Quito on Saturday urged calm.\n"
        "The minister was not present at the talks Friday.",
        {"location": "Quito", "status": "held"},
        published="2024-03-17",
    ),
    case(
        "host_state_at_the_head_of_the_sentence_is_the_venue",
        "Chile will host the bloc's annual leaders' summit later this year.",
        {"location": "Chile", "status": "scheduled"},
    ),
    case(
        "he_would_speak_with_someone_is_an_upcoming_call",
        "Mr. Ortega told reporters that he would speak with Mr. Varga this week.",
        {"kind": "call", "status": "scheduled"},
    ),
    case(
        "will_call_his_counterparts_is_an_upcoming_call",
        "The defence minister said he will call his Peruvian and Chilean counterparts to discuss the details.",
        {"kind": "call", "status": "scheduled"},
    ),
    case(
        "travel_to_a_country_to_meet_makes_it_the_venue",
        "The envoy will afterward travel to Chile to meet with the prime minister.",
        {"location": "Chile", "status": "scheduled"},
    ),
    case(
        "having_begun_a_discussion_is_a_held_meeting",
        "Army and rebel commanders have begun discussion to implement the peace deal.",
        {"kind": "talks", "status": "held"},
    ),
    case(
        "a_day_inside_an_appositive_is_not_the_meeting_day",
        LATER + "The envoy, a key figure in brokering the peace deal last week, is facilitating the "
        "commanders' meeting in Lima.",
        {"location": "Lima", "date": None},
    ),
    case(
        "place_described_before_it_is_named",
        "Delegations from Freedonia and Sylvania met in the Tunisian resort city of Hammamet on Monday.",
        {"location": "Hammamet", "status": "held", "date": D(2024, 3, 11)},
    ),
    case(
        "one_called_off_summit_is_one_meeting",
        "A summit of the two presidents was due to take place in Lusaka on Sunday. "
        "The talks will not take place, the host's spokesman announced. "
        "Sunday's summit was cancelled at the last minute.",
        {"status": "cancelled", "location": "Lusaka", "date": D(2024, 3, 17)},
        published="2024-03-17",
    ),
    case(
        "something_agreed_at_a_meeting_tells_the_meeting_was_held",
        "Freedonia and Sylvania agreed to open a joint office in Lima at a three-way meeting "
        "in the Peruvian capital on Wednesday, the mediator said.",
        {"status": "held"},
    ),
    case(
        "held_a_long_discussion_is_a_meeting",
        "The deputy minister held a six-hour security discussion with her counterpart in Vienna on March 11.",
        {"location": "Vienna", "date": D(2024, 3, 11), "status": "held"},
    ),
    case(
        "lead_meeting_without_a_day_takes_the_lead_day",
        "The two leaders reached a deal on the border, the mediator said on Tuesday.\n"
        "The agreement came after nine hours of talks between the two leaders in Vienna.",
        {"location": "Vienna", "date": D(2024, 3, 12)},
    ),
    case(
        "a_dateline_day_at_the_head_of_the_lead_is_not_the_event_day",
        "12 Mar 2024; WIRE: The two leaders reached a deal on the border, the mediator said on Monday.\n"
        "The agreement came after nine hours of talks between the two leaders in Vienna.",
        {"location": "Vienna", "date": D(2024, 3, 11)},
    ),
    case(
        "place_name_with_an_apostrophe",
        "On Saturday, the envoy held talks in Sana’a with the rebel leaders.",
        {"location": "Sana’a", "date": D(2024, 3, 16)},
        published="2024-03-17",
    ),
    case(
        "the_old_plan_of_a_moved_meeting_is_no_event",
        "A border meeting is expected to be held in Lima on Thursday, the minister said.\n"
        "The meeting was originally planned for tomorrow in Quito.",
        {"location": "Lima"},
    ),
    case(
        "two_leaders_signing_in_a_named_place_is_a_summit",
        "President Luis Ortega and the rebel leader, Ana Varga, signed in Lima on Tuesday evening "
        "an agreement on peace.",
        {"kind": "summit", "location": "Lima", "date": D(2024, 3, 12), "status": "held"},
    ),
    case(
        "signing_by_a_leader_and_a_long_described_party_in_a_place",
        "Peruvian President Luis Ortega and the leader of the former rebel movement, Ana Varga, "
        "signed in Lima on Tuesday evening an agreement on peace.",
        {"kind": "summit", "location": "Lima", "date": D(2024, 3, 12)},
    ),
    case(
        "a_zoom_meeting_is_a_call",
        "After that, we will have a zoom meeting involving all three defence ministers.",
        {"kind": "call"},
    ),
    case(
        "a_future_return_to_a_country_is_an_upcoming_visit",
        "The UN chief will return to Switzerland on Thursday to try to save the talks.",
        {"kind": "visit", "location": "Switzerland", "status": "scheduled", "date": D(2024, 3, 14)},
        published="2024-03-12",
    ),
    case(
        "a_named_palace_is_the_venue_when_no_town_is_named",
        "The envoy handed the president the text, an aide said following the brief meeting at Ortega Palace.",
        {"location": "Ortega Palace"},
    ),
    case(
        "a_palace_and_the_town_are_one_meeting_named_by_the_town",
        "Delegations held talks in Lima on Friday.\nThe meeting at Torre Tagle Palace lasted less than two hours.",
        {"location": "Lima", "date": D(2024, 3, 15)},
        published="2024-03-16",
    ),
    case(
        "talking_on_the_phone_is_a_call_not_a_meeting",
        "The two presidents talked on the phone on Monday and agreed to meet in Lima next month.",
        {"kind": "call", "status": "held", "date": D(2024, 3, 11), "location": None},
        {"kind": "talks", "status": "scheduled", "date": D(2024, 4, 1)},
    ),
    case(
        "speaking_by_phone_later_is_an_upcoming_call",
        "Ortega will speak by phone with Varga on Friday.",
        {"kind": "call", "status": "scheduled", "date": D(2024, 3, 15)},
    ),
    case(
        "a_plan_told_in_the_past_is_part_of_the_called_off_summit",
        "A summit between Chile and Peru planned for March 20 in Lima has been cancelled. "
        "The Lima summit was meant to seal the deal.",
        {"kind": "summit", "status": "cancelled", "location": "Lima", "date": D(2024, 3, 20)},
    ),
    case(
        "a_plan_told_in_the_past_is_not_held",
        "The summit in Lima was to be the first meeting of the two leaders.",
        {"status": "scheduled", "date": None},
    ),
    case(
        "called_off_after_a_place_and_a_parenthetical",
        "The talks in Lima, which were meant to end the dispute, were postponed until next month.",
        {"status": "postponed", "location": "Lima"},
    ),
]


@pytest.mark.parametrize(("body", "published", "expected"), MEETINGS)
def test_meetings_found(body, published, expected):
    found = _meetings(body, published)
    assert len(found) == len(expected), found
    assert [{f: getattr(m, f) for f in want} for m, want in zip(found, expected)] == expected


# texts that tell of no meeting at all
NO_MEETING = {
    "negotiations_in_general_are_no_meeting": "Pressure for peace negotiations is mounting as the winter approaches.",
    "bare_negotiations_in_a_list_is_no_meeting": (
        "It sets out a roadmap for a ceasefire, negotiations, confidence-building measures and elections."
    ),
    "signing_without_a_place_or_by_one_party_is_no_meeting": (
        "The rebel leader signed the ceasefire agreement, the mediator said."
    ),
    "a_day_of_meetings_is_activity_not_an_event": (
        LATER + "After a long day of meetings and side meetings, the envoy said the mediator should return."
    ),
    "a_meeting_listed_in_a_plans_contents_is_part_of_the_plan": (
        LATER + "It sets out Lima's roadmap for a ceasefire, confidence-building measures and a possible meeting of "
        "leaders."
    ),
}


@pytest.mark.parametrize("body", NO_MEETING.values(), ids=NO_MEETING.keys())
def test_no_meeting(body):
    assert _meetings(body) == []


# (text, a place that must not be the venue of any meeting found)
NOT_THE_VENUE = {
    "embassy_in_a_city_is_not_the_venue": (
        "The embassy in Lima did not respond to a request to confirm the planned meetings.",
        "Lima",
    ),
    "thanking_someone_for_hosting_does_not_make_the_speaker_the_host": (
        LATER
        + "Peru was represented by its foreign minister, who thanked the Chilean president for hosting the talks.",
        "Peru",
    ),
    "the_situation_in_a_region_is_the_topic_not_the_venue": (
        "The talks between the foreign ministers on the situation in Patagonia were held behind closed doors.",
        "Patagonia",
    ),
    "goods_sent_to_a_country_do_not_make_it_the_venue": (
        LATER + "In talks so far, Peru has agreed to restart shipments of engines to Chile.",
        "Chile",
    ),
}


@pytest.mark.parametrize(("body", "place"), NOT_THE_VENUE.values(), ids=NOT_THE_VENUE.keys())
def test_not_the_venue(body, place):
    assert all(m.location != place for m in _meetings(body))


# (text, published): the meetings found have no date
NO_DATE = {
    "since_last_year_gives_no_day": ("These talks in Lima have been going on since last year.", PUB),
    "since_date_is_the_start_of_a_state_not_the_meeting_day": (
        LATER + "But the ministerial meeting in Quito has been overshadowed by the crisis, "
        "which has lasted since the coup in February 2021.",
        PUB,
    ),
    "first_talks_since_a_month_give_no_month": (
        LATER + "Delegations held their first face-to-face talks since March in a bid to end the impasse.",
        "2024-07-13",
    ),
}


@pytest.mark.parametrize(("body", "published"), NO_DATE.values(), ids=NO_DATE.keys())
def test_no_date(body, published):
    assert all(m.date is None for m in _meetings(body, published))


def test_capital_apposition_with_a_comma():
    ms = _meetings("The two envoys met in the Kenyan capital, Nairobi, on Tuesday.")
    assert ms[0].location == "Nairobi"


def test_day_of_a_statement_is_not_the_day_of_the_talks():
    ms = _meetings(LATER + "Freedonia and Sylvania on Tuesday issued a joint statement about the fifth round of talks.")
    assert all(m.date != dt.date(2024, 3, 12) for m in ms)


def test_month_and_day_range_is_a_day_not_a_month():
    hits = find_dates("The next round will take place from October 17 to 20 in Lima.", dt.date(2024, 9, 1))
    assert hits[0].date == dt.date(2024, 10, 17) and hits[0].precision == "day"


def test_month_last_year_is_that_month_of_the_year_before():
    hits = find_dates("The two men last met in February last year.", dt.date(2024, 3, 14))
    assert [(h.date, h.precision) for h in hits] == [(dt.date(2023, 2, 1), "month")]


def test_they_may_meet_again_is_upcoming_not_held():
    ms = _meetings(
        "Talks between the two leaders ended without a deal in Lusaka, but they may meet again, "
        "possibly as early as next week in Harare."
    )
    assert sorted((m.location, m.status) for m in ms) == [("Harare", "proposed"), ("Lusaka", "held")]


def test_scheduled_for_a_city_is_the_venue():
    ms = _meetings(
        "The truce was declared ahead of a conference on the region, scheduled for Madrid at the end of the month."
    )
    assert ("Madrid", "scheduled") in [(m.location, m.status) for m in ms]


def test_rounds_of_one_series_take_its_single_place():
    body = (
        "The next round of talks will take place from October 17 to 20 in Quito.\n"
        "The delegations have met in Quito on two previous occasions.\n"
        "Subsequently, the delegations held a day of talks from September 3 to 6."
    )
    ms = _meetings(body, "2024-10-08")
    assert (dt.date(2024, 9, 3), "Quito") in [(m.date, m.location) for m in ms]


def test_a_city_and_its_country_are_one_series_place():
    body = (
        "The next round of talks will take place from October 17 to 20 in Lima, Peru.\n"
        "The delegations have met in Peru on two previous occasions.\n"
        "The third meeting between the delegations took place between September 25 and 27."
    )
    ms = _meetings(body, "2024-10-08")
    third = [m for m in ms if m.date == dt.date(2024, 9, 25)]
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
        "The two leaders talked for an hour and agreed to have their negotiators resume talks next week."
    )
    upcoming = [m for m in ms if m.status == "scheduled"]
    assert [m.participants for m in upcoming] == [[]]


@pytest.mark.parametrize(
    ("published", "day"),
    [("2024-03-14", "2024-03-16"), ("2024-03-11", "2024-03-14"), ("2024-03-17", "2024-03-17")],
    ids=["thursday", "monday", "sunday"],
)
def test_a_coming_meeting_this_week_is_the_middle_of_the_rest_of_the_week(published, day):
    (m,) = _meetings("The foreign ministers will meet later this week in Geneva.", published)
    assert (m.status, str(m.date), m.date_precision) == ("scheduled", day, "week")
