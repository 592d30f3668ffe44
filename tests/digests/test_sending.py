"""Claiming and sending: exactly once, failures isolated and retried, only
what each subscriber asked for, nothing when there is nothing new."""

from datetime import date
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from digests import services
from digests import tasks
from digests.models import DigestDelivery
from digests.models import Subscription
from events.models import ReviewStatus
from events.services import create_track
from talks_tracker.celery import app as celery_app
from talks_tracker.settings import CELERY_BEAT_SCHEDULE
from tests.conftest import run_in_threads

from .conftest import text_part
from .helpers import actor
from .helpers import meeting
from .helpers import proposal
from .helpers import statement
from .helpers import subscriber


@pytest.fixture
def track(db):
    return create_track("Russia-Ukraine peace talks")


@pytest.fixture
def eager_retries():
    """Eager tasks run a retry in place (ignoring the countdown) only when they
    do not propagate exceptions; a real worker waits the countdown."""
    previous = celery_app.conf.task_eager_propagates
    celery_app.conf.task_eager_propagates = False
    yield
    celery_app.conf.task_eager_propagates = previous


def make_subscribers(track, n, prefix="reader"):
    return [subscriber(f"{prefix}{i}@example.org", [track]) for i in range(n)]


@pytest.mark.django_db(transaction=True)
def test_two_runs_in_parallel_send_each_digest_exactly_once(track, smtp):
    subs = make_subscribers(track, 40)
    meeting(track, "scheduled", date.today() + timedelta(days=5), "Istanbul")
    now = timezone.now()
    if connection.vendor == "postgresql":
        # Two sending runs at once against the same due subscriptions.
        claimed = []
        run_in_threads(*[lambda: claimed.append(len(services.run_digests(now=now)[0]))] * 2)
        assert sum(claimed) == 40, claimed  # every subscription claimed by exactly one run
    else:
        # SQLite serialises writers, so interleave the two runs by hand: both
        # see the same due subscriptions, then both claim, then both send.
        seen_a, seen_b = services.due_subscription_ids(now=now), services.due_subscription_ids(now=now)
        assert seen_a == seen_b == sorted(s.id for s in subs)
        claimed_a = services.claim_subscriptions(seen_a, now=now)
        claimed_b = services.claim_subscriptions(seen_b, now=now)
        assert len(claimed_a) == 40 and claimed_b == []
        services.deliver_many(claimed_a)
        services.deliver_many(claimed_a)  # the same deliveries handed out twice
    assert sorted(smtp.recipients) == sorted(s.email for s in subs)  # each exactly once
    assert DigestDelivery.objects.filter(status=DigestDelivery.Status.SENT).count() == 40
    assert DigestDelivery.objects.count() == 40


@pytest.mark.django_db(transaction=True)
def test_two_workers_given_the_same_deliveries_send_each_once(track, smtp):
    subs = make_subscribers(track, 30)
    statement(track, "We are ready to talk", outlets=("Wire", "Meridian"))
    delivery_ids = services.claim_subscriptions(services.due_subscription_ids())
    if connection.vendor == "postgresql":
        run_in_threads(lambda: services.deliver_many(delivery_ids), lambda: services.deliver_many(delivery_ids[::-1]))
    else:
        first = services.claim_deliveries(delivery_ids)
        assert services.claim_deliveries(delivery_ids) == []  # already in the first sender's hands
        DigestDelivery.objects.filter(id__in=delivery_ids).update(status=DigestDelivery.Status.PENDING)
        assert len(first) == 30
        services.deliver_many(delivery_ids)
        services.deliver_many(delivery_ids)
    assert sorted(smtp.recipients) == sorted(s.email for s in subs)


@pytest.mark.django_db(transaction=True)
def test_two_send_digests_now_commands_at_once_send_each_digest_once(track, smtp):
    subs = make_subscribers(track, 20)
    proposal(track, "A prisoner exchange", ("proposed",))
    if connection.vendor == "postgresql":
        run_in_threads(lambda: call_command("send_digests", "--now"), lambda: call_command("send_digests", "--now"))
    else:
        call_command("send_digests", "--now")
        call_command("send_digests", "--now")
    assert sorted(smtp.recipients) == sorted(s.email for s in subs)
    # Whichever run came second found nothing new in its window and sent nothing.
    assert DigestDelivery.objects.filter(status=DigestDelivery.Status.SENT).count() == 20


@pytest.mark.django_db
def test_refused_address_does_not_block_the_others(track, smtp, settings):
    settings.DIGEST_BATCH_SIZE = 10
    subs = make_subscribers(track, 5)
    smtp.refuse.add("reader2@example.org")
    meeting(track, "held", date.today(), "Riyadh")
    tasks.send_due_digests.delay()  # what beat sends every minute
    assert sorted(smtp.recipients) == sorted(s.email for s in subs if s.email != "reader2@example.org")
    bad = DigestDelivery.objects.get(subscription__email="reader2@example.org")
    assert bad.status == DigestDelivery.Status.FAILED and "550" in bad.error
    assert bad.attempts == 1  # a 5xx refusal is not retried
    assert Subscription.objects.get(email="reader2@example.org").bounce_count == 1
    assert DigestDelivery.objects.filter(status=DigestDelivery.Status.SENT).count() == 4


@pytest.mark.django_db
def test_repeatedly_refused_address_stops_getting_digests(track, smtp, settings):
    settings.DIGEST_MAX_BOUNCES = 2
    sub = subscriber("gone@example.org", [track])
    smtp.refuse.add("gone@example.org")
    for _ in range(2):
        meeting(track, "held", date.today(), "Riyadh")
        call_command("send_digests", "--now")
    sub.refresh_from_db()
    assert sub.unsubscribed_at is not None and sub.unsubscribe_reason == "bounced"
    assert DigestDelivery.objects.filter(status=DigestDelivery.Status.FAILED).count() == 2


@pytest.mark.django_db
def test_temporary_smtp_error_is_retried_with_backoff(track, smtp, monkeypatch, eager_retries):
    subs = make_subscribers(track, 3)
    smtp.tempfail["reader1@example.org"] = 2  # 451 twice, then accepted
    meeting(track, "held", date.today(), "Riyadh")
    countdowns = []
    original = tasks.send_digest.apply_async

    def spy(*args, **kwargs):
        countdowns.append(kwargs.get("countdown"))
        return original(*args, **kwargs)

    monkeypatch.setattr(tasks.send_digest, "apply_async", spy)
    tasks.send_due_digests.delay()
    assert sorted(smtp.recipients) == sorted(s.email for s in subs)  # everyone once, the flaky one too
    flaky = DigestDelivery.objects.get(subscription__email="reader1@example.org")
    assert flaky.status == DigestDelivery.Status.SENT and flaky.attempts == 3
    assert countdowns and all(c >= 24 for c in countdowns)  # 30 s +- jitter, growing after
    assert tasks.backoff(1) < 40 and 96 <= tasks.backoff(3) <= 144 and tasks.backoff(20) <= 720


@pytest.mark.django_db
def test_temporary_errors_give_up_after_max_attempts(track, smtp, settings, eager_retries):
    settings.DIGEST_MAX_ATTEMPTS = 3
    subscriber("busy@example.org", [track])
    smtp.tempfail["busy@example.org"] = 99
    meeting(track, "held", date.today(), "Riyadh")
    tasks.send_due_digests.delay()
    delivery = DigestDelivery.objects.get()
    assert delivery.status == DigestDelivery.Status.FAILED and delivery.attempts == 3 and "451" in delivery.error
    assert smtp.messages == []


@pytest.mark.django_db
def test_smtp_server_down_leaves_digest_pending_for_retry(track, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9  # nothing listens on the discard port
    subscriber("a@example.org", [track])
    meeting(track, "held", date.today(), "Riyadh")
    delivery_ids = services.claim_subscriptions(services.due_subscription_ids())
    report = services.deliver_many(delivery_ids)
    assert report.retry == delivery_ids
    delivery = DigestDelivery.objects.get()
    assert delivery.status == DigestDelivery.Status.PENDING and delivery.error


@pytest.mark.django_db
def test_each_subscriber_gets_only_their_tracks_and_actors(smtp):
    talks = create_track("Russia-Ukraine peace talks")
    gaza = create_track("Gaza ceasefire talks")
    zelensky = actor("Volodymyr Zelensky")
    old_name = actor("V. Zelensky", merged_into=zelensky)  # events may still point at a merged actor
    envoy = actor("Paul Mercer")
    meeting(talks, "scheduled", date.today() + timedelta(days=3), "Istanbul", [zelensky])
    meeting(talks, "held", date.today(), "Riyadh", [envoy])
    meeting(gaza, "held", date.today(), "Cairo", [envoy])
    statement(talks, "Peace needs guarantees", speaker=old_name)
    statement(talks, "Progress was made", speaker=envoy)
    proposal(gaza, "Hostage release in phases", ("submitted",), proposer=envoy)
    subscriber("all@example.org", [talks, gaza])
    subscriber("talks@example.org", [talks])
    subscriber("zelensky@example.org", [talks], actors=[zelensky])
    subscriber("envoy-gaza@example.org", [gaza], actors=[envoy])
    call_command("send_digests")
    body = {address: text_part(smtp.to(address)[0]) for address in smtp.recipients}
    assert all(
        p in body["all@example.org"] for p in ("Istanbul", "Riyadh", "Cairo", "guarantees", "Progress", "Hostage")
    )
    assert "Cairo" not in body["talks@example.org"] and "Hostage" not in body["talks@example.org"]
    z = body["zelensky@example.org"]
    assert "Istanbul" in z and "guarantees" in z and "Riyadh" not in z and "Progress" not in z
    w = body["envoy-gaza@example.org"]
    assert "Cairo" in w and "Hostage" in w and "Riyadh" not in w and "Istanbul" not in w


@pytest.mark.django_db
def test_rejected_and_unreviewed_events(track, smtp, settings):
    meeting(track, "held", date.today(), "Riyadh", review_status=ReviewStatus.REJECTED)
    meeting(track, "held", date.today(), "Jeddah", review_status=ReviewStatus.CONFIRMED)
    statement(track, "An unreviewed quote", outlets=("Wire", "Meridian", "Harbor"))
    statement(track, "A confirmed quote", review_status=ReviewStatus.CONFIRMED)
    proposal(track, "A rejected plan", ("submitted",), review_status=ReviewStatus.REJECTED)
    subscriber("a@example.org", [track])
    subscriber("b@example.org", [track])
    services.run_digests(force=True)
    text = text_part(smtp.to("a@example.org")[0])
    assert "Jeddah" in text and "An unreviewed quote" in text
    assert "Riyadh" not in text and "A rejected plan" not in text

    # With unreviewed events hidden from the public, digests carry confirmed ones only.
    settings.PUBLIC_SHOWS_UNREVIEWED = False
    Subscription.objects.update(covered_until=timezone.now() - timedelta(days=1))
    smtp.messages.clear()
    services.run_digests(force=True)
    text = text_part(smtp.to("b@example.org")[0])
    assert "Jeddah" in text and "A confirmed quote" in text and "An unreviewed quote" not in text


@pytest.mark.django_db
def test_statements_ranked_by_distinct_outlets_and_capped(track, smtp, settings):
    settings.DIGEST_MAX_ITEMS = {"meetings": 25, "proposals": 25, "statements": 2}
    statement(track, "Quote with one outlet twice", outlets=("Wire", "Wire", "Wire"))
    statement(track, "Quote with three outlets", outlets=("Wire", "Meridian", "Harbor"))
    statement(track, "Quote with two outlets", outlets=("Wire", "Meridian"))
    subscriber("a@example.org", [track])
    services.run_digests()
    text = text_part(smtp.messages[0][1])
    assert text.index("three outlets") < text.index("two outlets")
    assert "one outlet twice" not in text  # three articles, one outlet: least corroborated, cut
    assert "and 1 more statements" in text


@pytest.mark.django_db
def test_digest_covers_only_what_is_new_since_the_last_one(track, smtp):
    sub = subscriber("a@example.org", [track])
    meeting(track, "held", date.today(), "Riyadh")
    services.run_digests()
    assert len(smtp.messages) == 1
    # Nothing new: the digest is not sent at all.
    services.run_digests(force=True)
    assert len(smtp.messages) == 1
    assert DigestDelivery.objects.filter(status=DigestDelivery.Status.EMPTY).count() == 1
    # Only the new change appears in the next one, not the old one again.
    m = meeting(track, "scheduled", date.today() + timedelta(days=2), "Doha")
    services.run_digests(force=True)
    text = text_part(smtp.messages[1][1])
    assert "Doha" in text and "Riyadh" not in text
    # A status change of an existing meeting is news again.
    m.status = "postponed"  # as recording a report does: the meeting and its history together
    m.save()
    m.status_changes.create(status="postponed", date=m.date, location="Doha")
    services.run_digests(force=True)
    assert "now postponed (was scheduled)" in text_part(smtp.messages[2][1])
    sub.refresh_from_db()
    assert sub.last_sent_at is not None
    windows = list(DigestDelivery.objects.order_by("period_start").values_list("period_start", "period_end"))
    assert all(prev[1] == nxt[0] for prev, nxt in zip(windows, windows[1:]))  # contiguous, no overlap


@pytest.mark.django_db
def test_not_due_not_sent_and_next_slot_scheduled(track, smtp):
    due = subscriber("due@example.org", [track], tz="Asia/Tokyo", hour=9)
    later = subscriber("later@example.org", [track], due=False)
    meeting(track, "held", date.today(), "Riyadh")
    tasks.send_due_digests.delay()
    assert smtp.recipients == ["due@example.org"]
    due.refresh_from_db()
    assert due.next_due_at > timezone.now() and due.next_due_at.hour == 0  # 09:00 Tokyo
    assert not later.deliveries.exists()


@pytest.mark.django_db
def test_unsubscribing_cancels_a_claimed_digest(track, smtp):
    sub = subscriber("a@example.org", [track])
    meeting(track, "held", date.today(), "Riyadh")
    delivery_ids = services.claim_subscriptions(services.due_subscription_ids())
    services.unsubscribe(sub)
    services.deliver_many(delivery_ids)
    assert smtp.messages == []
    assert DigestDelivery.objects.get().status == DigestDelivery.Status.CANCELLED


@pytest.mark.django_db
def test_unconfirmed_never_get_digests_and_are_purged(track, smtp, settings):
    pending = Subscription.objects.create(email="pending@example.org")
    pending.tracks.add(track)
    meeting(track, "held", date.today(), "Riyadh")
    call_command("send_digests", "--now")
    assert smtp.messages == [] and not DigestDelivery.objects.exists()
    Subscription.objects.filter(pk=pending.pk).update(
        created_at=timezone.now() - timedelta(seconds=settings.DIGEST_CONFIRM_MAX_AGE + 1)
    )
    assert services.purge_unconfirmed() == 1


@pytest.mark.django_db
def test_queries_per_batch_do_not_grow_with_subscribers_beyond_two_writes_each(track, smtp):
    meeting(track, "scheduled", date.today() + timedelta(days=2), "Istanbul", [actor("Russia")])
    proposal(track, "A plan", ("proposed", "accepted"))
    statement(track, "A quote", outlets=("Wire", "Meridian"))

    def queries_for(n, prefix):
        make_subscribers(track, n, prefix)
        ids = services.claim_subscriptions(services.due_subscription_ids())
        with CaptureQueriesContext(connection) as ctx:
            report = services.deliver_many(ids)
        assert len(report.sent) == n
        return len(ctx.captured_queries)

    small, large = queries_for(3, "s"), queries_for(13, "l")
    assert large - small <= 10 * 2  # one UPDATE for the delivery, one for the subscription


def test_beat_schedule_sends_due_digests_every_minute():
    entry = CELERY_BEAT_SCHEDULE["send-due-digests"]
    assert entry["task"] == "digests.tasks.send_due_digests" and entry["schedule"] <= 60


@pytest.mark.django_db
def test_older_proposal_with_a_new_status_is_a_change_not_new(track, smtp):
    from events.models import Proposal

    old = proposal(track, "A demilitarised zone", ("proposed",))
    Proposal.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=30))
    old.status_changes.update(created_at=timezone.now() - timedelta(days=30))
    fresh = proposal(track, "A prisoner exchange", ("proposed",))
    subscriber("a@example.org", [track])
    old.status_changes.create(status="accepted")
    services.run_digests()
    text = text_part(smtp.messages[0][1])
    assert "A demilitarised zone\n  new status: accepted" in text  # changed in this window, proposed long before
    assert "A prisoner exchange\n  new: proposed" in text
    delivery = DigestDelivery.objects.get()
    assert sorted(delivery.proposal_ids) == sorted([old.id, fresh.id])


@pytest.mark.django_db
def test_digest_of_a_dead_worker_is_sent_after_the_lease_and_only_then(track, smtp, settings):
    subscriber("a@example.org", [track])
    meeting(track, "held", date.today(), "Riyadh")
    delivery_ids = services.claim_subscriptions(services.due_subscription_ids())
    # A worker claimed it and died before sending: it stays 'sending'.
    services.claim_deliveries(delivery_ids)
    tasks.send_due_digests.delay()
    assert smtp.messages == []  # within the lease nobody else touches it
    DigestDelivery.objects.update(claimed_at=timezone.now() - timedelta(seconds=settings.DIGEST_SEND_LEASE + 1))
    tasks.send_due_digests.delay()
    tasks.send_due_digests.delay()
    assert smtp.recipients == ["a@example.org"]
    delivery = DigestDelivery.objects.get()
    assert delivery.status == DigestDelivery.Status.SENT and delivery.attempts == 2


@pytest.mark.django_db
def test_admin_lists_subscriptions_and_deliveries(admin_client, track, smtp):
    subscriber("a@example.org", [track])
    meeting(track, "held", date.today(), "Riyadh")
    services.run_digests()
    for url in (
        "/admin/digests/subscription/",
        "/admin/digests/digestdelivery/",
        f"/admin/digests/subscription/{Subscription.objects.get().pk}/change/",
    ):
        response = admin_client.get(url)
        assert response.status_code == 200 and "a@example.org" in response.content.decode(), url
