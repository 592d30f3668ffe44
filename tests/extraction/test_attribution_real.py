"""Attribution rules for error classes seen on real political news (quotes.py, attribution.py, speakers.py).
Invented sentences only."""

import datetime as dt

from extraction import extract

PUB = dt.date(2024, 3, 14)


def _statements(body):
    return {s.quote: s.speaker for s in extract("Harbour dispute deepens\n\n" + body, PUB).statements}


def test_a_characterisation_after_as_is_the_subjects_statement():
    got = _statements(
        "Senator Maria Okafor has spent the week pounding the harbour board as a \u201cclub of insiders\u201d "
        "before the vote."
    )
    assert got == {"club of insiders": "Maria Okafor"}


def test_a_list_of_characterisations_shares_the_subject():
    got = _statements(
        "Senator Maria Okafor spoke on Monday.\n\n"
        "In recent days, Okafor has gone after the board chairman as a \u201cman who sells the coast\u201d "
        "and a \u201cpaper admiral.\u201d"
    )
    assert got == {"man who sells the coast": "Maria Okafor", "paper admiral.": "Maria Okafor"}


def test_known_as_or_such_as_is_a_name_not_a_characterisation():
    got = _statements(
        "The old pier, known as the \u201cgrey mile\u201d by sailors, was closed. Crops such as \u201cwinter barley\u201d "
        "were lost."
    )
    assert got == {}


def test_a_verb_with_an_object_is_not_read_as_inverted_speech():
    # 'dismissed OBJECT as ...' has its subject before it; the object is never the source
    got = _statements(
        "In May, Lindqvist coldly dismissed harbour union member Norway as being in \u201cthe pocket of the shipowners\u201d."
    )
    assert got["the pocket of the shipowners"] != "harbour union"


def test_an_adjective_before_a_plural_speech_noun_makes_it_a_noun():
    # "of Liberal claims": "claims" is a noun here, so its "subject" is not the source
    got = _statements("The Harbour Watch rated 30% of Liberal claims as \u201cmostly wrong\u201d in its yearly review.")
    assert got["mostly wrong"] == "The Harbour Watch"


def test_a_title_after_a_possessive_or_a_title_noun_is_not_a_statement():
    got = _statements(
        "The harbour master spoke on Monday on the network\u2019s \u201cMorning Table.\u201d "
        "The mayor answered with the nickname \u201cSlippery Sam.\u201d"
    )
    assert got == {}


def test_a_capitalised_sentence_after_a_colon_is_still_a_statement():
    got = _statements("Harbour master Ines Walcott said: \u201cWe Will Open.\u201d")
    assert got == {"We Will Open.": "Ines Walcott"}


def test_a_description_keeps_where_the_person_is():
    got = _statements(
        "\u201cYou pay the dues. So why does the board not pay?\u201d a narrator in the union ad asks.\n\n"
        "\u201cThe port is a mess and we all know it,\u201d said one Liberal adviser on the committee."
    )
    assert got == {
        "You pay the dues. So why does the board not pay?": "narrator in the union ad",
        "The port is a mess and we all know it": "Liberal adviser on the committee",
    }


def test_a_characterisation_needs_a_named_subject():
    # 'Critics of the port': the subject is no one named, so the rule lends no source
    got = _statements(
        "Critics of the port have long been pounding the plan as a \u201cgift to the shipowners\u201d online."
    )
    assert got == {"gift to the shipowners": None}


def test_a_possessed_claim_is_the_possessors_statement():
    got = _statements(
        "The fact-checkers looked at Mayor Ana Ruiz\u2019s claim that there were \u201chundreds of empty berths\u201d in the port."
    )
    assert got == {"hundreds of empty berths": "Ana Ruiz"}


def test_according_to_a_document_names_the_whole_noun_phrase():
    got = _statements(
        "According to a 30-count complaint filed by the harbour agency and a letter by the union, the firm ran a "
        "\u201clong and costly scheme\u201d for years."
    )
    assert got == {
        "long and costly scheme": "a 30-count complaint filed by the harbour agency and a letter by the union"
    }


def test_a_catenative_verb_keeps_the_subject_before_it():
    got = _statements(
        "Mayor Ana Ruiz spoke on Monday. Ruiz went on to say that the port was \u201ca sinking ship for everyone.\u201d"
    )
    assert got == {"a sinking ship for everyone.": "Ana Ruiz"}


def test_going_on_about_reports_the_words_that_follow():
    got = _statements(
        "Mayor Ana Ruiz spoke on Monday.\n\n"
        "\u201cAre you listening?\u201d the boy asked his father, and as Ruiz went on about \u201chow the port is rigged\u201d "
        "and \u201cour struggling fishermen,\u201d the crowd cheered."
    )
    assert got["how the port is rigged"] == "Ana Ruiz"
    assert got["our struggling fishermen"] == "Ana Ruiz"


def test_a_relative_clauses_verb_is_not_the_report():
    got = _statements(
        "At a forum on Monday, Mayor Ana Ruiz sharply told a young fisherman who suggested that nobody would vote "
        "that \u201cthis is not the time to give up on the harbour.\u201d"
    )
    assert got == {"this is not the time to give up on the harbour.": "Ana Ruiz"}


def test_a_manner_adverb_between_subject_and_verb_is_skipped_but_not_a_noun_in_ly():
    got = _statements(
        "Mayor Tomas Lindqvist spoke on Monday.\n\n"
        "Lindqvist cynically dismissed the harbour board as \u201ca club for shipowners\u201d on Tuesday.\n\n"
        "The assembly said the port was \u201ca sinking ship for all of us.\u201d"
    )
    assert got["a club for shipowners"] == "Tomas Lindqvist"
    assert got["a sinking ship for all of us."] == "assembly"
