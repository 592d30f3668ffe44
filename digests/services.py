"""Writes for digests. Delivering lives here; the rest along its seams: links (URLs), smtp (errors,
sending, the pool), commits (quick commits while sending), subscriptions (the lifecycle), claiming
(exactly-once claims), rendering (the fragment cache and the message). What views, tasks, the
command and tests call is re-exported (`__all__`), so they keep one entry point.

Exactly once: a due subscription is claimed by one conditional UPDATE that
moves its window forward, in the same transaction that creates the
DigestDelivery for that window, so of two schedulers only one wins each
subscription, and every event change falls in exactly one window. A delivery
is then claimed (pending -> sending) by another conditional UPDATE before
anything is sent, so two workers handed the same delivery send it once."""

import logging
import time
from collections import deque
from collections.abc import Callable
from collections.abc import Iterable
from collections.abc import Iterator
from collections.abc import Sequence
from concurrent.futures import Future
from dataclasses import dataclass
from dataclasses import field
from datetime import datetime
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db.models import F
from django.utils import timezone

from . import selectors
from .claiming import claim_deliveries
from .claiming import claim_in_chunks
from .claiming import claim_subscriptions
from .claiming import due_subscription_ids
from .claiming import stale_delivery_ids
from .commits import quick_commits
from .links import manage_url
from .links import normalize_email
from .links import unsubscribe_url
from .models import DigestDelivery
from .models import Subscription
from .rendering import Fragments
from .rendering import build_digest_message
from .smtp import PermanentSendError
from .smtp import SmtpPool
from .smtp import TemporarySendError
from .subscriptions import confirm
from .subscriptions import purge_unconfirmed
from .subscriptions import request_subscription
from .subscriptions import resubscribe
from .subscriptions import send_subscription_email
from .subscriptions import unsubscribe
from .subscriptions import update_preferences

__all__ = [
    "DeliveryReport",
    "Fragments",
    "TemporarySendError",
    "batches",
    "claim_deliveries",
    "claim_in_chunks",
    "claim_subscriptions",
    "confirm",
    "deliver_many",
    "due_subscription_ids",
    "fail_delivery",
    "manage_url",
    "normalize_email",
    "purge_unconfirmed",
    "request_subscription",
    "resubscribe",
    "run_digests",
    "send_subscription_email",
    "stale_delivery_ids",
    "unsubscribe",
    "unsubscribe_url",
    "update_preferences",
]

log = logging.getLogger(__name__)


@dataclass
class DeliveryReport:
    sent: list[int] = field(default_factory=list)
    empty: list[int] = field(default_factory=list)
    cancelled: list[int] = field(default_factory=list)
    failed: list[int] = field(default_factory=list)
    retry: list[int] = field(default_factory=list)  # temporary failure, attempts left
    sent_subscriptions: list[int] = field(default_factory=list)

    def merge(self, other: "DeliveryReport") -> "DeliveryReport":
        for name in ("sent", "empty", "cancelled", "failed", "retry"):
            getattr(self, name).extend(getattr(other, name))
        return self


def _finish(delivery: DigestDelivery, status: str, now: datetime, **fields: Any) -> None:
    """Record how one delivery ended, right after it ended: if the worker dies
    later in the batch, what was sent stays recorded and is not sent again."""
    DigestDelivery.objects.filter(id=delivery.id, claim_token=delivery.claim_token).update(
        status=status, updated_at=now, **fields
    )


def deliver_many(delivery_ids: Iterable[int], *, now: datetime | None = None) -> DeliveryReport:
    """Send the given deliveries that this call manages to claim. Each address
    succeeds or fails on its own: a refused address is recorded and the next
    one is sent."""
    now = now or timezone.now()
    report = DeliveryReport()
    deliveries = claim_deliveries(delivery_ids, now=now)
    if not deliveries:
        return report
    window = selectors.load_window(
        start=min(d.period_start for d in deliveries), end=max(d.period_end for d in deliveries)
    )
    groups = selectors.actor_groups({a.id for d in deliveries for a in d.subscription.actors.all()})
    fragments = Fragments()
    pool = SmtpPool(settings.DIGEST_SMTP_CONNECTIONS)
    in_flight: deque[tuple[DigestDelivery, dict[str, Any], Future[None]]] = deque()
    try:
        with quick_commits():
            for delivery in deliveries:
                prepared = _prepare(delivery, window, groups, report, fragments)
                if prepared is not None:
                    message, record = prepared
                    in_flight.append((delivery, record, pool.submit(message)))
                # Record results in order, keeping a few messages ahead.
                while in_flight and (len(in_flight) > 2 * settings.DIGEST_SMTP_CONNECTIONS or in_flight[0][-1].done()):
                    _record(*in_flight.popleft(), report=report)
            while in_flight:
                _record(*in_flight.popleft(), report=report)
    finally:
        pool.close()
        # Informational only (windows are tracked by covered_until), so one
        # write per batch rather than per email.
        if report.sent_subscriptions:
            Subscription.objects.filter(id__in=report.sent_subscriptions).update(
                last_sent_at=timezone.now(), bounce_count=0
            )
    return report


def _prepare(
    delivery: DigestDelivery,
    window: selectors.Window,
    groups: dict[int, set[int]],
    report: DeliveryReport,
    fragments: Fragments,
) -> tuple[EmailMultiAlternatives, dict[str, Any]] | None:
    """The message for one delivery, or None when there is nothing to send."""
    subscription = delivery.subscription
    now = timezone.now()
    if not subscription.is_active:
        _finish(delivery, DigestDelivery.Status.CANCELLED, now)
        report.cancelled.append(delivery.id)
        return None
    tracks = list(subscription.tracks.all())
    actors = list(subscription.actors.all())
    actor_ids = frozenset().union(*(groups.get(a.id, {a.id}) for a in actors))
    digest = selectors.digest_for(
        window,
        track_ids={t.id for t in tracks},
        actor_ids=actor_ids,
        start=delivery.period_start,
        end=delivery.period_end,
        tz_name=subscription.timezone,
    )
    if digest.is_empty:
        _finish(delivery, DigestDelivery.Status.EMPTY, now)
        report.empty.append(delivery.id)
        return None
    message = build_digest_message(delivery, digest=digest, tracks=tracks, actors=actors, fragments=fragments)
    record = {
        "to_email": subscription.email,
        "subject": message.subject[:300],
        "message_id": message.extra_headers["Message-ID"],
        "meeting_ids": [m.meeting.id for m in digest.meetings],
        "proposal_ids": [p.proposal.id for p in digest.proposals],
        "statement_ids": [s.statement.id for s in digest.statements],
    }
    return message, record


def _record(
    delivery: DigestDelivery,
    record: dict[str, Any],
    future: Future[None],
    report: DeliveryReport,
) -> None:
    subscription = delivery.subscription
    try:
        future.result()
    except PermanentSendError as exc:
        _finish(delivery, DigestDelivery.Status.FAILED, timezone.now(), error=str(exc)[:2000], **record)
        _bounced(subscription)
        report.failed.append(delivery.id)
        log.warning("digest %s to subscription %s refused: %s", delivery.id, subscription.id, exc)
    except TemporarySendError as exc:
        if delivery.attempts >= settings.DIGEST_MAX_ATTEMPTS:
            _finish(delivery, DigestDelivery.Status.FAILED, timezone.now(), error=str(exc)[:2000])
            report.failed.append(delivery.id)
        else:
            _finish(delivery, DigestDelivery.Status.PENDING, timezone.now(), error=str(exc)[:2000])
            report.retry.append(delivery.id)
        log.info("digest %s: temporary failure (attempt %s): %s", delivery.id, delivery.attempts, exc)
    else:
        sent_at = timezone.now()
        _finish(delivery, DigestDelivery.Status.SENT, sent_at, sent_at=sent_at, error="", **record)
        report.sent.append(delivery.id)
        report.sent_subscriptions.append(subscription.id)


def _bounced(subscription: Subscription) -> None:
    """Addresses refused several digests in a row stop getting them."""
    Subscription.objects.filter(id=subscription.id).update(bounce_count=F("bounce_count") + 1)
    Subscription.objects.filter(
        id=subscription.id, bounce_count__gte=settings.DIGEST_MAX_BOUNCES, unsubscribed_at__isnull=True
    ).update(unsubscribed_at=timezone.now(), unsubscribe_reason="bounced", next_due_at=None)


def batches(delivery_ids: Sequence[int]) -> Iterator[list[int]]:
    """Deliveries in sending batches of DIGEST_BATCH_SIZE: one window load and one SMTP pool each."""
    size = settings.DIGEST_BATCH_SIZE
    for offset in range(0, len(delivery_ids), size):
        yield list(delivery_ids[offset : offset + size])


def fail_delivery(delivery_id: int, *, error: str) -> None:
    """Give up on a delivery the task could not send in its retries."""
    DigestDelivery.objects.filter(
        id=delivery_id, status__in=[DigestDelivery.Status.PENDING, DigestDelivery.Status.SENDING]
    ).update(status=DigestDelivery.Status.FAILED, error=error[:2000], updated_at=timezone.now())


def run_digests(
    *,
    now: datetime | None = None,
    force: bool = False,
    retry_delays: Iterable[float] = (2, 4, 8, 16),
    sleep: Callable[[float], Any] | None = None,
) -> tuple[list[int], DeliveryReport]:
    """Claim and deliver in this process (the send_digests command). Temporary
    SMTP failures are retried here with backoff."""
    sleep = sleep or time.sleep
    now = now or timezone.now()
    delivery_ids = claim_subscriptions(due_subscription_ids(now=now, force=force), now=now, force=force)
    report = DeliveryReport()
    for batch in batches(delivery_ids):
        report.merge(deliver_many(batch))
    for delay in retry_delays:
        if not report.retry:
            break
        pending, report.retry = report.retry, []
        sleep(delay)
        report.merge(deliver_many(pending))
    for delivery_id in report.retry:
        fail_delivery(delivery_id, error="temporary SMTP failures; gave up")
    report.failed.extend(report.retry)
    report.retry = []
    return delivery_ids, report
