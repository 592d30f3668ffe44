import itertools
from datetime import UTC
from datetime import datetime
from datetime import timedelta

from django.utils.text import slugify

from digests.models import Subscription
from digests.subscriptions import next_due_for
from events.models import Actor
from events.models import Meeting
from events.models import MeetingSource
from events.models import MeetingStatusChange
from events.models import Proposal
from events.models import ProposalStatusChange
from events.models import Statement
from events.models import StatementSource
from events.services import quote_key
from sources.models import Outlet
from tests.conftest import make_article

_counter = itertools.count(1)


def actor(name, **kwargs):
    return Actor.objects.create(name=name, slug=slugify(name), **kwargs)


def article(outlet_name, published=None):
    n = next(_counter)
    outlet, _ = Outlet.objects.get_or_create(slug=slugify(outlet_name), defaults={"name": outlet_name})
    url = f"https://{outlet.slug}.example.org/story-{n}"
    return make_article(
        url,
        outlet=outlet,
        title=f"Story {n}",
        text="x",
        published_at=published or datetime(2025, 6, 1, 9, tzinfo=UTC),
    )


def meeting(track, status, day=None, location="", participants=(), review_status="unreviewed", kind="talks"):
    m = Meeting.objects.create(
        kind=kind,
        status=status,
        date=day,
        date_precision="day" if day else "",
        location=location,
        review_status=review_status,
    )
    m.tracks.add(track)
    m.participants.add(*participants)
    a = article("Wire")
    MeetingSource.objects.create(meeting=m, article=a, sentence="s", reported_status=status)
    MeetingStatusChange.objects.create(meeting=m, status=status, date=day, location=location, article=a)
    return m


def proposal(track, summary, statuses=("proposed",), proposer=None, review_status="unreviewed"):
    p = Proposal.objects.create(summary=summary, proposer=proposer, status=statuses[-1], review_status=review_status)
    p.tracks.add(track)
    for status in statuses:
        ProposalStatusChange.objects.create(proposal=p, status=status)
    return p


def statement(track, quote, outlets=("Wire",), speaker=None, review_status="unreviewed"):
    s = Statement.objects.create(
        quote=quote,
        quote_key=quote_key(quote),
        speaker=speaker,
        review_status=review_status,
        speaker_text="" if speaker else "An official",
    )
    s.tracks.add(track)
    for outlet_name in outlets:
        StatementSource.objects.create(statement=s, article=article(outlet_name), sentence=quote)
    return s


def subscriber(
    email,
    tracks,
    actors=(),
    frequency="daily",
    hour=7,
    weekday=0,
    tz="UTC",
    confirmed_at=None,
    covered_until=None,
    due=True,
):
    """A confirmed subscription whose window started a day before `confirmed_at`."""
    confirmed_at = confirmed_at or datetime.now(UTC) - timedelta(hours=1)
    sub = Subscription(
        email=email, frequency=frequency, hour=hour, weekday=weekday, timezone=tz, confirmed_at=confirmed_at
    )
    sub.covered_until = covered_until or confirmed_at - timedelta(days=1)
    # Not due: the next slot after now (after `confirmed_at` could already be past: with the
    # default 07:00 UTC and confirmed an hour ago, a run between 07:00 and 08:00 found it due).
    sub.next_due_at = confirmed_at if due else next_due_for(sub, after=max(confirmed_at, datetime.now(UTC)))
    sub.save()
    sub.tracks.set(tracks)
    sub.actors.set(actors)
    return sub
