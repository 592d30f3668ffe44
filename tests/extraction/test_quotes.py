import pytest

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


def test_unnamed_source_keeps_description():
    r = run('"They handed us a list of demands that nobody can accept," a Georgian official told the newspaper.')
    s = find_quote(r, "list of demands")
    assert s.speaker_desc == "Georgian official"
    assert "official" in (s.speaker or "")


def test_partial_quote_after_reporting_verb():
    r = run('On Monday, Austrian Chancellor Franz Gruber warned that the proposal was "dead on arrival".')
    s = find_quote(r, "dead on arrival")
    assert s.speaker == "Franz Gruber"
    assert s.date is not None and s.date.isoformat() == "2024-03-11"


def test_scare_quotes_and_titles_are_not_statements():
    r = run(
        'The so-called "contact group" will meet again. Observers say the "coalition of the '
        'willing" has lost momentum. Officials call the draft a "framework" and the "framework" is '
        'still secret. The "Helsinki Final Act" was cited.'
    )
    assert r.statements == []


@pytest.mark.parametrize(
    ("body", "fragment", "field", "expected"),
    [
        pytest.param(
            'Dutch negotiator Pieter Vos was cautious. "This is a first step, not the last one," Vos told '
            'reporters. "Much work remains."',
            "Much work remains",
            "speaker",
            "Pieter Vos",
            id="second_sentence_quote_after_attribution_in_same_paragraph",
        ),
        pytest.param(
            'Greek Prime Minister Nikos Alexiou told reporters: "The islands are not a bargaining chip."',
            "bargaining chip",
            "speaker",
            "Nikos Alexiou",
            id="colon_introduction",
        ),
        pytest.param(
            "Canadian Trade Minister Claire Dubois spoke after the session in Ottawa.\n\n"
            "She added:\n\n"
            "\u201cWe expect a counter-offer before the end of the month, and we will study it carefully.\u201d",
            "counter-offer",
            "speaker",
            "Claire Dubois",
            id="quote_paragraph_after_line_ending_in_colon",
        ),
        pytest.param(
            "Polish President Marek Zielinski criticised the delay, saying:\n\n"
            "\u201cEvery week without an agreement costs lives on both sides of the line.\u201d",
            "costs lives",
            "speaker",
            "Marek Zielinski",
            id="participle_colon_introduction",
        ),
        pytest.param(
            "\u201cThe ceasefire line must be monitored by neutral observers,\u201d said Omar Haddad, the "
            "Jordanian foreign minister.",
            "neutral observers",
            "speaker_name",
            "Omar Haddad",
            id="said_name_comma_title",
        ),
        pytest.param(
            '"Both delegations accepted the agenda without changes," according to Lucia Ferrante, '
            "the Italian envoy to the talks.",
            "accepted the agenda",
            "speaker_name",
            "Lucia Ferrante",
            id="according_to",
        ),
        pytest.param(
            '"We have asked for guarantees on the border crossings," Armenian negotiator Levon Petrosyan '
            "said.\n\n"
            '"Without them there is nothing to discuss, and our partners know it very well."',
            "nothing to discuss",
            "speaker",
            "Levon Petrosyan",
            id="quote_paragraph_continues_previous_speaker",
        ),
        pytest.param(
            "Finnish Foreign Minister Helena Virtanen met Estonian Defence Minister Jaan Tamm in Tallinn on "
            "Monday.\n\n"
            '"We agreed on a joint patrol schedule for the whole summer season," she said.',
            "joint patrol",
            "speaker",
            "Helena Virtanen",
            id="pronoun_speaker_respects_gender",
        ),
        pytest.param(
            'Belgian envoy Marc Dupont briefed the ministers on Tuesday. "The gap is narrowing on every '
            'single chapter of the text," he said.',
            "gap is narrowing",
            "speaker",
            "Marc Dupont",
            id="pronoun_he_resolves_to_subject",
        ),
        pytest.param(
            "Swedish mediator Ingrid Holm arrived in Nairobi on Sunday.\n\n"
            '"Nobody should expect miracles this week," Holm said.',
            "miracles",
            "speaker",
            "Ingrid Holm",
            id="surname_resolves_to_full_name",
        ),
        pytest.param(
            "The talks ended on Friday, Norway's foreign ministry said in a statement. \"Both parties "
            'reaffirmed their commitment to the roadmap," the ministry said.',
            "reaffirmed",
            "speaker",
            "Norway's foreign ministry",
            id="body_speaker_resolved_to_named_ministry",
        ),
        pytest.param(
            'Morocco\'s interior ministry rejected the report, saying it "distorted the facts on the ground".',
            "distorted the facts",
            "speaker",
            "Morocco's interior ministry",
            id="partial_quote_with_participle_saying",
        ),
        pytest.param(
            "Spanish Foreign Minister Jorge Ibarra left the room early.\n\n"
            '"There can be no peace without justice for the victims of this war."',
            "no peace without justice",
            "speaker",
            "Jorge Ibarra",
            id="long_quote_without_verb_context_is_a_statement",
        ),
    ],
)
def test_speaker_of_the_quote(body, fragment, field, expected):
    assert getattr(find_quote(run(body), fragment), field) == expected
