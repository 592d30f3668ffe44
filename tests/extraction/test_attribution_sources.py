"""Source mentions resolved to who spoke (extraction/attribution.py). Invented sentences only."""

import pytest

from extraction.attribution import body_name

from .helpers import find_quote
from .helpers import run


def test_statement_by_a_ministry_is_the_ministry_speaking():
    r = run(
        "\u201cThe two delegations agreed on the agenda of the next round,\u201d read the statement by the "
        "Chilean Foreign Ministry.\n\n"
        "The envoys \u201cwill meet again within a month,\u201d the statement said."
    )
    assert find_quote(r, "agreed on the agenda").speaker == "Chile's Foreign Ministry"
    assert find_quote(r, "will meet again").speaker == "Chile's Foreign Ministry"


def test_a_longer_description_is_kept_as_written():
    r = run(
        "Senator Jane Roe spoke at the forum in Ohio.\n\n"
        "The former governor and U.S. senator said it was \u201ca big mistake\u201d to wait."
    )
    assert find_quote(r, "a big mistake").speaker_name != "Jane Roe"


def test_body_named_by_adjective_takes_the_state_name():
    assert body_name("Chilean Foreign Ministry") == "Chile's Foreign Ministry"
    assert body_name("Foreign Ministry") == "Foreign Ministry"


@pytest.mark.parametrize(
    ("body", "fragment", "field", "expected"),
    [
        pytest.param(
            "The foreign minister read out a joint statement after the talks in Oslo.\n\n"
            "\u201cThe parties agree to a ceasefire from noon on Sunday for humanitarian purposes,\u201d "
            "the document says.",
            "agree to a ceasefire",
            "speaker",
            "joint statement",
            id="document_after_a_joint_statement_is_the_joint_statement",
        ),
        pytest.param(
            "Rosa Vidal, chair of the national council, in a tweet called the accord a \u201cfirst real step\u201d.",
            "first real step",
            "speaker_name",
            "Rosa Vidal",
            id="tweet_stands_for_the_person_who_wrote_it",
        ),
        pytest.param(
            "Chilean President Tomas Pardo met his Peruvian counterpart Ana Lopez in Lima.\n\n"
            "\u201cWe have made real progress on the border,\u201d Pardo told reporters.\n\n"
            "\u201cI would rather do it right than do it fast,\u201d the Chilean president said.",
            "rather do it right",
            "speaker_name",
            "Tomas Pardo",
            id="the_country_president_is_the_president_named_before",
        ),
        pytest.param(
            "Envoy Marta Ilves welcomed the accord. She said the two sides had agreed on a "
            "\u201ctwo-page agreement setting rules for the talks\u201d.",
            "two-page agreement",
            "speaker_name",
            "Marta Ilves",
            id="embedded_subject_is_not_the_speaker",
        ),
    ],
)
def test_speaker_of_the_quote(body, fragment, field, expected):
    assert getattr(find_quote(run(body), fragment), field) == expected


def test_it_after_a_statement_said_is_the_same_statement():
    r = run(
        "Chile and Peru issued a joint statement after the talks in Lima.\n\n"
        "\u201cPeru is ready to accept the proposal to reopen the border crossings\u201d if Chile does the "
        "same, the statement said. It added, \u201cChile will present its own plan on the river border before "
        "then.\u201d"
    )
    first = find_quote(r, "ready to accept")
    second = find_quote(r, "present its own plan")
    assert first.speaker == second.speaker == "joint statement"


def test_his_in_an_opening_phrase_is_the_subject_after_it():
    r = run(
        "Chilean negotiator Luis Herrera met Peruvian envoy Tomas Quiroga in Lima.\n\n"
        "Quiroga left the hall first.\n\n"
        "On his way out of the session, Herrera confirmed the next round. "
        "He said the delegations \u201cwill need another week to close the gaps.\u201d"
    )
    assert find_quote(r, "another week").speaker == "Luis Herrera"
