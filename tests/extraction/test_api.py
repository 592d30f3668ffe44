import dataclasses
import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

import extraction
from extraction import VERSION
from extraction import Extraction
from extraction import KnownActor
from extraction import extract
from extraction.text import main_text

ROOT = Path(__file__).resolve().parents[2]


def test_exports_and_version():
    assert isinstance(VERSION, str) and VERSION.count(".") == 2
    for name in ("extract", "VERSION", "Extraction", "KnownActor"):
        assert hasattr(extraction, name)


def test_known_actor_is_frozen():
    k = KnownActor("Lena Varga", "person", "HU", "Foreign Minister", ("Varga",))
    with pytest.raises(dataclasses.FrozenInstanceError):
        k.name = "x"


def test_result_types_and_to_dict_shape():
    text = (
        "Ministers to meet in Vienna\n\n"
        "Austrian Foreign Minister Karl Brenner met his Slovak counterpart in Vienna on Tuesday. "
        '"We have made real progress today," Brenner told reporters.'
    )
    r = extract(text, "2024-03-14")
    assert isinstance(r, Extraction)
    assert r.version == VERSION
    d = r.to_dict()
    assert set(d) == {"title", "text", "actors", "statements", "meetings", "proposals"}
    assert d["title"] == "Ministers to meet in Vienna"
    assert d["text"] == text
    st = d["statements"][0]
    for key in ("speaker", "quote", "kind", "date", "speaker_desc", "sentence", "date_precision"):
        assert key in st
    assert isinstance(r.statements[0].date, (dt.date, type(None)))
    m = d["meetings"][0]
    for key in ("kind", "location", "date", "status", "participants", "date_precision", "sentence"):
        assert key in m
    assert m["date"] == "2024-03-12"
    a = d["actors"][0]
    assert set(a) >= {"name", "kind", "country", "title", "aliases"}
    json.dumps(d)  # serialisable


def test_published_may_be_string_date_or_none():
    body = "Mediators met in Doha on Monday."
    a = extract("H\n" + body, "2024-03-14").to_dict()
    b = extract("H\n" + body, dt.date(2024, 3, 14)).to_dict()
    c = extract("H\n" + body, None).to_dict()
    assert a["meetings"] == b["meetings"]
    assert c["meetings"][0]["date"] is None


def test_empty_text():
    r = extract("", None)
    assert r.statements == [] and r.meetings == [] and r.title == ""


def test_known_actors_are_a_gazetteer():
    known = [KnownActor("Odile Marchetti", "person", "FR", "Envoy", ("Marchetti",))]
    text = 'Talks resume\n\nMarchetti said the sides were close. "We are nearly there," Marchetti said.'
    r = extract(text, "2024-03-14", known)
    names = {a.name: a for a in r.actors if a.kind == "person"}
    assert "Odile Marchetti" in names
    assert names["Odile Marchetti"].country == "FR"
    assert r.statements[0].speaker == "Odile Marchetti"


def _cli(path):
    """`python -m extraction PATH --published 2024-03-14`, run from the repository root."""
    return subprocess.run(
        [sys.executable, "-m", "extraction", str(path), "--published", "2024-03-14"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )


def test_cli_prints_contract_json(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text(
        'Headline here\n\n"Nothing is agreed until everything is agreed," said Hungarian negotiator Lena Varga.\n',
        encoding="utf-8",
    )
    out = _cli(p)
    assert out.returncode == 0, out.stderr
    d = json.loads(out.stdout)
    assert d["title"] == "Headline here"
    assert d["statements"][0]["speaker"] == "Lena Varga"


def test_cli_unreadable_file_exits_2(tmp_path):
    out = _cli(tmp_path / "missing.txt")
    assert out.returncode == 2
    assert "cannot read" in out.stderr
    assert out.stdout == ""


def test_cli_html_input(tmp_path):
    html = (
        "<html><head><title>Envoys meet in Oslo</title></head><body><nav>Home | World</nav>"
        "<article><h1>Envoys meet in Oslo</h1>"
        "<p>Norwegian mediators hosted the two delegations in Oslo on Tuesday for a first round of talks.</p>"
        '<p>"The atmosphere was constructive and both sides listened," said Norwegian envoy Kari Lunde, '
        "who chaired the session.</p>"
        "<p>The delegations are due to meet again next month in Oslo to discuss a prisoner exchange.</p>"
        "</article><footer>Copyright</footer></body></html>"
    )
    p = tmp_path / "page.html"
    p.write_text(html, encoding="utf-8")
    out = _cli(p)
    assert out.returncode == 0, out.stderr
    d = json.loads(out.stdout)
    assert "Oslo" in d["text"]
    assert "Copyright" not in d["text"]
    assert any(s["speaker_name"] == "Kari Lunde" for s in d["statements"])
    # the contract speaker is the source as written at the attribution
    assert any(s["speaker"] == "Norwegian envoy Kari Lunde, who chaired the session" for s in d["statements"])


def test_main_text_fallback_to_paragraphs():
    html = "<html><body><p>Short.</p><p>The two delegations met again in Geneva on Friday evening.</p></body></html>"
    title, text = main_text(html)
    assert "Geneva" in text


def test_main_text_empty():
    assert main_text("") == ("", "")


def test_with_headline_does_not_repeat_a_headline_the_body_starts_with():
    from extraction.text import with_headline

    assert with_headline("Talks resume", "Talks resume\nBody.") == "Talks resume\nBody."
    assert with_headline("Talks resume", "Body.") == "Talks resume\nBody."
    assert with_headline("", "Body.") == "Body."
