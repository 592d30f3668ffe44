"""Stage 4 for events: the event frame and the named units that fill its slots (extraction/frames.py,
meetings.py, proposals.py), on the project's own invented sentences. filled_by says which rule filled a
slot, so each test checks the rule as well as the value."""

from __future__ import annotations

import datetime as dt

from extraction import event_dates
from extraction import meetings as meeting_rules
from extraction import proposals as proposal_rules
from extraction import proposers
from extraction import venues
from extraction.core import read_document
from extraction.event_dates import rest_of_week
from extraction.frames import EventFrame
from extraction.frames import dates_in
from extraction.frames import one_of

PUB = dt.date(2024, 3, 14)  # a Thursday


def _doc(body: str, headline: str = "Envoys meet"):
    return read_document(headline + "\n" + body, PUB)


def _meetings(body: str, headline: str = "Envoys meet") -> list[EventFrame]:
    return meeting_rules.meetings(_doc(body, headline), PUB)


def _proposals(body: str) -> list[EventFrame]:
    return proposal_rules.proposals(_doc(body), PUB)


def test_a_frame_names_the_rule_that_filled_a_slot():
    f = EventFrame("talks", "held", (0, 5), "Talks were held.")
    f.fill("place", "Oslo", "location_in")
    f.fill("date", None, "pick_date")
    assert (f.location, f.pos, f.phase) == ("Oslo", 0, "past")
    assert f.filled_by == {"place": "location_in"}  # an empty slot names no rule


def test_the_output_names_read_the_frame_slots():
    f = EventFrame("proposal", "proposed", (3, 11), "X proposed talks.", parties=["Chile"])
    assert f.participants == ["Chile"] and f.is_open


def test_dates_in_gives_the_date_hits_of_a_span():
    doc = _doc("Serbia proposed talks on Monday. They met on Tuesday in Oslo.")
    first = doc.sentences[1]
    assert [h.text for h in dates_in(doc, first.start, first.end)] == ["on Monday"]


def test_one_of_keeps_the_order_of_the_words():
    assert one_of(("met", "meet")) == "(?:met|meet)"


def test_time_and_place_of_a_meeting_come_from_the_sentence():
    (m,) = _meetings("Serbia and Kosovo held talks in Brussels on Tuesday.")
    assert (m.kind, m.status, m.place, m.date) == ("talks", "held", "Brussels", dt.date(2024, 3, 12))
    assert m.filled_by["place"] == "location_in" and m.filled_by["date"] == "pick_date"


def test_a_visit_takes_the_place_visited():
    (m,) = _meetings("The foreign minister visited Santiago on Monday.")
    assert (m.kind, m.status, m.place, m.filled_by["place"]) == ("visit", "held", "Santiago", "visited_place")


def test_the_host_state_is_the_venue():
    (m,) = _meetings("Chile will host the bloc's annual leaders' summit later this year.")
    assert (m.place, m.filled_by["place"]) == ("Chile", "host_place")


def test_a_held_meeting_in_the_lead_takes_the_dateline_city_as_a_weak_place():
    (m,) = _meetings("\nLUANDA, March 13 - Angolan and Congolese envoys met behind closed doors.")
    assert (m.place, m.place_weak, m.filled_by["place"]) == ("Luanda", True, "dateline")


def test_a_call_has_its_two_sides():
    (m,) = _meetings("Chinese President Li Wen held a phone call with his French counterpart on Wednesday.")
    assert m.kind == "call" and m.place is None
    assert m.filled_by["parties"] in ("sentence", "call_pair")


def test_a_call_without_a_day_takes_the_reporting_day():
    (m,) = _meetings("Mr. Ortega said on Tuesday he had spoken with Mr. Varga by phone.")
    assert (m.kind, m.date, m.filled_by["date"]) == ("call", dt.date(2024, 3, 12), "reporting_day")


def test_a_meeting_noun_with_neither_day_nor_place_refers_back():
    assert _meetings("Ministers spoke before the meeting about fishing quotas.") == []


def test_a_proposal_frame_names_its_proposer_rule():
    # a capital standing for its state proposes for the state
    (p,) = _proposals("Lima proposed a new round of talks on the river dispute.")
    assert (p.kind, p.status, p.proposer, p.filled_by["proposer"]) == ("proposal", "proposed", "Peru", "subject")


def test_a_refusal_closes_the_earlier_proposal_it_refers_to():
    (p,) = _proposals("Qatar proposed a 60-day truce on Monday. Israel rejected the proposal on Tuesday.")
    assert (p.proposer, p.status) == ("Qatar", "rejected")


def test_a_possessive_names_whose_proposal_was_accepted():
    p = _proposals("Peru accepted Chile's proposal to reopen the border crossing.")[0]
    assert (p.proposer, p.status, p.filled_by["proposer"]) == ("Chile", "accepted", "possessive")
    assert p.summary == "to reopen the border crossing"


def test_the_passive_agent_proposed():
    (p,) = _proposals("The two sides discussed a bridging plan put forward by Norway.")
    assert (p.proposer, p.filled_by["proposer"], p.summary) == ("Norway", "passive_agent", "a bridging plan")


def test_rest_of_week_is_the_middle_of_the_days_left():
    assert rest_of_week(dt.date(2024, 3, 12)) == dt.date(2024, 3, 15)  # Tuesday -> Friday


# the place slot's rules (venues.py), each on its own


def _sentence(body: str):
    doc = _doc(body)
    return doc, doc.sentences[1]


def test_location_in_takes_the_place_in_the_triggers_own_clause():
    doc, s = _sentence("The talks ended in Quito, but they may meet again in Lima.")
    ts = doc.masked.index("meet again")
    assert venues.location_in(doc, s.start, s.end, ts, ts + 4) == "Lima"


def test_location_in_skips_an_embassys_city():
    doc, s = _sentence("Officials at the embassy in Lima said the talks would open soon.")
    ts = doc.masked.index("talks")
    assert venues.location_in(doc, s.start, s.end, ts, ts + 5) is None


def test_host_place_is_the_host_state_heading_the_sentence():
    doc, s = _sentence("Chile will host the bloc's annual summit.")
    assert venues.host_place(doc, s.start, doc.masked.index("summit")) == "Chile"


def test_visited_place():
    doc = _doc("The minister visited Santiago on Monday and a trip to Quito is planned.")
    assert venues.visited_place(doc, doc.masked.index(" Santiago")) == "Santiago"
    assert venues.visited_place(doc, doc.masked.index(" to Quito")) == "Quito"


def test_same_place_and_city_within():
    assert venues.same_place("Lima", "Peru") and not venues.same_place("Lima", "Quito")
    assert venues.city_within("Lima", "Peru") and not venues.city_within("Peru", "Lima")


# the time slot's rules (event_dates.py)


def test_pick_date_skips_a_deadline():
    doc, s = _sentence("The ministers will meet next week to discuss an August 12 deadline.")
    ts = doc.masked.index("meet")
    d, prec = event_dates.pick_date(doc, doc.date_hits, ts, ts + 4, s.start, s.end, 1, [], pub=PUB)
    assert (d, prec) == (dt.date(2024, 3, 20), "week")


def test_pick_date_skips_the_day_of_a_report():
    doc, s = _sentence("Serbia said on Monday that talks would be held in Brussels.")
    ts = doc.masked.index("talks")
    assert event_dates.pick_date(doc, doc.date_hits, ts, ts + 5, s.start, s.end, 1, [], pub=PUB) == (None, None)


# the proposer slot's rules (proposers.py)


def test_subject_actor_is_the_actor_next_to_the_verb():
    doc, s = _sentence("After the clashes, Peru's foreign ministry proposed talks.")
    assert proposers.subject_actor(doc, s.start, doc.masked.index("proposed")) == ("Peru's foreign ministry", "PE")


def test_a_capital_as_subject_stands_for_its_state():
    doc, s = _sentence("Lima proposed talks.")
    assert proposers.subject_actor(doc, s.start, doc.masked.index("proposed")) == ("Peru", "PE")
