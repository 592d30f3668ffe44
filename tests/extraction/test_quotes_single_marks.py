"""Quotes in single quotation marks, and quotation marks that never close (issue 11), on invented sentences."""

import pytest

from extraction import extract
from extraction.document import build

from .helpers import find_quote
from .helpers import run


def _spans(body: str) -> list[str]:
    return [q.text for q in build("Headline\n\n" + body).quotes]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("The envoy said the rebels had made a 'list of new conditions' at the meeting.", ["list of new conditions"]),
        ("The envoy said the rebels had made a ‘list of new conditions’ at the meeting.", ["list of new conditions"]),
        # apostrophes inside words and plural possessives neither open nor close a quote
        ("Lima's envoy and the ministers' aides don't expect a deal before the envoys' next visit.", []),
        ("The envoy said ‘it’s the generals’ call, not ours,’ and left.", ["it’s the generals’ call, not ours,"]),
        ("‘We respect the ministers’ decision,’ the envoy said.", ["We respect the ministers’ decision,"]),
        # elisions are not openers
        ("He said he would tell 'em in the '90s style, rock 'n' roll and all.", []),
        # inside a double quote a single one is part of it
        ("“They told us ‘wait’ three times,” the envoy said.", ["They told us ‘wait’ three times,"]),
        # a single mark that never closes in its paragraph is an apostrophe, not a quote
        ("The envoy said 'the talks were over.", []),
    ],
)
def test_single_quotation_spans(body, expected):
    assert _spans(body) == expected


def test_single_quoted_scare_word_stays_in_the_narrative():
    doc = build("Headline\n\nThe 'request' of the Chilean side for direct talks was noted.")
    assert "request" in doc.masked


@pytest.mark.parametrize(
    ("text", "fragment", "count"),
    [
        # a headline's single quotes
        ("Herrera: rivals must 'stop the personal attacks now'\n\nHerrera spoke in Lima on Monday.", "personal", 0),
        # a subheading that is a whole paragraph in title case
        ("Talks resume\n\nHerrera spoke in Lima.\n\n'The Old Rules Are Gone.'\n\nThe round ended.", "Old Rules", 0),
        # a deck that echoes the body's double-quoted words: only the body's quote is a statement
        (
            "Talks resume\n\nHerrera likened it to 'moving the goalposts' again.\n\n"
            'Tomas Herrera said the other side kept "moving the goalposts" in every round.',
            "goalposts",
            1,
        ),
    ],
)
def test_single_quotes_that_report_nothing_said_here(text, fragment, count):
    statements = [s for s in extract(text, "2024-03-14").statements if fragment in s.quote]
    assert len(statements) == count
    assert all(s.speaker == "Tomas Herrera" for s in statements)


def test_unclosed_quote_ends_with_its_first_sentence():
    doc = build(
        "Headline\n\nThe mediator said: “Both sides want a ceasefire. Tomas Herrera then left the hall and the "
        "delegations went home."
    )
    (q,) = doc.quotes
    assert q.text == "Both sides want a ceasefire." and not q.closed
    assert "Herrera then left" in doc.masked


def test_unclosed_quote_ending_in_an_attribution_ends_before_it():
    r = run(
        "“Both delegations agreed to meet again in Lima next month, the joint statement said. The round ended "
        "on Friday."
    )
    s = find_quote(r, "Both delegations agreed")
    assert s.quote.endswith("next month") or s.quote.endswith("next month,")
    assert "statement" in (s.speaker or "")


def test_quote_continued_in_the_next_paragraph_is_not_cut():
    doc = build(
        "Headline\n\n“We came to talk. We will stay as long as it takes.\n\n“Nobody leaves before a deal,” "
        "Herrera said."
    )
    assert doc.quotes[0].text == "We came to talk. We will stay as long as it takes."
    assert doc.quotes[1].continues
