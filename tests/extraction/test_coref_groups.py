"""Stage 3 gaps (extraction/coref.py): "the two sides", plural "they", "the bloc" and "the statement" as
references, and how attribution uses them. Invented sentences, people and events only."""

import datetime as dt

import pytest

from extraction.core import read_document
from extraction.coref import JOINT_STATEMENT
from extraction.coref import document_issuer
from extraction.coref import pair_name
from extraction.coref import parties
from extraction.coref import plural_referent

from .helpers import find_quote
from .helpers import run

PUB = dt.date(2024, 3, 14)


def _doc(body, headline="Fishing talks resume"):
    return read_document(headline + "\n\n" + body, PUB)


def _pair_at(doc, phrase, find=parties):
    pair = find(doc, doc.text.index(phrase))
    return pair_name(doc, pair) if pair else None


# ------------------------------------------------------------------------------------- the two sides


@pytest.mark.parametrize(
    ("body", "phrase", "pair"),
    [
        pytest.param(
            "Chile and Uruguay ended a third round on fishing rights. The two sides will meet again in May.",
            "The two sides",
            "Chile and Uruguay",
            id="sentence-before",
        ),
        pytest.param(
            "After Ghanaian and Togolese negotiators met on Monday, both sides spoke of progress.",
            "both sides",
            "Ghana and Togo",
            id="same-sentence-demonyms",
        ),
    ],
)
def test_the_two_sides_are_the_two_parties_named_near(body, phrase, pair):
    assert _pair_at(_doc(body), phrase) == pair


def test_a_mediator_or_a_venue_is_not_one_of_the_sides():
    doc = _doc(
        "Chile and Uruguay signed a truce brokered by Portugal in Lisbon. Talks in southern Paraguay had failed."
        " The two sides said the truce would hold."
    )
    # the previous sentence names only a venue, the one before it is out of reach: nothing is guessed
    assert _pair_at(doc, "The two sides") is None
    doc = _doc("Chile and Uruguay signed a truce brokered by Portugal. The two sides said the truce would hold.")
    assert _pair_at(doc, "The two sides") == "Chile and Uruguay"


def test_the_article_s_two_most_named_states_when_no_sentence_near_names_them():
    body = (
        "Mongolia rejected the offer. Nepal said it would wait. Mongolia sent an envoy. Nepal sent one too. "
        "Mongolia and Nepal have argued for years. Mongolia wants a deal.\n\n"
        "Officials met on Monday.\n\nThe two sides agreed on nothing."
    )
    assert _pair_at(_doc(body), "The two sides") == "Mongolia and Nepal"


def test_no_pair_when_a_third_state_is_named_as_often():
    body = (
        "Mongolia rejected the offer. Nepal said it would wait. Bhutan mediated. Mongolia sent an envoy. "
        "Nepal sent one too. Bhutan hosted them. Mongolia wants a deal.\n\nOfficials met on Monday.\n\n"
        "The two sides agreed on nothing."
    )
    assert _pair_at(_doc(body), "The two sides") is None


# ----------------------------------------------------------------------------------------- they


def test_they_is_two_parties_named_together():
    doc = _doc("Chile and the Free Valley Movement signed the accord on Monday. They said the text would be public.")
    assert _pair_at(doc, "They said", plural_referent) == "Chile and Free Valley Movement"


def test_they_after_the_two_sides_is_those_two_parties():
    doc = _doc("Malta and Iceland held talks in Geneva. Afterwards the two sides said they were pleased.")
    assert _pair_at(doc, "they were", plural_referent) == "Malta and Iceland"


@pytest.mark.parametrize(
    "body",
    [
        "Officials from the ministry met reporters. They said the talks were over.",
        "Officials said Chile and Uruguay were close to a deal. They said the talks were over.",
        "Chile and Uruguay were close to a deal. Officials said they expected a signing soon.",
    ],
)
def test_they_whose_subject_is_not_two_parties_stays_a_pronoun(body):
    doc = _doc(body)
    assert plural_referent(doc, doc.text.lower().rindex("they ")) is None


def test_they_said_is_attributed_to_the_two_parties():
    r = run(
        "Chile and Uruguay ended a third round of talks on Monday. "
        "They said: \u201cWe made real progress on fishing quotas and will meet again.\u201d"
    )
    assert find_quote(r, "real progress").speaker == "Chile and Uruguay"


def test_the_two_sides_said_is_attributed_to_the_two_parties():
    r = run(
        "Ghana and Togo ended a third round of border talks in Accra on Monday.\n\n"
        "\u201cWe made real progress on the border markers,\u201d the two sides said."
    )
    assert find_quote(r, "real progress").speaker == "Ghana and Togo"


# -------------------------------------------------------------------------------------------- the bloc


@pytest.mark.parametrize(
    ("body", "name"),
    [
        pytest.param("Mercosur leaders met in Asuncion. The bloc said tariffs would fall.", "Mercosur", id="acronym"),
        pytest.param(
            "The Economic Community of West African States, or ECOWAS, met on Friday. ECOWAS envoys left."
            " The bloc said it would send monitors.",
            "Economic Community of West African States",
            id="fullest-name",
        ),
    ],
)
def test_the_bloc_is_the_latest_bloc_named_before(body, name):
    doc = _doc(body)
    bloc = doc.coref.bloc_before(doc.text.index("The bloc"))
    assert doc.coref.bloc_name(bloc.key) == name


def test_the_bloc_said_is_attributed_to_the_bloc_but_not_a_party_alliance():
    r = run(
        "Mercosur imposed new tariffs on Mongolia on Monday.\n\n"
        "\u201cWe will not lower them before the summer,\u201d the bloc said in a statement."
    )
    assert find_quote(r, "lower them").speaker == "Mercosur"
    r = run(
        "The opposition bloc walked out of parliament in Ulaanbaatar.\n\n"
        "\u201cThis vote is a sham and we will not take part in it,\u201d the opposition bloc said."
    )
    assert find_quote(r, "vote is a sham").speaker != "Mercosur"


# ------------------------------------------------------------------------------------------ documents


@pytest.mark.parametrize(
    ("body", "issuer"),
    [
        ("Chile's foreign ministry issued a statement on Monday. The statement said", "Chile's foreign ministry"),
        (
            "The Chilean Foreign Ministry said in a statement that talks were over. The statement said",
            "Chilean Foreign Ministry",
        ),
        ("Foreign Minister Ana Soto has issued a short statement. The statement said", "Ana Soto"),
        ("A communique released by the Ocean Council on Monday was brief. The document said", "Ocean Council"),
        ("Chile and Uruguay released a joint statement on Monday. The statement said", JOINT_STATEMENT),
        ("Talks ended and on Monday issued a statement. The statement said", None),
    ],
)
def test_a_document_refers_to_the_source_that_issued_it(body, issuer):
    doc = _doc(body + " the talks would resume.")
    found = document_issuer(doc, doc.text.index("said the talks"))
    assert found == issuer or (issuer is not None and found is not None and found.endswith(issuer))


@pytest.mark.parametrize(
    ("issued", "document", "speaker"),
    [
        ("The Ocean Council of Chile released a statement on Monday", "statement", "Ocean Council of Chile"),
        ("Foreign Minister Ana Soto of Chile issued a statement on Monday", "statement", "Ana Soto"),
        ("The Ocean Council of Chile posted a message on Telegram on Monday", "message", "Ocean Council of Chile"),
        ("Foreign Minister Ana Soto tweeted on Monday", "tweet", "Ana Soto"),
    ],
)
def test_the_statement_said_is_attributed_to_its_issuer(issued, document, speaker):
    r = run(
        f"{issued} after the talks.\n\n\u201cThe fishing season will open as planned in April,\u201d the {document} said."
    )
    assert find_quote(r, "fishing season").speaker_name == speaker
