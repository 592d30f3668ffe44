"""`speaker` carries the source as written at the attribution; `speaker_name` the clean name (own sentences)."""

from .helpers import find_quote
from .helpers import run


def test_party_tag_between_commas():
    r = run("\u201cWe will not be rushed,\u201d said Senate Majority Leader Tom Harwick, R-Idaho.")
    s = find_quote(r, "not be rushed")
    assert s.speaker_name == "Tom Harwick"
    assert "Senate Majority Leader Tom Harwick, R-Idaho" in s.speaker


def test_age_appositive():
    r = run("\u201cWe have nowhere else to go,\u201d said Amina Yusuf, 34, who fled the fighting last year.")
    s = find_quote(r, "nowhere else")
    assert s.speaker.startswith("Amina Yusuf, 34")
    assert s.speaker_name == "Amina Yusuf"


def test_to_dict_carries_speaker_name():
    r = run("\u201cThe bill will pass before the recess,\u201d Rep. Dana Whitlock (R-Ariz.) told reporters.")
    d = r.to_dict()["statements"][0]
    assert d["speaker"] == "Rep. Dana Whitlock (R-Ariz.)" and d["speaker_name"] == "Dana Whitlock"
