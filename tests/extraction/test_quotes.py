import pytest

from .helpers import find_quote
from .helpers import run


def test_curly_and_straight_quotation_marks():
    r = run(
        "“The door to dialogue remains open,” Chilean Foreign Minister Tomas Herrera said on Monday.\n\n"
        '"We will not sign anything under pressure," Herrera added.'
    )
    a = find_quote(r, "door to dialogue")
    b = find_quote(r, "under pressure")
    assert a.speaker == "Tomas Herrera" and b.speaker == "Tomas Herrera"
    assert a.kind == "direct"
    assert "," not in a.quote[-1:]


def test_unnamed_source_keeps_description():
    r = run('"They handed us a list of demands that nobody can accept," a Georgian official told the newspaper.')
    s = find_quote(r, "list of demands")
    assert s.speaker_desc == "Georgian official"
    assert "official" in (s.speaker or "")


def test_partial_quote_after_reporting_verb():
    r = run('On Monday, Austrian Chancellor Franz Gruber warned that the proposal was "dead on arrival".')
    s = find_quote(r, "dead on arrival")
    assert s.speaker == "Franz Gruber"
    assert s.date is not None and s.date.isoformat() == "2024-03-11"


# quoted words that nobody says: scare quotes, titles, labels
@pytest.mark.parametrize(
    "body",
    [
        pytest.param(
            'The so-called "contact group" will meet again. Observers say the "coalition of the '
            'willing" has lost momentum. Officials call the draft a "framework" and the "framework" is '
            'still secret. The "Helsinki Final Act" was cited.',
            id="scare_quotes_and_titles_are_not_statements",
        ),
        pytest.param(
            "The minister called the plan \u201cnaive\u201d and left.",
            id="single_quoted_word_is_not_a_statement",
        ),
        pytest.param(
            "Nobody has seen that \u201cpeace memo\u201d yet.",
            id="demonstrative_that_still_blocks_a_label",
        ),
    ],
)
def test_no_statement(body):
    assert run(body).statements == []
