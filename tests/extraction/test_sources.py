"""`speaker` carries the source as written at the attribution; `speaker_name` the clean name (own sentences).
A row gives a text and what it expects (helpers.Expect): the fields that pick its statements, how many of
those there are (left out: at least one), and the fields the first of them has."""

import pytest

from .helpers import Expect
from .helpers import Has
from .helpers import Not
from .helpers import StartsWith
from .helpers import run

# (text, what it expects of the statements)
STATEMENTS = [
    pytest.param(
        "\u201cThe Chilean team called Foreign Minister Rosa Vidal twice before answering,\u201d a source "
        "close to the talks said.",
        Expect({"speaker": Has("Rosa Vidal")}, 0),
        id="titled_name_inside_a_quote_never_speaks",
    ),
    pytest.param(
        "\u201cWe will not be rushed,\u201d said Senate Majority Leader Tom Harwick, R-Idaho.",
        Expect(
            {"quote": Has("not be rushed")},
            speaker_name="Tom Harwick",
            speaker=Has("Senate Majority Leader Tom Harwick, R-Idaho"),
        ),
        id="party_tag_between_commas_stays_in_the_speaker",
    ),
    pytest.param(
        "\u201cWe have nowhere else to go,\u201d said Amina Yusuf, 34, who fled the fighting last year.",
        Expect({"quote": Has("nowhere else")}, speaker=StartsWith("Amina Yusuf, 34"), speaker_name="Amina Yusuf"),
        id="age_appositive_stays_in_the_speaker",
    ),
    pytest.param(
        "Libyan commander Khalifa Omar al-Dabbashi said on Monday his men would withdraw. "
        '"We keep our word," Dabbashi told reporters.',
        Expect({"quote": Has("We keep our word")}, speaker_name="Khalifa Omar al-Dabbashi"),
        id="unprefixed_surname_speaks_as_the_full_name",
    ),
    pytest.param(
        "The navy's commander, Admiral Ruslan Bekov, rejected an offer by the rebels for a weekly "
        'prisoner swap, calling it "a stunt for the cameras."',
        Expect(
            {"quote": Has("a stunt for the cameras")},
            speaker_name="Ruslan Bekov",
            speaker=Has("Bekov", lacks=("rejected",)),
        ),
        id="speaker_span_has_no_main_clause_verb",
    ),
    pytest.param(
        '"We will not sign," said Tomas Varga, elected last year as the party\'s leader.',
        Expect({"quote": Has("We will not sign")}, speaker_name="Tomas Varga", speaker=Has("elected last year")),
        id="participle_appositive_is_still_kept",
    ),
    pytest.param(
        "European Council President Marta van den Broek met Chilean officials on Monday. "
        '"We are ready," van den Broek told reporters.',
        Expect({"quote": Has("We are ready")}, 1, speaker_name="Marta van den Broek"),
        id="lowercase_particle_surname_speaks_as_the_full_name",
    ),
    pytest.param(
        "The offer came from an aide to Petrov. Serbian opposition leader Milan Ilic warned that the plan "
        '"sells out the north."',
        Expect({"quote": Has("sells out the north")}, speaker_name="Milan Ilic", speaker=Not(StartsWith("Petrov"))),
        id="speaker_title_run_stops_at_the_previous_sentence",
    ),
]


@pytest.mark.parametrize(("body", "expect"), STATEMENTS)
def test_statement(body, expect):
    expect.check(run(body).statements)


def test_to_dict_carries_speaker_name():
    r = run("\u201cThe bill will pass before the recess,\u201d Rep. Dana Whitlock (R-Ariz.) told reporters.")
    d = r.to_dict()["statements"][0]
    assert d["speaker"] == "Rep. Dana Whitlock (R-Ariz.)" and d["speaker_name"] == "Dana Whitlock"
