from .helpers import find_quote
from .helpers import run


def test_curly_and_straight_quotation_marks():
    r = run(
        "“The door to dialogue remains open,” Chilean Foreign Minister Tomas Herrera said on Monday.\n\n"
        '"We will not sign anything under pressure," Herrera added.'
    )
    a = find_quote(r, "door to dialogue")
    b = find_quote(r, "under pressure")
    assert a.speaker == "Tomas Herrera" and b.speaker == "Tomas Herrera"
    assert a.kind == "direct"
    assert "," not in a.quote[-1:]


def test_quote_split_around_attribution():
    r = run(
        '"We came here in good faith," said Kenyan mediator Amina Odhiambo, "and we leave with a text '
        'both sides can live with."'
    )
    first = find_quote(r, "good faith")
    second = find_quote(r, "both sides can live with")
    assert first.speaker == second.speaker == "Amina Odhiambo"


def test_second_sentence_quote_after_attribution_in_same_paragraph():
    r = run(
        'Dutch negotiator Pieter Vos was cautious. "This is a first step, not the last one," Vos told '
        'reporters. "Much work remains."'
    )
    assert find_quote(r, "Much work remains").speaker == "Pieter Vos"


def test_colon_introduction():
    r = run('Greek Prime Minister Nikos Alexiou told reporters: "The islands are not a bargaining chip."')
    assert find_quote(r, "bargaining chip").speaker == "Nikos Alexiou"


def test_quote_paragraph_after_line_ending_in_colon():
    r = run(
        "Canadian Trade Minister Claire Dubois spoke after the session in Ottawa.\n\n"
        "She added:\n\n"
        "\u201cWe expect a counter-offer before the end of the month, and we will study it carefully.\u201d"
    )
    assert find_quote(r, "counter-offer").speaker == "Claire Dubois"


def test_participle_colon_introduction():
    r = run(
        "Polish President Marek Zielinski criticised the delay, saying:\n\n"
        "\u201cEvery week without an agreement costs lives on both sides of the line.\u201d"
    )
    assert find_quote(r, "costs lives").speaker == "Marek Zielinski"


def test_said_name_comma_title():
    r = run(
        "\u201cThe ceasefire line must be monitored by neutral observers,\u201d said Omar Haddad, the "
        "Jordanian foreign minister."
    )
    assert find_quote(r, "neutral observers").speaker_name == "Omar Haddad"


def test_according_to():
    r = run(
        '"Both delegations accepted the agenda without changes," according to Lucia Ferrante, '
        "the Italian envoy to the talks."
    )
    assert find_quote(r, "accepted the agenda").speaker_name == "Lucia Ferrante"


def test_quote_paragraph_continues_previous_speaker():
    r = run(
        '"We have asked for guarantees on the border crossings," Armenian negotiator Levon Petrosyan '
        "said.\n\n"
        '"Without them there is nothing to discuss, and our partners know it very well."'
    )
    assert find_quote(r, "nothing to discuss").speaker == "Levon Petrosyan"


def test_multi_paragraph_quote_repeating_opening_mark():
    r = run(
        "Irish envoy Sean Gallagher described the night session. \u201cWe started at eight and did not stop "
        "until the last bracket was closed.\n\n"
        "\u201cBy dawn everyone had signed off on the annex, which nobody expected,\u201d he said."
    )
    first = find_quote(r, "did not stop")
    second = find_quote(r, "signed off on the annex")
    assert first.speaker == "Sean Gallagher"
    assert second.speaker == "Sean Gallagher"


def test_pronoun_speaker_respects_gender():
    r = run(
        "Finnish Foreign Minister Helena Virtanen met Estonian Defence Minister Jaan Tamm in Tallinn on "
        "Monday.\n\n"
        '"We agreed on a joint patrol schedule for the whole summer season," she said.'
    )
    assert find_quote(r, "joint patrol").speaker == "Helena Virtanen"


def test_pronoun_he_resolves_to_subject():
    r = run(
        'Belgian envoy Marc Dupont briefed the ministers on Tuesday. "The gap is narrowing on every '
        'single chapter of the text," he said.'
    )
    assert find_quote(r, "gap is narrowing").speaker == "Marc Dupont"


def test_surname_resolves_to_full_name():
    r = run(
        "Swedish mediator Ingrid Holm arrived in Nairobi on Sunday.\n\n"
        '"Nobody should expect miracles this week," Holm said.'
    )
    assert find_quote(r, "miracles").speaker == "Ingrid Holm"


def test_unnamed_source_keeps_description():
    r = run('"They handed us a list of demands that nobody can accept," a Georgian official told the newspaper.')
    s = find_quote(r, "list of demands")
    assert s.speaker_desc == "Georgian official"
    assert "official" in (s.speaker or "")


def test_body_speaker_resolved_to_named_ministry():
    r = run(
        "The talks ended on Friday, Norway's foreign ministry said in a statement. \"Both parties "
        'reaffirmed their commitment to the roadmap," the ministry said.'
    )
    assert find_quote(r, "reaffirmed").speaker == "Norway's foreign ministry"


def test_partial_quote_after_reporting_verb():
    r = run('On Monday, Austrian Chancellor Franz Gruber warned that the proposal was "dead on arrival".')
    s = find_quote(r, "dead on arrival")
    assert s.speaker == "Franz Gruber"
    assert s.date is not None and s.date.isoformat() == "2024-03-11"


def test_partial_quote_with_participle_saying():
    r = run('Morocco\'s interior ministry rejected the report, saying it "distorted the facts on the ground".')
    assert find_quote(r, "distorted the facts").speaker == "Morocco's interior ministry"


def test_scare_quotes_and_titles_are_not_statements():
    r = run(
        'The so-called "contact group" will meet again. Observers say the "coalition of the '
        'willing" has lost momentum. Officials call the draft a "framework" and the "framework" is '
        'still secret. The "Helsinki Final Act" was cited.'
    )
    assert r.statements == []


def test_long_quote_without_verb_context_is_a_statement():
    r = run(
        "Spanish Foreign Minister Jorge Ibarra left the room early.\n\n"
        '"There can be no peace without justice for the victims of this war."'
    )
    assert find_quote(r, "no peace without justice").speaker == "Jorge Ibarra"
