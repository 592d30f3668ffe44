"""Who said a quote: tables of invented sentences. A row gives a text, words from one of its quotes, and what
that quote's statement must have: `speaker` the source as written at the attribution, `speaker_name` its clean
name."""

import pytest

from .helpers import find_quote
from .helpers import run

# (text, words from a quote, its speaker, its speaker_name): None where the row does not say
SPEAKERS = [
    # Quotation marks, colons, paragraphs and pronouns
    pytest.param(
        'Dutch negotiator Pieter Vos was cautious. "This is a first step, not the last one," Vos told '
        'reporters. "Much work remains."',
        "Much work remains",
        "Pieter Vos",
        None,
        id="second_sentence_quote_after_attribution_in_same_paragraph",
    ),
    pytest.param(
        'Greek Prime Minister Nikos Alexiou told reporters: "The islands are not a bargaining chip."',
        "bargaining chip",
        "Nikos Alexiou",
        None,
        id="colon_introduction",
    ),
    pytest.param(
        "Canadian Trade Minister Claire Dubois spoke after the session in Ottawa.\n\n"
        "She added:\n\n"
        "\u201cWe expect a counter-offer before the end of the month, and we will study it carefully.\u201d",
        "counter-offer",
        "Claire Dubois",
        None,
        id="quote_paragraph_after_line_ending_in_colon",
    ),
    pytest.param(
        "Polish President Marek Zielinski criticised the delay, saying:\n\n"
        "\u201cEvery week without an agreement costs lives on both sides of the line.\u201d",
        "costs lives",
        "Marek Zielinski",
        None,
        id="participle_colon_introduction",
    ),
    pytest.param(
        "\u201cThe ceasefire line must be monitored by neutral observers,\u201d said Omar Haddad, the "
        "Jordanian foreign minister.",
        "neutral observers",
        None,
        "Omar Haddad",
        id="said_name_comma_title",
    ),
    pytest.param(
        '"Both delegations accepted the agenda without changes," according to Lucia Ferrante, '
        "the Italian envoy to the talks.",
        "accepted the agenda",
        None,
        "Lucia Ferrante",
        id="according_to",
    ),
    pytest.param(
        '"We have asked for guarantees on the border crossings," Armenian negotiator Levon Petrosyan '
        "said.\n\n"
        '"Without them there is nothing to discuss, and our partners know it very well."',
        "nothing to discuss",
        "Levon Petrosyan",
        None,
        id="quote_paragraph_continues_previous_speaker",
    ),
    pytest.param(
        "Finnish Foreign Minister Helena Virtanen met Estonian Defence Minister Jaan Tamm in Tallinn on "
        "Monday.\n\n"
        '"We agreed on a joint patrol schedule for the whole summer season," she said.',
        "joint patrol",
        "Helena Virtanen",
        None,
        id="pronoun_speaker_respects_gender",
    ),
    pytest.param(
        'Belgian envoy Marc Dupont briefed the ministers on Tuesday. "The gap is narrowing on every '
        'single chapter of the text," he said.',
        "gap is narrowing",
        "Marc Dupont",
        None,
        id="pronoun_he_resolves_to_subject",
    ),
    pytest.param(
        "Swedish mediator Ingrid Holm arrived in Nairobi on Sunday.\n\n"
        '"Nobody should expect miracles this week," Holm said.',
        "miracles",
        "Ingrid Holm",
        None,
        id="surname_resolves_to_full_name",
    ),
    pytest.param(
        "The talks ended on Friday, Malta's foreign ministry said in a statement. \"Both parties "
        'reaffirmed their commitment to the roadmap," the ministry said.',
        "reaffirmed",
        "Malta's foreign ministry",
        None,
        id="body_speaker_resolved_to_named_ministry",
    ),
    pytest.param(
        'Morocco\'s interior ministry rejected the report, saying it "distorted the facts on the ground".',
        "distorted the facts",
        "Morocco's interior ministry",
        None,
        id="partial_quote_with_participle_saying",
    ),
    pytest.param(
        "Spanish Foreign Minister Jorge Ibarra left the room early.\n\n"
        '"There can be no peace without justice for the victims of this war."',
        "no peace without justice",
        "Jorge Ibarra",
        None,
        id="long_quote_without_verb_context_is_a_statement",
    ),
    # Patterns met in news: inverted said, speech nouns, coordinated verbs
    pytest.param(
        "Said Lindqvist: \u201cA freeze is better than a war, and everyone in this room knows it.\u201d",
        "freeze is better",
        "Lindqvist",
        None,
        id="inverted_said_name_colon",
    ),
    pytest.param(
        "According to Haraldsen, \u201cthe sides agreed on everything except the map and the timetable.\u201d",
        "except the map",
        "Haraldsen",
        None,
        id="according_to_at_sentence_start",
    ),
    pytest.param(
        "Retired general Paul Osei said the envoy was \u201centirely right\u201d when he said the truce was fragile.",
        "entirely right",
        "Paul Osei",
        None,
        id="fragment_inside_running_text_uses_the_verb_before_it",
    ),
    pytest.param(
        "Lena Varga says the envoy\u2019s late-night tweets about the summit were \u201cdeeply unhelpful to "
        "everyone involved.\u201d",
        "deeply unhelpful",
        "Lena Varga",
        None,
        id="noun_use_of_a_speech_word_is_not_the_verb",
    ),
    pytest.param(
        "Hungarian Foreign Minister Lena Varga left the summit early and vowed to block \u201cany deal "
        "made behind our backs\u201d.",
        "behind our backs",
        "Lena Varga",
        None,
        id="coordinated_verb_takes_the_clause_subject",
    ),
    # Title words and possessives around the source
    pytest.param(
        "\u201cThe ruling speaks for itself,\u201d Kovac lawyer Irena Horvat said.\n\nMayor Ante Kovac did not comment.",
        "speaks for itself",
        None,
        "Irena Horvat",
        id="title_words_between_two_names_point_to_the_second",
    ),
    pytest.param(
        "Governor Ana Ruiz\u2019s campaign manager Luis Ortega said as much on Friday, arguing that the "
        "challenger \u201chas no plan for the water crisis.\u201d",
        "no plan for the water",
        None,
        "Luis Ortega",
        id="possessive_title_before_the_speaker_in_the_subject",
    ),
    pytest.param(
        "The ministry may wait while Foreign Minister Pavel Novak negotiates with Hungary, Orsolya "
        "Kiss said. \u201cThe other reason is that nobody wants to be blamed for the collapse of the talks.\u201d",
        "other reason",
        None,
        "Orsolya Kiss",
        id="trailing_said_of_the_previous_sentence_names_the_speaker",
    ),
    pytest.param(
        "\u201cThe race is a toss-up,\u201d said Dana Meyers, Senate editor for a political newsletter.",
        "toss-up",
        "Dana Meyers, Senate editor for a political newsletter",
        None,
        id="capitalised_title_appositive",
    ),
    # Documents, tweets and roles that stand for a source
    pytest.param(
        "The foreign minister read out a joint statement after the talks in Oslo.\n\n"
        "\u201cThe parties agree to a ceasefire from noon on Sunday for humanitarian purposes,\u201d "
        "the document says.",
        "agree to a ceasefire",
        "joint statement",
        None,
        id="document_after_a_joint_statement_is_the_joint_statement",
    ),
    pytest.param(
        "Rosa Vidal, chair of the national council, in a tweet called the accord a \u201cfirst real step\u201d.",
        "first real step",
        None,
        "Rosa Vidal",
        id="tweet_stands_for_the_person_who_wrote_it",
    ),
    pytest.param(
        "Chilean President Tomas Pardo met his Peruvian counterpart Ana Lopez in Lima.\n\n"
        "\u201cWe have made real progress on the border,\u201d Pardo told reporters.\n\n"
        "\u201cI would rather get it right than get it quick,\u201d the Chilean president said.",
        "rather get it right",
        None,
        "Tomas Pardo",
        id="the_country_president_is_the_president_named_before",
    ),
    pytest.param(
        "Envoy Marta Ilves welcomed the accord. She said both delegations had agreed on a "
        "\u201ctwo-page agreement setting rules for the talks\u201d.",
        "two-page agreement",
        None,
        "Marta Ilves",
        id="embedded_subject_is_not_the_speaker",
    ),
    # Fragments, participles and lists of fragments
    pytest.param(
        "Students marching through the capital chanted \u201cNo more fees!\u201d until late at night.",
        "No more fees",
        "Students",
        None,
        id="participial_modifier_is_not_the_speaker",
    ),
    pytest.param(
        "His old business partner in Leeds, Harold P. Whitcombe, called him a genius at closing deals. "
        "\u201cHe could sell ice in January and make you thank him for it.\u201d",
        "sell ice",
        None,
        "Harold P. Whitcombe",
        id="middle_initial_makes_a_name_and_the_next_sentence_is_theirs",
    ),
    pytest.param(
        "Senator Ruth Calloway tweeted that the bill was \u201ca disgrace\u201d and urged voters to \u201ccall "
        "their senators today.\u201d",
        "call their senators",
        None,
        "Ruth Calloway",
        id="list_of_fragments_takes_the_verb_before_the_first",
    ),
    pytest.param(
        "Governor Ben Attah posted a series of messages late on Friday saying the strike was \u201ca "
        "betrayal of the workers.\u201d",
        "betrayal of the workers",
        None,
        "Ben Attah",
        id="participle_after_an_object_takes_the_clause_subject",
    ),
    pytest.param(
        "Norway called the launch a \u201creckless provocation in the region.\u201d Sweden insisted that "
        "the talks \u201cmust go on regardless.\u201d",
        "reckless provocation",
        "Norway",
        None,
        id="new_sentence_with_its_own_statement_does_not_attribute_backwards",
    ),
    pytest.param(
        "Defence Minister Ola Berg said at a briefing in Bergen that \u201ca drone\u201d had crossed the border.",
        "a drone",
        None,
        "Ola Berg",
        id="fragment_after_said_that_is_a_statement",
    ),
    pytest.param(
        "Senator Maya Lind likened the plan to \u201chanding over the keys\u201d and walked out.",
        "handing over the keys",
        None,
        "Maya Lind",
        id="likened_introduces_a_fragment",
    ),
    pytest.param(
        "\u201cYou ignored every warning\u201d about the dam for a decade, Senator Ana Pires told the board.",
        "ignored every warning",
        None,
        "Ana Pires",
        id="clause_opening_its_sentence_is_a_statement",
    ),
    # Who a name, a pronoun or a participle in the sentence points to
    pytest.param(
        "\u201cToday is the fifth day of talks,\u201d Omar Farah, Senior Policy Advisor to the Deputy "
        "Premier tweeted on Sunday.",
        "fifth day",
        None,
        "Omar Farah",
        id="capitalised_title_in_the_appositive_marks_a_person",
    ),
    pytest.param(
        "On his way out, Dimitriou confirmed the return of Marta Ilves saying: \u201cI hope there will be "
        "such progress that it justifies her presence here.\u201d He said all had agreed.",
        "such progress",
        None,
        "Dimitriou",
        id="participle_belongs_to_the_clause_subject_not_the_object",
    ),
    pytest.param(
        "Chilean negotiator Luis Herrera met Peruvian envoy Tomas Quiroga in Lima.\n\n"
        "Quiroga left the hall first.\n\n"
        "On his way out of the session, Herrera confirmed the next round. "
        "He said the delegations \u201cwill need another week to close the gaps.\u201d",
        "another week",
        "Luis Herrera",
        None,
        id="his_in_an_opening_phrase_is_the_subject_after_it",
    ),
    pytest.param(
        "Chilean Foreign Minister Tomas Herrera said on Monday that the other side had made a 'number of "
        "impossible demands' during the round.",
        "impossible demands",
        "Tomas Herrera",
        None,
        id="single_quoted_partial_quote_is_a_statement_of_its_speaker",
    ),
    # The source as written at the attribution and its clean name
    pytest.param(
        "\u201cThe bill will pass before the recess,\u201d Rep. Dana Whitlock (R-Ariz.) told reporters.",
        "before the recess",
        "Rep. Dana Whitlock (R-Ariz.)",
        "Dana Whitlock",
        id="party_tag_in_parentheses",
    ),
    pytest.param(
        "“The fund has never been audited properly,” said Ruth Okafor, a former treasury official who "
        "now runs a consultancy in Lagos.",
        "never been audited",
        "Ruth Okafor, a former treasury official who now runs a consultancy in Lagos",
        "Ruth Okafor",
        id="appositive_after_said_runs_to_the_end_of_the_sentence",
    ),
    pytest.param(
        "Marco Bellini, the mayor of a small border town, said: “Nobody asked us before the fence went up.”",
        "Nobody asked us",
        "Marco Bellini, the mayor of a small border town",
        None,
        id="appositive_before_the_verb_stops_at_the_verb",
    ),
    pytest.param(
        "Finnish envoy Aino Virtanen arrived on Monday. “The mood is better than a month ago,” Virtanen said.",
        "mood is better",
        "Aino Virtanen",
        "Aino Virtanen",
        id="bare_name_stays_the_full_name",
    ),
    pytest.param(
        "“This is a day for celebration,” said Jorge Salinas, speaking on state television.",
        "day for celebration",
        "Jorge Salinas",
        None,
        id="participle_after_the_name_is_not_an_appositive",
    ),
    pytest.param(
        "Police chief Dora Mwangi, the head of the county force, said the footage did not show “any "
        "weapon at all,” but she said the inquiry would continue.",
        "any weapon at all",
        "Police chief Dora Mwangi, the head of the county force",
        None,
        id="a_clause_after_the_quote_is_not_its_attribution",
    ),
    pytest.param(
        "Prime Minister Ivo Brankov arrived late. “The vote was stolen,” said Lena Petrova, Brankov’s "
        "rival in the election.",
        "vote was stolen",
        "Lena Petrova, Brankov’s rival in the election",
        "Lena Petrova",
        id="possessive_appositive_naming_another_person_describes_the_speaker",
    ),
    pytest.param(
        "Czech negotiator Pavel Dvorak, a veteran of three rounds, arrived on Monday. “We are close,” he said.",
        "We are close",
        "Pavel Dvorak",
        "Pavel Dvorak",
        id="pronoun_attribution_uses_the_clean_name",
    ),
    pytest.param(
        "Sen. Maria Lopez (D-N.M.) turned to the witness: “You knew about the leak for a month,” she said.",
        "leak for a month",
        "Sen. Maria Lopez (D-N.M.)",
        "Maria Lopez",
        id="pronoun_in_the_same_sentence_keeps_the_written_source",
    ),
    pytest.param(
        "“The vote is a formality now,” said Representative Jon Pike of New Mexico.",
        "formality now",
        "Representative Jon Pike of New Mexico",
        "Jon Pike",
        id="of_place_after_the_name",
    ),
    pytest.param(
        "\u201cNobody in the region wants another frozen conflict,\u201d Ilse Brandt, a researcher at a Berlin "
        "institute who advised both delegations last year, said on Monday.",
        "frozen conflict",
        "Ilse Brandt, a researcher at a Berlin institute who advised both delegations last year",
        "Ilse Brandt",
        id="long_appositive_between_name_and_verb",
    ),
]


@pytest.mark.parametrize(("body", "words", "speaker", "speaker_name"), SPEAKERS)
def test_speaker_of_the_quote(body, words, speaker, speaker_name):
    s = find_quote(run(body), words)
    if speaker is not None:
        assert s.speaker == speaker
    if speaker_name is not None:
        assert s.speaker_name == speaker_name


# (text, words from one quote, its speaker, words from another quote, its speaker): quotes that must be told
# apart or kept together
TWO_QUOTES = [
    pytest.param(
        "\u201cThe border must stay open for trade and families alike.\u201d \u2015 Mira Kovac\n"
        "\u201cWe want the talks to succeed, but not at any price.\u201d \u2015 Tomas Novak",
        "border must stay open",
        "Mira Kovac",
        "not at any price",
        "Tomas Novak",
        id="dash_attribution_after_quote",
    ),
    pytest.param(
        '"We came here in good faith," said Kenyan mediator Amina Odhiambo, "and we leave with a text '
        'both sides can live with."',
        "good faith",
        "Amina Odhiambo",
        "both sides can live with",
        "Amina Odhiambo",
        id="quote_split_around_attribution",
    ),
    pytest.param(
        "Irish envoy Sean Gallagher described the night session. \u201cWe started at eight and did not stop "
        "until the last bracket was closed.\n\n"
        "\u201cBy dawn everyone had signed off on the annex, which nobody expected,\u201d he said.",
        "did not stop",
        "Sean Gallagher",
        "signed off on the annex",
        "Sean Gallagher",
        id="multi_paragraph_quote_repeating_opening_mark",
    ),
    pytest.param(
        "\u201cThe two delegations agreed on the agenda of the next round,\u201d read the statement by the "
        "Chilean Foreign Ministry.\n\n"
        "The envoys \u201cwill meet again within a month,\u201d the statement said.",
        "agreed on the agenda",
        "Chile's Foreign Ministry",
        "will meet again",
        "Chile's Foreign Ministry",
        id="statement_by_a_ministry_is_the_ministry_speaking",
    ),
    pytest.param(
        "Chile and Peru issued a joint statement after the talks in Lima.\n\n"
        "\u201cPeru is ready to accept the proposal to reopen the border crossings\u201d if Chile does "
        "likewise, the statement said. It added, \u201cChile will present its own plan on the river border before "
        "then.\u201d",
        "ready to accept",
        "joint statement",
        "present its own plan",
        "joint statement",
        id="it_after_a_statement_said_is_the_same_statement",
    ),
    pytest.param(
        "Icelandic President Jana Lind met Uruguayan Foreign Minister Tomas Berg on Monday. "
        "\u201cWe are close,\u201d the president said. \u201cThe text is ready,\u201d the foreign minister said.",
        "We are close",
        "Jana Lind",
        "text is ready",
        "Tomas Berg",
        id="the_president_said_is_the_one_president_named_before",
    ),
]


@pytest.mark.parametrize(("body", "first", "first_speaker", "second", "second_speaker"), TWO_QUOTES)
def test_speakers_of_two_quotes(body, first, first_speaker, second, second_speaker):
    r = run(body)
    assert (find_quote(r, first).speaker, find_quote(r, second).speaker) == (first_speaker, second_speaker)


# (text, words from a quote, a name its speaker_name must not be)
NOT_THE_SPEAKER = [
    pytest.param(
        "Karin Holm said that the minister had once described the so-called Nordic Compact as \u201cthe "
        "finest deal of the decade.\u201d",
        "finest deal",
        "so-",
        id="so_called_is_not_a_reporting_verb",
    ),
    pytest.param(
        "Senator Jane Roe spoke at the forum in Ohio.\n\n"
        "The former governor and U.S. senator said waiting would be \u201ca big mistake\u201d.",
        "a big mistake",
        "Jane Roe",
        id="a_longer_description_is_kept_as_written",
    ),
]


@pytest.mark.parametrize(("body", "words", "name"), NOT_THE_SPEAKER)
def test_not_the_speaker(body, words, name):
    assert find_quote(run(body), words).speaker_name != name
