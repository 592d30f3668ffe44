import datetime as dt

from .helpers import first_meeting
from .helpers import run
from .helpers import upcoming


def meetings(r):
    return [(m.kind, m.status, m.location, m.date) for m in r.meetings]


def test_held_talks_with_location_and_weekday():
    r = run("Negotiators from Armenia and Azerbaijan held talks in Almaty on Monday.")
    assert ("talks", "held", "Almaty", dt.date(2024, 3, 11)) in meetings(r)


def test_scheduled_meeting():
    r = run("The two delegations are due to meet in Geneva on Monday.")
    m = r.meetings[0]
    assert (m.status, m.location, m.date) == ("scheduled", "Geneva", dt.date(2024, 3, 18))


def test_proposed_meeting():
    r = run("Serbia proposed a new round of talks in Brussels, suggesting a meeting next Tuesday.")
    m = r.meetings[0]
    assert m.status == "proposed"
    assert m.location == "Brussels"
    assert m.date == dt.date(2024, 3, 19)


def test_postponed_and_cancelled():
    r = run("The summit in Lusaka was postponed. A second meeting in Harare was cancelled on Friday.")
    statuses = {m.location: m.status for m in r.meetings}
    assert statuses.get("Lusaka") == "postponed"
    assert statuses.get("Harare") == "cancelled"


def test_phone_call_is_a_call_without_location():
    r = run("Chinese President Li Wen held a phone call with his French counterpart on Wednesday.")
    call = first_meeting(r, "call")
    assert call.status == "held" and call.date == dt.date(2024, 3, 13)
    assert call.location is None


def test_dateline_gives_location_of_held_meeting():
    text = "Envoys meet\n\nLUANDA, March 13 - Angolan and Congolese envoys met on Wednesday behind closed doors."
    from extraction import extract

    r = extract(text, "2024-03-14")
    assert r.meetings[0].location == "Luanda"
    assert r.meetings[0].status == "held"


def test_first_round_weeks_ago_and_later_this_month():
    r = run("The first round of talks took place two weeks ago in Doha. A second round is expected later this month.")
    held = [m for m in r.meetings if m.status == "held"]
    up = upcoming(r)
    assert held and held[0].date == dt.date(2024, 2, 29) and held[0].location == "Doha"
    assert up and up[0].date_precision == "month"


def test_proposal_statuses_and_proposers():
    r = run(
        "Moldova proposed a prisoner exchange on Tuesday. Ukraine submitted a draft roadmap to the "
        "mediators. The rebels rejected a proposal by Kenya for a ceasefire."
    )
    got = {(p.proposer, p.status) for p in r.proposals}
    assert ("Moldova", "proposed") in got
    assert ("Ukraine", "submitted") in got
    assert ("Kenya", "rejected") in got
    moldova = [p for p in r.proposals if p.proposer == "Moldova"][0]
    assert moldova.date == dt.date(2024, 3, 12)


def test_modal_mention_is_not_a_proposal():
    r = run("Officials insisted Georgia must also present a formal proposal.")
    assert r.proposals == []


def test_proposal_refused_later_in_sentence():
    r = run(
        "The opposition had proposed that exiled leaders be allowed to return, a demand the government "
        "has until now refused."
    )
    assert [(p.proposer, p.status) for p in r.proposals] == [("opposition", "rejected")]


def test_accepted_proposal():
    r = run("Kosovo accepted the plan put forward by the European Union.")
    assert any(p.status == "accepted" for p in r.proposals)
