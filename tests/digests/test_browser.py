"""A reader in a real browser (Debian's chromium via Playwright) against
live_server, with real mail through the local SMTP server: the form, the
confirmation link from the mail, the manage page and unsubscribing."""

import re
import time
from datetime import date
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from digests.models import Subscription
from events.services import create_track
from tests.browser import open_page

from .conftest import text_part
from .helpers import meeting

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def page(chromium):
    with open_page(chromium, timezone_id="Asia/Tokyo", viewport={"width": 1100, "height": 900}) as page:
        yield page


def wait_for_mail(smtp, count, timeout=10):
    deadline = time.monotonic() + timeout
    while len(smtp.messages) < count and time.monotonic() < deadline:
        time.sleep(0.05)
    assert len(smtp.messages) >= count, f"expected {count} messages, got {len(smtp.messages)}"
    return smtp.messages[count - 1][1]


def test_reader_subscribes_confirms_manages_and_unsubscribes_in_a_browser(page, live_server, smtp, settings):
    settings.SITE_URL = live_server.url
    talks = create_track("Russia-Ukraine peace talks")
    create_track("Gaza ceasefire talks")

    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Subscribe").click()
    expect(page.get_by_role("heading", name="Email digests")).to_be_visible()
    # The time zone starts as the browser's own.
    # (a retrying assertion: the page's script sets it once the page has loaded)
    expect(page.locator("select[name=timezone_name]")).to_have_value("Asia/Tokyo")
    page.get_by_label("Email address").fill("reader@example.org")
    page.get_by_label("Russia-Ukraine peace talks", exact=True).check()
    page.get_by_role("radio", name="Weekly").check()
    page.get_by_label("At", exact=True).select_option("18")
    page.get_by_label("On (weekly)").select_option(label="Friday")
    page.get_by_role("button", name="Subscribe").click()
    expect(page.get_by_role("heading", name="Check your inbox")).to_be_visible()

    confirmation = wait_for_mail(smtp, 1)
    link = re.search(r"http://\S+/subscribe/confirm/\S+/", text_part(confirmation)).group(0)
    page.goto(link)
    page.get_by_role("button", name="Yes, send me digests").click()
    expect(page.get_by_role("heading", name="You're subscribed")).to_be_visible()
    subscription = Subscription.objects.get()
    assert subscription.is_active and list(subscription.tracks.all()) == [talks]
    assert (subscription.frequency, subscription.hour, subscription.weekday, subscription.timezone) == (
        "weekly",
        18,
        4,
        "Asia/Tokyo",
    )

    meeting(talks, "scheduled", date.today() + timedelta(days=4), "Istanbul")
    call_command("send_digests", "--now")
    digest = wait_for_mail(smtp, 2)
    body = text_part(digest)
    assert "Istanbul" in body
    manage = re.search(r"http://\S+/subscribe/manage/\S+/", body).group(0)

    page.goto(manage)
    page.get_by_label("At", exact=True).select_option("7")
    page.get_by_role("radio", name="Daily").check()
    page.get_by_role("button", name="Save preferences").click()
    expect(page.get_by_role("status").filter(has_text="Saved.")).to_be_visible()
    subscription.refresh_from_db()
    assert (subscription.frequency, subscription.hour) == ("daily", 7)

    page.get_by_role("button", name="Unsubscribe").click()
    expect(page.get_by_role("heading", name="You're unsubscribed")).to_be_visible()
    subscription.refresh_from_db()
    assert not subscription.is_active
    meeting(talks, "held", date.today(), "Doha")
    call_command("send_digests", "--now")
    assert len(smtp.messages) == 2


def test_subscribe_form_on_a_phone(chromium, live_server, smtp, settings):
    """390 px wide, Europe/Lisbon: the track the reader came from is ticked, actors are checkboxes with a
    filter box, the weekday shows only for weekly, the time zone is the browser's, a sample digest is
    shown, nothing overflows sideways, and the form subscribes."""
    from events.models import Actor

    from .helpers import actor

    settings.SITE_URL = live_server.url
    create_track("Arctic fisheries talks")
    talks = create_track("Lake border talks")
    people = [
        actor(name)
        for name in (
            "Orla Venn",
            "Tomas Brekke",
            "Ines Caldra",
            "Pavel Moor",
            "Anu Rask",
            "Lena Shore",
            "Kai Dunmore",
            "Rui Palha",
        )
    ]
    meeting(talks, "proposed", date.today() + timedelta(days=9), "Lakeport", participants=people)
    phone = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True, "device_scale_factor": 3}
    with open_page(chromium, timezone_id="Europe/Lisbon", **phone) as page:
        page.goto(f"{live_server.url}/tracks/{talks.slug}/")
        page.goto(f"{live_server.url}/subscribe/?track={talks.slug}")
        expect(page.locator("select[name=timezone_name]")).to_have_value("Europe/Lisbon")
        expect(page.get_by_label("Lake border talks", exact=True)).to_be_checked()
        expect(page.get_by_label("Arctic fisheries talks", exact=True)).not_to_be_checked()
        assert "Hold Ctrl" not in page.content()
        sample = page.locator(".digest-sample")
        expect(sample).to_contain_text("Lakeport")
        expect(sample).to_contain_text("first reported: proposed")
        # Weekday only for weekly digests.
        expect(page.get_by_label("On (weekly)")).to_be_hidden()
        page.get_by_role("radio", name="Weekly").check()
        expect(page.get_by_label("On (weekly)")).to_be_visible()
        page.get_by_role("radio", name="Daily").check()
        expect(page.get_by_label("On (weekly)")).to_be_hidden()
        # Actors: a filter box over checkboxes.
        box = page.get_by_placeholder("Filter by name")
        expect(box).to_be_visible()
        box.fill("brek")
        expect(page.get_by_label("Tomas Brekke")).to_be_visible()
        expect(page.get_by_label("Orla Venn")).to_be_hidden()
        page.get_by_label("Tomas Brekke").check()
        box.fill("")
        expect(page.get_by_label("Orla Venn")).to_be_visible()
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"the page scrolls sideways: {width} px"
        shot = Path(__file__).resolve().parents[2] / "test-artifacts"
        shot.mkdir(exist_ok=True)
        page.screenshot(path=str(shot / "digest-subscribe-phone.png"), full_page=True)
        page.get_by_label("Email address").fill("phone@example.org")
        page.get_by_role("button", name="Subscribe").click()
        expect(page.get_by_role("heading", name="Check your inbox")).to_be_visible()
    subscription = Subscription.objects.get(email="phone@example.org")
    assert list(subscription.tracks.all()) == [talks] and subscription.timezone == "Europe/Lisbon"
    assert list(subscription.actors.all()) == [Actor.objects.get(name="Tomas Brekke")]
    assert subscription.frequency == "daily"
