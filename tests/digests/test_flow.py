"""A reader's whole journey, with real mail through a local SMTP server:
subscribe, confirm from the link in the mail, receive a digest with the right
events and headers, unsubscribe in one click, receive nothing more."""

import re
from datetime import date
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.test import Client

from digests.models import DigestDelivery
from digests.models import Subscription
from events.models import ReviewStatus
from events.services import create_track

from .conftest import html_part
from .conftest import text_part
from .helpers import actor
from .helpers import meeting
from .helpers import proposal
from .helpers import statement

pytestmark = pytest.mark.django_db

SITE = "https://digests.example.test"


def csrf_token(response):
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.content.decode()).group(1)


def path_of(url):
    assert url.startswith(SITE + "/"), url
    return urlsplit(url).path


def test_subscribe_confirm_receive_digest_unsubscribe(smtp, django_capture_on_commit_callbacks):
    talks = create_track("Russia-Ukraine peace talks")
    trade = create_track("US-China trade talks")
    browser = Client(enforce_csrf_checks=True)

    page = browser.get("/subscribe/")
    assert page.status_code == 200
    assert "Russia-Ukraine peace talks" in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = browser.post(
            "/subscribe/",
            {
                "csrfmiddlewaretoken": csrf_token(page),
                "email": "Reader@Example.org",
                "tracks": [talks.id],
                "frequency": "daily",
                "hour": "8",
                "weekday": "0",
                "timezone_name": "Europe/Kyiv",
            },
        )
    assert response.status_code == 302 and response["Location"] == "/subscribe/check-inbox/"
    assert "Check your inbox" in browser.get(response["Location"]).content.decode()

    # The confirmation mail, and nothing else.
    assert smtp.recipients == ["reader@example.org"]
    confirmation = smtp.messages[0][1]
    assert "Confirm" in confirmation["Subject"]
    assert confirmation["List-Unsubscribe"] is None
    link = re.search(rf"{SITE}/subscribe/confirm/\S+/", text_part(confirmation)).group(0)
    assert f'href="{link}"' in html_part(confirmation)

    # Events arrive, but an unconfirmed address gets no digest.
    kyiv = actor("Ukraine", kind="state")
    upcoming = meeting(talks, "scheduled", date.today() + timedelta(days=10), "Istanbul", [kyiv])
    held = meeting(talks, "held", date.today() - timedelta(days=1), "Riyadh")
    cancelled = meeting(talks, "cancelled", date.today() + timedelta(days=3), "Geneva")
    proposed = meeting(
        talks, "proposed", date.today() + timedelta(days=20), "Vatican"
    )  # proposed meetings are news too (issue 14)
    meeting(talks, "held", date.today(), "Jeddah", review_status=ReviewStatus.REJECTED)
    meeting(trade, "held", date.today(), "London")
    plan = proposal(talks, "A thirty-day ceasefire on energy infrastructure", ("submitted", "accepted"), proposer=kyiv)
    echoed = statement(talks, "We are ready to meet in Istanbul", outlets=("Wire", "Meridian", "Harbor Times"))
    single = statement(talks, "Nothing has been agreed", outlets=("Wire",))
    statement(trade, "Tariffs will fall", outlets=("Wire", "Meridian"))
    call_command("send_digests", "--now")
    assert len(smtp.messages) == 1 and not DigestDelivery.objects.exists()

    confirm_page = browser.get(path_of(link))
    assert confirm_page.status_code == 200 and "Yes, send me digests" in confirm_page.content.decode()
    confirmed = browser.post(path_of(link), {"csrfmiddlewaretoken": csrf_token(confirm_page)})
    assert "You're subscribed" in confirmed.content.decode()
    subscription = Subscription.objects.get()
    assert subscription.is_active and subscription.timezone == "Europe/Kyiv" and subscription.hour == 8

    call_command("send_digests", "--now")
    assert len(smtp.messages) == 2
    rcpts, digest = smtp.messages[1]
    assert rcpts == ["reader@example.org"]
    assert digest["To"] == "reader@example.org"
    assert "digest" in digest["Subject"] and "4 meetings" in digest["Subject"]
    unsubscribe_url = digest["List-Unsubscribe"].strip().strip("<>")  # long headers are folded
    assert unsubscribe_url.startswith(f"{SITE}/subscribe/unsubscribe/")
    assert digest["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    text, html = text_part(digest), html_part(digest)
    for body in (text, html):
        assert "Istanbul" in body and "Riyadh" in body and "Geneva" in body and "Vatican" in body
        assert "Jeddah" not in body and "London" not in body
        assert "thirty-day ceasefire" in body
        assert "We are ready to meet in Istanbul" in body and "Nothing has been agreed" in body
        assert "Tariffs" not in body
        assert "/subscribe/manage/" in body and unsubscribe_url in body  # the visible links
    for event in (upcoming, held, cancelled, proposed, plan, echoed, single):
        assert f'href="{SITE}{event.get_absolute_url()}"' in html
        assert f"{SITE}{event.get_absolute_url()}" in text
    # Upcoming meetings first; the most corroborated statement first.
    assert text.index("Istanbul") < text.index("Riyadh")
    assert text.index("We are ready") < text.index("Nothing has been agreed")
    assert "3 outlets" in text and "submitted -> accepted" in text

    delivery = DigestDelivery.objects.get()
    assert delivery.status == DigestDelivery.Status.SENT
    assert sorted(delivery.meeting_ids) == sorted([upcoming.id, held.id, cancelled.id, proposed.id])
    assert delivery.statement_ids == [echoed.id, single.id] and delivery.proposal_ids == [plan.id]
    assert delivery.message_id == digest["Message-ID"]

    # RFC 8058 one-click: the mail provider POSTs, with no cookie and no CSRF token.
    provider = Client(enforce_csrf_checks=True)
    response = provider.post(
        path_of(unsubscribe_url), "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200 and "unsubscribed" in response.content.decode()
    subscription.refresh_from_db()
    assert subscription.unsubscribed_at is not None and not subscription.is_active

    meeting(talks, "held", date.today(), "Doha")
    call_command("send_digests", "--now")
    call_command("send_digests")
    assert len(smtp.messages) == 2


def test_visible_unsubscribe_link_asks_before_unsubscribing(smtp):
    from digests.services import unsubscribe_url

    from .helpers import subscriber

    sub = subscriber("a@example.org", [create_track("Talks")])
    path = path_of(unsubscribe_url(sub))
    page = Client().get(path)  # link scanners open links: that must not unsubscribe
    assert page.status_code == 200 and "Unsubscribe" in page.content.decode()
    sub.refresh_from_db()
    assert sub.is_active
    Client().post(path)
    sub.refresh_from_db()
    assert not sub.is_active
