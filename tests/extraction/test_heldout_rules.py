"""General rules found on invented wire articles about other negotiations (own sentences)."""

import pytest

from extraction import extract as extract_text

from .helpers import D
from .helpers import find_quote
from .helpers import first_meeting
from .helpers import person
from .helpers import run
from .helpers import upcoming


def test_unprefixed_surname_resolves_to_full_name():
    r = run(
        "Libyan commander Khalifa Omar al-Dabbashi said on Monday his men would withdraw. "
        '"We keep our word," Dabbashi told reporters.'
    )
    s = find_quote(r, "We keep our word")
    assert s.speaker_name == "Khalifa Omar al-Dabbashi"
    assert [a.name for a in r.actors if a.kind == "person"] == ["Khalifa Omar al-Dabbashi"]


def test_speaker_span_has_no_main_clause_verb():
    r = run(
        "The navy's commander, Admiral Ruslan Bekov, rejected an offer by the rebels for a weekly "
        'prisoner swap, calling it "a stunt for the cameras."'
    )
    s = find_quote(r, "a stunt for the cameras")
    assert s.speaker_name == "Ruslan Bekov"
    assert "rejected" not in s.speaker
    assert "Bekov" in s.speaker


def test_participle_appositive_is_still_kept():
    r = run('"We will not sign," said Tomas Varga, elected last year as the party\'s leader.')
    s = find_quote(r, "We will not sign")
    assert s.speaker_name == "Tomas Varga"
    assert "elected last year" in s.speaker


def test_country_venue_becomes_the_city_named_for_the_same_meeting():
    r = run(
        "Chile and Peru will hold talks in Argentina on Monday, the mediator said. Both foreign ministers "
        "are expected to attend the meeting in Cordoba."
    )
    up = upcoming(r)
    assert len(up) == 1 and up[0].location == "Cordoba"
    assert up[0].date == D(2024, 3, 18)


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


def test_call_reported_in_the_same_clause_takes_the_reporting_day():
    # 2024-03-14 is a Thursday: "on Tuesday" is 2024-03-12
    r = run("French President Henri Dumas said on Tuesday he had spoken to both rebel leaders by phone.")
    calls = [m for m in r.meetings if m.kind == "call"]
    assert len(calls) == 1
    assert calls[0].status == "held" and calls[0].date == D(2024, 3, 12)
    assert "Henri Dumas" in calls[0].participants


def test_call_with_its_own_date_keeps_it():
    r = run("The foreign minister said on Thursday she had spoken with her Greek counterpart by phone on Monday.")
    assert first_meeting(r, "call").date == D(2024, 3, 11)


def test_next_week_has_week_precision_and_yields_to_an_exact_day():
    r = run(
        "The two sides agreed on Wednesday to resume border negotiations in Nairobi next week, the "
        "mediators said. A new round of talks is scheduled to open in Nairobi on March 20, an official said."
    )
    up = upcoming(r)
    assert len(up) == 1
    assert up[0].location == "Nairobi" and up[0].date == D(2024, 3, 20) and up[0].date_precision == "day"


def test_next_week_alone():
    r = run("The two sides agreed on Wednesday to resume border negotiations in Nairobi next week.")
    up = upcoming(r)
    # published on Thursday 14 March: next week is 18-24 March, given as its middle, Wednesday 20
    assert len(up) == 1 and up[0].date == D(2024, 3, 20) and up[0].date_precision == "week"


def test_proposal_owned_by_a_demonym_or_abbreviated_country():
    r = run(
        "Venezuela's oil minister, Rafael Ortega, rejected a U.S. demand to open the fields to inspectors. "
        "Caracas also turned down a Colombian offer of mediation."
    )
    got = {(p.proposer, p.status) for p in r.proposals}
    assert ("United States", "rejected") in got
    assert ("Colombia", "rejected") in got


def test_his_proposal_is_the_antecedents():
    r = run(
        "Qatari mediator Khalid bin Nasser said on Monday that both teams had accepted his proposal "
        "for a prisoner exchange."
    )
    props = [p for p in r.proposals if p.status == "accepted"]
    assert props and props[0].proposer == "Khalid bin Nasser"


def test_passive_proposal_summary_is_the_nearest_noun_phrase():
    r = run("The envoys reviewed a phased proposal put forward by Norway, a diplomat said.")
    props = [p for p in r.proposals if p.proposer == "Norway"]
    assert props and props[0].summary == "a phased proposal"


def test_rejected_conditions_of_a_country():
    r = run("Rebel spokesman Tomas Ruiz said the movement rejected new Colombian conditions for the talks.")
    assert ("Colombia", "rejected") in {(p.proposer, p.status) for p in r.proposals}


def test_institution_word_before_a_title():
    r = run(
        "European Council President Marta van den Broek met Chilean officials on Monday. "
        '"We are ready," van den Broek told reporters.'
    )
    p = person(r, "Marta van den Broek")
    assert p.country == "EU"
    assert find_quote(r, "We are ready").speaker_name == "Marta van den Broek"


def test_lowercase_title_run_is_kept_whole():
    r = run(
        "Kenya's acting foreign minister, Amina Wekesa, arrived on Monday. Palace press secretary "
        "Juma Otieno said the talks would go ahead."
    )
    assert person(r, "Amina Wekesa").title == "acting foreign minister"
    assert person(r, "Juma Otieno").title == "press secretary"


def test_in_may_is_a_month():
    r = run("An earlier meeting of the two leaders took place in Sofia in May.")
    held = [m for m in r.meetings if m.status == "held"]
    assert held and held[0].date == D(2023, 5, 1) and held[0].date_precision == "month"


def test_speaker_title_run_stops_at_the_previous_sentence():
    r = run(
        "The offer came from an aide to Petrov. Serbian opposition leader Milan Ilic warned that the plan "
        '"sells out the north."'
    )
    s = find_quote(r, "sells out the north")
    assert s.speaker_name == "Milan Ilic"
    assert not s.speaker.startswith("Petrov")


def test_visit_takes_the_place_visited():
    r = run("Turkish Foreign Minister Emre Kaya, who visited Tbilisi last month, said talks would resume.")
    assert first_meeting(r, "visit").location == "Tbilisi"


def test_seat_of_government_venue_names_its_city():
    r = run("The two presidents will meet at the Kremlin on Friday, officials said.")
    up = upcoming(r)
    assert up and up[0].location == "Kremlin, Moscow"


def test_definite_owner_noun_closes_the_earlier_proposal():
    r = run(
        "Greek Foreign Minister Nikos Pappas said Athens had offered to host the next round of talks. "
        "Ankara turned down the Greek offer, according to a Turkish diplomat."
    )
    assert [(p.proposer, p.status) for p in r.proposals] == [("Greece", "rejected")]  # the capital stands for the state


def test_proposal_summary_drops_its_own_date():
    r = run("The rebels said Bogota had proposed a three-day truce on Tuesday.")
    props = [p for p in r.proposals if p.status == "proposed"]
    assert props and props[0].summary == "a three-day truce" and props[0].date == D(2024, 3, 12)
