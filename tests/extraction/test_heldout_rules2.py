"""More general rules from invented wire articles (own sentences)."""

from .helpers import D
from .helpers import first_meeting
from .helpers import person
from .helpers import run


def test_family_name_that_is_an_english_word_after_a_title():
    r = run(
        "Vietnam's trade ministry said Deputy Minister Long Tranh would lead the team. "
        '"We are ready," ministry spokesman Say Minh told reporters in Hanoi.',
        headline="Vietnam and Japan to hold talks",
    )
    assert person(r, "Long Tranh").country == "VN"
    assert person(r, "Say Minh").country == "VN"
    # after a title only: "He said" stays a pronoun
    r = run("Minister Ana Pires arrived. He said the talks went well.")
    assert not any(a.name.startswith("He ") for a in r.actors)


def test_a_day_after_a_call_dates_it_before_the_reference_day():
    # published 2024-03-14 is a Thursday
    r = run(
        "Envoys from both sides will meet in Oslo next month, President Lina Varga said on Thursday, "
        "a day after a rare phone call with Norwegian Prime Minister Erik Dahl."
    )
    call = first_meeting(r, "call")
    assert call.date == D(2024, 3, 13)
    assert call.status == "held"
    assert call.participants == ["Lina Varga", "Erik Dahl"]


def test_two_days_before_and_a_week_after():
    r = run("The ministers met in Rome on Tuesday, two days before a summit in Paris.")
    assert first_meeting(r, "summit").date == D(2024, 3, 14)
    r = run("Chancellor Otto Brenn spoke on Monday, a week after a phone call with President Ida Sola.")
    assert first_meeting(r, "call").date == D(2024, 3, 4)


def test_possessive_request_names_the_proposer():
    r = run(
        "A senior Danish official said Copenhagen had rejected Oslo's request to reopen the fishing zone.",
        headline="Denmark and Norway fishing talks stall",
    )
    p = [p for p in r.proposals if p.status == "rejected"]
    assert p and p[0].proposer in ("Oslo", "Norway")
    assert p[0].summary == "to reopen the fishing zone"


def test_summit_between_two_leaders_with_a_parenthetical_is_postponed():
    r = run(
        "A summit between Latvian President Ivo Berzins and Estonian Prime Minister Kai Tamm, originally "
        "set for Friday in Riga, has been postponed until next month, according to two diplomats."
    )
    m = first_meeting(r, "summit")
    assert m.status == "postponed"
    assert m.location == "Riga"


def test_according_to_source_is_not_a_call_party():
    r = run(
        "According to UN envoy Pia Holm, the rebel commander spoke separately by phone with "
        "Minister Jonas Berg on Monday."
    )
    call = first_meeting(r, "call")
    assert "Pia Holm" not in call.participants
    assert "Jonas Berg" in call.participants


def test_offered_timetable_later_rejected():
    r = run(
        "Envoy Lars Moe told reporters that the EU had offered a new timetable for the handover of the port. "
        "Moldova rejected the timetable, a spokesman said on Wednesday."
    )
    p = [p for p in r.proposals if "timetable" in p.summary]
    assert p and p[0].proposer == "EU" and p[0].status == "rejected"


def test_a_meeting_asked_for_in_a_list_is_not_held():
    r = run(
        "The plan, seen by reporters, calls for a truce, the release of detainees and a meeting between "
        "the two foreign ministers.",
        published="2024-03-14",
    )
    assert not [m for m in r.meetings if m.status == "held"]
