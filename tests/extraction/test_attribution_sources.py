"""Source mentions resolved to who spoke (extraction/attribution.py). Invented sentences only."""

from extraction.attribution import body_name

from .helpers import find_quote
from .helpers import run


def test_a_longer_description_is_kept_as_written():
    r = run(
        "Senator Jane Roe spoke at the forum in Ohio.\n\n"
        "The former governor and U.S. senator said it was \u201ca big mistake\u201d to wait."
    )
    assert find_quote(r, "a big mistake").speaker_name != "Jane Roe"


def test_body_named_by_adjective_takes_the_state_name():
    assert body_name("Chilean Foreign Ministry") == "Chile's Foreign Ministry"
    assert body_name("Foreign Ministry") == "Foreign Ministry"
