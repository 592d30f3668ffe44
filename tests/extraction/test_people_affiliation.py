"""A person's country from the words that describe that person (extraction/affiliation.py).
Invented sentences only."""

from extraction import affiliation as A
from extraction.document import build
from extraction.people import Registry
from extraction.people import scan

from .helpers import person
from .helpers import run


def _reg(body, headline="Test headline about negotiations"):
    doc = build(headline + "\n\n" + body)
    reg = Registry(doc)
    scan(doc, reg)
    return doc, reg


def test_respective_lists_pair_names_with_countries_in_order():
    r = run(
        "The defence ministers of Chile, Norway and Kenya Pablo Ortega, Ingrid Dahl and Peter Mwangi "
        "met in Geneva on Monday. Ortega spoke first."
    )
    assert person(r, "Pablo Ortega").country == "CL"
    assert person(r, "Ingrid Dahl").country == "NO"
    assert person(r, "Peter Mwangi").country == "KE"


def test_a_multiword_demonym_is_not_cut_to_its_last_word():
    r = run("South Sudanese President Jon Deng and rebel chief Luka Amor met in Nairobi.")
    assert person(r, "Jon Deng").country == "SS"


def test_national_office_gives_the_country():
    r = run("Secretary of State Alan Brooks said the talks in Oslo were useful for Norway.")
    assert person(r, "Alan Brooks").country == "US"


def test_origin_in_the_appositive_beats_the_country_being_discussed():
    r = run(
        "\u201cWill Chile accept the terms? I doubt it,\u201d said Mara Quiroga, a lawyer on trade "
        "from Peru's national university."
    )
    assert person(r, "Mara Quiroga").country == "PE"


def test_host_of_a_visit_belongs_to_the_country_visited():
    r = run(
        "The envoy will then travel to Norway to meet with Prime Minister Erik Lunde about the plan agreed with Sweden."
    )
    assert person(r, "Erik Lunde").country == "NO"


def test_lowercase_role_after_and_shares_the_previous_member_country():
    r = run("Chile's Trade Minister Rosa Vidal and chief negotiator Tomas Pardo met US officials.")
    assert person(r, "Tomas Pardo").country == "CL"


def test_the_other_side_of_an_agreement_is_not_the_speakers_country():
    r = run(
        "\u201cThe signing of this pact with Norway is a big step,\u201d said deputy speaker Omar Haddad.",
        headline="Talks in Beirut end with a deal",
    )
    assert person(r, "Omar Haddad").country == "LB"


def test_role_described_before_the_name_carries_its_country():
    doc, reg = _reg(
        "Some progress was made, the EU's chief negotiator has said.\n\n"
        "After the round, Anton Weber said more work was needed."
    )
    p = next(p for p in reg.people if p.name == "Anton Weber")
    assert A.role_named_next(doc, p) == "EU"
    assert p.country == "EU"


def test_a_following_said_clause_is_not_an_appositive():
    r = run(
        "Talks ended. Rebel chief Sami Nour signed the truce, Chilean Foreign Minister Ana Ruiz said.",
        headline="Truce signed in Libya",
    )
    assert person(r, "Sami Nour").country != "CL"


def test_words_before_said_belong_to_another_clause():
    r = run(
        "He said the signing of this accord with Norway is a \u201cgreat day\u201d, said deputy speaker Omar Haddad.",
        headline="Lebanon and Norway sign accord in Beirut",
    )
    assert person(r, "Omar Haddad").country != "NO"


def test_a_dominant_country_is_the_fallback():
    r = run(
        "Peru and Chile met again. Peru wants a deal. Peru said it was ready.\n\n"
        "On his way out, Quispe confirmed the date. He said all had agreed.",
        headline="Talks resume",
    )
    assert person(r, "Quispe").country == "PE"


def test_one_president_per_country_and_not_from_what_he_said():
    r = run(
        "Chile's delegation was sent by President Tomas Pardo, who named the Chilean envoy.\n\n"
        "President Carlos Ruiz said Chile had sent a delegation without authority.",
        headline="Chile and Peru hold first talks in years",
    )
    assert person(r, "Tomas Pardo").country == "CL"
    assert person(r, "Carlos Ruiz").country == "PE"


def test_a_rebel_leader_belongs_to_the_state_whose_leader_he_faces():
    # the headline names both first, with no country: the rule, not the sentence's country, decides
    r = run(
        "Talks between Chilean President Ivo Brankov and rebel leader Tomas Drel ended without a deal in Lima."
        "\n\nMediators from Zambia and Malawi urged both sides to return.",
        headline="Brankov and Drel fail to agree",
    )
    assert person(r, "Tomas Drel").country == person(r, "Ivo Brankov").country == "CL"


def test_a_rebel_leader_facing_leaders_of_two_states_gets_no_country_from_them():
    r = run("Icelandic Prime Minister Karl Lind and Uruguayan Prime Minister Eva Berg met rebel leader Tomas Drel.")
    assert person(r, "Tomas Drel").country is None


def test_the_country_of_whoever_is_cited_is_not_the_persons():
    r = run(
        "Rebel commander Ivo Brankov signed the truce in Reykjavik.\n\n"
        "Brankov did not meet the envoys, the state news agency cited a member of the Uruguayan delegation as saying.",
        headline="Truce signed",
    )
    assert person(r, "Ivo Brankov").country is None
