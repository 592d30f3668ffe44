"""The event stage reads the stage-2 mentions (doc.mentions): date mentions carry their DateHit, so the
time slot re-reads a weekday by the meeting's tense from the mention; invented sentences."""

from __future__ import annotations

import datetime as dt

from extraction import event_dates
from extraction.core import read_document
from extraction.frames import dates_in
from extraction.meetings import meetings

PUB = dt.date(2024, 3, 14)  # a Thursday


def _doc(body: str, headline: str = "Envoys meet"):
    return read_document(headline + "\n" + body, PUB)


def test_a_date_mention_keeps_its_hit():
    doc = _doc("Chile and Peru will hold talks on Monday.")
    (m,) = doc.mentions.of("date")
    assert m.hit is not None and (m.hit.kind, m.hit.text) == ("weekday", m.text)
    assert (m.start, m.end) == (m.hit.start, m.hit.end)


def test_dates_in_gives_the_hits_of_the_date_mentions_of_a_span():
    doc = _doc("Serbia proposed talks on Monday. They met on Tuesday in Oslo.")
    first, second = doc.sentences[1], doc.sentences[2]
    assert [h.text for h in dates_in(doc, first.start, first.end)] == ["on Monday"]
    assert [h.text for h in dates_in(doc, second.start, second.end)] == ["on Tuesday"]
    assert dates_in(doc, 0, doc.sentences[1].start) == []


def test_a_weekday_is_read_by_the_meetings_tense():
    # the same written day: a coming meeting is on the next Monday, a held one on the last
    (coming,) = meetings(_doc("Chile and Peru will hold talks in Lima on Monday."), PUB)
    (held,) = meetings(_doc("Chile and Peru held talks in Lima on Monday."), PUB)
    assert (coming.date, held.date) == (dt.date(2024, 3, 18), dt.date(2024, 3, 11))


def test_the_lead_day_comes_from_the_lead_paragraphs_date_mentions():
    doc = _doc("On March 12, the envoys of Chile and Peru arrived.\n\nThe talks were held in Lima.")
    (m,) = meetings(doc, PUB)
    assert (m.date, m.precision) == (dt.date(2024, 3, 12), "day")


def test_a_day_after_a_reference_date_in_the_sentence():
    doc = _doc("Peru said on Friday, a day after a phone call with Chile, that it wants talks.")
    s = doc.sentences[1]
    ts = doc.masked.index("phone call")
    assert event_dates.relative_to_reference(doc, s.start, ts, PUB) == dt.date(2024, 3, 7)
