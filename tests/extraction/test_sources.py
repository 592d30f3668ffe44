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


def test_appositive_after_said_runs_to_the_end_of_the_sentence():
    r = run(
        "\u201cThe fund has never been audited properly,\u201d said Ruth Okafor, a former treasury official "
        "who now runs a consultancy in Lagos."
    )
    s = find_quote(r, "never been audited")
    assert s.speaker == "Ruth Okafor, a former treasury official who now runs a consultancy in Lagos"
    assert s.speaker_name == "Ruth Okafor"


def test_appositive_before_the_verb_stops_at_the_verb():
    r = run(
        "Marco Bellini, the mayor of a small border town, said: \u201cNobody asked us before the fence went up.\u201d"
    )
    s = find_quote(r, "Nobody asked us")
    assert s.speaker == "Marco Bellini, the mayor of a small border town"


def test_age_appositive():
    r = run("\u201cWe have nowhere else to go,\u201d said Amina Yusuf, 34, who fled the fighting last year.")
    s = find_quote(r, "nowhere else")
    assert s.speaker.startswith("Amina Yusuf, 34")
    assert s.speaker_name == "Amina Yusuf"


def test_bare_name_stays_the_full_name():
    r = run(
        "Finnish envoy Aino Virtanen arrived on Monday. \u201cThe mood is better than a month ago,\u201d Virtanen said."
    )
    s = find_quote(r, "mood is better")
    assert s.speaker == s.speaker_name == "Aino Virtanen"


def test_participle_after_the_name_is_not_an_appositive():
    r = run("\u201cThis is a day for celebration,\u201d said Jorge Salinas, speaking on state television.")
    s = find_quote(r, "day for celebration")
    assert s.speaker == "Jorge Salinas"


def test_a_clause_after_the_quote_is_not_its_attribution():
    r = run(
        "Police chief Dora Mwangi, the head of the county force, said the footage did not show \u201cany "
        "weapon at all,\u201d but she said the inquiry would continue."
    )
    s = find_quote(r, "any weapon at all")
    assert s.speaker == "Police chief Dora Mwangi, the head of the county force"


def test_possessive_appositive_naming_another_person_describes_the_speaker():
    r = run(
        "Prime Minister Ivo Brankov arrived late. \u201cThe vote was stolen,\u201d said Lena Petrova, "
        "Brankov\u2019s rival in the election."
    )
    s = find_quote(r, "vote was stolen")
    assert s.speaker_name == "Lena Petrova"
    assert s.speaker == "Lena Petrova, Brankov\u2019s rival in the election"


def test_pronoun_attribution_uses_the_clean_name():
    r = run(
        "Czech negotiator Pavel Dvorak, a veteran of three rounds, arrived on Monday. \u201cWe are close,\u201d "
        "he said."
    )
    s = find_quote(r, "We are close")
    assert s.speaker == s.speaker_name == "Pavel Dvorak"


def test_to_dict_carries_speaker_name():
    r = run("\u201cThe bill will pass before the recess,\u201d Rep. Dana Whitlock (R-Ariz.) told reporters.")
    d = r.to_dict()["statements"][0]
    assert d["speaker"] == "Rep. Dana Whitlock (R-Ariz.)" and d["speaker_name"] == "Dana Whitlock"


def test_pronoun_in_the_same_sentence_keeps_the_written_source():
    r = run(
        "Sen. Maria Lopez (D-N.M.) turned to the witness: \u201cYou knew about the leak for a month,\u201d she said."
    )
    s = find_quote(r, "leak for a month")
    assert s.speaker_name == "Maria Lopez"
    assert s.speaker == "Sen. Maria Lopez (D-N.M.)"


def test_of_place_after_the_name():
    r = run("\u201cThe vote is a formality now,\u201d said Representative Jon Pike of New Mexico.")
    s = find_quote(r, "formality now")
    assert s.speaker_name == "Jon Pike"
    assert s.speaker == "Representative Jon Pike of New Mexico"


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
