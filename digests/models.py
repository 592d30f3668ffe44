import secrets
import zoneinfo
from functools import lru_cache

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models


@lru_cache(maxsize=1)
def timezone_names():
    return frozenset(zoneinfo.available_timezones())


def validate_timezone(value):
    # available_timezones() rather than ZoneInfo(value) alone: ZoneInfo also
    # accepts odd keys ("posixrules", relative paths) we do not want stored.
    if value not in timezone_names():
        raise ValidationError("%(value)s is not a known time zone.", params={"value": value})


def new_key():
    return secrets.token_urlsafe(12)


class Frequency(models.TextChoices):
    DAILY = "daily"
    WEEKLY = "weekly"


class Weekday(models.IntegerChoices):
    MONDAY = 0
    TUESDAY = 1
    WEDNESDAY = 2
    THURSDAY = 3
    FRIDAY = 4
    SATURDAY = 5
    SUNDAY = 6


class SubscriptionQuerySet(models.QuerySet):
    def active(self):
        """Confirmed and not unsubscribed: the only ones that ever get a digest."""
        return self.filter(confirmed_at__isnull=False, unsubscribed_at__isnull=True)


class Subscription(models.Model):
    """One address, its filters and its schedule. Nothing is sent before confirmed_at is set."""

    email = models.EmailField(max_length=254, unique=True, help_text="Stored lower-cased.")
    tracks = models.ManyToManyField("events.Track", related_name="digest_subscriptions")
    actors = models.ManyToManyField(
        "events.Actor",
        blank=True,
        related_name="digest_subscriptions",
        help_text="Empty: everything in the tracks. Otherwise only events involving one of these.",
    )
    frequency = models.CharField(max_length=6, choices=Frequency.choices, default=Frequency.DAILY)
    hour = models.PositiveSmallIntegerField(
        default=7, validators=[MaxValueValidator(23)], help_text="Local hour, 0-23."
    )
    weekday = models.PositiveSmallIntegerField(
        choices=Weekday.choices, default=Weekday.MONDAY, help_text="For weekly digests."
    )
    timezone = models.CharField(max_length=64, default="UTC", validators=[validate_timezone])
    # Part of every signed link: rotating it revokes all links sent so far.
    key = models.CharField(max_length=32, default=new_key, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    confirmation_sent_at = models.DateTimeField(null=True, blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    unsubscribed_at = models.DateTimeField(null=True, blank=True)
    unsubscribe_reason = models.CharField(max_length=20, blank=True)
    # Scheduling. Each claim moves covered_until to the claim time, so the
    # windows of successive digests never overlap: an event is in exactly one.
    next_due_at = models.DateTimeField(null=True, blank=True, db_index=True)
    covered_until = models.DateTimeField(null=True, blank=True)
    window_start = models.DateTimeField(null=True, blank=True, editable=False)
    claim_token = models.CharField(max_length=32, blank=True, editable=False)
    last_sent_at = models.DateTimeField(null=True, blank=True)
    bounce_count = models.PositiveSmallIntegerField(default=0, help_text="Permanent failures in a row.")

    objects = SubscriptionQuerySet.as_manager()

    class Meta:
        ordering = ["email"]
        indexes = [models.Index(fields=["confirmed_at", "unsubscribed_at", "next_due_at"], name="digest_sub_due")]

    def __str__(self):
        return self.email

    @property
    def is_active(self):
        return self.confirmed_at is not None and self.unsubscribed_at is None

    def schedule_display(self):
        at = f"{self.hour:02d}:00 ({self.timezone})"
        if self.frequency == Frequency.WEEKLY:
            return f"every {self.get_weekday_display()} at {at}"
        return f"every day at {at}"


class DigestDelivery(models.Model):
    """One digest for one subscriber and one window of time: what was sent, when, and how it went."""

    class Status(models.TextChoices):
        PENDING = "pending"
        SENDING = "sending"
        SENT = "sent"
        EMPTY = "empty", "Nothing new (not sent)"
        CANCELLED = "cancelled", "Cancelled (unsubscribed)"
        FAILED = "failed"

    subscription = models.ForeignKey(Subscription, on_delete=models.CASCADE, related_name="deliveries")
    period_start = models.DateTimeField()
    period_end = models.DateTimeField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    claim_token = models.CharField(max_length=32, blank=True, db_index=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    to_email = models.EmailField(max_length=254, blank=True)
    subject = models.CharField(max_length=300, blank=True)
    message_id = models.CharField(max_length=300, blank=True)
    meeting_ids = models.JSONField(default=list, blank=True)
    proposal_ids = models.JSONField(default=list, blank=True)
    statement_ids = models.JSONField(default=list, blank=True)
    error = models.TextField(blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-period_end", "-id"]
        verbose_name_plural = "digest deliveries"
        constraints = [
            # A second claim of the same window can never become a second row.
            models.UniqueConstraint(fields=["subscription", "period_start"], name="digestdelivery_unique_window"),
        ]

    def __str__(self):
        return f"{self.subscription_id} {self.period_start:%Y-%m-%d %H:%M}–{self.period_end:%H:%M} {self.status}"
