"""The status board above a track's timeline: it must agree with the timeline."""

from datetime import date
from datetime import timedelta

import pytest
from django.urls import reverse

from events.board import track_board
from events.models import Meeting
from events.models import MeetingSource
from events.models import Proposal
from events.models import ProposalSource
from events.status import date_passed
from events.status import date_passed_q
from events.status import period_end

from .conftest import on_day
from .conftest import stale_meeting
from .test_timeline import card
from .test_timeline import page
from .test_timeline import track_url

pytestmark = pytest.mark.django_db


def board_html(html):
    start = html.index('id="board-h"')
    return html[start : html.index("</section>", start)]


def test_period_end_follows_the_precision():
    day = date(2025, 6, 1)
    assert period_end(day, "day") == day and period_end(day, "") == day
    assert period_end(day, "week") == date(2025, 6, 7)
    assert period_end(day, "month") == date(2025, 6, 30)
    assert period_end(date(2024, 2, 3), "month") == date(2024, 2, 29)
    assert period_end(day, "year") == date(2025, 12, 31)


def test_a_planned_meeting_is_passed_only_once_its_whole_date_is_behind():
    meeting = Meeting(status="proposed", date=date(2025, 6, 1), date_precision="month")
    assert not date_passed(meeting, date(2025, 6, 30))
    assert date_passed(meeting, date(2025, 7, 1))
    meeting.status = "held"
    assert not date_passed(meeting, date(2025, 7, 1))
    assert not date_passed(Meeting(status="scheduled", date=None), date(2025, 7, 1))


def test_the_query_form_of_date_passed_agrees_with_it_on_every_precision_and_status():
    today = date(2025, 6, 10)
    meetings = [
        Meeting.objects.create(status=status, date=today + timedelta(days=offset), date_precision=precision)
        for status in ("proposed", "scheduled", "held", "cancelled")
        for precision in ("", "day", "week", "month", "year")
        for offset in (-400, -40, -11, -7, -6, -1, 0, 1, 25)
    ]
    meetings.append(Meeting.objects.create(status="proposed", date=None))
    expected = {m.pk for m in meetings if date_passed(m, today)}
    assert expected  # some of each kind pass, some do not
    assert set(Meeting.objects.filter(date_passed_q(today)).values_list("pk", flat=True)) == expected


def test_a_proposed_meeting_whose_date_passed_shows_the_same_on_board_and_timeline(client, scenario):
    stale = stale_meeting(scenario, reported_on=scenario.today - timedelta(days=12))
    MeetingSource.objects.create(
        meeting=stale, article=scenario.articles[0], sentence="Talks in Corvinta were floated."
    )
    html = page(client, track_url(scenario))
    board = board_html(html)
    passed = board[board.index("Date passed, no report it took place") :]
    assert f'href="/meetings/{stale.pk}/"' in passed and "no report it took place" in passed
    # The next meeting is still the one to come, not the stale one.
    nxt = board[: board.index("Date passed")]
    assert "In 5 days" in nxt and f'href="/meetings/{scenario.next_meeting.pk}/"' in nxt
    assert f'href="/meetings/{stale.pk}/"' not in nxt
    timeline_card = card(html, f'id="m{stale.pk}-h"')
    assert "date passed, no report it took place" in timeline_card
    # Not pinned among the meetings to come.
    results = html[html.index('id="results"') :]
    if 'id="upcoming-h"' in results:
        pinned = results[
            results.index('id="upcoming-h"') : results.index("</section>", results.index('id="upcoming-h"'))
        ]
        assert f'id="m{stale.pk}-h"' not in pinned
    assert "date passed, no report it took place" in page(client, reverse("events:meeting", args=[stale.pk]))
    # Once a report says it was held, neither says so any more.
    stale.status = "held"
    stale.save()
    html = page(client, track_url(scenario))
    assert "no report it took place" not in board_html(html)
    assert "no report it took place" not in card(html, f'id="m{stale.pk}-h"')
    assert 'class="mark meeting held"' in html[html.index(f'href="/meetings/{stale.pk}/" class="mark') :][:60]


def on_track(scenario, model, *, days_ago, **fields):
    """An event of the scenario's track, dated and first reported days_ago before today."""
    event = model.objects.create(**fields, **on_day(scenario.today, days_ago))
    event.tracks.add(scenario.track)
    return event


def test_board_lists_proposals_awaiting_a_reply_and_promises_with_how_long_open(client, scenario):
    on_track(
        scenario,
        Proposal,
        proposer=scenario.russia,
        summary="to return the detained sailors",
        status="promised",
        days_ago=12,
    )
    board = board_html(page(client, track_url(scenario)))
    awaiting = board[board.index("Awaiting a reply") : board.index("Promises due")]
    assert "A grain corridor under UN monitoring" in awaiting and "open 2 days" in awaiting and "Ukraine" in awaiting
    # Accepted proposals are settled: they await nothing.
    assert "A prisoner exchange of all for all" not in awaiting
    promises = board[board.index("Promises due") : board.index("Current demands")]
    assert "To return the detained sailors" in promises and "open 12 days" in promises


def test_board_gives_the_last_meeting_held_with_its_reported_outcome(client, scenario):
    board = board_html(page(client, track_url(scenario)))
    held = board[board.index("Last meeting held") : board.index("Awaiting a reply")]
    assert f'href="/meetings/{scenario.held.pk}/"' in held and "3 days ago" in held
    assert "Talks were held in Asterport." in held  # the latest report's sentence


def test_each_side_states_its_current_demands(client, scenario):
    envoy_plan = on_track(
        scenario, Proposal, proposer=scenario.varnov, summary="a halt to strikes on ports", days_ago=1
    )
    ProposalSource.objects.create(proposal=envoy_plan, article=scenario.articles[3], sentence="Varnov proposed a halt.")
    board = board_html(page(client, track_url(scenario)))
    demands = board[board.index("Current demands") :]
    # Varnov speaks for Russia's side (same country); Russia's accepted exchange is no longer a demand.
    assert "A halt to strikes on ports" in demands and "A grain corridor under UN monitoring" in demands
    assert "A prisoner exchange of all for all" not in demands
    assert demands.count("<h4>") == 2


def test_board_selector_runs_a_fixed_number_of_queries(scenario, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        board = track_board(track=scenario.track, today=scenario.today)
        [list(m.participants.all()) for m in board.next_meetings + board.passed]
    assert board.next_meeting == scenario.next_meeting and board.days_to_next == 5
    assert board.last_held == scenario.held and board.days_since_held == 3
    assert [item.event for item in board.awaiting] == [scenario.plan] and board.awaiting_total == 1
