"""How likely a direct statement's quote and speaker are right, from how its speaker was found.

The figures are shares of statements found right (quote on a gold quote and speaker accepted by
../shared/eval/score.py) on the development cases (realnews + public + polnear-dev, extraction 0.7.x),
per attribution path; bench/calibration.py prints the resulting table (docs/extraction.md):
  reporting verb right after the quote ("post") 362 at 0.98; before it ("pre") 294 at 0.95; another quote of
  the same paragraph ("para-prev") 129 at 0.95; the previous paragraph's speaker 11 at 0.82; a colon
  paragraph 8 at 0.62; a continued or neighbouring quote, or the last person in focus, 19 at 0.42;
  no speaker 26 at 0.54; a quote left open (never closed) 24 at 0.29; a transcript label 10 at 0.0.
Small classes are rounded toward 0.5.
"""

from __future__ import annotations

from .document import Quote

# the attribution frame's finding rule (attribution.STEPS' names) -> share right
BY_PATH = {
    "post": 0.95,
    "pre": 0.92,
    "para-prev": 0.92,
    "trailing": 0.9,
    "prev-sent": 0.85,
    "it-body": 0.85,
    "prev-para": 0.8,
    "colon": 0.6,
    "continues": 0.5,
    "continued-by": 0.5,
    "para-next": 0.45,
    "focus": 0.4,
    "transcript": 0.2,
}
NO_SPEAKER = 0.5
OPEN_QUOTE = 0.35  # a quotation mark not closed in its paragraph: its extent and speaker are guesses
RESOLVED_BY_RULE = 0.85  # the source mention was re-resolved (a document to its issuer, a role to a person)


def statement_confidence(q: Quote) -> float:
    """Confidence of one direct statement, 0-1, from its attribution frame's rules."""
    if not q.closed:
        return OPEN_QUOTE
    frame = q.frame
    if frame is None:
        return NO_SPEAKER
    conf = BY_PATH.get(frame.rule, 0.5)
    if frame.resolved_by:
        conf = min(conf, RESOLVED_BY_RULE)
    if frame.speaker.kind == "body" and frame.rule == "pre":
        conf -= 0.05  # a body before the verb is sometimes a noun phrase taken for a subject
    return round(conf, 2)
