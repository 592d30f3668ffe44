"""Proposal frames on the project's own invented sentences (issue 11): one rule, one test.
The tables of cases are in cases/proposals.toml."""

from __future__ import annotations

import pytest

from extraction import extract
from extraction.document import MASK

from .case_data import cases

PUB = "2024-03-14"


def _proposals(body: str, pub: str = PUB):
    return extract("Envoys meet\n" + body, pub).proposals


def _props(body: str, pub: str = PUB):
    return [(p.proposer, p.status) for p in _proposals(body, pub)]


@pytest.mark.parametrize("case", cases("proposals", "found"))
def test_proposals_found(case):
    found, expected = _proposals(case["text"]), case["proposals"]
    assert len(found) == len(expected), found
    assert [{f: getattr(p, f) for f in want} for p, want in zip(found, expected)] == expected


@pytest.mark.parametrize("case", cases("proposals", "no_proposal"))
def test_no_proposal(case):
    assert _props(case["text"]) == []


def test_two_different_open_proposals_of_one_state_stay_two():
    proposals = _proposals(
        "Peru proposed a second round of talks in Quito. "
        "Peru will hand over a memorandum setting out its conditions for a truce, the envoy said."
    )
    assert sorted(p.status for p in proposals) == ["promised", "proposed"]


def test_a_country_named_as_a_place_is_not_the_subject():
    proposals = _proposals(
        "Regional ministers at the end of talks in Peru on Saturday urged the junta to implement a peace plan."
    )
    assert all(p.proposer != "Peru" for p in proposals)


def test_confidence_is_lower_for_a_submitted_document_than_for_a_state_proposal():
    proposals = _proposals("Peru proposed a new round of talks. Chile handed Peru a draft treaty on the border.")
    conf = {p.status: p.confidence for p in proposals}
    assert 0.0 < conf["submitted"] < conf["proposed"] <= 1.0


def test_urged_with_a_long_object_in_parentheses():
    proposals = _proposals(
        "In talks that lasted eight hours, mediators Peru and Chile urged the National Army "
        "(NA) and the Liberation Front (LF) to sign a binding truce."
    )
    # either mediator may stand for the joint call
    assert [(p.proposer in ("Peru", "Chile"), p.status) for p in proposals] == [(True, "proposed")]


@pytest.mark.parametrize(
    ("text", "words"),
    [
        (
            "Iceland on Monday proposed what it called a \u201cfinal offer\u201d to end the dispute over fishing rights.",
            "\u201cfinal offer\u201d",
        ),
        (
            "Uruguay submitted an implementation plan for the \u201cfour-point consensus\u201d agreed with the rebels.",
            "\u201cfour-point consensus\u201d",
        ),
    ],
)
def test_a_summary_keeps_the_quoted_words_it_spans(text, words):
    (p,) = _proposals(text)
    assert words in p.summary and MASK not in p.summary


@pytest.mark.parametrize(
    ("outcome", "status"),
    [
        ("Peru agreed on Tuesday.", "accepted"),
        ("Peru later accepted.", "accepted"),
        ("Peru refused it, officials said.", "rejected"),
        ("The other side agreed.", "accepted"),
        ("Peru has not agreed.", "proposed"),
        ("Chile agreed.", "proposed"),
    ],
)
def test_an_outcome_told_later_without_an_object_closes_the_proposal(outcome, status):
    assert _props("Chile proposed a prisoner exchange on Monday. " + outcome) == [("Chile", status)]
