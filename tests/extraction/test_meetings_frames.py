"""Meeting frames on the project's own invented sentences (issue 11): one rule, one test."""

from __future__ import annotations

import datetime as dt

import pytest

from extraction import extract
from extraction.dates import find_dates

PUB = "2024-03-14"  # a Thursday


def _meetings(body: str, pub: str = PUB):
    return extract("Envoys meet\n" + body, pub).meetings


# (text, published, the fields read from each meeting, their values for each meeting found, in order)
MEETINGS = [
    pytest.param(
        "He said regional leaders had urged the two rivals to keep negotiating and meet in Harare soon.",
        "2024-03-14",
        ("location", "status"),
        [("Harare", "proposed")],
        id="urged_to_meet_is_asked_for_not_held",
    ),
    pytest.param(
        "The statement said the next round of talks will be held as soon as possible.",
        "2024-03-14",
        ("status", "date"),
        [("scheduled", None)],
        id="the_next_round_is_a_new_event_even_after_the",
    ),
    pytest.param(
        "The president said he expected to speak with Prime Minister Ana Duarte this week.",
        "2024-03-14",
        ("kind", "status"),
        [("call", "scheduled")],
        id="expecting_to_speak_with_someone_is_an_upcoming_call",
    ),
    # published on Saturday 20 July: next week is 22-28 July, given as its middle, Wednesday 24
    pytest.param(
        "The minister said he will meet his counterpart next week in Oslo and discuss an extension "
        "of an August 12 deadline for a deal.",
        "2024-07-20",
        ("location", "date"),
        [("Oslo", dt.date(2024, 7, 24))],
        id="deadline_date_is_not_the_meeting_date",
    ),
    pytest.param(
        "The border has been quiet.\nTrade resumed.\n"
        "The Lima talks come after a truce saw a lull in the fighting on Sunday.",
        "2024-03-14",
        ("location", "date"),
        [("Lima", None)],
        id="day_in_a_subordinate_clause_after_the_meeting_noun_is_another_event",
    ),
    pytest.param(
        "Ministers at the end of two-day talks in Quito on Saturday urged calm.\n"
        "The minister was not present at the talks Friday.",
        "2024-03-17",
        ("location", "status"),
        [("Quito", "held")],
        id="two_day_talks_are_one_meeting_over_both_days",
    ),
    pytest.param(
        "Chile will host the bloc's annual leaders' summit later this year.",
        "2024-03-14",
        ("location", "status"),
        [("Chile", "scheduled")],
        id="host_state_at_the_head_of_the_sentence_is_the_venue",
    ),
    pytest.param(
        "Mr. Ortega told reporters that he would speak with Mr. Varga this week.",
        "2024-03-14",
        ("kind", "status"),
        [("call", "scheduled")],
        id="he_would_speak_with_someone_is_an_upcoming_call",
    ),
    pytest.param(
        "The defence minister said he will call his Peruvian and Chilean counterparts to discuss the details.",
        "2024-03-14",
        ("kind", "status"),
        [("call", "scheduled")],
        id="will_call_his_counterparts_is_an_upcoming_call",
    ),
    pytest.param(
        "The envoy will afterward travel to Chile to meet with the prime minister.",
        "2024-03-14",
        ("location", "status"),
        [("Chile", "scheduled")],
        id="travel_to_a_country_to_meet_makes_it_the_venue",
    ),
    pytest.param(
        "Army and rebel commanders have begun discussion to implement the peace deal.",
        "2024-03-14",
        ("kind", "status"),
        [("talks", "held")],
        id="having_begun_a_discussion_is_a_held_meeting",
    ),
    pytest.param(
        "The border has been quiet.\nTrade resumed.\n"
        "The envoy, a key figure in brokering the peace deal last week, is facilitating the "
        "commanders' meeting in Lima.",
        "2024-03-14",
        ("location", "date"),
        [("Lima", None)],
        id="a_day_inside_an_appositive_is_not_the_meeting_day",
    ),
]


@pytest.mark.parametrize(("body", "published", "fields", "expected"), MEETINGS)
def test_meetings_found(body, published, fields, expected):
    assert [tuple(getattr(m, f) for f in fields) for m in _meetings(body, published)] == expected


# texts that tell of no meeting at all
NO_MEETING = [
    pytest.param(
        "Pressure for peace negotiations is mounting as the winter approaches.",
        id="negotiations_in_general_are_no_meeting",
    ),
    pytest.param(
        "It sets out a roadmap for a ceasefire, negotiations, confidence-building measures and elections.",
        id="bare_negotiations_in_a_list_is_no_meeting",
    ),
    pytest.param(
        "The rebel leader signed the ceasefire agreement, the mediator said.",
        id="signing_without_a_place_or_by_one_party_is_no_meeting",
    ),
    pytest.param(
        "The border has been quiet.\nTrade resumed.\n"
        "After a long day of meetings and side meetings, the envoy said the mediator should return.",
        id="a_day_of_meetings_is_activity_not_an_event",
    ),
    pytest.param(
        "The border has been quiet.\nTrade resumed.\n"
        "It sets out Lima's roadmap for a ceasefire, confidence-building measures and a possible meeting of leaders.",
        id="a_meeting_listed_in_a_plans_contents_is_part_of_the_plan",
    ),
]


@pytest.mark.parametrize("body", NO_MEETING)
def test_no_meeting(body):
    assert _meetings(body) == []


# (text, a place that must not be the venue of any meeting found)
NOT_THE_VENUE = [
    pytest.param(
        "The embassy in Lima did not respond to a request to confirm the planned meetings.",
        "Lima",
        id="embassy_in_a_city_is_not_the_venue",
    ),
    pytest.param(
        "The border has been quiet.\nTrade resumed.\n"
        "Peru was represented by its foreign minister, who thanked the Chilean president for hosting the talks.",
        "Peru",
        id="thanking_someone_for_hosting_does_not_make_the_speaker_the_host",
    ),
    pytest.param(
        "The talks between the foreign ministers on the situation in Patagonia were held behind closed doors.",
        "Patagonia",
        id="the_situation_in_a_region_is_the_topic_not_the_venue",
    ),
    pytest.param(
        "The border has been quiet.\nTrade resumed.\n"
        "In talks so far, Peru has agreed to restart shipments of engines to Chile.",
        "Chile",
        id="goods_sent_to_a_country_do_not_make_it_the_venue",
    ),
]


@pytest.mark.parametrize(("body", "place"), NOT_THE_VENUE)
def test_not_the_venue(body, place):
    assert all(m.location != place for m in _meetings(body))


# (text, published): the meetings found have no date
NO_DATE = [
    pytest.param(
        "These talks in Lima have been going on since last year.",
        "2024-03-14",
        id="since_last_year_gives_no_day",
    ),
    pytest.param(
        "The border has been quiet.\nTrade resumed.\n"
        "But the ministerial meeting in Quito has been overshadowed by the crisis, "
        "which has lasted since the coup in February 2021.",
        "2024-03-14",
        id="since_date_is_the_start_of_a_state_not_the_meeting_day",
    ),
    pytest.param(
        "The border has been quiet.\nTrade resumed.\n"
        "Delegations held their first face-to-face talks since March in a bid to end the impasse.",
        "2024-07-13",
        id="first_talks_since_a_month_give_no_month",
    ),
]


@pytest.mark.parametrize(("body", "published"), NO_DATE)
def test_no_date(body, published):
    assert all(m.date is None for m in _meetings(body, published))


def test_place_described_before_it_is_named():
    ms = _meetings("Delegations from Freedonia and Sylvania met in the Tunisian resort city of Hammamet on Monday.")
    assert [(m.location, m.status, str(m.date)) for m in ms] == [("Hammamet", "held", "2024-03-11")]


def test_capital_apposition_with_a_comma():
    ms = _meetings("The two envoys met in the Kenyan capital, Nairobi, on Tuesday.")
    assert ms[0].location == "Nairobi"


def test_day_of_a_statement_is_not_the_day_of_the_talks():
    # third paragraph: the lead's day fallback (test below) does not apply
    ms = _meetings(
        "The border has been quiet.\nTrade resumed.\n"
        "Freedonia and Sylvania on Tuesday issued a joint statement about the fifth round of talks."
    )
    assert all(m.date != dt.date(2024, 3, 12) for m in ms)


def test_month_and_day_range_is_a_day_not_a_month():
    hits = find_dates("The next round will take place from October 17 to 20 in Lima.", dt.date(2024, 9, 1))
    assert hits[0].date == dt.date(2024, 10, 17) and hits[0].precision == "day"


def test_one_called_off_summit_is_one_meeting():
    ms = _meetings(
        "A summit of the two presidents was due to take place in Lusaka on Sunday. "
        "The talks will not take place, the host's spokesman announced. "
        "Sunday's summit was cancelled at the last minute.",
        "2024-03-17",
    )
    assert len(ms) == 1
    assert ms[0].status == "cancelled" and ms[0].location == "Lusaka" and str(ms[0].date) == "2024-03-17"


def test_something_agreed_at_a_meeting_tells_the_meeting_was_held():
    ms = _meetings(
        "Freedonia and Sylvania agreed to open a joint office in Lima at a three-way meeting "
        "in the Peruvian capital on Wednesday, the mediator said.",
        "2024-03-14",
    )
    assert [m.status for m in ms] == ["held"]


def test_held_a_long_discussion_is_a_meeting():
    ms = _meetings(
        "The deputy minister held a six-hour security discussion with her counterpart in Vienna on March 11."
    )
    assert [(m.location, str(m.date), m.status) for m in ms] == [("Vienna", "2024-03-11", "held")]


def test_lead_meeting_without_a_day_takes_the_lead_day():
    body = (
        "The two leaders reached a deal on the border, the mediator said on Tuesday.\n"
        "The agreement came after nine hours of talks between the two leaders in Vienna."
    )
    ms = _meetings(body)
    assert [(m.location, str(m.date)) for m in ms] == [("Vienna", "2024-03-12")]


def test_month_last_year_is_that_month_of_the_year_before():
    hits = find_dates("The two men last met in February last year.", dt.date(2024, 3, 14))
    assert [(h.date, h.precision) for h in hits] == [(dt.date(2023, 2, 1), "month")]


def test_they_may_meet_again_is_upcoming_not_held():
    ms = _meetings(
        "Talks between the two leaders ended without a deal in Lusaka, but they may meet again, "
        "possibly as early as next week in Harare."
    )
    assert sorted((m.location, m.status) for m in ms) == [("Harare", "proposed"), ("Lusaka", "held")]


def test_a_dateline_day_at_the_head_of_the_lead_is_not_the_event_day():
    body = (
        "12 Mar 2024; WIRE: The two leaders reached a deal on the border, the mediator said on Monday.\n"
        "The agreement came after nine hours of talks between the two leaders in Vienna."
    )
    ms = _meetings(body)
    assert [(m.location, str(m.date)) for m in ms] == [("Vienna", "2024-03-11")]


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


def test_place_name_with_an_apostrophe():
    ms = _meetings("On Saturday, the envoy held talks in Sana’a with the rebel leaders.", "2024-03-17")
    assert [(m.location, str(m.date)) for m in ms] == [("Sana’a", "2024-03-16")]


def test_the_old_plan_of_a_moved_meeting_is_no_event():
    body = (
        "A border meeting is expected to be held in Lima on Thursday, the minister said.\n"
        "The meeting was originally planned for tomorrow in Quito."
    )
    ms = _meetings(body)
    assert [m.location for m in ms] == ["Lima"]


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


def test_two_leaders_signing_in_a_named_place_is_a_summit():
    ms = _meetings(
        "President Luis Ortega and the rebel leader, Ana Varga, signed in Lima on Tuesday evening "
        "an agreement on peace.",
        "2024-03-14",
    )
    assert [(m.kind, m.location, str(m.date), m.status) for m in ms] == [("summit", "Lima", "2024-03-12", "held")]


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


def test_signing_by_a_leader_and_a_long_described_party_in_a_place():
    ms = _meetings(
        "Peruvian President Luis Ortega and the leader of the former rebel movement, Ana Varga, "
        "signed in Lima on Tuesday evening an agreement on peace.",
        "2024-03-14",
    )
    assert [(m.kind, m.location, str(m.date)) for m in ms] == [("summit", "Lima", "2024-03-12")]


def test_a_zoom_meeting_is_a_call():
    ms = _meetings("After that, we will have a zoom meeting involving all three defence ministers.")
    assert [m.kind for m in ms] == ["call"]


def test_a_future_return_to_a_country_is_an_upcoming_visit():
    ms = _meetings("The UN chief will return to Switzerland on Thursday to try to save the talks.", "2024-03-12")
    assert [(m.kind, m.location, m.status, str(m.date)) for m in ms] == [
        ("visit", "Switzerland", "scheduled", "2024-03-14")
    ]


def test_a_past_return_home_is_no_visit():
    ms = _meetings(
        "The border has been quiet.\nTrade resumed.\nThe minister, who returned to Lima from Quito on Friday, "
        "told reporters the forum was over."
    )
    assert all(m.kind != "visit" for m in ms)


def test_telephone_exchanges_are_calls():
    ms = _meetings(
        "The border has been quiet.\nTrade resumed.\n"
        "The two generals agreed to meet in Lima during their telephone exchanges."
    )
    assert "call" in [m.kind for m in ms]


def test_a_named_palace_is_the_venue_when_no_town_is_named():
    ms = _meetings(
        "The envoy handed the president the text, an aide said following the brief meeting at Ortega Palace."
    )
    assert [m.location for m in ms] == ["Ortega Palace"]


def test_a_palace_and_the_town_are_one_meeting_named_by_the_town():
    body = "Delegations held talks in Lima on Friday.\nThe meeting at Torre Tagle Palace lasted less than two hours."
    ms = _meetings(body, "2024-03-16")
    assert [(m.location, str(m.date)) for m in ms] == [("Lima", "2024-03-15")]


def test_talking_on_the_phone_is_a_call_not_a_meeting():
    ms = _meetings("The two presidents talked on the phone on Monday and agreed to meet in Lima next month.")
    assert [(m.kind, m.status, str(m.date)) for m in ms] == [
        ("call", "held", "2024-03-11"),
        ("talks", "scheduled", "2024-04-01"),
    ]
    assert ms[0].location is None


def test_speaking_by_phone_later_is_an_upcoming_call():
    (m,) = _meetings("Ortega will speak by phone with Varga on Friday.")
    assert (m.kind, m.status, str(m.date)) == ("call", "scheduled", "2024-03-15")


def test_a_plan_told_in_the_past_is_part_of_the_called_off_summit():
    ms = _meetings(
        "A summit between Chile and Peru planned for March 20 in Lima has been cancelled. "
        "The Lima summit was meant to seal the deal."
    )
    assert [(m.kind, m.status, m.location, str(m.date)) for m in ms] == [("summit", "cancelled", "Lima", "2024-03-20")]


def test_a_plan_told_in_the_past_is_not_held():
    (m,) = _meetings("The summit in Lima was to be the first meeting of the two leaders.")
    assert (m.status, m.date) == ("scheduled", None)


def test_called_off_after_a_place_and_a_parenthetical():
    (m,) = _meetings("The talks in Lima, which were meant to end the dispute, were postponed until next month.")
    assert (m.status, m.location) == ("postponed", "Lima")


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
