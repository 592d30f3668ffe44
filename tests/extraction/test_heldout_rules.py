"""General rules found on invented wire articles about other negotiations (own sentences): the meetings
and proposals read from them. A row gives a text and what it expects (helpers.Expect): the fields that
pick the meetings (or proposals) it is about, how many of those there are (left out: at least one), and
the fields the first of them has. Published 2024-03-14, a Thursday."""

import pytest

from extraction import extract as extract_text

from .helpers import HEADLINE
from .helpers import D
from .helpers import Expect
from .helpers import Has
from .helpers import OneOf
from .helpers import run
from .helpers import upcoming

UPCOMING = {"status": OneOf("scheduled", "proposed")}

# (text, what it expects of the meetings)
MEETINGS = [
    pytest.param(
        "Chile and Peru will hold talks in Argentina on Monday, the mediator said. Both foreign ministers "
        "are expected to attend the meeting in Cordoba.",
        Expect(UPCOMING, 1, location="Cordoba", date=D(2024, 3, 18)),
        id="country_venue_becomes_the_city_named_for_the_same_meeting",
    ),
    pytest.param(
        "French President Henri Dumas said on Tuesday he had spoken to both rebel leaders by phone.",
        Expect({"kind": "call"}, 1, status="held", date=D(2024, 3, 12), participants=Has("Henri Dumas")),
        id="call_reported_in_the_same_clause_takes_the_reporting_day",
    ),
    pytest.param(
        "The foreign minister said on Thursday she had spoken with her Greek counterpart by phone on Monday.",
        Expect({"kind": "call"}, 1, date=D(2024, 3, 11)),
        id="call_with_its_own_date_keeps_it",
    ),
    pytest.param(
        "The two sides agreed on Wednesday to resume border negotiations in Nairobi next week, the "
        "mediators said. A new round of talks is scheduled to open in Nairobi on March 20, an official said.",
        Expect(UPCOMING, 1, location="Nairobi", date=D(2024, 3, 20), date_precision="day"),
        id="next_week_yields_to_an_exact_day",
    ),
    # next week is 18-24 March, given as its middle, Wednesday 20
    pytest.param(
        "The two sides agreed on Wednesday to resume border negotiations in Nairobi next week.",
        Expect(UPCOMING, 1, date=D(2024, 3, 20), date_precision="week"),
        id="next_week_alone_is_the_middle_of_that_week",
    ),
    pytest.param(
        "An earlier meeting of the two leaders took place in Sofia in May.",
        Expect({"status": "held"}, date=D(2023, 5, 1), date_precision="month"),
        id="in_may_is_a_month",
    ),
    pytest.param(
        "Turkish Foreign Minister Emre Kaya, who visited Tbilisi last month, said talks would resume.",
        Expect({"kind": "visit"}, location="Tbilisi"),
        id="visit_takes_the_place_visited",
    ),
    pytest.param(
        "The two presidents will meet at the Kremlin on Friday, officials said.",
        Expect(UPCOMING, location="Kremlin, Moscow"),
        id="seat_of_government_venue_names_its_city",
    ),
    pytest.param(
        "Envoys from both sides will meet in Oslo next month, President Lina Varga said on Thursday, "
        "a day after a rare phone call with Norwegian Prime Minister Erik Dahl.",
        Expect({"kind": "call"}, date=D(2024, 3, 13), status="held", participants=["Lina Varga", "Erik Dahl"]),
        id="a_day_after_a_call_dates_it_before_the_reference_day",
    ),
    pytest.param(
        "The ministers met in Rome on Tuesday, two days before a summit in Paris.",
        Expect({"kind": "summit"}, date=D(2024, 3, 14)),
        id="two_days_before_a_summit_dates_the_summit_after_the_reference_day",
    ),
    pytest.param(
        "Chancellor Otto Brenn spoke on Monday, a week after a phone call with President Ida Sola.",
        Expect({"kind": "call"}, date=D(2024, 3, 4), participants=["Otto Brenn", "Ida Sola"]),
        id="a_week_after_a_call_dates_it_before_the_reference_day",
    ),
    pytest.param(
        "A summit between Latvian President Ivo Berzins and Estonian Prime Minister Kai Tamm, originally "
        "set for Friday in Riga, has been postponed until next month, according to two diplomats.",
        Expect({"kind": "summit"}, status="postponed", location="Riga"),
        id="summit_between_two_leaders_with_a_parenthetical_is_postponed",
    ),
    pytest.param(
        "According to UN envoy Pia Holm, the rebel commander spoke separately by phone with "
        "Minister Jonas Berg on Monday.",
        Expect({"kind": "call"}, participants=Has("Jonas Berg", lacks=("Pia Holm",))),
        id="according_to_source_is_not_a_call_party",
    ),
    pytest.param(
        "The plan, seen by reporters, calls for a truce, the release of detainees and a meeting between "
        "the two foreign ministers.",
        Expect({"status": "held"}, 0),
        id="a_meeting_asked_for_in_a_list_is_not_held",
    ),
]


@pytest.mark.parametrize(("body", "expect"), MEETINGS)
def test_meeting(body, expect):
    expect.check(run(body).meetings)


@pytest.mark.parametrize(
    ("dateline", "venue"),
    [
        pytest.param("NAIROBI", "Nairobi", id="country_venue_becomes_the_dateline_city"),
        pytest.param("ADDIS ABABA", "Kenya", id="country_venue_stays_without_a_city_of_that_country"),
    ],
)
def test_country_venue_and_the_dateline_city(dateline, venue):
    r = extract_text(
        f"Border talks set\n{dateline}, March 14 (Reuters) - Ethiopia and Eritrea will hold border talks "
        "in Kenya on Friday, a mediator said.\n",
        "2024-03-14",
    )
    up = upcoming(r)
    assert up and up[0].location == venue


OWNED_BY_A_DEMONYM_OR_ABBREVIATION = (
    "Venezuela's oil minister, Rafael Ortega, rejected a U.S. demand to open the fields to inspectors. "
    "Caracas also turned down a Colombian offer of mediation."
)

# (headline, text, what it expects of the proposals)
PROPOSALS = [
    pytest.param(
        HEADLINE,
        OWNED_BY_A_DEMONYM_OR_ABBREVIATION,
        Expect({"proposer": "United States", "status": "rejected"}),
        id="proposal_owned_by_an_abbreviated_country",
    ),
    pytest.param(
        HEADLINE,
        OWNED_BY_A_DEMONYM_OR_ABBREVIATION,
        Expect({"proposer": "Colombia", "status": "rejected"}),
        id="proposal_owned_by_a_demonym",
    ),
    pytest.param(
        HEADLINE,
        "Qatari mediator Khalid bin Nasser said on Monday that both teams had accepted his proposal "
        "for a prisoner exchange.",
        Expect({"status": "accepted"}, proposer="Khalid bin Nasser"),
        id="his_proposal_is_the_antecedents",
    ),
    pytest.param(
        HEADLINE,
        "Rebel spokesman Tomas Ruiz said the movement rejected new Colombian conditions for the talks.",
        Expect({"proposer": "Colombia", "status": "rejected"}),
        id="rejected_conditions_of_a_country",
    ),
    pytest.param(
        HEADLINE,
        "The envoys reviewed a phased proposal put forward by Norway, a diplomat said.",
        Expect({"proposer": "Norway"}, summary="a phased proposal"),
        id="passive_proposal_summary_is_the_nearest_noun_phrase",
    ),
    # the capital stands for the state
    pytest.param(
        HEADLINE,
        "Greek Foreign Minister Nikos Pappas said Athens had offered to host the next round of talks. "
        "Ankara turned down the Greek offer, according to a Turkish diplomat.",
        Expect({}, 1, proposer="Greece", status="rejected"),
        id="definite_owner_noun_closes_the_earlier_proposal",
    ),
    pytest.param(
        HEADLINE,
        "The rebels said Bogota had proposed a three-day truce on Tuesday.",
        Expect({"status": "proposed"}, summary="a three-day truce", date=D(2024, 3, 12)),
        id="proposal_summary_drops_its_own_date",
    ),
    pytest.param(
        "Denmark and Norway fishing talks stall",
        "A senior Danish official said Copenhagen had rejected Oslo's request to reopen the fishing zone.",
        Expect({"status": "rejected"}, proposer=OneOf("Oslo", "Norway"), summary="to reopen the fishing zone"),
        id="possessive_request_names_the_proposer",
    ),
    pytest.param(
        HEADLINE,
        "Envoy Lars Moe told reporters that the EU had offered a new timetable for the handover of the port. "
        "Moldova rejected the timetable, a spokesman said on Wednesday.",
        Expect({"summary": Has("timetable")}, proposer="EU", status="rejected"),
        id="offered_timetable_later_rejected",
    ),
]


@pytest.mark.parametrize(("headline", "body", "expect"), PROPOSALS)
def test_proposal(headline, body, expect):
    expect.check(run(body, headline=headline).proposals)
