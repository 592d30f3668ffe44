"""Filters per kind, dates as the site writes them, clean URLs and removable chips."""

import re
from datetime import timedelta

import pytest
from django.utils.dateformat import format as date_format

from .test_timeline import page
from .test_timeline import shown
from .test_timeline import track_url

pytestmark = pytest.mark.django_db


def test_meeting_and_proposal_statuses_are_separate_filters(client, scenario):
    s = scenario
    html = page(client, track_url(s, "?mstatus=held"))
    assert shown(html, s.held, s.next_meeting, s.plan, s.hostile) == [True, False, False, False]
    html = page(client, track_url(s, "?pstatus=submitted"))
    assert shown(html, s.plan, s.old_plan, s.held) == [True, False, False]
    # Both: held meetings and accepted proposals; statements have no status.
    html = page(client, track_url(s, "?mstatus=held&pstatus=accepted"))
    assert shown(html, s.held, s.old_plan, s.plan, s.hostile) == [True, True, False, False]
    # "proposed" exists for both kinds: as a meeting status it does not pick proposals.
    html = page(client, track_url(s, "?mstatus=proposed"))
    assert shown(html, s.vague, s.plan) == [True, False]
    form = html[html.index('id="filters"') : html.index("</form>")]
    assert "<legend>Meeting status</legend>" in form and "<legend>Proposal status</legend>" in form
    assert 'name="mstatus" value="proposed" checked' in form and 'name="pstatus" value="proposed" checked' not in form


def test_dates_are_read_and_shown_as_the_site_writes_them(client, scenario):
    since = scenario.today - timedelta(days=3)
    text = date_format(since, "j F Y")
    html = page(client, track_url(scenario, "?since=" + text.replace(" ", "+")))
    assert shown(html, scenario.hostile, scenario.calm) == [True, False]
    assert f'name="since" inputmode="text" autocomplete="off" placeholder="30 May 2025" value="{text}"' in html
    assert 'type="date"' not in html
    # Older links with ISO dates still work.
    html = page(client, track_url(scenario, f"?since={since:%Y-%m-%d}"))
    assert shown(html, scenario.hostile, scenario.calm) == [True, False]


def test_urls_with_empty_parameters_redirect_to_the_clean_one(client, scenario):
    response = client.get(track_url(scenario, "?q=&since=&until=&sources=&actor=oleg-varnov"))
    assert response.status_code == 302 and response["Location"] == track_url(scenario, "?actor=oleg-varnov")
    response = client.get(track_url(scenario, "?q=&since="))
    assert response.status_code == 302 and response["Location"] == track_url(scenario)


def test_active_filters_show_as_chips_that_each_remove_one_filter(client, scenario):
    html = page(client, track_url(scenario, "?actor=oleg-varnov&actor=taras-ostrenko&kind=statement&q=ready"))
    chips = dict(re.findall(r'<li><a href="([^"]+)" aria-label="Remove filter: ([^"]+)">', html))
    by_label = {label: url.replace("&amp;", "&") for url, label in chips.items()}
    assert set(by_label) == {"Search: ready", "Oleg Varnov", "Taras Ostrenko", "Statements"}
    assert by_label["Oleg Varnov"] == track_url(scenario, "?actor=taras-ostrenko&kind=statement&q=ready")
    assert by_label["Search: ready"] == track_url(scenario, "?actor=oleg-varnov&actor=taras-ostrenko&kind=statement")
    assert "Clear all</a>" in html
    assert 'Show <span id="sheet-count">1</span> result' in html  # the calm statement matches "ready"
    assert 'class="chips"' not in page(client, track_url(scenario))
