"""The typed mentions (extraction/mentions.py) and the coreference stage (extraction/coref.py), read from
core.read_document. Invented sentences and people only."""

import datetime as dt

import pytest

from extraction.core import read_document
from extraction.coref import it_antecedent

from .helpers import find_quote
from .helpers import run

PUB = dt.date(2024, 3, 14)


def _doc(body, headline="Test headline about negotiations"):
    doc = read_document(headline + "\n\n" + body, PUB)
    return doc


def _texts(doc, kind):
    return [m.text for m in doc.mentions.of(kind)]


def test_each_mention_has_its_kind_and_span():
    doc = _doc("Foreign Minister Jana Roe met Tomas Berg in Reykjavik on Monday. Roe said the talks went well.")
    people = doc.mentions.of("person")
    assert [(m.text, m.key) for m in people] == [
        ("Jana Roe", "Jana Roe"),
        ("Tomas Berg", "Tomas Berg"),
        ("Roe", "Jana Roe"),
    ]
    assert [m.form for m in people] == ["name", "name", "short"]
    for m in doc.mentions.items:
        assert doc.text[m.start : m.end].startswith(m.text.split()[0])
    assert [m.key for m in doc.mentions.of("date")] == ["2024-03-11"]
    starts = [m.start for m in doc.mentions.items]
    assert starts == sorted(starts)
    assert [m.text for m in doc.mentions.between("person", 0, doc.text.index(". Roe"))] == ["Jana Roe", "Tomas Berg"]


@pytest.mark.parametrize(
    ("sentence", "surface", "form"),
    [
        ("Iceland hosted the first round of talks.", "Iceland", "name"),
        ("Icelandic mediators hosted the first round of talks.", "Icelandic", "demonym"),
        ("Reykjavik hosted the first round of talks.", "Reykjavik", "capital"),
    ],
)
def test_a_demonym_or_a_capital_stands_for_its_state(sentence, surface, form):
    doc = _doc(sentence)
    states = doc.mentions.of("state")
    assert [(m.text, m.key, m.form) for m in states] == [(surface, "IS", form)]
    assert [e.key for e in doc.coref.states()] == ["IS"]


def test_one_state_named_three_ways_is_one_entity():
    doc = _doc("Iceland offered to mediate. Reykjavik has hosted such talks before, a Icelandic diplomat said.")
    (state,) = doc.coref.states()
    assert [m.form for m in state.mentions] == ["name", "capital", "demonym"]


def test_a_city_after_a_word_of_place_is_a_place_mention():
    doc = _doc("The envoys will meet in Hamburg next week.")
    assert [(m.text, m.key) for m in doc.mentions.of("place")] == [("Hamburg", "DE")]


def test_a_body_mention_has_its_head_and_state():
    doc = _doc("Iceland's foreign ministry said the talks would resume.")
    (body,) = doc.mentions.of("body")
    assert (body.key, body.country) == ("ministry", "IS")


def test_pronouns_have_gender_and_number():
    doc = _doc("The envoy said they would sign it. She added that his team agreed.")
    assert [(m.text, m.key) for m in doc.mentions.of("pronoun")] == [
        ("they", "p"),
        ("it", "n"),
        ("She", "f"),
        ("his", "m"),
    ]


def _linked(doc, word, nth=0):
    starts = [m.start for m in doc.mentions.of("pronoun") if m.text == word]
    p = doc.coref.pronouns.get(starts[nth])
    return p.name if p else None


def test_he_goes_to_the_subject_of_the_sentence_before():
    doc = _doc("Foreign Minister Tomas Berg met Jana Roe's deputy, Karl Lind, on Monday. He said the talks helped.")
    assert _linked(doc, "He") == "Tomas Berg"


def test_she_skips_a_man_named_since():
    doc = _doc("Envoy Maria Roe spoke first. Later Mr. Tomas Berg arrived, and she said the talks were over.")
    assert _linked(doc, "she") == "Maria Roe"


def test_his_in_an_opening_phrase_is_the_subject_after_the_comma():
    doc = _doc("Karl Lind left early. On his way out, Tomas Berg confirmed the ceasefire.")
    assert _linked(doc, "his") == "Tomas Berg"


def test_a_pronoun_with_no_person_before_is_unlinked():
    doc = _doc("He said the talks would go on.")
    assert _linked(doc, "He") is None
    assert doc.coref.pronoun_referent(doc.mentions.of("pronoun")[0].start, "m") is None


def test_last_person_before_respects_gender_and_order():
    doc = _doc("Envoy Maria Roe met Mr. Tomas Berg. They talked for an hour.")
    pos = doc.text.index("They")
    assert doc.coref.last_person_before(pos).name == "Tomas Berg"
    assert doc.coref.last_person_before(pos, gender="f").name == "Maria Roe"
    assert doc.coref.last_person_before(doc.text.index("Tomas")).name == "Maria Roe"
    assert doc.coref.last_person_before(pos, floor=doc.text.index("Tomas") + 1) is None


def test_the_ministry_goes_to_the_ministry_named_before():
    doc = _doc("Iceland's foreign ministry said the talks would resume. The ministry gave no date.")
    b = doc.coref.body_for("ministry", doc.text.index("The ministry"))
    assert b is not None and b.text == "Iceland's foreign ministry"
    assert doc.coref.body_for("ministry", doc.text.index("Iceland")) is None


def test_the_states_role_goes_to_that_states_person():
    doc = _doc(
        "Icelandic Foreign Minister Tomas Berg met Uruguayan envoy Karl Lind in Reykjavik on Monday.\n\n"
        "The talks were useful, the Icelandic minister said."
    )
    pos = doc.text.index("the Icelandic minister")
    assert doc.coref.described_person("IS", "minister", pos, pos).name == "Tomas Berg"
    assert doc.coref.described_person("UY", "minister", pos, pos).name == "Karl Lind"
    assert doc.coref.described_person("FI", "minister", pos, pos) is None


def test_a_role_said_before_the_name_goes_to_the_first_named_after():
    doc = _doc(
        "The talks were useful, the Icelandic minister said.\n\nIcelandic Foreign Minister Tomas Berg added more."
    )
    pos = doc.text.index("the Icelandic minister")
    assert doc.coref.described_person("IS", "minister", pos, pos).name == "Tomas Berg"


def test_people_in_a_span_in_registry_order():
    doc = _doc("Envoy Maria Roe met Mr. Tomas Berg. Later Berg met Roe again.")
    second = doc.text.index("Later")
    assert [p.name for p in doc.coref.people_in(second, len(doc.text))] == ["Maria Roe", "Tomas Berg"]
    assert [s for s, _e, _p in doc.coref.people_between(second, len(doc.text))] == [
        doc.text.index("Berg met"),
        doc.text.index("Roe again"),
    ]
    assert doc.coref.person_at(doc.text.index("Roe again"), doc.text.index("Roe again") + 3).name == "Maria Roe"


@pytest.mark.parametrize(
    ("sentence", "name", "head"),
    [
        pytest.param("The Free Valley Movement rejected the plan.", "Free Valley Movement", "movement", id="movement"),
        pytest.param("Envoys met the Council of Elders on Monday.", "Council of Elders", "council", id="of-phrase"),
        pytest.param("But the National Unity Party walked out.", "National Unity Party", "party", id="after-but"),
    ],
)
def test_a_body_named_by_a_proper_name_is_a_body_mention(sentence, name, head):
    doc = _doc(sentence)
    proper = [m for m in doc.mentions.of("body") if m.form == "proper"]
    assert [(m.text, m.key) for m in proper] == [(name, head)]
    assert doc.text[proper[0].start : proper[0].end] == name


@pytest.mark.parametrize(
    ("text", "fragment", "speaker"),
    [
        (
            "The Free Valley Movement rejected the plan. “We will not disarm,” the group said.",
            "not disarm",
            "Free Valley Movement",
        ),
        ("The National Unity Party walked out. “This is a farce,” the party said.", "a farce", "National Unity Party"),
        (
            "Iceland’s foreign ministry rejected it. “It is not serious,” the ministry said.",
            "not serious",
            "Iceland’s foreign ministry",
        ),
    ],
)
def test_the_group_or_the_party_speaks_for_the_body_named_before(text, fragment, speaker):
    assert find_quote(run(text), fragment).speaker == speaker


def test_gender_from_a_given_name_or_from_she_said():
    doc = _doc(
        "Envoy Maria Roe met Senator Tomas Berg and Senator Jana Lind on Monday.\n\n"
        "Senator Jana Lind spoke to reporters. She said the talks would go on."
    )
    genders = {p.name: p.gender for p in doc.coref.people}
    assert genders == {"Maria Roe": "f", "Tomas Berg": None, "Jana Lind": "f"}


@pytest.mark.parametrize(
    ("body", "name"),
    [
        (
            "Iceland’s foreign ministry rejected the offer on Monday. It said talks could resume.",
            "Iceland’s foreign ministry",
        ),
        ("On Monday, Uruguay rejected the offer. It said talks could resume.", "Uruguay"),
        ("The Free Valley Movement rejected the offer. It said talks could resume.", "Free Valley Movement"),
        ("Senator Jana Lind said Uruguay rejected the offer. It said talks could resume.", None),
    ],
)
def test_it_is_the_body_or_state_that_is_the_subject(body, name):
    doc = _doc(body)
    found = it_antecedent(doc, doc.text.index("It said"))
    assert (found[0] if found else None) == name
    if found:
        assert doc.text[found[1] : found[2]] == name
