"""Which capitalised words are people (extraction/people.py). Invented sentences only."""

from .helpers import person
from .helpers import run


def _people(r):
    return {a.name for a in r.actors if a.kind == "person"}


def test_government_of_a_name_names_a_person():
    r = run("Delegations from the government of Carlos Ruiz and the opposition met in Lima.")
    assert "Carlos Ruiz" in _people(r)


def test_possessive_with_a_bare_apostrophe_marks_a_person():
    r = run("Anna Mathews' proposal for a joint patrol was rejected on Monday.")
    assert "Anna Mathews" in _people(r)


def test_lone_surname_subject_spoken_of_as_he_is_a_person():
    r = run("On his way out of the talks, Dimitriou confirmed the return of the envoy. He said all had agreed.")
    assert "Dimitriou" in _people(r)


def test_lone_word_spoken_of_as_it_is_not_a_person():
    r = run("Gazprom confirmed the deal on Monday. It said deliveries would resume.")
    assert "Gazprom" not in _people(r)


def test_portfolio_after_minister_of_is_not_a_person():
    r = run("Yasser Ali, Sudan's Minister of Irrigation and Water Resources, said the talks failed.")
    assert _people(r) == {"Yasser Ali"}


def test_titlecase_headline_does_not_make_verbs_part_of_a_name():
    r = run(
        "President Tomas Pardo and the leader of the former rebel movement, Rosa Luna, signed an accord "
        "in the capital on Tuesday.",
        headline="Pardo and Luna Sign Peace and Reconciliation Accord",
    )
    assert {"Tomas Pardo", "Rosa Luna"} <= _people(r)
    assert not any("Sign" in n for n in _people(r))


def test_a_place_of_worship_is_not_a_person():
    r = run(
        "The two sides agreed on a corridor linking Masjid Noor Karim in the border town with the main "
        "road, Chilean envoy Rosa Vidal said."
    )
    assert _people(r) == {"Rosa Vidal"}


def test_name_set_off_after_a_long_role_is_a_person():
    r = run(
        "Chilean President Ana Ruiz and the head of the armed group Sur Libre, Tomas Okafor, signed the "
        "accord in Santiago on Tuesday."
    )
    assert "Tomas Okafor" in _people(r)


def test_titled_name_inside_a_quote_is_listed_but_never_speaks():
    r = run(
        "\u201cThe Chilean team called Foreign Minister Rosa Vidal twice before answering,\u201d a source "
        "close to the talks said."
    )
    vidal = person(r, "Rosa Vidal")
    assert vidal.country == "CL"
    assert all(s.speaker != "Rosa Vidal" for s in r.statements)
