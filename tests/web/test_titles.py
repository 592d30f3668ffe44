"""Sources up front, meaningful titles, conflicting reports, statement pages."""

from datetime import timedelta

import pytest
from django.urls import reverse

from events.models import Actor
from events.models import Meeting
from events.models import MeetingSource
from events.models import MeetingStatusChange
from events.models import Proposal
from events.models import Statement
from events.models import StatementSource
from events.selectors import meetings_qs
from events.titles import job_title
from events.titles import meeting_title
from events.titles import proposal_title
from events.titles import report_conflicts

from .test_timeline import card
from .test_timeline import page
from .test_timeline import track_url

pytestmark = pytest.mark.django_db


def _meeting(track, article, sentences, **fields):
    meeting = Meeting.objects.create(**{"kind": "talks", "status": "held", **fields})
    meeting.tracks.add(track)
    for i, sentence in enumerate(sentences):
        MeetingSource.objects.create(meeting=meeting, article=article[i], sentence=sentence)
    return meetings_qs(track).get(pk=meeting.pk)


def test_meeting_titles_use_the_ordinal_only_when_the_reports_agree(scenario):
    a = scenario.articles
    second = _meeting(
        scenario.track,
        a,
        [
            "The delegations met for a second round of talks in Lindavel.",
            "The second round in Lindavel ended without a deal.",
        ],
        location="Lindavel",
    )
    assert meeting_title(second) == "Second round, Lindavel"
    first = _meeting(scenario.track, a, ["They held their first direct peace talks in years."], location="Lindavel")
    assert meeting_title(first) == "First round, Lindavel"
    disputed = _meeting(
        scenario.track, a, ["A third round opened.", "It was the fourth round, officials said."], location="Oslo"
    )
    assert meeting_title(disputed) == "Talks in Oslo"
    call = _meeting(scenario.track, a, ["They spoke by phone."], kind="call")
    call.participants.add(scenario.varnov, scenario.ostrenko)
    call = meetings_qs(scenario.track).get(pk=call.pk)
    assert meeting_title(call) == "Phone call: Oleg Varnov and Taras Ostrenko"
    assert meeting_title(Meeting(kind="visit", location="Kyiv")) == "Visit to Kyiv"
    assert meeting_title(Meeting(kind="summit")) == "Summit"


def test_proposal_titles_and_job_titles_are_tidied():
    p = Proposal(summary="a new round of talks with the other side and suggested the envoys meet on Friday in Lindavel")
    assert proposal_title(p) == "A new round of talks with the other side"
    assert (
        proposal_title(Proposal(summary="a ceasefire at sea, which both navies would monitor")) == "A ceasefire at sea"
    )
    assert proposal_title(Proposal(summary="an exchange of prisoners")) == "An exchange of prisoners"
    assert len(proposal_title(Proposal(summary="word " * 60))) <= 101
    assert job_title("an adviser to the Prime Minister who led the delegation") == "Adviser to the Prime Minister"
    assert job_title("the head of the negotiating team, a former general") == "Head of the negotiating team"
    assert job_title("Foreign Minister") == "Foreign Minister"


def test_two_dates_or_places_for_one_meeting_are_flagged(client, scenario):
    meeting = meetings_qs(scenario.track).get(pk=scenario.held.pk)
    conflicts = dict(report_conflicts(meeting))
    # Wire Service said the talks would be on one day, the editors and The Daily another.
    dates = conflicts["date"]
    assert len(dates) == 2 and ["Wire Service"] in [who for _, who in dates]
    assert "place" not in conflicts
    MeetingStatusChange.objects.create(
        meeting=scenario.held,
        status="held",
        location="Antalya",
        reported_on=scenario.today - timedelta(days=3),
        article=scenario.articles[2],
    )
    html = page(client, track_url(scenario))
    held = card(html, f'id="m{scenario.held.pk}-h"')
    assert 'class="flag">Reports differ' in held and "on the place: Asterport" in held and "Antalya" in held
    detail = page(client, reverse("events:meeting", args=[scenario.held.pk]))
    assert "Reports differ" in detail
    # A postponed meeting changes its date on purpose: no flag for the date.
    MeetingStatusChange.objects.create(
        meeting=scenario.held,
        status="postponed",
        date=scenario.today,
        reported_on=scenario.today,
        article=scenario.articles[3],
    )
    meeting = meetings_qs(scenario.track).get(pk=scenario.held.pk)
    assert [what for what, _ in report_conflicts(meeting)] == ["place"]


def test_evidence_is_inline_for_meetings_and_proposals_and_never_repeats_a_quote(client, scenario):
    html = page(client, track_url(scenario))
    held = card(html, f'id="m{scenario.held.pk}-h"')
    # The report that gives the current status (held) is shown up front, with its outlet.
    line = held[held.index('class="evidence-line"') : held.index("</p>", held.index('class="evidence-line"'))]
    assert "The Daily" in line and "Talks were held in Asterport." in line
    plan = card(html, f'id="p{scenario.plan.pk}-h"')
    assert "Wire Service" in plan and "Ukraine submitted a grain corridor plan." in plan
    quote = "We will not leave the table"
    statement = Statement.objects.create(
        speaker=scenario.ostrenko, quote=quote, quote_key="table", reported_on=scenario.today - timedelta(days=2)
    )
    statement.tracks.add(scenario.track)
    StatementSource.objects.create(
        statement=statement, article=scenario.articles[2], sentence=f"“{quote},” Ostrenko said."
    )
    html = page(client, track_url(scenario))
    quoted = card(html, f'href="/statements/{statement.pk}/"')
    assert 'class="evidence-line"' not in quoted and quoted.count(quote) == 1
    # No date of its own: the card says when it was first reported.
    assert f'reported <time datetime="{scenario.today - timedelta(days=2):%Y-%m-%d}"' in quoted
    detail = page(client, reverse("events:statement", args=[statement.pk]))
    assert detail[detail.index('class="reports"') :].count(quote) == 0


def test_statement_page_has_a_heading_a_date_and_context(client, scenario):
    html = page(client, reverse("events:statement", args=[scenario.hostile.pk]))
    assert "<h1>Statement by Oleg Varnov</h1>" in html
    lede = html[html.index('class="lede"') : html.index("</p>", html.index('class="lede"'))]
    assert f'datetime="{scenario.hostile.date:%Y-%m-%d}"' in lede and 'href="/tracks/amber-coast-talks/"' in lede
    context = html[html.index('id="context-h"') : html.index("</section>", html.index('id="context-h"'))]
    # The talks held the same day and the proposal a day later sit around it; the statement itself does not.
    assert f'href="/meetings/{scenario.held.pk}/"' in context and f'href="/proposals/{scenario.plan.pk}/"' in context
    assert f'href="/statements/{scenario.hostile.pk}/"' not in context
    Actor.objects.filter(pk=scenario.varnov.pk).update(title="the veteran foreign minister who spoke first")
    html = page(client, reverse("events:statement", args=[scenario.hostile.pk]))
    assert "Oleg Varnov</a>, Veteran foreign minister</figcaption>" in html


def test_event_pages_offer_to_report_an_error(client, scenario):
    for name, obj in (("meeting", scenario.held), ("proposal", scenario.plan), ("statement", scenario.hostile)):
        html = page(client, reverse(f"events:{name}", args=[obj.pk]))
        assert f'href="/report/?about=/{name}s/{obj.pk}/"' in html.replace("%2F", "/"), name
