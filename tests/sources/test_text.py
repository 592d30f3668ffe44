"""Main text, page date and decoding of article pages (sources.text)."""

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

from extraction.text import drop_boilerplate
from sources.text import decode_html
from sources.text import main_text
from sources.text import page_date

from .conftest import fixture_bytes
from .conftest import wire_copy

ROOT = Path(__file__).resolve().parents[2]


def test_main_text_keeps_the_article_and_drops_the_chrome():
    title, text = main_text(wire_copy("a").decode("utf-8"))
    assert title == "Marsh says Corvan ready to sign ceasefire within days"
    assert "We are ready to sign a ceasefire within days" in text
    assert "aid agencies working in the region" in text
    for chrome in ("Most read", "Harbour dredging plan", "All rights reserved", "Subscribe"):
        assert chrome not in text


def test_calls_to_action_between_paragraphs_are_dropped():
    text = "\n".join(
        [
            "Delegates met in Verin on Friday.",
            "Read more: Earlier talks in Verin collapsed",
            "Subscribe now to our morning edition for the full story.",
            "For the latest updates download our apps for iOS and Android.",
            "Officials who subscribe to the view that talks should go on were outnumbered.",
        ]
    )
    assert drop_boilerplate(text).splitlines() == [
        "Delegates met in Verin on Friday.",
        "Officials who subscribe to the view that talks should go on were outnumbered.",
    ]


def test_empty_and_bare_pages():
    assert main_text("") == ("", "")
    title, text = main_text("<html><body><p>Too short.</p></body></html>")
    assert text == "" or "Too short" in text


def test_page_date():
    assert page_date(fixture_bytes("dated-page.html").decode("utf-8")) == date(2024, 11, 7)
    assert page_date(fixture_bytes("undated-page.html").decode("utf-8")) is None
    assert page_date("") is None


def test_decode_html_charsets():
    page = '<html><head><meta charset="iso-8859-1"></head><body><p>Négociations à Genève</p></body></html>'
    assert "Négociations à Genève" in decode_html(page.encode("latin-1"))
    assert "Négociations" in decode_html(page.encode("latin-1"), "text/html; charset=ISO-8859-1")
    assert "Négociations" in decode_html(page.replace("iso-8859-1", "utf-8").encode("utf-16"))
    assert "Négociations" in decode_html(page.replace('<meta charset="iso-8859-1">', "").encode("cp1252"))


def test_command_line_prints_the_json(tmp_path):
    page = tmp_path / "b-ceasefire.html"
    page.write_bytes(wire_copy("b"))
    proc = subprocess.run(
        [sys.executable, "-m", "sources.text", str(page)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["title"].startswith("Corvan and Ostria near ceasefire deal")
    assert "river crossings" in data["text"] and data["date"] == "2025-04-12"
    missing = subprocess.run(
        [sys.executable, "-m", "sources.text", "/nonexistent.html"], cwd=ROOT, capture_output=True, text=True
    )
    assert missing.returncode == 1 and "cannot read" in missing.stderr
