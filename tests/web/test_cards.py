"""Rendered cards are cached by their content: any change on a card shows at once."""

from datetime import timedelta

import pytest

from events.models import MeetingStatusChange
from events.models import ProposalSource
from sources.models import Outlet

from .test_timeline import card
from .test_timeline import page
from .test_timeline import track_url

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("empty_cache")]


def test_a_card_changes_as_soon_as_anything_it_shows_changes(client, scenario, django_assert_max_num_queries):
    url = track_url(scenario)
    before = card(page(client, url), f'id="p{scenario.plan.pk}-h"')
    assert "Wire Service" in before
    # Cards now come from the cache: the same page again is identical.
    assert card(page(client, url), f'id="p{scenario.plan.pk}-h"') == before
    # An outlet renamed, a new report, a new status: each shows on the next request.
    Outlet.objects.filter(slug="wire").update(name="Wire Agency")
    assert "Wire Agency" in card(page(client, url), f'id="p{scenario.plan.pk}-h"')
    ProposalSource.objects.create(
        proposal=scenario.plan, article=scenario.articles[1], sentence="The Daily saw the plan."
    )
    assert "2 outlets" in card(page(client, url), f'id="p{scenario.plan.pk}-h"')
    MeetingStatusChange.objects.create(
        meeting=scenario.held,
        status="held",
        reported_on=scenario.today,
        location="Asterport",
        date=scenario.today - timedelta(days=3),
    )
    held = card(page(client, url), f'id="m{scenario.held.pk}-h"')
    assert held.count('class="step"') == 4
    scenario.plan.status = "rejected"
    scenario.plan.save()
    assert 'class="badge rejected"' in card(page(client, url), f'id="p{scenario.plan.pk}-h"')


def test_search_highlights_are_part_of_the_card_key(client, scenario):
    plain = card(page(client, track_url(scenario)), f'href="/statements/{scenario.hostile.pk}/"')
    searched = card(page(client, track_url(scenario, "?q=provocation")), f'href="/statements/{scenario.hostile.pk}/"')
    assert "<mark>" not in plain and "<mark>provocation</mark>" in searched
