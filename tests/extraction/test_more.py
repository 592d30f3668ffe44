"""Further patterns met in real news (own sentences)."""

import datetime as dt

import pytest

from .helpers import find_quote
from .helpers import person
from .helpers import run


def test_dash_attribution_after_quote():
    r = run(
        "\u201cThe border must stay open for trade and families alike.\u201d \u2015 Mira Kovac\n"
        "\u201cWe want the talks to succeed, but not at any price.\u201d \u2015 Tomas Novak"
    )
    assert find_quote(r, "border must stay open").speaker == "Mira Kovac"
    assert find_quote(r, "not at any price").speaker == "Tomas Novak"


def test_party_state_parenthetical_does_not_block_attribution():
    r = run("\u201cThis deal will not survive the first winter,\u201d Sen. Carla Mendez (D-Ore.) said Friday.")
    s = find_quote(r, "first winter")
    assert s.speaker_name == "Carla Mendez"
    assert s.speaker == "Sen. Carla Mendez (D-Ore.)"
    assert s.date == dt.date(2024, 3, 8)


def test_long_appositive_between_name_and_verb():
    r = run(
        "\u201cNobody in the region wants another frozen conflict,\u201d Ilse Brandt, a researcher at a Berlin "
        "institute who advised both delegations last year, said on Monday."
    )
    s = find_quote(r, "frozen conflict")
    assert s.speaker_name == "Ilse Brandt"
    assert s.speaker == ("Ilse Brandt, a researcher at a Berlin institute who advised both delegations last year")


def test_single_quoted_word_is_not_a_statement():
    r = run("The minister called the plan \u201cnaive\u201d and left.")
    assert r.statements == []


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


def test_its_adviser_takes_the_country_of_the_subject():
    r = run("Qatar was represented by its chief negotiator, Faisal Al-Thani, who thanked Egyptian mediators.")
    assert person(r, "Faisal Al-Thani").country == "QA"


def test_cancelled_meeting_last_month():
    r = run("A planned meeting in Minsk was cancelled last month.")
    m = r.meetings[0]
    assert (m.status, m.location, m.date) == ("cancelled", "Minsk", dt.date(2024, 2, 1))


@pytest.mark.parametrize(
    ("body", "fragment", "field", "expected"),
    [
        pytest.param(
            "Said Lindqvist: \u201cA freeze is better than a war, and everyone in this room knows it.\u201d",
            "freeze is better",
            "speaker",
            "Lindqvist",
            id="inverted_said_name_colon",
        ),
        pytest.param(
            "According to Haraldsen, \u201cthe sides agreed on everything except the map and the timetable.\u201d",
            "except the map",
            "speaker",
            "Haraldsen",
            id="according_to_at_sentence_start",
        ),
        pytest.param(
            "Retired general Paul Osei said the envoy was \u201centirely right\u201d when he said the truce was fragile.",
            "entirely right",
            "speaker",
            "Paul Osei",
            id="fragment_inside_running_text_uses_the_verb_before_it",
        ),
        pytest.param(
            "Lena Varga says the envoy\u2019s late-night tweets about the summit were \u201cdeeply unhelpful to "
            "everyone involved.\u201d",
            "deeply unhelpful",
            "speaker",
            "Lena Varga",
            id="noun_use_of_a_speech_word_is_not_the_verb",
        ),
        pytest.param(
            "Hungarian Foreign Minister Lena Varga left the summit early and vowed to block \u201cany deal "
            "made behind our backs\u201d.",
            "behind our backs",
            "speaker",
            "Lena Varga",
            id="coordinated_verb_takes_the_clause_subject",
        ),
    ],
)
def test_speaker_of_the_quote(body, fragment, field, expected):
    assert getattr(find_quote(run(body), fragment), field) == expected
