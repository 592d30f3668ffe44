"""Source mentions resolved to who spoke (extraction/attribution.py). Invented sentences only."""

from extraction.attribution import body_name


def test_body_named_by_adjective_takes_the_state_name():
    assert body_name("Chilean Foreign Ministry") == "Chile's Foreign Ministry"
    assert body_name("Foreign Ministry") == "Foreign Ministry"
