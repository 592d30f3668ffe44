"""Signed links: a confirmation link that expires, and a manage/unsubscribe
link that does not (RFC 8058 wants unsubscribe to keep working for old mail).
Both carry the subscription's key, so rotating the key revokes them."""

import hmac
from typing import Any

from django.conf import settings
from django.core import signing

from .models import Subscription

CONFIRM_SALT = "digests.confirm"
MANAGE_SALT = "digests.manage"


class BadToken(Exception):
    reason = "invalid"


class ExpiredToken(BadToken):
    reason = "expired"


def _payload(subscription: Subscription) -> dict[str, Any]:
    return {"s": subscription.pk, "k": subscription.key}


def confirm_token(subscription: Subscription) -> str:
    return signing.TimestampSigner(salt=CONFIRM_SALT).sign_object(_payload(subscription))


def manage_token(subscription: Subscription) -> str:
    return signing.Signer(salt=MANAGE_SALT).sign_object(_payload(subscription))


def _subscription(payload: object) -> Subscription:
    if not isinstance(payload, dict) or not isinstance(payload.get("s"), int) or not isinstance(payload.get("k"), str):
        raise BadToken()
    subscription = Subscription.objects.filter(pk=payload["s"]).first()
    if subscription is None or not hmac.compare_digest(subscription.key, payload["k"]):
        raise BadToken()
    return subscription


def subscription_from_confirm_token(token: str) -> Subscription:
    try:
        payload = signing.TimestampSigner(salt=CONFIRM_SALT).unsign_object(
            token, max_age=settings.DIGEST_CONFIRM_MAX_AGE
        )
    except signing.SignatureExpired as exc:
        raise ExpiredToken() from exc
    except (signing.BadSignature, ValueError) as exc:
        raise BadToken() from exc
    return _subscription(payload)


def subscription_from_manage_token(token: str) -> Subscription:
    try:
        payload = signing.Signer(salt=MANAGE_SALT).unsign_object(token)
    except (signing.BadSignature, ValueError) as exc:
        raise BadToken() from exc
    return _subscription(payload)
