"""Claiming, exactly once: a due subscription's window by one conditional UPDATE (with its
DigestDelivery in the same transaction), then each delivery (pending -> sending) before sending."""

import secrets
from collections.abc import Iterable
from collections.abc import Iterator
from collections.abc import Sequence
from datetime import datetime
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.db.models import Prefetch
from django.db.models import Q
from django.utils import timezone

from events.models import Actor
from events.models import Track

from .models import DigestDelivery
from .models import Subscription
from .schedule import period
from .subscriptions import next_due_for

CLAIM_CHUNK = 500


def due_subscription_ids(*, now: datetime | None = None, force: bool = False) -> list[int]:
    """Active subscriptions whose digest is due (all active ones with force)."""
    now = now or timezone.now()
    qs = Subscription.objects.active()
    if not force:
        qs = qs.filter(next_due_at__lte=now)
    return list(qs.order_by("id").values_list("id", flat=True))


def claim_in_chunks(
    subscription_ids: Sequence[int], *, now: datetime | None = None, force: bool = False
) -> Iterator[list[int]]:
    """Claim the subscriptions CLAIM_CHUNK at a time, one transaction each, and yield the ids of the
    deliveries each chunk created as soon as it is claimed, so a caller can hand them out while the
    rest is being claimed. Each window ends at `now`, by default when its chunk is claimed."""
    for offset in range(0, len(subscription_ids), CLAIM_CHUNK):
        delivery_ids = _claim_chunk(
            subscription_ids[offset : offset + CLAIM_CHUNK], now=now or timezone.now(), force=force
        )
        if delivery_ids:
            yield delivery_ids


def claim_subscriptions(
    subscription_ids: Sequence[int], *, now: datetime | None = None, force: bool = False
) -> list[int]:
    """All of claim_in_chunks at once, every window ending at the same `now`."""
    now = now or timezone.now()
    return [delivery_id for chunk in claim_in_chunks(subscription_ids, now=now, force=force) for delivery_id in chunk]


def _claim_chunk(chunk: Sequence[int], *, now: datetime, force: bool) -> list[int]:
    """Claim each subscription's window (covered_until, now] and create its
    DigestDelivery; returns the ids of the deliveries this call created. A
    subscription another run claimed first is skipped: the UPDATE's condition
    no longer holds for it."""
    token = secrets.token_hex(8)
    with transaction.atomic():
        claimable = Subscription.objects.active().filter(
            Q(covered_until__lt=now) | Q(covered_until__isnull=True), id__in=chunk
        )
        if not force:
            claimable = claimable.filter(next_due_at__lte=now)
        # Lock in id order (PostgreSQL) so concurrent claimers never deadlock;
        # rows another run holds are skipped, the UPDATE below re-checks the rest.
        locked = list(claimable.select_for_update(skip_locked=True).order_by("id").values_list("id", flat=True))
        if not locked:
            return []
        # window_start takes the old covered_until: SET reads the row as it was.
        claimed = claimable.filter(id__in=locked).update(
            window_start=F("covered_until"), covered_until=now, next_due_at=None, claim_token=token
        )
        if not claimed:
            return []
        subscriptions = list(
            Subscription.objects.filter(claim_token=token, covered_until=now).only(
                "id", "frequency", "hour", "weekday", "timezone", "window_start"
            )
        )
        # Deliveries with the same window next to each other: a sending batch
        # then loads the events of one window, not of the union of many.
        subscriptions.sort(key=lambda s: (s.window_start or now, s.id))
        for subscription in subscriptions:
            subscription.next_due_at = next_due_for(subscription, after=now)
        Subscription.objects.bulk_update(subscriptions, ["next_due_at"])
        deliveries = DigestDelivery.objects.bulk_create(
            DigestDelivery(
                subscription_id=s.id,
                period_start=s.window_start or now - period(s.frequency),
                period_end=now,
            )
            for s in subscriptions
        )
        return [d.id for d in deliveries]


def stale_delivery_ids(*, now: datetime | None = None) -> list[int]:
    """Deliveries whose task was lost (a broker restart) or whose worker died
    mid-send: past the lease, they are handed out again."""
    now = now or timezone.now()
    cutoff = now - timedelta(seconds=settings.DIGEST_SEND_LEASE)
    stale = DigestDelivery.objects.filter(
        Q(status=DigestDelivery.Status.PENDING, updated_at__lt=cutoff)
        | Q(status=DigestDelivery.Status.SENDING, claimed_at__lt=cutoff)
    )
    ids = list(stale.values_list("id", flat=True)[:5000])
    if ids:
        # Touch them so the next beat tick does not hand them out again meanwhile.
        DigestDelivery.objects.filter(id__in=ids, status=DigestDelivery.Status.PENDING).update(updated_at=now)
    return ids


def claim_deliveries(delivery_ids: Iterable[int], *, now: datetime | None = None) -> list[DigestDelivery]:
    """pending -> sending in one conditional UPDATE; only the rows this call
    changed come back, so a delivery is never in two senders' hands (a
    'sending' one is taken back only after the lease, i.e. its worker died)."""
    now = now or timezone.now()
    token = secrets.token_hex(8)
    lease_cutoff = now - timedelta(seconds=settings.DIGEST_SEND_LEASE)
    DigestDelivery.objects.filter(id__in=list(delivery_ids)).filter(
        Q(status=DigestDelivery.Status.PENDING) | Q(status=DigestDelivery.Status.SENDING, claimed_at__lt=lease_cutoff)
    ).update(status=DigestDelivery.Status.SENDING, claim_token=token, claimed_at=now, attempts=F("attempts") + 1)
    return list(
        DigestDelivery.objects.filter(claim_token=token, status=DigestDelivery.Status.SENDING)
        .select_related("subscription")
        .prefetch_related(
            Prefetch("subscription__tracks", queryset=Track.objects.only("id", "name", "slug")),
            Prefetch("subscription__actors", queryset=Actor.objects.only("id", "name")),
        )
        .order_by("id")
    )
