"""A subscription's life: asking (double opt-in), confirming, preferences, unsubscribing,
resubscribing, and forgetting addresses that never confirmed."""

import logging
from collections.abc import Iterable
from datetime import datetime
from datetime import timedelta
from typing import NotRequired
from typing import TypedDict
from typing import Unpack

from celery import current_app
from django.conf import settings
from django.core.mail import get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from events.models import Actor
from events.models import Track

from .links import confirm_url
from .links import manage_url
from .links import normalize_email
from .models import DigestDelivery
from .models import Subscription
from .schedule import next_due
from .schedule import period
from .smtp import PermanentSendError
from .smtp import build_message
from .smtp import send_message

log = logging.getLogger(__name__)
SUBSCRIPTION_EMAIL_TASK = "digests.tasks.send_subscription_email"


class Preferences(TypedDict):
    """What a reader chooses on the subscribe and manage forms."""

    tracks: Iterable[Track]
    actors: NotRequired[Iterable[Actor]]  # none: everything in the tracks
    frequency: str
    hour: int
    weekday: int
    timezone_name: str


def request_subscription(
    *, email: str, now: datetime | None = None, **preferences: Unpack[Preferences]
) -> Subscription:
    """What the subscribe form does. A new or unconfirmed address gets its
    preferences stored and a confirmation link; an address already receiving
    digests keeps its preferences and gets a link to manage them (otherwise
    anyone could change someone else's subscription). Either way the caller
    learns nothing about which case it was."""
    now = now or timezone.now()
    email = normalize_email(email)
    with transaction.atomic():
        subscription, _ = Subscription.objects.select_for_update().get_or_create(email=email)
        if subscription.is_active:
            kind = "manage"
        else:
            kind = "confirm"
            subscription.confirmation_sent_at = now
            _store_preferences(subscription, preferences)
        transaction.on_commit(lambda: _queue_subscription_email(subscription.id, kind))
    return subscription


def _store_preferences(
    subscription: Subscription, preferences: Preferences, *, reschedule_at: datetime | None = None
) -> None:
    """Validate and save the reader's choices; an active subscription given `reschedule_at` gets its
    next digest due from then on the new schedule."""
    subscription.frequency = preferences["frequency"]
    subscription.hour = preferences["hour"]
    subscription.weekday = preferences["weekday"]
    subscription.timezone = preferences["timezone_name"]
    subscription.full_clean(exclude=["email", "key"])
    if reschedule_at is not None and subscription.is_active:
        subscription.next_due_at = next_due_for(subscription, after=reschedule_at)
    subscription.save()
    subscription.tracks.set(preferences["tracks"])
    subscription.actors.set(preferences.get("actors", ()))


def _queue_subscription_email(subscription_id: int, kind: str) -> None:
    # The page says "check your inbox" whatever happens here; a broker or SMTP
    # outage (tasks run in-process without a broker) is logged, not shown.
    # The task is named, not imported: tasks call services, never the reverse.
    try:
        # Outside a worker (in-process mode without a broker) the task modules may not be imported
        # yet: autodiscovery finds the task here rather than sending it to a broker by name.
        if SUBSCRIPTION_EMAIL_TASK not in current_app.tasks:
            current_app.loader.import_default_modules()
        current_app.signature(SUBSCRIPTION_EMAIL_TASK, args=(subscription_id, kind)).delay()
    except Exception:
        log.exception("could not send the %s mail for subscription %s", kind, subscription_id)


def send_subscription_email(subscription_id: int, *, kind: str, connection: BaseEmailBackend | None = None) -> bool:
    """The confirmation link, or for an address already subscribed, the manage link."""
    subscription = Subscription.objects.filter(id=subscription_id).prefetch_related("tracks").first()
    if subscription is None:
        return False
    if kind == "confirm" and subscription.is_active:
        return False  # confirmed in the meantime
    if kind == "manage" and not subscription.is_active:
        return False
    context = {
        "subscription": subscription,
        "tracks": list(subscription.tracks.all()),
        "confirm_url": confirm_url(subscription),
        "manage_url": manage_url(subscription),
        "site_url": settings.SITE_URL,
        "expires_hours": settings.DIGEST_CONFIRM_MAX_AGE // 3600,
    }
    template = "confirm" if kind == "confirm" else "manage_link"
    subject = render_to_string(f"digests/email/{template}_subject.txt", context).strip()
    message = build_message(
        subject=subject,
        to=subscription.email,
        text=render_to_string(f"digests/email/{template}.txt", context),
        html=render_to_string(f"digests/email/{template}.html", context),
    )
    try:
        send_message(message, connection=connection or get_connection())
    except PermanentSendError:
        log.warning("subscription %s: %s mail refused", subscription_id, kind, exc_info=True)
        return False
    return True


def _first_window_start(subscription: Subscription, now: datetime) -> datetime:
    # The first digest also covers the period before confirming, so it is not
    # empty for someone who subscribes to a quiet week; never earlier than a
    # window already sent, so nothing arrives twice after resubscribing.
    start = now - period(subscription.frequency)
    if subscription.covered_until and subscription.covered_until > start:
        start = subscription.covered_until
    return start


def confirm(subscription: Subscription, *, now: datetime | None = None) -> bool:
    """True when this confirmed it, False when it was already confirmed."""
    now = now or timezone.now()
    with transaction.atomic():
        subscription = Subscription.objects.select_for_update().get(pk=subscription.pk)
        if subscription.is_active:
            return False
        subscription.confirmed_at = now
        subscription.unsubscribed_at = None
        subscription.unsubscribe_reason = ""
        subscription.bounce_count = 0
        subscription.covered_until = _first_window_start(subscription, now)
        subscription.next_due_at = next_due_for(subscription, after=now)
        subscription.save()
    return True


def next_due_for(subscription: Subscription, *, after: datetime) -> datetime:
    return next_due(
        frequency=subscription.frequency,
        hour=subscription.hour,
        weekday=subscription.weekday,
        tz_name=subscription.timezone,
        after=after,
    )


def update_preferences(
    subscription: Subscription, *, now: datetime | None = None, **preferences: Unpack[Preferences]
) -> Subscription:
    now = now or timezone.now()
    with transaction.atomic():
        subscription = Subscription.objects.select_for_update().get(pk=subscription.pk)
        _store_preferences(subscription, preferences, reschedule_at=now)
    return subscription


def unsubscribe(subscription: Subscription, *, reason: str = "user", now: datetime | None = None) -> bool:
    """Idempotent. Digests already claimed but not yet sent are cancelled."""
    now = now or timezone.now()
    with transaction.atomic():
        changed = Subscription.objects.filter(pk=subscription.pk, unsubscribed_at__isnull=True).update(
            unsubscribed_at=now, unsubscribe_reason=reason, next_due_at=None
        )
        DigestDelivery.objects.filter(subscription_id=subscription.pk, status=DigestDelivery.Status.PENDING).update(
            status=DigestDelivery.Status.CANCELLED, updated_at=now
        )
    return bool(changed)


def resubscribe(subscription: Subscription, *, now: datetime | None = None) -> bool:
    """From the manage link, which proves the address is theirs: no new confirmation."""
    now = now or timezone.now()
    with transaction.atomic():
        subscription = Subscription.objects.select_for_update().get(pk=subscription.pk)
        if subscription.is_active or subscription.confirmed_at is None:
            return False
        subscription.unsubscribed_at = None
        subscription.unsubscribe_reason = ""
        subscription.bounce_count = 0
        # Start from now: a digest of what happened while unsubscribed is not wanted.
        subscription.covered_until = max(now, subscription.covered_until or now)
        subscription.next_due_at = next_due_for(subscription, after=now)
        subscription.save()
    return True


def purge_unconfirmed(*, now: datetime | None = None) -> int:
    """Addresses that never confirmed are forgotten once their link has expired."""
    now = now or timezone.now()
    cutoff = now - timedelta(seconds=settings.DIGEST_CONFIRM_MAX_AGE)
    _, per_model = Subscription.objects.filter(confirmed_at__isnull=True, created_at__lt=cutoff).delete()
    return per_model.get(Subscription._meta.label, 0)
