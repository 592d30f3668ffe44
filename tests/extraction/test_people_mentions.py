"""Which capitalised words are people (extraction/people.py). Invented sentences only."""

import pytest

from .helpers import run


def _people(r):
    return {a.name for a in r.actors if a.kind == "person"}


def test_titlecase_headline_does_not_make_verbs_part_of_a_name():
    r = run(
        "President Tomas Pardo and the chief of the former guerrilla movement, Rosa Luna, signed an accord "
        "in the capital on Tuesday.",
        headline="Pardo and Luna Sign Peace and Reconciliation Accord",
    )
    assert {"Tomas Pardo", "Rosa Luna"} <= _people(r)
    assert not any("Sign" in n for n in _people(r))


EVERYONE_ELSE = "everyone else"

# (text, names that must be among its people, names that must not be: EVERYONE_ELSE for no other person at all)
PEOPLE = [
    pytest.param(
        "Delegations from the government of Carlos Ruiz and the opposition met in Lima.",
        {"Carlos Ruiz"},
        set(),
        id="government_of_a_name_names_a_person",
    ),
    pytest.param(
        "Anna Mathews' proposal for a joint patrol was rejected on Monday.",
        {"Anna Mathews"},
        set(),
        id="possessive_with_a_bare_apostrophe_marks_a_person",
    ),
    pytest.param(
        "On his way out of the talks, Dimitriou confirmed the return of the envoy. He said all had agreed.",
        {"Dimitriou"},
        set(),
        id="lone_surname_subject_spoken_of_as_he_is_a_person",
    ),
    pytest.param(
        "Gazprom confirmed the deal on Monday. It said deliveries would resume.",
        set(),
        {"Gazprom"},
        id="lone_word_spoken_of_as_it_is_not_a_person",
    ),
    pytest.param(
        "Idris Halloum, Chad's Minister of Agriculture and Water Development, said the talks failed.",
        {"Idris Halloum"},
        EVERYONE_ELSE,
        id="portfolio_after_minister_of_is_not_a_person",
    ),
    pytest.param(
        "The two sides agreed on a corridor linking Masjid Noor Karim in the border town with the main "
        "road, Chilean envoy Rosa Vidal said.",
        {"Rosa Vidal"},
        EVERYONE_ELSE,
        id="a_place_of_worship_is_not_a_person",
    ),
    pytest.param(
        "Chilean President Ana Ruiz and the head of the armed group Sur Libre, Tomas Okafor, signed the "
        "accord in Santiago on Tuesday.",
        {"Tomas Okafor"},
        set(),
        id="name_set_off_after_a_long_role_is_a_person",
    ),
    pytest.param(
        "The delegation was led by envoy Tarek Mansour and negotiator Selin Aydin of Turkey.",
        {"Selin Aydin", "Tarek Mansour"},
        EVERYONE_ELSE,
        id="names_never_seen_before_with_lowercase_title",
    ),
    pytest.param(
        "The African Union and the Arab League met at the National Assembly in Addis Ababa. The Blue Nile flows north.",
        set(),
        EVERYONE_ELSE,
        id="places_and_organisations_are_not_people",
    ),
    pytest.param(
        "FARMERS DO NOT TRUST HIM\n\nThe minister\u2019s plan was rejected by the farm union.",
        set(),
        EVERYONE_ELSE,
        id="all_capitals_heading_is_not_a_person",
    ),
    pytest.param(
        "Egyptian Colonel Karim Abdel Hadi el-Mansouri met Belgian envoy Pieter van der Berghe and "
        "Jordanian Prince Faisal bin Rashid in Amman on Monday. Brazilian minister Joana Maria da Costa "
        "arrived later.",
        {"Faisal bin Rashid", "Joana Maria da Costa", "Karim Abdel Hadi el-Mansouri", "Pieter van der Berghe"},
        set(),
        id="names_with_particles_are_whole",
    ),
    pytest.param(
        "Kuwait's Foreign Minister Sheikh Salem Abdullah Al Jaber met IAEA Director Rafael Costa on Friday.",
        {"Rafael Costa", "Salem Abdullah Al Jaber"},
        set(),
        id="capitalised_al_inside_a_name_and_agency_acronym_titles",
    ),
]


@pytest.mark.parametrize(("body", "people", "not_people"), PEOPLE)
def test_which_names_are_people(body, people, not_people):
    found = _people(run(body))
    assert people <= found
    if not_people == EVERYONE_ELSE:
        assert found == people
    else:
        assert not not_people & found
