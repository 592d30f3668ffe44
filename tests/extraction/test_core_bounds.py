"""Input bound and thread safety of extract() (issue 11)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from extraction import extract
from extraction.core import MAX_CHARS
from extraction.core import bound_text

PARA = (
    "Envoys of Freedonia and Sylvania met in Vienna on Monday to discuss the river dispute, "
    "the foreign ministry said.\n"
)


def test_long_text_is_cut_at_a_paragraph_break_with_a_warning():
    text = "Envoys meet\n" + PARA * (MAX_CHARS // len(PARA) + 50)
    r = extract(text, "2024-03-14")
    assert len(r.text) <= MAX_CHARS
    assert r.text.endswith("said.")  # cut at a paragraph break, not mid-sentence
    assert r.warnings and "cut" in r.warnings[0]
    assert r.to_dict()["warnings"] == r.warnings


def test_short_text_has_no_warning_and_the_contract_keys_only():
    r = extract("Envoys meet\n" + PARA, "2024-03-14")
    assert r.warnings == []
    assert "warnings" not in r.to_dict()


def test_bound_text_without_newlines_cuts_at_the_limit():
    kept, warnings = bound_text("x" * 50, limit=20)
    assert kept == "x" * 20 and len(warnings) == 1


def test_publication_dates_do_not_leak_between_concurrent_calls():
    # relative days resolve against each call's own publication date, also when calls overlap in threads
    body = "Envoys meet\nThe two foreign ministers met in Vienna on Monday, officials said."
    pubs = ["2024-03-14", "2023-07-06"] * 20
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(lambda p: extract(body, p), pubs))
    for pub, r in zip(pubs, results):
        assert r.meetings, pub
        assert r.meetings[0].date.isoformat() == {"2024-03-14": "2024-03-11", "2023-07-06": "2023-07-03"}[pub]
