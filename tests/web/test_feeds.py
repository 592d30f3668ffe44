"""Feeds out: Atom (read back with feedparser), iCalendar (with icalendar), JSON and CSV."""

import csv
import io
from datetime import timedelta

import feedparser
import pytest
from django.urls import reverse
from icalendar import Calendar

pytestmark = pytest.mark.django_db


def urls(track):
    return {name: reverse(f"events:track_{name}", args=[track.slug]) for name in ("atom", "ics", "json", "csv")}


def test_track_page_links_every_feed(client, scenario):
    html = client.get(reverse("events:track", args=[scenario.track.slug])).content.decode()
    for url in urls(scenario.track).values():
        assert f'href="{url}"' in html
    assert 'rel="alternate" type="application/atom+xml"' in html


def test_atom_feed_parses_and_lists_public_events_newest_first(client, scenario, settings):
    response = client.get(urls(scenario.track)["atom"])
    assert response.status_code == 200 and response["Content-Type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert feed.feed.title == "Amber Coast talks · talks_tracker"
    assert feed.feed.link == "http://testserver/tracks/amber-coast-talks/"
    titles = [e.title for e in feed.entries]
    assert len(feed.entries) == 9  # ten events, minus the rejected one
    assert not any("garbled" in t for t in titles)
    assert "Oleg Varnov: “The corridor is a provocation and we will answer it”" in titles
    assert "Proposal by Ukraine: a grain corridor under UN monitoring (submitted)" in titles
    assert "Talks in Asterport (held)" in titles
    hostile = next(e for e in feed.entries if "provocation" in e.title)
    assert hostile.link == f"http://testserver/statements/{scenario.hostile.pk}/"
    assert "3 reports from 2 outlets (The Daily, Wire Service)." in hostile.summary
    assert "Stance: hostile." in hostile.summary and "EDITORS-ONLY" not in response.content.decode()
    assert {t.term for t in hostile.tags} >= {"statement", "hostile", "grain corridor"}
    ids = [e.id for e in feed.entries]
    assert len(set(ids)) == len(ids)
    # Newest first: the last event created is the first entry.
    updated = [e.published_parsed for e in feed.entries]
    assert updated == sorted(updated, reverse=True)
    assert client.get("/tracks/nope/feed.atom").status_code == 404


def test_calendar_parses_with_meetings_to_come_and_held(client, scenario):
    response = client.get(urls(scenario.track)["ics"])
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    cal = Calendar.from_ical(response.content)
    events = {str(e["UID"]): e for e in cal.walk("VEVENT")}
    host_uid = "meeting-{}@testserver"
    # Scheduled (to come) and held; not the cancelled one, not the month-only one.
    assert set(events) == {host_uid.format(scenario.next_meeting.pk), host_uid.format(scenario.held.pk)}
    valmora = events[host_uid.format(scenario.next_meeting.pk)]
    assert valmora.decoded("DTSTART") == scenario.next_meeting.date
    assert valmora.decoded("DTEND") == scenario.next_meeting.date + timedelta(days=1)
    assert str(valmora["LOCATION"]) == "Valmora" and str(valmora["STATUS"]) == "CONFIRMED"
    assert str(valmora["SUMMARY"]) == "Talks in Valmora"
    assert str(valmora["URL"]) == f"http://testserver/meetings/{scenario.next_meeting.pk}/"
    assert "Russia, Ukraine" in str(valmora["DESCRIPTION"]) and "https://news.example.org/daily/4" in str(
        valmora["DESCRIPTION"]
    )
    held = events[host_uid.format(scenario.held.pk)]
    assert held.decoded("DTSTART") == scenario.held.date and str(held["LOCATION"]) == "Asterport"
    assert str(cal["X-WR-CALNAME"]) == "Amber Coast talks meetings"


def test_calendar_marks_proposed_meetings_tentative(client, scenario):
    scenario.next_meeting.status = "proposed"
    scenario.next_meeting.save()
    cal = Calendar.from_ical(client.get(urls(scenario.track)["ics"]).content)
    statuses = {str(e["SUMMARY"]): str(e["STATUS"]) for e in cal.walk("VEVENT")}
    assert statuses["Talks in Valmora"] == "TENTATIVE"


def test_json_export_has_every_public_event_with_sources(client, scenario):
    response = client.get(urls(scenario.track)["json"])
    assert response["Content-Type"].startswith("application/json")
    data = response.json()
    assert data["track"] == "amber-coast-talks"
    assert len(data["meetings"]) == 4 and len(data["proposals"]) == 2 and len(data["statements"]) == 3
    hostile = next(s for s in data["statements"] if s["id"] == scenario.hostile.pk)
    assert hostile["speaker"]["slug"] == "oleg-varnov" and len(hostile["sources"]) == 3
    assert {s["outlet"] for s in hostile["sources"]} == {"Wire Service", "The Daily"}
    assert "EDITORS-ONLY" not in response.content.decode()


def test_csv_export_one_row_per_event_and_filters_apply(client, scenario):
    response = client.get(urls(scenario.track)["csv"])
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert len(rows) == 9 and {r["type"] for r in rows} == {"meeting", "proposal", "statement"}
    valmora = next(r for r in rows if r["location"] == "Valmora")
    assert valmora["status"] == "scheduled" and valmora["source_urls"] == "https://news.example.org/daily/4"
    rows = list(
        csv.DictReader(
            io.StringIO(client.get(urls(scenario.track)["csv"] + "?actor=oleg-varnov&kind=statement").content.decode())
        )
    )
    assert [r["text"] for r in rows] == [scenario.hostile.quote]
