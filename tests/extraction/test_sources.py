"""`speaker` carries the source as written at the attribution; `speaker_name` the clean name (own sentences)."""

import pytest

from .helpers import find_quote
from .helpers import run


def test_party_tag_in_parentheses():
    r = run("\u201cThe bill will pass before the recess,\u201d Rep. Dana Whitlock (R-Ariz.) told reporters.")
    s = find_quote(r, "before the recess")
    assert (s.speaker, s.speaker_name) == ("Rep. Dana Whitlock (R-Ariz.)", "Dana Whitlock")


def test_party_tag_between_commas():
    r = run("\u201cWe will not be rushed,\u201d said Senate Majority Leader Tom Harwick, R-Idaho.")
    s = find_quote(r, "not be rushed")
    assert s.speaker_name == "Tom Harwick"
    assert "Senate Majority Leader Tom Harwick, R-Idaho" in s.speaker


# (text, quoted words, the source as written, its clean name): None where the case does not say
SOURCES = [
    pytest.param(
        "“The fund has never been audited properly,” said Ruth Okafor, a former treasury official who "
        "now runs a consultancy in Lagos.",
        "never been audited",
        "Ruth Okafor, a former treasury official who now runs a consultancy in Lagos",
        "Ruth Okafor",
        id="appositive_after_said_runs_to_the_end_of_the_sentence",
    ),
    pytest.param(
        "Marco Bellini, the mayor of a small border town, said: “Nobody asked us before the fence went up.”",
        "Nobody asked us",
        "Marco Bellini, the mayor of a small border town",
        None,
        id="appositive_before_the_verb_stops_at_the_verb",
    ),
    pytest.param(
        "Finnish envoy Aino Virtanen arrived on Monday. “The mood is better than a month ago,” Virtanen said.",
        "mood is better",
        "Aino Virtanen",
        "Aino Virtanen",
        id="bare_name_stays_the_full_name",
    ),
    pytest.param(
        "“This is a day for celebration,” said Jorge Salinas, speaking on state television.",
        "day for celebration",
        "Jorge Salinas",
        None,
        id="participle_after_the_name_is_not_an_appositive",
    ),
    pytest.param(
        "Police chief Dora Mwangi, the head of the county force, said the footage did not show “any "
        "weapon at all,” but she said the inquiry would continue.",
        "any weapon at all",
        "Police chief Dora Mwangi, the head of the county force",
        None,
        id="a_clause_after_the_quote_is_not_its_attribution",
    ),
    pytest.param(
        "Prime Minister Ivo Brankov arrived late. “The vote was stolen,” said Lena Petrova, Brankov’s "
        "rival in the election.",
        "vote was stolen",
        "Lena Petrova, Brankov’s rival in the election",
        "Lena Petrova",
        id="possessive_appositive_naming_another_person_describes_the_speaker",
    ),
    pytest.param(
        "Czech negotiator Pavel Dvorak, a veteran of three rounds, arrived on Monday. “We are close,” he said.",
        "We are close",
        "Pavel Dvorak",
        "Pavel Dvorak",
        id="pronoun_attribution_uses_the_clean_name",
    ),
    pytest.param(
        "Sen. Maria Lopez (D-N.M.) turned to the witness: “You knew about the leak for a month,” she said.",
        "leak for a month",
        "Sen. Maria Lopez (D-N.M.)",
        "Maria Lopez",
        id="pronoun_in_the_same_sentence_keeps_the_written_source",
    ),
    pytest.param(
        "“The vote is a formality now,” said Representative Jon Pike of New Mexico.",
        "formality now",
        "Representative Jon Pike of New Mexico",
        "Jon Pike",
        id="of_place_after_the_name",
    ),
]


@pytest.mark.parametrize(("text", "fragment", "speaker", "name"), SOURCES)
def test_source_as_written_and_its_clean_name(text, fragment, speaker, name):
    s = find_quote(run(text), fragment)
    if speaker is not None:
        assert s.speaker == speaker
    if name is not None:
        assert s.speaker_name == name


def test_age_appositive():
    r = run("\u201cWe have nowhere else to go,\u201d said Amina Yusuf, 34, who fled the fighting last year.")
    s = find_quote(r, "nowhere else")
    assert s.speaker.startswith("Amina Yusuf, 34")
    assert s.speaker_name == "Amina Yusuf"


def test_to_dict_carries_speaker_name():
    r = run("\u201cThe bill will pass before the recess,\u201d Rep. Dana Whitlock (R-Ariz.) told reporters.")
    d = r.to_dict()["statements"][0]
    assert d["speaker"] == "Rep. Dana Whitlock (R-Ariz.)" and d["speaker_name"] == "Dana Whitlock"


@pytest.mark.parametrize(
    ("body", "fragment", "field", "expected"),
    [
        pytest.param(
            "\u201cThe ruling speaks for itself,\u201d Kovac lawyer Irena Horvat said.\n\nMayor Ante Kovac did not comment.",
            "speaks for itself",
            "speaker_name",
            "Irena Horvat",
            id="title_words_between_two_names_point_to_the_second",
        ),
        pytest.param(
            "Governor Ana Ruiz\u2019s campaign manager Luis Ortega said as much on Friday, arguing that the "
            "challenger \u201chas no plan for the water crisis.\u201d",
            "no plan for the water",
            "speaker_name",
            "Luis Ortega",
            id="possessive_title_before_the_speaker_in_the_subject",
        ),
        pytest.param(
            "The ministry may wait while Foreign Minister Pavel Novak negotiates with Hungary, Orsolya "
            "Kiss said. \u201cThe other reason is that nobody wants to be blamed for the collapse of the talks.\u201d",
            "other reason",
            "speaker_name",
            "Orsolya Kiss",
            id="trailing_said_of_the_previous_sentence_names_the_speaker",
        ),
        pytest.param(
            "\u201cThe race is a toss-up,\u201d said Dana Meyers, Senate editor for a political newsletter.",
            "toss-up",
            "speaker",
            "Dana Meyers, Senate editor for a political newsletter",
            id="capitalised_title_appositive",
        ),
    ],
)
def test_speaker_of_the_quote(body, fragment, field, expected):
    assert getattr(find_quote(run(body), fragment), field) == expected
