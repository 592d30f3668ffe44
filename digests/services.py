"""Writes for digests: subscribing, confirming, preferences, unsubscribing,
claiming due digests and delivering them.

Exactly once: a due subscription is claimed by one conditional UPDATE that
moves its window forward, in the same transaction that creates the
DigestDelivery for that window, so of two schedulers only one wins each
subscription, and every event change falls in exactly one window. A delivery
is then claimed (pending -> sending) by another conditional UPDATE before
anything is sent, so two workers handed the same delivery send it once."""
import logging
import secrets
import smtplib
import threading
from collections import deque
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import timedelta
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.message import make_msgid
from django.db import connection as db_connection
from django.db import transaction
from django.db.models import F, Q
from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe

from events.models import Actor, Track

from . import selectors, tokens
from .models import DigestDelivery, Subscription
from .schedule import next_due, period

log = logging.getLogger(__name__)

CLAIM_CHUNK = 500


def normalize_email(email):
    return email.strip().lower()


def site_domain():
    return urlsplit(settings.SITE_URL).hostname or "localhost"


def confirm_url(subscription):
    return selectors.absolute(reverse("digests:confirm", args=[tokens.confirm_token(subscription)]))


def manage_url(subscription, token=None):
    return selectors.absolute(reverse("digests:manage", args=[token or tokens.manage_token(subscription)]))


def unsubscribe_url(subscription, token=None):
    return selectors.absolute(reverse("digests:unsubscribe", args=[token or tokens.manage_token(subscription)]))


# --- Sending one message -----------------------------------------------------


class TemporarySendError(Exception):
    """Worth trying again later: the server or the network, not the address."""


class PermanentSendError(Exception):
    """The server refused this address or this message for good (5xx)."""


def _classify(exc):
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _ in exc.recipients.values()]
        permanent = bool(codes) and all(500 <= code < 600 for code in codes)
    elif isinstance(exc, smtplib.SMTPDataError):
        permanent = 500 <= exc.smtp_code < 600
    else:  # sender refused, auth, disconnects, timeouts, refused connections
        permanent = False
    return (PermanentSendError if permanent else TemporarySendError)(f"{type(exc).__name__}: {exc}")


def send_message(connection, message):
    """Send over an open connection; SMTP trouble comes back classified. After a
    temporary error the connection is closed so the next message reconnects."""
    try:
        # Open it ourselves: send_messages() on a closed connection opens and
        # closes it again for every message.
        connection.open()
        connection.send_messages([message])
    except (smtplib.SMTPException, OSError) as exc:
        error = _classify(exc)
        if isinstance(error, TemporarySendError):
            try:
                connection.close()
            except Exception:  # noqa: BLE001 - a broken connection may fail to close too
                pass
        raise error from exc


def _message(subject, to, text, html, headers=None):
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
        headers={"Message-ID": make_msgid(domain=site_domain()), **(headers or {})},
    )
    message.attach_alternative(html, "text/html")
    return message


# --- Subscribing -------------------------------------------------------------


def request_subscription(*, email, tracks, actors=(), frequency, hour, weekday, timezone_name, now=None):
    """What the subscribe form does. A new or unconfirmed address gets its
    preferences stored and a confirmation link; an address already receiving
    digests keeps its preferences and gets a link to manage them (otherwise
    anyone could change someone else's subscription). Either way the caller
    learns nothing about which case it was."""
    now = now or timezone.now()
    email = normalize_email(email)
    from . import tasks

    with transaction.atomic():
        subscription, _ = Subscription.objects.select_for_update().get_or_create(email=email)
        if subscription.is_active:
            kind = "manage"
        else:
            kind = "confirm"
            subscription.frequency = frequency
            subscription.hour = hour
            subscription.weekday = weekday
            subscription.timezone = timezone_name
            subscription.confirmation_sent_at = now
            subscription.full_clean(exclude=["email", "key"])
            subscription.save()
            subscription.tracks.set(tracks)
            subscription.actors.set(actors)
        transaction.on_commit(lambda: _queue_subscription_email(tasks, subscription.id, kind))
    return subscription


def _queue_subscription_email(tasks, subscription_id, kind):
    # The page says "check your inbox" whatever happens here; a broker or SMTP
    # outage (tasks run in-process without a broker) is logged, not shown.
    try:
        tasks.send_subscription_email.delay(subscription_id, kind)
    except Exception:  # noqa: BLE001
        log.exception("could not send the %s mail for subscription %s", kind, subscription_id)


def send_subscription_email(subscription_id, kind, connection=None):
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
    message = _message(
        subject,
        subscription.email,
        render_to_string(f"digests/email/{template}.txt", context),
        render_to_string(f"digests/email/{template}.html", context),
    )
    try:
        send_message(connection or get_connection(), message)
    except PermanentSendError:
        log.warning("subscription %s: %s mail refused", subscription_id, kind, exc_info=True)
        return False
    return True


def _first_window_start(subscription, now):
    # The first digest also covers the period before confirming, so it is not
    # empty for someone who subscribes to a quiet week; never earlier than a
    # window already sent, so nothing arrives twice after resubscribing.
    start = now - period(subscription.frequency)
    if subscription.covered_until and subscription.covered_until > start:
        start = subscription.covered_until
    return start


def confirm(subscription, now=None):
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
        subscription.next_due_at = _next_due(subscription, now)
        subscription.save()
    return True


def _next_due(subscription, after):
    return next_due(subscription.frequency, subscription.hour, subscription.weekday, subscription.timezone, after)


def update_preferences(subscription, *, tracks, actors=(), frequency, hour, weekday, timezone_name, now=None):
    now = now or timezone.now()
    with transaction.atomic():
        subscription = Subscription.objects.select_for_update().get(pk=subscription.pk)
        subscription.frequency = frequency
        subscription.hour = hour
        subscription.weekday = weekday
        subscription.timezone = timezone_name
        subscription.full_clean(exclude=["email", "key"])
        if subscription.is_active:
            subscription.next_due_at = _next_due(subscription, now)
        subscription.save()
        subscription.tracks.set(tracks)
        subscription.actors.set(actors)
    return subscription


def unsubscribe(subscription, reason="user", now=None):
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


def resubscribe(subscription, now=None):
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
        subscription.next_due_at = _next_due(subscription, now)
        subscription.save()
    return True


def purge_unconfirmed(now=None):
    """Addresses that never confirmed are forgotten once their link has expired."""
    now = now or timezone.now()
    cutoff = now - timedelta(seconds=settings.DIGEST_CONFIRM_MAX_AGE)
    _, per_model = Subscription.objects.filter(confirmed_at__isnull=True, created_at__lt=cutoff).delete()
    return per_model.get(Subscription._meta.label, 0)


# --- Claiming due digests ----------------------------------------------------


def due_subscription_ids(now=None, force=False):
    """Active subscriptions whose digest is due (all active ones with force)."""
    now = now or timezone.now()
    qs = Subscription.objects.active()
    if not force:
        qs = qs.filter(next_due_at__lte=now)
    return list(qs.order_by("id").values_list("id", flat=True))


def claim_subscriptions(subscription_ids, now=None, force=False):
    """Claim each subscription's window (covered_until, now] and create its
    DigestDelivery; returns the ids of the deliveries this call created. A
    subscription another run claimed first is skipped: the UPDATE's condition
    no longer holds for it."""
    now = now or timezone.now()
    delivery_ids = []
    for offset in range(0, len(subscription_ids), CLAIM_CHUNK):
        chunk = subscription_ids[offset : offset + CLAIM_CHUNK]
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
                continue
            # window_start takes the old covered_until: SET reads the row as it was.
            claimed = claimable.filter(id__in=locked).update(
                window_start=F("covered_until"), covered_until=now, next_due_at=None, claim_token=token
            )
            if not claimed:
                continue
            subscriptions = list(
                Subscription.objects.filter(claim_token=token, covered_until=now).only(
                    "id", "frequency", "hour", "weekday", "timezone", "window_start"
                )
            )
            # Deliveries with the same window next to each other: a sending batch
            # then loads the events of one window, not of the union of many.
            subscriptions.sort(key=lambda s: (s.window_start or now, s.id))
            for subscription in subscriptions:
                subscription.next_due_at = _next_due(subscription, now)
            Subscription.objects.bulk_update(subscriptions, ["next_due_at"])
            deliveries = DigestDelivery.objects.bulk_create(
                DigestDelivery(
                    subscription_id=s.id,
                    period_start=s.window_start or now - period(s.frequency),
                    period_end=now,
                )
                for s in subscriptions
            )
            delivery_ids += [d.id for d in deliveries]
    return delivery_ids


def stale_delivery_ids(now=None):
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


# --- Delivering --------------------------------------------------------------


@dataclass
class DeliveryReport:
    sent: list = field(default_factory=list)
    empty: list = field(default_factory=list)
    cancelled: list = field(default_factory=list)
    failed: list = field(default_factory=list)
    retry: list = field(default_factory=list)  # temporary failure, attempts left
    sent_subscriptions: list = field(default_factory=list)

    def merge(self, other):
        for name in ("sent", "empty", "cancelled", "failed", "retry"):
            getattr(self, name).extend(getattr(other, name))
        return self


def claim_deliveries(delivery_ids, now=None):
    """pending -> sending in one conditional UPDATE; only the rows this call
    changed come back, so a delivery is never in two senders' hands (a
    'sending' one is taken back only after the lease, i.e. its worker died)."""
    now = now or timezone.now()
    token = secrets.token_hex(8)
    lease_cutoff = now - timedelta(seconds=settings.DIGEST_SEND_LEASE)
    DigestDelivery.objects.filter(id__in=list(delivery_ids)).filter(
        Q(status=DigestDelivery.Status.PENDING)
        | Q(status=DigestDelivery.Status.SENDING, claimed_at__lt=lease_cutoff)
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


class Fragments:
    """Each event's part of the email (HTML and text), rendered once per batch
    however many digests in it carry the event."""

    def __init__(self):
        self.cache = {}

    def render(self, digest):
        """The digest's three sections, each as {"html", "text"}; a digest shared
        by several subscribers is joined once."""
        if not digest.rendered:
            digest.rendered.update(
                meetings=self("meeting", digest.meetings),
                proposals=self("proposal", digest.proposals),
                statements=self("statement", digest.statements),
            )
        return digest.rendered

    def __call__(self, kind, items):
        """The items' HTML and text, each joined into one string."""
        html, text = [], []
        for item in items:
            found = self.cache.get(item.key)
            if found is None:
                context = {"item": item}
                found = self.cache[item.key] = (
                    # One line per event (the newlines are between tags): fewer
                    # lines make the message quicker to encode and to receive.
                    render_to_string(f"digests/email/_{kind}.html", context).replace("\n", ""),
                    render_to_string(f"digests/email/_{kind}.txt", context),
                )
            html.append(found[0])
            text.append(found[1].strip())
        # Both parts come from autoescaped templates.
        return {"html": mark_safe("\n".join(html)), "text": "\n\n".join(text)}


def _when(moment):
    return f"{moment.day} {moment:%b %Y, %H:%M}"


def build_digest_message(delivery, digest, tracks, actors, fragments=None):
    fragments = fragments or Fragments()
    subscription = delivery.subscription
    zone = ZoneInfo(subscription.timezone)
    token = tokens.manage_token(subscription)
    unsubscribe = unsubscribe_url(subscription, token)
    context = {
        "subscription": subscription,
        "digest": digest,
        **fragments.render(digest),
        "tracks": ", ".join(t.name for t in tracks),
        "actors": ", ".join(a.name for a in actors),
        "period": (
            f"{_when(delivery.period_start.astimezone(zone))} to {_when(delivery.period_end.astimezone(zone))}"
            f" ({subscription.timezone})"
        ),
        "day": f"{delivery.period_end.astimezone(zone):%-d %b}",
        "site_url": settings.SITE_URL,
        "manage_url": manage_url(subscription, token),
        "unsubscribe_url": unsubscribe,
    }
    subject = render_to_string("digests/email/digest_subject.txt", context).strip()
    return _message(
        subject,
        subscription.email,
        render_to_string("digests/email/digest.txt", context),
        render_to_string("digests/email/digest.html", context),
        headers={
            # RFC 8058 one-click: mail clients POST "List-Unsubscribe=One-Click" to this URL.
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "List-Id": f"talks_tracker digest <digest.{site_domain()}>",
            "Auto-Submitted": "auto-generated",
        },
    )


def _finish(delivery, status, now, **fields):
    """Record how one delivery ended, right after it ended: if the worker dies
    later in the batch, what was sent stays recorded and is not sent again."""
    DigestDelivery.objects.filter(id=delivery.id, claim_token=delivery.claim_token).update(
        status=status, updated_at=now, **fields
    )


@contextmanager
def _quick_commits():
    """One commit per email, without waiting for PostgreSQL's WAL flush (2-3 ms
    each on a plain disk). A worker crash loses nothing once COMMIT returned;
    only a crash of PostgreSQL itself within ~0.2 s could lose a 'sent' mark,
    and that digest would then go out again after the lease. Claims, which are
    what keeps two workers apart, are made before this and stay synchronous."""
    if db_connection.vendor != "postgresql" or not db_connection.get_autocommit():
        yield
        return
    with db_connection.cursor() as cursor:
        cursor.execute("SET synchronous_commit TO OFF")
    try:
        yield
    finally:
        with db_connection.cursor() as cursor:
            cursor.execute("RESET synchronous_commit")


class SmtpPool:
    """A few SMTP connections, each used by one thread, so that a worker
    renders and records the next digests while earlier ones are in flight.
    Only SMTP happens in these threads; the database stays in the caller's."""

    def __init__(self, size):
        self.local = threading.local()
        self.connections = []
        self.lock = threading.Lock()
        self.executor = ThreadPoolExecutor(max_workers=max(1, size), thread_name_prefix="smtp")

    def _send(self, message):
        connection = getattr(self.local, "connection", None)
        if connection is None:
            connection = self.local.connection = get_connection()
            with self.lock:
                self.connections.append(connection)
        send_message(connection, message)

    def submit(self, message):
        return self.executor.submit(self._send, message)

    def close(self):
        self.executor.shutdown(wait=True)
        for connection in self.connections:
            try:
                connection.close()
            except Exception:  # noqa: BLE001 - closing a broken connection may fail too
                pass


def deliver_many(delivery_ids, now=None):
    """Send the given deliveries that this call manages to claim. Each address
    succeeds or fails on its own: a refused address is recorded and the next
    one is sent."""
    now = now or timezone.now()
    report = DeliveryReport()
    deliveries = claim_deliveries(delivery_ids, now)
    if not deliveries:
        return report
    window = selectors.load_window(
        min(d.period_start for d in deliveries), max(d.period_end for d in deliveries)
    )
    groups = selectors.actor_groups({a.id for d in deliveries for a in d.subscription.actors.all()})
    fragments = Fragments()
    pool = SmtpPool(settings.DIGEST_SMTP_CONNECTIONS)
    in_flight = deque()
    try:
        with _quick_commits():
            for delivery in deliveries:
                prepared = _prepare(delivery, window, groups, report, fragments)
                if prepared is not None:
                    in_flight.append((delivery, *prepared, pool.submit(prepared[0])))
                # Record results in order, keeping a few messages ahead.
                while in_flight and (len(in_flight) > 2 * settings.DIGEST_SMTP_CONNECTIONS or in_flight[0][-1].done()):
                    _record(*in_flight.popleft(), report)
            while in_flight:
                _record(*in_flight.popleft(), report)
    finally:
        pool.close()
        # Informational only (windows are tracked by covered_until), so one
        # write per batch rather than per email.
        if report.sent_subscriptions:
            Subscription.objects.filter(id__in=report.sent_subscriptions).update(
                last_sent_at=timezone.now(), bounce_count=0
            )
    return report


def _prepare(delivery, window, groups, report, fragments):
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
        window, {t.id for t in tracks}, actor_ids, delivery.period_start, delivery.period_end, subscription.timezone
    )
    if digest.is_empty:
        _finish(delivery, DigestDelivery.Status.EMPTY, now)
        report.empty.append(delivery.id)
        return None
    message = build_digest_message(delivery, digest, tracks, actors, fragments)
    record = {
        "to_email": subscription.email,
        "subject": message.subject[:300],
        "message_id": message.extra_headers["Message-ID"],
        "meeting_ids": [m.meeting.id for m in digest.meetings],
        "proposal_ids": [p.proposal.id for p in digest.proposals],
        "statement_ids": [s.statement.id for s in digest.statements],
    }
    return message, record


def _record(delivery, message, record, future, report):
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


def _bounced(subscription):
    """Addresses refused several digests in a row stop getting them."""
    Subscription.objects.filter(id=subscription.id).update(bounce_count=F("bounce_count") + 1)
    Subscription.objects.filter(
        id=subscription.id, bounce_count__gte=settings.DIGEST_MAX_BOUNCES, unsubscribed_at__isnull=True
    ).update(unsubscribed_at=timezone.now(), unsubscribe_reason="bounced", next_due_at=None)


def fail_delivery(delivery_id, error):
    """Give up on a delivery the task could not send in its retries."""
    DigestDelivery.objects.filter(
        id=delivery_id, status__in=[DigestDelivery.Status.PENDING, DigestDelivery.Status.SENDING]
    ).update(status=DigestDelivery.Status.FAILED, error=error[:2000], updated_at=timezone.now())


def run_digests(now=None, force=False, retry_delays=(2, 4, 8, 16), sleep=None):
    """Claim and deliver in this process (the send_digests command). Temporary
    SMTP failures are retried here with backoff."""
    import time

    sleep = sleep or time.sleep
    now = now or timezone.now()
    delivery_ids = claim_subscriptions(due_subscription_ids(now, force=force), now=now, force=force)
    report = DeliveryReport()
    batch = settings.DIGEST_BATCH_SIZE
    for offset in range(0, len(delivery_ids), batch):
        report.merge(deliver_many(delivery_ids[offset : offset + batch]))
    for delay in retry_delays:
        if not report.retry:
            break
        pending, report.retry = report.retry, []
        sleep(delay)
        report.merge(deliver_many(pending))
    for delivery_id in report.retry:
        fail_delivery(delivery_id, "temporary SMTP failures; gave up")
    report.failed.extend(report.retry)
    report.retry = []
    return delivery_ids, report
