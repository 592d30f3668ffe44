"""Corroboration: the distinct outlets that reported an event, counted the same way by the
timeline's filter (SQL), the cards' outlet names and the exports."""

import pytest

from events import selectors
from events.exports import export_events
from events.models import Meeting
from events.models import MeetingSource
from events.models import ReviewStatus
from sources.models import Outlet
from tests.conftest import make_article

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting():
    """Talks reported twice by one outlet and twice by one site with no known outlet."""
    meeting = Meeting.objects.create(kind="talks", location="Tallinn", review_status=ReviewStatus.CONFIRMED)
    herald = Outlet.objects.create(name="Harbour Herald", slug="harbour-herald")
    urls = [
        ("https://herald.example.org/1", herald),
        ("https://herald.example.org/2", herald),
        ("https://loose.example.net/a", None),
        ("https://loose.example.net/b", None),
    ]
    for url, outlet in urls:
        MeetingSource.objects.create(meeting=meeting, article=make_article(url, outlet=outlet), item_key="k")
    return meeting


def test_an_article_with_no_outlet_counts_as_an_outlet_of_its_own(meeting):
    counted = selectors.meetings_qs().annotate(n=selectors.outlet_count("meeting")).get(pk=meeting.pk)
    assert counted.n == 3
    shown = selectors.with_outlets([selectors.meetings_qs().get(pk=meeting.pk)])[0]
    assert shown.outlets == ["Harbour Herald", "loose.example.net", "loose.example.net"]
    assert [m["outlets"] for m in export_events()["meetings"]] == [3]
    at_least_three = selectors.EventFilters(min_sources=3)
    assert selectors.meetings_qs(filters=at_least_three).filter(pk=meeting.pk).exists()
