"""Proposal frames on the project's own invented sentences (issue 11): one rule, one test."""

from __future__ import annotations

import pytest

from extraction import extract
from extraction.document import MASK

PUB = "2024-03-14"


def _props(body: str, pub: str = PUB):
    return [(p.proposer, p.status) for p in extract("Envoys meet\n" + body, pub).proposals]


# (text, its proposals as (proposer, status), in order)
PROPOSALS = [
    pytest.param(
        "Lima proposed a new round of talks on the river dispute.",
        [("Peru", "proposed")],
        id="capital_standing_for_the_state_names_the_state",
    ),
    pytest.param(
        "Peru has reportedly pushed for a roadmap for the withdrawal of troops from the border.",
        [("Peru", "proposed")],
        id="pushed_for_a_roadmap_is_a_proposal",
    ),
    pytest.param(
        "The general said Chile had promised not to resume missile tests.",
        [("Chile", "promised")],
        id="promised_not_to_resume_tests",
    ),
    pytest.param(
        "Peru and Bolivia have agreed on how to implement an EU-backed deal on the border.",
        [("EU", "accepted")],
        id="backer_of_a_deal_is_its_proposer",
    ),
    pytest.param(
        "President Jorge Ramos of Peru announced that Chile and Bolivia had signed the first phase of the "
        "border plan, an agreement he proposed last month.",
        [("Jorge Ramos", "accepted")],
        id="agreement_he_proposed_is_his_and_accepted",
    ),
    pytest.param(
        "Peru later proposed Ecuador as a neutral venue and Bolivia has agreed to the request.",
        [("Peru", "accepted")],
        id="outcome_later_in_the_sentence_applies",
    ),
    pytest.param(
        "Peru is open to discussing the size of military exercises on a reciprocal basis, she added.",
        [("Peru", "proposed")],
        id="being_open_to_discussing_something_is_an_offer",
    ),
    pytest.param(
        "Ilse Marrow, the head of Chile's negotiating team, held a phone call with Peruvian Foreign Minister "
        "Tomas Quiroga on Tuesday and proposed a third round of talks in Geneva on March 20.",
        [("Chile", "proposed")],
        id="delegation_head_proposes_for_the_state",
    ),
    pytest.param(
        "Chilean Foreign Minister Ilse Marrow proposed a third round of talks in Geneva on March 20.",
        [("Ilse Marrow", "proposed")],
        id="a_minister_who_is_no_delegate_stays_the_proposer",
    ),
    pytest.param(
        "He said leaders of the Andean Community had urged the two rivals to keep "
        "negotiating and sign a truce next week.",
        [("Andean Community", "proposed")],
        id="a_named_international_body_urging_is_the_proposer",
    ),
    pytest.param(
        "The border has been quiet.\nMarta Quispe's proposal for the UN to run the port "
        "addresses one of the sticking points.",
        [("Marta Quispe", "proposed")],
        id="a_two_word_name_owning_a_proposal_is_its_proposer",
    ),
    pytest.param(
        "The government and the opposition Civic Alliance met in Lima on Monday.\n"
        "The opposition had proposed that all candidates be allowed to run, a demand the government refused.",
        [("Civic Alliance", "rejected")],
        id="a_bare_opposition_takes_the_name_the_article_gives_it",
    ),
]


@pytest.mark.parametrize(("body", "expected"), PROPOSALS)
def test_proposer_and_status(body, expected):
    assert _props(body) == expected


# texts with no proposal
NO_PROPOSAL = [
    pytest.param(
        "Peru called for calm after the clashes.",
        id="called_for_calm_is_not_a_proposal",
    ),
    pytest.param(
        "The rebel commander asked for more time to consider the ceasefire.",
        id="asked_for_more_time_is_not_a_proposal",
    ),
    pytest.param(
        "The rebel leader signed the ceasefire agreement, the mediator said.",
        id="signing_the_agreement_does_not_make_the_signer_the_proposer",
    ),
    pytest.param(
        "The two commanders agreed to meet in Quito during their telephone exchanges.",
        id="agreeing_to_meet_is_a_meeting_not_a_proposal",
    ),
    pytest.param(
        "Peru, Chile, Bolivia and the United Nations agreed to set up a joint centre in Lima.",
        id="agreement_of_many_parties_has_no_single_proposer",
    ),
    pytest.param(
        "The host's foreign minister opened the session and urged both sides to use the chance for peace.",
        id="an_appeal_to_use_the_chance_is_not_a_proposal",
    ),
    pytest.param(
        "The minister said Peru was open to criticism of its border policy.",
        id="open_to_criticism_is_no_offer",
    ),
]


@pytest.mark.parametrize("body", NO_PROPOSAL)
def test_no_proposal(body):
    assert _props(body) == []


def test_agreeing_to_swap_prisoners_is_an_agreement_with_the_number_kept():
    r = extract(
        "Envoys meet\nPeruvian and Chilean delegations met in Vienna on Friday, agreeing to swap "
        "1,000 prisoners of war each.",
        PUB,
    )
    assert [(p.status, p.summary) for p in r.proposals] == [("accepted", "swap 1,000 prisoners of war each")]


def test_a_document_named_in_the_next_sentence():
    r = extract(
        "Envoys meet\nPeru handed Chile a document of its own. It sets out Lima's roadmap for a truce, "
        "a border commission and elections.",
        PUB,
    )
    assert [(p.proposer, p.summary) for p in r.proposals] == [("Peru", "Lima's roadmap for a truce")]


def test_two_different_open_proposals_of_one_state_stay_two():
    r = extract(
        "Envoys meet\nPeru proposed a second round of talks in Quito. "
        "Peru will hand over a memorandum setting out its conditions for a truce, the envoy said.",
        PUB,
    )
    assert sorted(p.status for p in r.proposals) == ["promised", "proposed"]


def test_a_country_named_as_a_place_is_not_the_subject():
    r = extract(
        "Envoys meet\nRegional ministers at the end of talks in Peru on Saturday urged the junta to "
        "implement a peace plan.",
        PUB,
    )
    assert all(p.proposer != "Peru" for p in r.proposals)


def test_confidence_is_lower_for_a_submitted_document_than_for_a_state_proposal():
    r = extract("Envoys meet\nPeru proposed a new round of talks. Chile handed Peru a draft treaty on the border.", PUB)
    conf = {p.status: p.confidence for p in r.proposals}
    assert 0.0 < conf["submitted"] < conf["proposed"] <= 1.0


def test_urged_with_a_long_object_in_parentheses():
    r = extract(
        "Envoys meet\nIn talks that lasted eight hours, mediators Peru and Chile urged the National Army "
        "(NA) and the Liberation Front (LF) to sign a binding truce.",
        PUB,
    )
    # either mediator may stand for the joint call
    assert [(p.proposer in ("Peru", "Chile"), p.status) for p in r.proposals] == [(True, "proposed")]


def test_request_of_a_side_named_by_its_demonym_is_its_proposal():
    body = "The envoy said Lima had noted the request of the Chilean officials for a new round of talks in Quito."
    props = extract("Envoys meet\n" + body, PUB).proposals
    assert [(p.proposer, p.status) for p in props] == [("Chile", "proposed")]
    assert props[0].summary == "a new round of talks in Quito"


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
    (p,) = extract("Envoys meet\n" + text, PUB).proposals
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


def test_an_outcome_in_the_same_sentence_without_an_object():
    assert _props("Chile proposed a prisoner exchange on Monday, and Peru agreed.") == [("Chile", "accepted")]


def test_an_owned_proposal_noun_whose_outcome_the_sentence_tells_is_that_proposal():
    assert _props("Peru accepted Chile's proposal to reopen the border crossing.") == [("Chile", "accepted")]
