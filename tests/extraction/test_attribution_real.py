"""Attribution rules for error classes seen on real political news (quotes.py, attribution.py, speakers.py).
Invented sentences only: the cases are in cases/attribution_real.toml."""

import datetime as dt

import pytest

from extraction import extract

from .case_data import cases

PUB = dt.date(2024, 3, 14)


def _statements(body):
    return {s.quote: s.speaker for s in extract("Harbour dispute deepens\n\n" + body, PUB).statements}


@pytest.mark.parametrize("case", cases("attribution_real", "case"))
def test_statements(case):
    """`statements`: the whole table found; `speakers`: these quotes' speakers; `not_speakers`: not these."""
    assert case.keys() & {"statements", "speakers", "not_speakers"}, "the case checks nothing"
    got = _statements(case["text"])
    if "statements" in case:
        assert got == case["statements"]
    for quote, speaker in case.get("speakers", {}).items():
        assert got[quote] == speaker, got
    for quote, speaker in case.get("not_speakers", {}).items():
        assert got[quote] != speaker, got
