"""Further patterns met in real news (own sentences)."""

import datetime as dt

from .helpers import find_quote
from .helpers import run


def test_party_state_parenthetical_does_not_block_attribution():
    r = run("\u201cThis deal will not survive the first winter,\u201d Sen. Carla Mendez (D-Ore.) said Friday.")
    s = find_quote(r, "first winter")
    assert s.speaker_name == "Carla Mendez"
    assert s.speaker == "Sen. Carla Mendez (D-Ore.)"
    assert s.date == dt.date(2024, 3, 8)


def test_the_noun_subject_of_a_reporting_verb_is_a_description():
    r = run("\u201cWe are not going to sign this,\u201d the veteran negotiator said.")
    s = find_quote(r, "not going to sign")
    assert "negotiator" in (s.speaker or s.speaker_desc)


def test_proposal_rejected_by_relative_clause():
    r = run("Georgia said it had presented a proposal for a demilitarised zone, which the rebels rejected.")
    assert [(p.proposer, p.status) for p in r.proposals] == [("Georgia", "rejected")]


def test_meeting_in_small_town_followed_by_country():
    r = run("The two leaders last met in Kranj, Slovenia, in March.")
    m = r.meetings[0]
    assert m.location == "Kranj" and m.status == "held" and m.date_precision == "month"


def test_cancelled_meeting_last_month():
    r = run("A planned meeting in Minsk was cancelled last month.")
    m = r.meetings[0]
    assert (m.status, m.location, m.date) == ("cancelled", "Minsk", dt.date(2024, 2, 1))
