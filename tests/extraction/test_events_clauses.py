"""Meetings and proposals: tense, clauses, recipients, anaphora (own sentences; 2024-03-14 is a Thursday)."""

import datetime as dt

from .helpers import run


def meetings(r):
    return [(m.kind, m.status, m.location, m.date) for m in r.meetings]


def test_will_hold_is_upcoming_and_reporting_date_is_not_the_meeting_date():
    r = run(
        "Peru and Chile will hold a fresh round of talks in Lima on Tuesday, the mediators said on Thursday.",
        published="2024-03-14",
    )
    assert meetings(r) == [("talks", "scheduled", "Lima", dt.date(2024, 3, 19))]
    assert "Peru" in r.meetings[0].participants and "Chile" in r.meetings[0].participants


def test_sentence_initial_talks_postponed_take_the_coming_weekday():
    r = run(
        "Talks between Bolivia and Paraguay that were due to take place in Asuncion on Saturday have been "
        "postponed, Brazil's foreign ministry said on Thursday."
    )
    assert meetings(r) == [("talks", "postponed", "Asuncion", dt.date(2024, 3, 16))]
    assert set(r.meetings[0].participants) == {"Bolivia", "Paraguay"}


def test_a_date_belongs_to_the_meeting_of_its_own_clause():
    r = run(
        "Norwegian envoy Lars Dahl held a phone call with Sudanese Foreign Minister Ali Osman on Thursday and "
        "proposed a third round of direct talks in Oslo on April 2."
    )
    got = meetings(r)
    assert ("call", "held", None, dt.date(2024, 3, 14)) in got
    assert ("talks", "proposed", "Oslo", dt.date(2024, 4, 2)) in got


def test_talks_someone_has_proposed_for_a_weekday_look_forward():
    r = run(
        "Chad has submitted to Niger a plan for reopening the border crossings, ahead of a new round of talks "
        "that Niger has proposed for Monday in Niamey."
    )
    assert ("talks", "proposed", "Niamey", dt.date(2024, 3, 18)) in meetings(r)
    chad = [p for p in r.proposals if p.proposer == "Chad"]
    assert chad and chad[0].status == "submitted"
    assert chad[0].summary == "a plan for reopening the border crossings"


def test_recipient_is_dropped_from_the_summary():
    r = run("A day later, Eritrea handed Djibouti a counter-proposal on the disputed islands.")
    assert [(p.proposer, p.status, p.summary) for p in r.proposals] == [
        ("Eritrea", "submitted", "a counter-proposal on the disputed islands")
    ]


def test_meeting_of_the_presidents_is_a_proposed_summit():
    r = run(
        "Georgian Foreign Minister Nino Beridze, who led the delegation, said the next step should be a "
        "meeting of the two presidents."
    )
    assert meetings(r) == [("summit", "proposed", None, None)]


def test_bare_the_meeting_refers_back():
    r = run(
        "Envoys from Ghana and Togo met in Lome on Monday. Officials said Togo wanted to see the draft "
        "before the meeting."
    )
    assert meetings(r) == [("talks", "held", "Lome", dt.date(2024, 3, 11))]


def test_dateline_held_talks_same_day():
    text = (
        "Neighbours talk\n\nVIENNA, March 14 - Austria and Slovenia held talks in Vienna on Thursday but "
        "failed to agree on a border deal, officials said."
    )
    from extraction import extract

    r = extract(text, "2024-03-14")
    assert meetings(r) == [("talks", "held", "Vienna", dt.date(2024, 3, 14))]


def test_ahead_of_a_meeting_told_in_the_past_stays_held():
    r = run("Ahead of Tuesday's meeting in Rome, Italy and Malta unveiled a joint proposal on migration.")
    assert [(m.status, m.date) for m in r.meetings] == [("held", dt.date(2024, 3, 12))]


def test_meet_requirements_is_not_a_meeting():
    r = run("Most applicants must meet strict language and income requirements.")
    assert r.meetings == []


def test_in_two_weeks_is_a_day():
    r = run("The two sides agreed to meet again in two weeks.")
    assert [(m.status, m.date, m.date_precision) for m in r.meetings] == [("scheduled", dt.date(2024, 3, 28), "day")]


def test_parenthetical_between_meeting_and_its_verb():
    r = run("The summit, originally set for March 20 in Accra, was postponed indefinitely.")
    assert meetings(r) == [("summit", "postponed", "Accra", dt.date(2024, 3, 20))]


def test_spoke_by_hotline_is_a_call():
    r = run("The army chiefs of Peru and Ecuador spoke by hotline on Saturday and agreed to pull back troops.")
    assert [(m.kind, m.status, m.date) for m in r.meetings] == [("call", "held", dt.date(2024, 3, 9))]


def test_plan_put_forward_by_is_the_agents_proposal():
    r = run("Mali accepted the plan put forward by the African Union.")
    assert [(p.proposer, p.status) for p in r.proposals] == [("African Union", "accepted")]
    r = run("The ceasefire plan put forward by Ghana on Monday includes a prisoner swap.")
    assert [(p.proposer, p.status, p.summary) for p in r.proposals] == [("Ghana", "proposed", "The ceasefire plan")]


def test_the_proposal_rejected_later_closes_the_earlier_one():
    r = run("Qatar proposed a 60-day truce on Monday. Israel rejected the proposal on Tuesday.")
    assert [(p.proposer, p.status) for p in r.proposals] == [("Qatar", "rejected")]


def test_agreed_on_a_weekday_to_do_something():
    r = run("Laos and Vietnam agreed on Friday to reopen their border crossings.")
    assert [(p.status, p.summary) for p in r.proposals] == [("accepted", "reopen their border crossings")]


def test_a_date_right_after_another_meeting_phrase_is_that_meetings():
    r = run(
        "The foreign ministers of Peru and Chile will meet in Lima on Tuesday, officials said, after a round "
        "of talks in Quito last month ended without a deal."
    )
    got = {(m.status, m.location): (m.date, m.date_precision) for m in r.meetings}
    assert got[("scheduled", "Lima")] == (dt.date(2024, 3, 19), "day")
    assert got[("held", "Quito")] == (dt.date(2024, 2, 1), "month")
