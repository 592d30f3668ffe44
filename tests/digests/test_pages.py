"""The subscribe, confirm, manage and unsubscribe pages: signed links,
rate limits, CSRF, and never telling who is subscribed."""

import re
import time
from unittest import mock
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import pytest
from django.test import Client

from digests import services
from digests import tokens
from digests.models import Subscription
from events.services import create_track

from .conftest import text_part
from .helpers import actor
from .helpers import statement
from .helpers import subscriber

pytestmark = pytest.mark.django_db


def form(track, email="reader@example.org", **extra):
    return {
        "email": email,
        "tracks": [track.id],
        "frequency": "weekly",
        "hour": "7",
        "weekday": "4",
        "timezone_name": "Asia/Tokyo",
        **extra,
    }


@pytest.fixture
def track():
    return create_track("Russia-Ukraine peace talks")


def subscribe(client, data, capture):
    with capture(execute=True):
        return client.post("/subscribe/", data, REMOTE_ADDR=data.pop("ip", "203.0.113.7"))


def test_subscribe_page_and_nav_link(client, track):
    page = client.get("/subscribe/").content.decode()
    assert 'name="email"' in page and "Russia-Ukraine peace talks" in page and 'value="Europe/Kyiv"' in page
    assert 'href="/subscribe/"' in client.get("/").content.decode()


def test_subscribe_requires_csrf_token(track):
    response = Client(enforce_csrf_checks=True).post("/subscribe/", form(track))
    assert response.status_code == 403
    assert not Subscription.objects.exists()


def test_nothing_stored_for_unknown_time_zone_or_no_track(client, track, smtp, django_capture_on_commit_callbacks):
    response = subscribe(client, form(track, timezone_name="Mars/Olympus_Mons"), django_capture_on_commit_callbacks)
    assert response.status_code == 200 and "Select a valid choice" in response.content.decode()
    response = subscribe(client, form(track, tracks=[]), django_capture_on_commit_callbacks)
    assert "Choose at least one negotiation" in response.content.decode()
    assert not Subscription.objects.exists() and smtp.messages == []


def test_page_does_not_disclose_who_is_subscribed(client, track, smtp, django_capture_on_commit_callbacks):
    other = create_track("Trade talks")
    existing = subscriber("known@example.org", [track], hour=6, tz="UTC")
    new = subscribe(client, form(track, email="new@example.org"), django_capture_on_commit_callbacks)
    known = subscribe(client, form(other, email="Known@example.org"), django_capture_on_commit_callbacks)
    assert new.status_code == known.status_code == 302 and new["Location"] == known["Location"]
    # The mailbox owner hears about it; a stranger cannot change their preferences.
    assert "Confirm" in smtp.to("new@example.org")[0]["Subject"]
    manage_mail = smtp.to("known@example.org")[0]
    assert "already subscribed" in text_part(manage_mail) and "/subscribe/manage/" in text_part(manage_mail)
    existing.refresh_from_db()
    assert list(existing.tracks.all()) == [track] and existing.hour == 6 and existing.timezone == "UTC"


def test_rate_limited_per_address_silently(client, track, smtp, settings, django_capture_on_commit_callbacks):
    settings.DIGEST_SUBSCRIBE_LIMIT_PER_EMAIL = 2
    responses = [
        subscribe(client, form(track, ip=f"198.51.100.{i}"), django_capture_on_commit_callbacks) for i in range(4)
    ]
    assert {r.status_code for r in responses} == {302}  # same answer every time
    assert len(smtp.to("reader@example.org")) == 2


def test_rate_limited_per_client_ip(client, track, smtp, settings, django_capture_on_commit_callbacks):
    settings.DIGEST_SUBSCRIBE_LIMIT_PER_IP = 3
    codes = [
        subscribe(
            client, form(track, email=f"r{i}@example.org", ip="192.0.2.10"), django_capture_on_commit_callbacks
        ).status_code
        for i in range(5)
    ]
    assert codes == [302, 302, 302, 429, 429]
    assert len(smtp.messages) == 3
    # Another client is not affected; IPv6 neighbours in one /64 share a budget.
    assert (
        subscribe(
            client, form(track, email="x@example.org", ip="192.0.2.11"), django_capture_on_commit_callbacks
        ).status_code
        == 302
    )
    v6 = [
        subscribe(
            client,
            form(track, email=f"v{i}@example.org", ip=f"2001:db8:1:2::{i + 1}"),
            django_capture_on_commit_callbacks,
        ).status_code
        for i in range(4)
    ]
    assert v6 == [302, 302, 302, 429]


def test_confirmation_link_from_mail_confirms_once(client, track, smtp, django_capture_on_commit_callbacks):
    subscribe(client, form(track), django_capture_on_commit_callbacks)
    link = re.search(r"https://\S+/subscribe/confirm/\S+/", text_part(smtp.messages[0][1])).group(0)
    path = urlsplit(link).path
    sub = Subscription.objects.get()
    assert client.get(path).status_code == 200
    sub.refresh_from_db()
    assert sub.confirmed_at is None  # opening the link (a mail scanner) does not confirm
    assert "You're subscribed" in client.post(path).content.decode()
    sub.refresh_from_db()
    assert sub.is_active and sub.next_due_at is not None
    # Fridays 07:00 in Tokyo (no DST) are Thursdays 22:00 UTC.
    assert sub.next_due_at.weekday() == 3 and sub.next_due_at.hour == 22
    assert "Already confirmed" in client.post(path).content.decode()


def test_expired_confirmation_link_is_refused_with_a_clear_page(client, track, settings):
    sub = Subscription.objects.create(email="late@example.org")
    sub.tracks.add(track)
    with mock.patch("time.time", return_value=time.time() - settings.DIGEST_CONFIRM_MAX_AGE - 60):
        token = tokens.confirm_token(sub)
    for method in (client.get, client.post):
        response = method(f"/subscribe/confirm/{token}/")
        assert response.status_code == 400
        assert "This link has expired" in response.content.decode()
    sub.refresh_from_db()
    assert sub.confirmed_at is None


def test_tampered_links_are_refused_with_a_clear_page(client, track):
    sub = subscriber("a@example.org", [track])
    confirm = tokens.confirm_token(sub)
    manage = tokens.manage_token(sub)
    payload, signature = manage.rsplit(":", 1)
    other = Subscription.objects.create(email="b@example.org")
    forged_payload = tokens.manage_token(other).rsplit(":", 1)[0]
    bad = [
        f"/subscribe/confirm/{confirm[:-2]}xx/",
        f"/subscribe/manage/{payload}:{signature[::-1]}/",
        f"/subscribe/manage/{forged_payload}:{signature}/",  # someone else's id, this signature
        f"/subscribe/unsubscribe/{payload}x:{signature}/",
        "/subscribe/unsubscribe/not-a-token/",
        f"/subscribe/manage/{confirm}/",  # a confirmation token is not a manage token
    ]
    for path in bad:
        response = client.post(path)
        assert response.status_code == 400, path
        assert "This link is not valid" in response.content.decode()
    sub.refresh_from_db()
    assert sub.is_active
    # Rotating the key revokes every link already sent.
    sub.key = "rotated"
    sub.save()
    assert client.get(f"/subscribe/manage/{manage}/").status_code == 400


def test_manage_link_changes_preferences_and_resubscribes(client, track, smtp):
    other = create_track("Trade talks")
    putin = actor("Vladimir Putin")
    statement(other, "We are open to talks", speaker=putin)
    actor("Nobody In The News")  # in no event: not offered
    sub = subscriber("a@example.org", [track])
    path = urlsplit(services.manage_url(sub)).path
    page = client.get(path)
    assert page.status_code == 200 and page["X-Robots-Tag"].startswith("noindex")
    assert "Vladimir Putin" in page.content.decode() and "Nobody In The News" not in page.content.decode()
    response = client.post(
        path,
        {
            "tracks": [other.id],
            "actors": [putin.id],
            "frequency": "weekly",
            "hour": "18",
            "weekday": "6",
            "timezone_name": "America/Chicago",
        },
    )
    assert "Saved." in response.content.decode()
    sub.refresh_from_db()
    assert list(sub.tracks.all()) == [other] and list(sub.actors.all()) == [putin]
    assert (sub.frequency, sub.hour, sub.weekday, sub.timezone) == ("weekly", 18, 6, "America/Chicago")
    local = sub.next_due_at.astimezone(ZoneInfo("America/Chicago"))
    assert (local.weekday(), local.hour, local.minute) == (6, 18, 0)

    client.post(urlsplit(services.unsubscribe_url(sub)).path)
    sub.refresh_from_db()
    assert not sub.is_active and sub.next_due_at is None
    assert "Resubscribe" in client.get(path).content.decode()
    client.post(path, {"action": "resubscribe"})
    sub.refresh_from_db()
    assert sub.is_active and sub.next_due_at is not None


def test_mail_server_down_still_answers_check_your_inbox(client, track, settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9  # nothing listens there
    response = subscribe(client, form(track), django_capture_on_commit_callbacks)
    assert response.status_code == 302 and response["Location"] == "/subscribe/check-inbox/"
    assert Subscription.objects.get().confirmed_at is None


def test_one_rate_limit_counter_for_forms_and_logins(settings, monkeypatch, rf):
    """talks_tracker.security: the client behind trusted proxies, IPv4 mapped into IPv6 as itself,
    IPv6 per /64 for counting but one address for login throttling, and a cache error fails open."""
    from talks_tracker import security

    settings.DIGEST_TRUSTED_PROXIES = 1
    behind = rf.post("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.9, 198.51.100.7")
    assert security.RateLimit(behind).client == "198.51.100.7" == security.login_client_ip(behind)
    mapped = rf.post("/", REMOTE_ADDR="::ffff:192.0.2.44")
    settings.DIGEST_TRUSTED_PROXIES = 0
    assert security.RateLimit(mapped).client == "192.0.2.44"
    v6 = rf.post("/", REMOTE_ADDR="2001:db8:5:6::99")
    assert security.RateLimit(v6).client == "2001:db8:5:6::/64" and security.login_client_ip(v6) == "2001:db8:5:6::99"
    junk = rf.post("/", REMOTE_ADDR="not-an-address")
    assert security.RateLimit(junk).client == "not-an-address" and security.login_client_ip(junk) == "0.0.0.0"
    counter = security.RateLimit(v6)
    assert [counter.allow("t", 2, 60) for _ in range(3)] == [True, True, False]
    assert counter.allow("t", 2, 60, per_client=False)  # a bucket of its own

    class Down:
        def add(self, *args, **kwargs):
            raise ConnectionError("cache down")

    monkeypatch.setattr(security, "cache", Down())
    assert counter.allow("t", 2, 60)  # fails open
