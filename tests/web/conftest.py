"""A small hand-made negotiation: what each public page and feed is checked against."""

from dataclasses import dataclass
from datetime import UTC
from datetime import datetime
from datetime import timedelta

import pytest
from django.utils.timezone import localdate

from events.models import Actor
from events.models import Meeting
from events.models import MeetingSource
from events.models import MeetingStatusChange
from events.models import Proposal
from events.models import ProposalSource
from events.models import ReviewStatus
from events.models import Statement
from events.models import StatementSource
from events.models import Tag
from events.models import Track
from sources.models import Outlet
from tests.conftest import make_article


@dataclass
class Scenario:
    track: Track
    today: object
    varnov: Actor
    ostrenko: Actor
    durso: Actor
    russia: Actor
    ukraine: Actor
    next_meeting: Meeting  # scheduled, in 5 days, Valmora
    held: Meeting  # held 3 days ago, Asterport, with a status history
    cancelled: Meeting
    vague: Meeting  # month precision
    plan: Proposal  # the latest proposal
    old_plan: Proposal
    hostile: Statement  # two outlets, three reports, tagged, with notes
    calm: Statement
    unreviewed: Statement
    rejected: Statement
    articles: list


def on_day(today, days_ago):
    """An event's date, to the day, and the day it was first reported: days_ago before today."""
    day = today - timedelta(days=days_ago)
    return {"date": day, "date_precision": "day", "reported_on": day}


def stale_meeting(scenario, **fields):
    """Talks proposed for six days ago, on the scenario's track, with no report they took place."""
    meeting = Meeting.objects.create(
        kind="talks",
        location="Corvinta",
        date=scenario.today - timedelta(days=6),
        date_precision="day",
        status="proposed",
        **fields,
    )
    meeting.tracks.add(scenario.track)
    return meeting


def _article(outlet, n, day, title):
    return make_article(
        f"https://news.example.org/{outlet.slug}/{n}",
        outlet=outlet,
        title=title,
        text="x",
        published_at=datetime.combine(day, datetime.min.time(), UTC) + timedelta(hours=9),
    )


def _on_track(track, *events):
    for event in events:
        event.tracks.add(track)


@pytest.fixture
def scenario(db):
    today = localdate()
    track = Track.objects.create(
        name="Amber Coast talks", slug="amber-coast-talks", description="Talks about the Amber Coast."
    )
    wire = Outlet.objects.create(name="Wire Service", slug="wire")
    daily = Outlet.objects.create(name="The Daily", slug="daily")
    varnov = Actor.objects.create(name="Oleg Varnov", slug="oleg-varnov", country="RU", title="Foreign Minister")
    ostrenko = Actor.objects.create(
        name="Taras Ostrenko", slug="taras-ostrenko", country="UA", title="Foreign Minister"
    )
    durso = Actor.objects.create(name="Kemal Durso", slug="kemal-durso", country="TR")
    russia = Actor.objects.create(name="Russia", slug="russia", kind=Actor.Kind.STATE, country="RU")
    ukraine = Actor.objects.create(name="Ukraine", slug="ukraine", kind=Actor.Kind.STATE, country="UA")
    a1 = _article(wire, 1, today - timedelta(days=10), "Envoys weigh a grain deal")
    a2 = _article(daily, 2, today - timedelta(days=4), "Talks held in Asterport")
    a3 = _article(wire, 3, today - timedelta(days=3), "Asterport round ends")
    a4 = _article(daily, 4, today - timedelta(days=1), "Next round set for Valmora")

    next_meeting = Meeting.objects.create(
        kind="talks",
        location="Valmora",
        date=today + timedelta(days=5),
        date_precision="day",
        status="scheduled",
        reported_on=today - timedelta(days=1),
        editor_note="Venue confirmed by both delegations.",
        private_note="EDITORS-ONLY: source is shaky",
    )
    next_meeting.participants.add(russia, ukraine)
    MeetingSource.objects.create(
        meeting=next_meeting, article=a4, sentence="The next round will be in Valmora.", reported_status="scheduled"
    )
    held = Meeting.objects.create(
        kind="talks",
        location="Asterport",
        date=today - timedelta(days=3),
        date_precision="day",
        status="held",
        reported_on=today - timedelta(days=10),
    )
    held.participants.add(varnov, ostrenko, durso)
    MeetingSource.objects.create(
        meeting=held, article=a1, sentence="Talks are planned in Asterport.", reported_status="proposed"
    )
    MeetingSource.objects.create(
        meeting=held, article=a2, sentence="Talks were held in Asterport.", reported_status="held"
    )
    # Proposed (then for a day later), scheduled by an editor, held: (status, days ago, reported days ago, article).
    for status, days, reported, article in (("proposed", 2, 10, a1), ("scheduled", 3, 6, None), ("held", 3, 4, a2)):
        MeetingStatusChange.objects.create(
            meeting=held,
            status=status,
            date=today - timedelta(days=days),
            location="Asterport",
            reported_on=today - timedelta(days=reported),
            article=article,
            by_editor=article is None,
        )
    cancelled = Meeting.objects.create(
        kind="call",
        date=today + timedelta(days=2),
        date_precision="day",
        status="cancelled",
        reported_on=today - timedelta(days=2),
    )
    MeetingSource.objects.create(meeting=cancelled, article=a3, sentence="The call was called off.")
    vague = Meeting.objects.create(
        kind="summit",
        location="Kestrelby",
        date=today.replace(day=1) + timedelta(days=62),
        date_precision="month",
        status="proposed",
        reported_on=today - timedelta(days=3),
    )
    MeetingSource.objects.create(meeting=vague, article=a3, sentence="A summit in Kestrelby in two months.")

    plan, old_plan = (
        Proposal.objects.create(proposer=proposer, summary=summary, status=status, **on_day(today, days))
        for proposer, summary, status, days in (
            (ukraine, "a grain corridor under UN monitoring", "submitted", 2),
            (russia, "a prisoner exchange of all for all", "accepted", 9),
        )
    )
    ProposalSource.objects.create(proposal=plan, article=a3, sentence="Ukraine submitted a grain corridor plan.")
    ProposalSource.objects.create(proposal=old_plan, article=a1, sentence="Russia proposed an exchange.")

    hostile = Statement.objects.create(
        speaker=varnov,
        speaker_text="Varnov",
        quote="The corridor is a provocation and we will answer it",
        quote_key="hostile",
        **on_day(today, 3),
        stance="hostile",
        editor_note="Said after the Asterport round.",
        private_note="EDITORS-ONLY: check translation",
        review_status=ReviewStatus.CONFIRMED,
    )
    hostile.tags.add(Tag.objects.create(name="grain corridor", slug="grain-corridor"))
    for article in (a2, a3, a4):
        StatementSource.objects.create(
            statement=hostile, article=article, sentence="Varnov said the corridor is a provocation."
        )
    calm = Statement.objects.create(
        speaker=ostrenko,
        quote="Ukraine is ready for a ceasefire at sea",
        quote_key="calm",
        **on_day(today, 4),
        stance="conciliatory",
        review_status=ReviewStatus.CONFIRMED,
    )
    StatementSource.objects.create(statement=calm, article=a2, sentence="Ostrenko said Ukraine is ready.")
    unreviewed = Statement.objects.create(
        speaker=durso,
        quote="Turkey stands ready to host the next round",
        quote_key="unreviewed",
        **on_day(today, 1),
    )
    StatementSource.objects.create(statement=unreviewed, article=a4, sentence="Durso offered to host.")
    rejected = Statement.objects.create(
        speaker=durso,
        quote="A garbled sentence the extractor misread",
        quote_key="rejected",
        date=today - timedelta(days=1),
        reported_on=today - timedelta(days=1),
        review_status=ReviewStatus.REJECTED,
    )
    StatementSource.objects.create(statement=rejected, article=a4, sentence="garbled")
    _on_track(track, next_meeting, held, cancelled, vague, plan, old_plan, hostile, calm, unreviewed, rejected)
    return Scenario(
        track,
        today,
        varnov,
        ostrenko,
        durso,
        russia,
        ukraine,
        next_meeting,
        held,
        cancelled,
        vague,
        plan,
        old_plan,
        hostile,
        calm,
        unreviewed,
        rejected,
        [a1, a2, a3, a4],
    )
