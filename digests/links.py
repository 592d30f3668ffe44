"""The links digests and their emails carry (all absolute, from SITE_URL)."""

from urllib.parse import urlsplit

from django.conf import settings
from django.urls import reverse

from . import tokens
from .models import Subscription


def absolute(path: str) -> str:
    """A path on this site as a full URL."""
    return f"{settings.SITE_URL}{path}"


def normalize_email(email: str) -> str:
    return email.strip().lower()


def site_domain() -> str:
    return urlsplit(settings.SITE_URL).hostname or "localhost"


def confirm_url(subscription: Subscription) -> str:
    return absolute(reverse("digests:confirm", args=[tokens.confirm_token(subscription)]))


def manage_url(subscription: Subscription, *, token: str | None = None) -> str:
    return absolute(reverse("digests:manage", args=[token or tokens.manage_token(subscription)]))


def unsubscribe_url(subscription: Subscription, *, token: str | None = None) -> str:
    return absolute(reverse("digests:unsubscribe", args=[token or tokens.manage_token(subscription)]))
