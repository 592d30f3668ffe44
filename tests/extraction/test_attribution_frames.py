"""Attribution frames (extraction/attribution.py, stage 4 for quotes): quote -> source mention -> speaker,
and the named rules that chose them, tried in the order of attribution.STEPS. Invented sentences only."""

import datetime as dt

from extraction.attribution import FIND
from extraction.attribution import STEPS
from extraction.attribution import attribute
from extraction.core import read_document
from extraction.quotes import classify

PUB = dt.date(2024, 3, 14)


def _frames(body):
    doc = read_document("Fishing talks resume\n\n" + body, PUB)
    classify(doc)
    attribute(doc)
    return {q.text: q.frame for q in doc.quotes if q.statement}


def test_the_finding_rules_are_tried_in_one_table_order():
    assert [r.name for r in FIND] == ["transcript", "continues", "post", "pre", "trailing", "as", "claim", "colon"]
    assert len(STEPS) == 7


def test_a_frame_keeps_the_mention_and_the_speaker_it_was_read_as():
    frames = _frames(
        "The Ocean Council of Chile released a statement on Monday.\n\n"
        "\u201cThe fishing season will open as planned in April,\u201d the statement said."
    )
    (frame,) = frames.values()
    assert (frame.rule, frame.resolved_by) == ("post", "issuer_of_document")
    assert frame.mention.desc == "statement" and frame.speaker.name == "Ocean Council of Chile"
    assert frame.path == "post+issuer_of_document"


def test_a_quote_without_its_own_source_borrows_its_neighbour_s_speaker():
    frames = _frames(
        "\u201cWe will sign the accord in Oslo next week,\u201d Foreign Minister Jana Roe said on Monday."
        " \u201cThe text is final and nothing is left to negotiate.\u201d"
    )
    rules = {text.split()[0]: (f.rule, f.speaker.name) for text, f in frames.items()}
    assert rules == {"We": ("post", "Jana Roe"), "The": ("para-prev", "Jana Roe")}
