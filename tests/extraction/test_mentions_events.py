"""The event stage reads the stage-2 mentions (doc.mentions): date mentions carry their DateHit, so the
time slot re-reads a weekday by the meeting's tense from the mention; invented sentences."""

from __future__ import annotations

import datetime as dt

from extraction import event_dates
from extraction import venues
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


# place mentions: the forms the venue reads (towns, "the <city>", apostrophes, "visit <city>", "scheduled for")


def _places(body: str) -> list[tuple[str, str, str]]:
    return [(m.text, m.key, m.form) for m in _doc(body).mentions.of("place")]


def test_a_town_is_a_place_before_its_country_or_alone():
    assert _places("The envoys met in Kolding, Denmark, on Monday.") == [("Kolding", "DK", "town")]
    assert _places("The talks in Paysandu ended late.") == [("Paysandu", "UY", "town")]


def test_a_city_after_the_after_visit_and_after_scheduled_for():
    assert _places("Officials at the Bergen talks agreed.") == [("Bergen", "NO", "city")]
    assert _places("The minister will visit Bergen next month.") == [("Bergen", "NO", "city")]
    assert _places("A round is scheduled for Bergen.") == [("Bergen", "NO", "city")]
    assert _places("They voted for Bergen as the host.") == []  # "for" alone is no word of place


def test_a_city_written_with_an_apostrophe_and_a_possessive():
    assert _places("Delegates arrived in Ba’qubah before dawn.") == [("Ba’qubah", "IQ", "city")]
    assert _places("They met in Bergen's old port.") == [("Bergen", "NO", "city")]


def test_the_venue_is_read_from_the_place_and_state_mentions():
    (m,) = meetings(_doc("Chile and Peru held talks in Kolding, Denmark, on Monday."), PUB)
    assert (m.place, m.filled_by["place"]) == ("Kolding", "location_in")
    (m,) = meetings(_doc("Chile and Peru will hold talks in Oslo on Monday."), PUB)
    assert m.place == "Oslo"
    (m,) = meetings(_doc("Chile and Peru held talks at the Kremlin on Monday."), PUB)
    assert m.place == "Kremlin, Moscow"


def test_a_run_that_starts_with_no_place_word_gives_no_venue():
    # "Nice" is a city, but the word is no venue here; a weekday is none either
    doc = _doc("The ministers held talks in Nice Hall on Monday.")
    s = doc.sentences[1]
    ts = doc.masked.index("talks")
    assert venues.location_in(doc, s.start, s.end, ts, ts + 5) == "Nice Hall"  # a building, not the city


def test_a_date_hit_is_read_again_by_a_tense():
    from extraction.dates import find_dates

    monday, day, year = find_dates("They meet on Monday, on June 20 and in 2023.", PUB)
    assert (monday.weekday, monday.by_tense(PUB, 1), monday.by_tense(PUB, -1)) == (
        "Monday",
        dt.date(2024, 3, 18),
        dt.date(2024, 3, 11),
    )
    assert (day.month_day, day.by_tense(PUB, -1), day.by_tense(PUB, 1)) == (
        (6, 20),
        dt.date(2023, 6, 20),
        dt.date(2024, 6, 20),
    )
    assert year.by_tense(PUB, -1) == year.date  # no weekday, no day without its year: the date as found


def test_an_owned_proposal_noun_is_a_whole_word():
    from extraction.proposals import _owned_proposal_nouns

    text = "Peru's proposal and Chile's counterproposal were discussed."
    assert _owned_proposal_nouns(text) == [(0, "Peru", "")]
