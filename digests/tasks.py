"""Thin Celery tasks: take ids, call a service, own retries. Safe to run twice:
a delivery is claimed before it is sent, so a repeated task finds nothing to do."""

import random

from celery import Task
from celery import shared_task
from django.db import DatabaseError

from sources.tasks import DB_RETRY

from . import services


def backoff(attempt: int) -> int:
    """30 s, 60 s, 120 s ... capped at 10 min, with jitter so retries spread out."""
    base = min(600, 30 * 2 ** max(0, attempt - 1))
    return int(base * random.uniform(0.8, 1.2))


@shared_task(acks_late=True, **DB_RETRY)
def send_due_digests() -> int:
    """On the beat schedule: claim the due subscriptions, hand their deliveries
    to workers in batches (one SMTP connection per batch)."""
    handed_out = 0
    # Claim a chunk, hand it out, claim the next: workers start sending while
    # the rest is still being claimed.
    for delivery_ids in services.claim_in_chunks(services.due_subscription_ids()):
        handed_out += _hand_out(delivery_ids)
    handed_out += _hand_out(services.stale_delivery_ids())
    services.purge_unconfirmed()
    return handed_out


def _hand_out(delivery_ids: list[int]) -> int:
    for batch in services.batches(delivery_ids):
        send_digest_batch.delay(batch)
    return len(delivery_ids)


@shared_task(acks_late=True, **DB_RETRY)
def send_digest_batch(delivery_ids: list[int]) -> dict[str, int]:
    report = services.deliver_many(delivery_ids)
    # Each temporary failure is retried on its own, so one slow or flaky
    # address never holds the others back.
    for delivery_id in report.retry:
        send_digest.apply_async((delivery_id,), countdown=backoff(1))
    return {
        "sent": len(report.sent),
        "empty": len(report.empty),
        "failed": len(report.failed),
        "retry": len(report.retry),
    }


@shared_task(bind=True, acks_late=True, max_retries=8)
def send_digest(self: Task, delivery_id: int) -> str:
    try:
        report = services.deliver_many([delivery_id])
    except DatabaseError as exc:
        raise self.retry(exc=exc, countdown=backoff(self.request.retries + 1)) from exc
    if report.retry:
        if self.request.retries >= (self.max_retries or 0):
            services.fail_delivery(delivery_id, error="temporary SMTP failures; gave up")
            return "failed"
        raise self.retry(countdown=backoff(self.request.retries + 2))
    return "sent" if report.sent else "failed" if report.failed else "skipped"


@shared_task(
    acks_late=True,
    autoretry_for=(services.TemporarySendError, DatabaseError),
    retry_backoff=30,
    retry_backoff_max=600,
    max_retries=6,
)
def send_subscription_email(subscription_id: int, kind: str) -> bool:
    return services.send_subscription_email(subscription_id, kind=kind)
