"""Proposal frames on the project's own invented sentences (issue 11): one rule, one test."""

from __future__ import annotations

import pytest

from extraction import extract
from extraction.document import MASK

PUB = "2024-03-14"


def _proposals(body: str, pub: str = PUB):
    return extract("Envoys meet\n" + body, pub).proposals


def _props(body: str, pub: str = PUB):
    return [(p.proposer, p.status) for p in _proposals(body, pub)]


def case(id: str, text: str, *proposals: dict):
    """A row of PROPOSALS: the text and the proposals it tells of, in order, each with the fields it must have."""
    return pytest.param(text, list(proposals), id=id)


PROPOSALS = [
    case(
        "capital_standing_for_the_state_names_the_state",
        "Lima proposed a new round of talks on the river dispute.",
        {"proposer": "Peru", "status": "proposed"},
    ),
    case(
        "pushed_for_a_roadmap_is_a_proposal",
        "Peru has reportedly pushed for a roadmap for the withdrawal of troops from the border.",
        {"proposer": "Peru", "status": "proposed"},
    ),
    case(
        "promised_not_to_resume_tests",
        "The general said Chile had promised not to resume missile tests.",
        {"proposer": "Chile", "status": "promised"},
    ),
    case(
        "backer_of_a_deal_is_its_proposer",
        "Peru and Bolivia have agreed on how to implement an EU-backed deal on the border.",
        {"proposer": "EU", "status": "accepted"},
    ),
    case(
        "agreement_he_proposed_is_his_and_accepted",
        "President Jorge Ramos of Peru announced that Chile and Bolivia had signed the first phase of the "
        "border plan, an agreement he proposed last month.",
        {"proposer": "Jorge Ramos", "status": "accepted"},
    ),
    case(
        "outcome_later_in_the_sentence_applies",
        "Peru later proposed Ecuador as a neutral venue and Bolivia has agreed to the request.",
        {"proposer": "Peru", "status": "accepted"},
    ),
    case(
        "being_open_to_discussing_something_is_an_offer",
        "Peru is open to discussing the size of military exercises on a reciprocal basis, she added.",
        {"proposer": "Peru", "status": "proposed"},
    ),
    case(
        "delegation_head_proposes_for_the_state",
        "Ilse Marrow, the head of Chile's negotiating team, held a phone call with Peruvian Foreign Minister "
        "Tomas Quiroga on Tuesday and proposed a third round of talks in Geneva on March 20.",
        {"proposer": "Chile", "status": "proposed"},
    ),
    case(
        "a_minister_who_is_no_delegate_stays_the_proposer",
        "Chilean Foreign Minister Ilse Marrow proposed a third round of talks in Geneva on March 20.",
        {"proposer": "Ilse Marrow", "status": "proposed"},
    ),
    case(
        "a_named_international_body_urging_is_the_proposer",
        "He said leaders of the Andean Community had urged the two rivals to keep "
        "negotiating and sign a truce next week.",
        {"proposer": "Andean Community", "status": "proposed"},
    ),
    case(
        "a_two_word_name_owning_a_proposal_is_its_proposer",
        "The border has been quiet.\nMarta Quispe's proposal for the UN to run the port "
        "addresses one of the sticking points.",
        {"proposer": "Marta Quispe", "status": "proposed"},
    ),
    case(
        "a_bare_opposition_takes_the_name_the_article_gives_it",
        "The government and the opposition Civic Alliance met in Lima on Monday.\n"
        "The opposition had proposed that all candidates be allowed to run, a demand the government refused.",
        {"proposer": "Civic Alliance", "status": "rejected"},
    ),
    case(
        "agreeing_to_swap_prisoners_is_an_agreement_with_the_number_kept",
        "Peruvian and Chilean delegations met in Vienna on Friday, agreeing to swap 1,000 prisoners of war each.",
        {"status": "accepted", "summary": "swap 1,000 prisoners of war each"},
    ),
    case(
        "a_document_named_in_the_next_sentence",
        "Peru handed Chile a document of its own. It sets out Lima's roadmap for a truce, "
        "a border commission and elections.",
        {"proposer": "Peru", "summary": "Lima's roadmap for a truce"},
    ),
    case(
        "request_of_a_side_named_by_its_demonym_is_its_proposal",
        "The envoy said Lima had noted the request of the Chilean officials for a new round of talks in Quito.",
        {"proposer": "Chile", "status": "proposed", "summary": "a new round of talks in Quito"},
    ),
    case(
        "an_outcome_in_the_same_sentence_without_an_object",
        "Chile proposed a prisoner exchange on Monday, and Peru agreed.",
        {"proposer": "Chile", "status": "accepted"},
    ),
    case(
        "an_owned_proposal_noun_whose_outcome_the_sentence_tells_is_that_proposal",
        "Peru accepted Chile's proposal to reopen the border crossing.",
        {"proposer": "Chile", "status": "accepted"},
    ),
]


@pytest.mark.parametrize(("body", "expected"), PROPOSALS)
def test_proposals_found(body, expected):
    found = _proposals(body)
    assert len(found) == len(expected), found
    assert [{f: getattr(p, f) for f in want} for p, want in zip(found, expected)] == expected


# texts with no proposal
NO_PROPOSAL = {
    "called_for_calm_is_not_a_proposal": "Peru called for calm after the clashes.",
    "asked_for_more_time_is_not_a_proposal": "The rebel commander asked for more time to consider the ceasefire.",
    "signing_the_agreement_does_not_make_the_signer_the_proposer": (
        "The rebel leader signed the ceasefire agreement, the mediator said."
    ),
    "agreeing_to_meet_is_a_meeting_not_a_proposal": (
        "The two commanders agreed to meet in Quito during their telephone exchanges."
    ),
    "agreement_of_many_parties_has_no_single_proposer": (
        "Peru, Chile, Bolivia and the United Nations agreed to set up a joint centre in Lima."
    ),
    "an_appeal_to_use_the_chance_is_not_a_proposal": (
        "The host's foreign minister opened the session and urged both sides to use the chance for peace."
    ),
    "open_to_criticism_is_no_offer": "The minister said Peru was open to criticism of its border policy.",
}


@pytest.mark.parametrize("body", NO_PROPOSAL.values(), ids=NO_PROPOSAL.keys())
def test_no_proposal(body):
    assert _props(body) == []


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
