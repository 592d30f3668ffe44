"""Statement confidence follows how the speaker was found (extraction/confidence.py). Invented sentences."""

from extraction.attribution import AttributionFrame
from extraction.confidence import BY_PATH
from extraction.confidence import NO_SPEAKER
from extraction.confidence import OPEN_QUOTE
from extraction.confidence import statement_confidence
from extraction.document import Quote
from extraction.speakers import Speaker

from .helpers import find_quote
from .helpers import run


def test_quote_with_its_reporting_verb_is_confident():
    r = run("\u201cWe will sign the accord next week in Oslo,\u201d Foreign Minister Jane Roe said on Monday.")
    assert find_quote(r, "sign the accord").confidence >= 0.9


def test_unclosed_quote_is_doubtful():
    r = run(
        "Foreign Minister Jane Roe said: \u201cWe will sign the accord next week in Oslo and then\n\n"
        "The talks resume on Friday."
    )
    assert find_quote(r, "sign the accord").confidence == OPEN_QUOTE


def test_rule_ordering_of_paths():
    q = Quote(start=0, end=10, para=1, text="We agree.", statement=True)
    assert statement_confidence(q) == NO_SPEAKER
    sp = Speaker("Jane Roe", "person")
    q.frame = AttributionFrame(sp, sp, "post")
    post = statement_confidence(q)
    q.frame = AttributionFrame(sp, sp, "focus")
    assert statement_confidence(q) < post
    q.frame = AttributionFrame(Speaker("the statement", "body"), sp, "post", resolved_by="issuer_of_document")
    assert q.how == "post+issuer_of_document"
    assert statement_confidence(q) < post
    assert BY_PATH["post"] > BY_PATH["colon"] > BY_PATH["transcript"]
