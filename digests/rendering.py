"""Digest emails rendered: each event's fragment once per batch (Fragments), then the message."""

from collections.abc import Iterable
from datetime import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from events.models import Actor
from events.models import Track

from . import tokens
from .links import manage_url
from .links import site_domain
from .links import unsubscribe_url
from .models import DigestDelivery
from .selectors import Digest
from .selectors import MeetingItem
from .selectors import ProposalItem
from .selectors import StatementEntry
from .smtp import build_message

# One section of an email, both parts: {"html": ..., "text": ...}.
Section = dict[str, str]


class Fragments:
    """Each event's part of the email (HTML and text), rendered once per batch
    however many digests in it carry the event."""

    def __init__(self) -> None:
        self.cache: dict[tuple[object, ...], tuple[str, str]] = {}

    def render(self, digest: Digest) -> dict[str, Section]:
        """The digest's three sections, each as {"html", "text"}; a digest shared
        by several subscribers is joined once."""
        if not digest.rendered:
            digest.rendered.update(
                meetings=self("meeting", digest.meetings),
                proposals=self("proposal", digest.proposals),
                statements=self("statement", digest.statements),
            )
        return digest.rendered

    def __call__(self, kind: str, items: Iterable[MeetingItem | ProposalItem | StatementEntry]) -> Section:
        """The items' HTML and text, each joined into one string."""
        html: list[str] = []
        text: list[str] = []
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


def _when(moment: datetime) -> str:
    return f"{moment.day} {moment:%b %Y, %H:%M}"


def build_digest_message(
    delivery: DigestDelivery,
    *,
    digest: Digest,
    tracks: Iterable[Track],
    actors: Iterable[Actor],
    fragments: Fragments | None = None,
) -> EmailMultiAlternatives:
    fragments = fragments or Fragments()
    subscription = delivery.subscription
    zone = ZoneInfo(subscription.timezone)
    token = tokens.manage_token(subscription)
    unsubscribe = unsubscribe_url(subscription, token=token)
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
        "manage_url": manage_url(subscription, token=token),
        "unsubscribe_url": unsubscribe,
    }
    subject = render_to_string("digests/email/digest_subject.txt", context).strip()
    return build_message(
        subject=subject,
        to=subscription.email,
        text=render_to_string("digests/email/digest.txt", context),
        html=render_to_string("digests/email/digest.html", context),
        headers={
            # RFC 8058 one-click: mail clients POST "List-Unsubscribe=One-Click" to this URL.
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "List-Id": f"talks_tracker digest <digest.{site_domain()}>",
            "Auto-Submitted": "auto-generated",
        },
    )
