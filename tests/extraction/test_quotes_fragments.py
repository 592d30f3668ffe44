"""Short partial quotes: statements or labels (extraction/quotes.py classify). Invented sentences."""

from .helpers import run


def _quotes(r):
    return [s.quote for s in r.statements]


def test_possessive_after_a_reporting_verb_opens_the_speakers_words():
    r = run("Envoy Marta Ilves said her \u201cfirst concern\u201d was the safety of the crews.")
    assert "first concern" in _quotes(r)


def test_an_organisations_label_after_its_is_not_a_statement():
    r = run("One official suggested the council could simply send its \u201ctrade memo\u201d by email.")
    assert "trade memo" not in _quotes(r)


def test_a_repeated_phrase_is_a_statement_where_a_verb_reports_it():
    r = run(
        "Envoy Marta Ilves said the sides still had to show \u201creal progress\u201d on the border.\n\n"
        "Leaders will decide in May whether a detailed \u201creal progress\u201d report is due."
    )
    qs = _quotes(r)
    assert qs.count("real progress") == 1


def test_a_long_agreement_title_in_quotes_is_not_a_statement():
    r = run(
        "The sides signed the \u201cPartial Agreement for the Protection of the Coastal Fishing Communities\u201d "
        "in Lima on Monday, the envoy said."
    )
    assert not any("Partial Agreement" in q for q in _quotes(r))


def test_partial_quote_attributed_at_the_end_of_its_sentence():
    r = run(
        "The talks have made \u201csome headway\u201d but more work is needed, Chile's chief negotiator has said.\n\n"
        "After the round in Lima, Chilean negotiator Tomas Pardo said the gaps were narrower."
    )
    s = next(s for s in r.statements if s.quote == "some headway")
    assert s.speaker_name == "Tomas Pardo"


def test_title_with_lowercase_prepositions_is_still_a_title():
    r = run(
        "They reached the \u201cAgreement for the Defense of Sovereignty over the Northern Islands\u201d and "
        "more, the envoy said."
    )
    assert not any("Agreement for" in q for q in _quotes(r))
