"""A small public site (one track: a meeting, a proposal, statements) and the addresses of its
public pages, shared by the hardening and outage tests."""

from datetime import date

from events.models import Actor
from events.models import Meeting
from events.models import Proposal
from events.models import Statement
from events.services import create_track
from events.services import record_extraction
from extraction.types import ProposalItem
from extraction.types import StatementItem
from tests.events.test_consolidation import article
from tests.events.test_consolidation import result
from tests.events.test_consolidation import talks


def make_public_site(statements=(("Anna Vesna", "We will come back to the table."),)):
    """The track, after one article reported a meeting, a proposal and (speaker, quote) statements."""
    track = create_track("Test talks", keywords="Ruritania")
    record_extraction(
        article("Outlet A", "2025-03-03", track=track, text="Ruritania"),
        result=result(
            meetings=[
                talks("scheduled", date(2025, 3, 6), location="Valletta", participants=("Ruritania", "Borduria"))
            ],
            statements=[StatementItem(speaker=who, quote=quote, sentence=quote) for who, quote in statements],
            proposals=[
                ProposalItem(
                    proposer="Ruritania", summary="a ceasefire of thirty days", status="proposed", sentence="s"
                )
            ],
        ),
    )
    return track


def event_urls(track):
    """The track's pages, feeds and exports, and one page of each kind of event and of an actor."""
    return [
        "/",
        f"/tracks/{track.slug}/",
        f"/tracks/{track.slug}/feed.atom",
        f"/tracks/{track.slug}/meetings.ics",
        f"/tracks/{track.slug}/events.json",
        f"/tracks/{track.slug}/events.csv",
        f"/actors/{Actor.objects.get(name='Anna Vesna').slug}/",
        f"/meetings/{Meeting.objects.get().pk}/",
        f"/proposals/{Proposal.objects.get().pk}/",
        f"/statements/{Statement.objects.first().pk}/",
    ]
