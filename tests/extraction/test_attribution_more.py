"""Attribution patterns: bodies as 'it', 'as X put it', participles, lists of fragments (own sentences)."""

from .helpers import find_quote
from .helpers import run


def test_it_called_refers_to_the_body_that_is_the_subject():
    r = run(
        "The African Union Peace Council on Monday condemned the coup and warned of sanctions over what "
        "it called \u201can unacceptable assault on constitutional order.\u201d"
    )
    s = find_quote(r, "unacceptable assault")
    assert "Peace Council" in s.speaker_name
    assert s.speaker.startswith("The African Union Peace Council")


def test_it_added_takes_the_body_that_spoke_last():
    r = run(
        "\u201cThe reserves are lower than at any time since 1998,\u201d the Gazette wrote.\n\n"
        "\u201cNobody in the cabinet wants to say it aloud,\u201d it added."
    )
    assert "Gazette" in find_quote(r, "say it aloud").speaker


def test_as_a_memo_put_it():
    r = run(
        "The main requirement is a \u201cdocumented source of lawful income,\u201d as a finance ministry memo put it."
    )
    assert "memo" in (find_quote(r, "documented source").speaker or "")


def test_repeated_fragment_that_is_attributed_each_time_is_kept():
    r = run(
        "\u201cAnd they are ruthless,\u201d he said of the smugglers. Minister Tor Vik spoke first.\n\n"
        "Vik returned to the point later: the smugglers adapt quickly, \u201cand they are ruthless,\u201d he said."
    )
    assert len([s for s in r.statements if "ruthless" in s.quote]) == 2


def test_transcript_line_in_quotes_takes_its_label():
    r = run(
        'Senator Ivo Marin spoke to the host.\n\n"HOST: Will you vote for it?\n\n'
        '"MARIN: Not in its present form, no.\n\n"(CROSSTALK.)'
    )
    assert find_quote(r, "Not in its present form").speaker_name == "Ivo Marin"
    assert not [s for s in r.statements if "CROSSTALK" in s.quote]


def test_the_president_said_stays_a_description_when_two_presidents_are_named():
    r = run(
        "Icelandic President Jana Lind met Uruguayan President Tomas Berg on Monday. "
        "\u201cWe are close,\u201d the president said."
    )
    s = find_quote(r, "We are close")
    assert s.speaker == "president" and s.speaker_name == "president"
