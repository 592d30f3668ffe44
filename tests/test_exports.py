"""Hostile bytes in extracted text never break the feeds out (issue 12, defects 5 and 6)."""

import csv
import io
import xml.etree.ElementTree as ET
from datetime import date

import pytest
from django.core.management import call_command
from django.test import Client

from events.exports import csv_cell
from events.services import create_track
from events.services import record_extraction
from extraction.types import ProposalItem
from extraction.types import StatementItem

from .events.test_consolidation import article
from .events.test_consolidation import result
from .events.test_consolidation import talks

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"
TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


@pytest.fixture
def hostile_track():
    track = create_track("Test talks", keywords="Ruritania")
    record_extraction(
        article("Outlet A", "2025-03-03", track=track, text="Ruritania"),
        result=result(
            statements=[
                StatementItem(speaker="Anna Vesna", quote="We are \x1bready\x07 to talk\x0b again.", sentence="s"),
                StatementItem(
                    speaker="Borys Kalm", quote='=HYPERLINK("http://attacker.example/","details")', sentence="s"
                ),
                StatementItem(speaker="Cora Lind", quote="-2+3 is what they offered", sentence="s"),
            ],
            proposals=[
                ProposalItem(proposer="Ruritania", summary="+cmd|' /C calc'!A0", status="proposed", sentence="s")
            ],
            meetings=[talks("scheduled", date(2025, 3, 6), location="@SUM(1+1)", participants=("Ruritania",))],
        ),
    )
    return track


def test_control_characters_do_not_break_the_atom_feed(hostile_track):
    response = Client(raise_request_exception=False).get(f"/tracks/{hostile_track.slug}/feed.atom")
    assert response.status_code == 200
    body = response.content.decode()
    assert "\x1b" not in body and "\x07" not in body and "\x0b" not in body
    titles = [e.text for e in ET.fromstring(response.content).iter(f"{ATOM}title")]  # well-formed XML
    assert any("We are ready to talk again." in (t or "") for t in titles)


def test_control_characters_do_not_break_the_calendar(hostile_track):
    response = Client(raise_request_exception=False).get(f"/tracks/{hostile_track.slug}/meetings.ics")
    assert response.status_code == 200 and b"\x1b" not in response.content


def _cells(text):
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


def _assert_safe(cells):
    assert not any(c.startswith(TRIGGERS) for c in cells), [c for c in cells if c.startswith(TRIGGERS)]
    assert not any(ch in c for c in cells for ch in "\x1b\x07\x0b")
    assert '\'=HYPERLINK("http://attacker.example/","details")' in cells
    assert "'+cmd|' /C calc'!A0" in cells
    assert "'-2+3 is what they offered" in cells
    assert "'@SUM(1+1)" in cells
    assert "We are ready to talk again." in cells


def test_events_csv_neutralises_formulas_and_controls(hostile_track):
    response = Client().get(f"/tracks/{hostile_track.slug}/events.csv")
    assert response.status_code == 200
    _assert_safe(_cells(response.content.decode()))


def test_export_events_command_csv_neutralises_formulas_and_controls(hostile_track):
    out = io.StringIO()
    call_command("export_events", "--track", hostile_track.slug, "--format", "csv", stdout=out)
    _assert_safe(_cells(out.getvalue()))


def test_json_export_keeps_the_text_as_reported(hostile_track):
    """JSON is data, not a spreadsheet: the words stay as they were (controls aside, JSON escapes them)."""
    response = Client().get(f"/tracks/{hostile_track.slug}/events.json")
    assert '=HYPERLINK(\\"http://attacker.example/\\",\\"details\\")' in response.content.decode()


@pytest.mark.parametrize(
    "value, expected",
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@x", "'@x"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("plain", "plain"),
        ("", ""),
        (None, None),
        (7, 7),
        ("a\x00b\x1fc\x7fd\x85e", "abcde"),
        ("line\nbreak", "line\nbreak"),
    ],
)
def test_csv_cell(value, expected):
    assert csv_cell(value) == expected
