"""One event, many reports: merging, lifecycle, corroboration, editors' locks, actor merges.

The first tests feed hand-made extractions to the recording service, so they
test the merge rules alone; the scenario tests at the end run the real
extractor over the multi-article fixtures in scenarios.py."""

import json
from datetime import date
from datetime import datetime
from io import StringIO

import pytest
from django.core.management import call_command

from events.models import Actor
from events.models import Meeting
from events.models import MeetingStatusChange
from events.models import Proposal
from events.models import ReviewStatus
from events.models import Statement
from events.services import create_track
from events.services import edit_event
from events.services import extract_and_record
from events.services import merge_actors
from events.services import record_extraction
from extraction.types import ActorItem
from extraction.types import Extraction
from extraction.types import MeetingItem
from extraction.types import ProposalItem
from extraction.types import StatementItem
from sources.models import Article
from sources.models import Feed
from sources.models import Outlet
from tests.conftest import make_article

from . import scenarios

pytestmark = pytest.mark.django_db


@pytest.fixture
def track():
    return create_track("Test talks")


def report(track, outlet_name, published, **items):
    """One article of outlet_name's, published then on the track, that reported the given items
    (meetings=[...], proposals=[...], statements=[...]), recorded as if the extractor found them."""
    return record_extraction(article(outlet_name, published, track=track), result=result(**items))


def article(outlet_name, published, title="Report", text="text", track=None):
    outlet, _ = Outlet.objects.get_or_create(slug=outlet_name.lower().replace(" ", "-"), defaults={"name": outlet_name})
    feed, _ = Feed.objects.get_or_create(url=f"https://{outlet.slug}.example.org/feed", defaults={"outlet": outlet})
    if track:
        feed.tracks.add(track)
    n = Article.objects.count()
    return make_article(
        f"https://{outlet.slug}.example.org/{n}",
        feed=feed,
        outlet=outlet,
        title=title,
        text=text,
        published_at=datetime.fromisoformat(published)
        if "T" in published
        else datetime.fromisoformat(published + "T12:00:00+00:00"),
    )


def result(statements=(), meetings=(), proposals=(), actors=()):
    return Extraction(
        title="t",
        text="t",
        actors=list(actors),
        statements=list(statements),
        meetings=list(meetings),
        proposals=list(proposals),
        version="test",
    )


def talks(status, day, location="Brussels", participants=("Serbia", "Kosovo"), kind="talks"):
    return MeetingItem(
        kind=kind,
        status=status,
        location=location,
        date=day,
        date_precision="day" if day else None,
        participants=list(participants),
        sentence=f"{kind} {status}",
    )


def test_three_outlets_one_meeting(track):
    for outlet, published in (("A", "2025-03-03"), ("B", "2025-03-04"), ("C", "2025-03-05")):
        record_extraction(
            article(outlet, published, track=track), result=result(meetings=[talks("scheduled", date(2025, 3, 6))])
        )
    meeting = Meeting.objects.get()
    assert meeting.sources.count() == 3
    assert meeting.sources.values("article__outlet").distinct().count() == 3
    assert meeting.status == Meeting.Status.SCHEDULED and meeting.date == date(2025, 3, 6)


def test_a_call_is_not_an_in_person_meeting(track):
    report(track, "A", "2025-03-03", meetings=[talks("held", date(2025, 3, 3), location="")])
    report(track, "B", "2025-03-03", meetings=[talks("held", date(2025, 3, 3), location="", kind="call")])
    assert Meeting.objects.count() == 2


def test_different_places_are_different_meetings(track):
    report(track, "A", "2025-03-03", meetings=[talks("scheduled", date(2025, 3, 6))])
    report(track, "B", "2025-03-03", meetings=[talks("scheduled", date(2025, 3, 6), location="Geneva")])
    assert Meeting.objects.count() == 2


def test_proposed_then_held_keeps_history(track):
    report(track, "A", "2025-03-03", meetings=[talks("proposed", date(2025, 3, 6))])
    report(track, "B", "2025-03-07", meetings=[talks("held", date(2025, 3, 6))])
    meeting = Meeting.objects.get()
    assert meeting.status == Meeting.Status.HELD
    assert list(meeting.status_changes.values_list("status", flat=True)) == ["proposed", "held"]
    assert [c.article.outlet.name for c in meeting.status_changes.all()] == ["A", "B"]


@pytest.mark.parametrize("order", ["day-report-first", "later-report-first"])
def test_a_later_report_a_day_off_does_not_give_held_talks_a_second_date(track, order):
    """A report written two weeks later counts "two weeks ago" to the day before the talks:
    the same meeting, one held date in its history, whichever report arrives first."""
    reports = [("A", "2025-03-06", date(2025, 3, 6)), ("B", "2025-03-20", date(2025, 3, 5))]
    if order == "later-report-first":
        reports.reverse()
    for outlet, published, day in reports:
        record_extraction(article(outlet, published, track=track), result=result(meetings=[talks("held", day)]))
    meeting = Meeting.objects.get()
    assert meeting.date == date(2025, 3, 6) and meeting.sources.count() == 2
    held = list(meeting.status_changes.values_list("status", "date", "article__outlet__name"))
    assert held == [("held", date(2025, 3, 6), "A")]


def test_an_older_report_arriving_late_does_not_undo_a_newer_status(track):
    report(track, "B", "2025-03-07", meetings=[talks("held", date(2025, 3, 6))])
    report(track, "A", "2025-03-03", meetings=[talks("proposed", date(2025, 3, 6))])
    meeting = Meeting.objects.get()
    assert meeting.status == Meeting.Status.HELD and meeting.sources.count() == 2


def test_undated_proposal_later_given_a_date(track):
    report(track, "A", "2025-03-01", meetings=[talks("proposed", None)])
    report(track, "B", "2025-03-03", meetings=[talks("scheduled", date(2025, 3, 6))])
    meeting = Meeting.objects.get()
    assert meeting.date == date(2025, 3, 6) and meeting.status == Meeting.Status.SCHEDULED


def test_postponed_then_held_on_a_new_date(track):
    report(
        track,
        "A",
        "2025-04-01",
        meetings=[talks("postponed", date(2025, 4, 4), location="Almaty", participants=("Armenia", "Azerbaijan"))],
    )
    report(
        track,
        "A",
        "2025-04-10",
        meetings=[talks("held", date(2025, 4, 10), location="Almaty", participants=("Armenia", "Azerbaijan"))],
    )
    meeting = Meeting.objects.get()
    assert meeting.status == Meeting.Status.HELD and meeting.date == date(2025, 4, 10)
    history = list(meeting.status_changes.values_list("status", "date"))
    assert history == [("postponed", date(2025, 4, 4)), ("held", date(2025, 4, 10))]


def test_same_quote_in_five_articles_is_one_statement(track):
    quote = "We will not sign any agreement that divides our country"
    variants = [
        quote,
        quote + ".",
        quote.lower(),
        f"\u201c{quote}\u201d",
        "will not sign any agreement that divides our country",
    ]
    for i, text in enumerate(variants):
        record_extraction(
            article(f"Outlet {i}", f"2025-04-1{i}", track=track),
            result=result(
                statements=[StatementItem(speaker="Nikol Pashinyan", quote=text)],
                actors=[ActorItem("Nikol Pashinyan", country="AM")],
            ),
        )
    statement = Statement.objects.get()
    assert statement.sources.count() == 5
    assert statement.speaker.name == "Nikol Pashinyan"
    assert Actor.objects.filter(name="Nikol Pashinyan").count() == 1


def test_different_quotes_stay_apart(track):
    ready, not_ready = "We are ready to sign the treaty this year", "We are not ready to sign the treaty this year"
    said = [("Nikol Pashinyan", ready), ("Nikol Pashinyan", not_ready), ("Ilham Aliyev", ready)]
    statements = [StatementItem(speaker=speaker, quote=quote) for speaker, quote in said]
    report(track, "A", "2025-04-10", statements=statements)
    assert Statement.objects.count() == 3


def test_name_forms_resolve_to_one_actor(track):
    for i, name in enumerate(
        ["Marrow", "Ilse Marrow", "Defence Minister Ilse Marrow", "Chilean Defence Minister Ilse Marrow"]
    ):
        record_extraction(
            article("A", f"2025-05-1{i}", track=track),
            result=result(statements=[StatementItem(speaker=name, quote=f"Quote number {i} about talks")]),
        )
    actor = Actor.objects.get()
    assert actor.name == "Ilse Marrow" and "Marrow" in actor.aliases
    assert Statement.objects.filter(speaker=actor).count() == 4
    assert actor.confirmed is False  # new actors wait for an editor


def test_proposals_merge_and_change_status(track):
    reports = [  # two outlets report one proposal, the second after it was accepted
        ("A", "2025-05-28", "a second round of talks in Istanbul", "proposed", date(2025, 5, 28)),
        ("B", "2025-05-30", "second round of talks in Istanbul on Monday", "accepted", date(2025, 5, 29)),
    ]
    for outlet, published, summary, status, day in reports:
        item = ProposalItem(proposer="Russia", summary=summary, status=status, date=day)
        record_extraction(article(outlet, published, track=track), result=result(proposals=[item]))
    proposal = Proposal.objects.get()
    assert proposal.status == Proposal.Status.ACCEPTED and proposal.sources.count() == 2
    assert list(proposal.status_changes.values_list("status", flat=True)) == ["proposed", "accepted"]


def test_editor_correction_survives_reextract(track, settings):
    a = article("A", "2025-03-05", track=track)
    record_extraction(
        a,
        result=result(
            statements=[StatementItem(speaker="Unknown Person", quote="The talks will continue next week")],
            meetings=[talks("scheduled", date(2025, 3, 6))],
        ),
    )
    statement, meeting = Statement.objects.get(), Meeting.objects.get()
    pashinyan = Actor.objects.create(name="Nikol Pashinyan", slug="nikol-pashinyan", country="AM")
    edit_event(
        statement,
        changes={
            "speaker": pashinyan,
            "quote": "The talks will continue next week, in Brussels",
            "stance": "conciliatory",
        },
        reason="checked the video",
    )
    edit_event(meeting, changes={"status": Meeting.Status.CANCELLED}, reason="EU statement")
    statement.refresh_from_db()
    assert set(statement.locked_fields) == {"speaker", "quote"}
    assert statement.history.first().history_change_reason == "checked the video"
    for _ in range(2):  # the same extraction again, as reextract would produce
        record_extraction(
            a,
            result=result(
                statements=[StatementItem(speaker="Unknown Person", quote="The talks will continue next week")],
                meetings=[talks("scheduled", date(2025, 3, 6))],
            ),
        )
    statement, meeting = Statement.objects.get(), Meeting.objects.get()
    assert (
        statement.speaker == pashinyan
        and statement.quote.endswith("in Brussels")
        and statement.stance == "conciliatory"
    )
    assert meeting.status == Meeting.Status.CANCELLED
    assert MeetingStatusChange.objects.filter(meeting=meeting, by_editor=True, status="cancelled").count() == 1


def test_actor_merge_moves_everything(track):
    a = article("A", "2025-05-01", track=track)
    record_extraction(
        a,
        result=result(
            statements=[
                StatementItem(speaker="Nikolai Orlov", quote="We are open to talks"),
                StatementItem(speaker="Nikolay Orlov", quote="We are open to talks"),
                StatementItem(speaker="Nikolay Orlov", quote="The West must listen"),
            ],
            meetings=[
                talks("held", date(2025, 5, 1), location="Riyadh", participants=("Nikolay Orlov", "Marco Rubio"))
            ],
            proposals=[ProposalItem(proposer="Nikolay Orlov", summary="a prisoner exchange", status="proposed")],
        ),
    )
    keep = Actor.objects.get(name="Nikolai Orlov")
    other = Actor.objects.get(name="Nikolay Orlov")
    outcome = merge_actors(keep, others=[other], reason="same person")
    other.refresh_from_db()
    keep.refresh_from_db()
    assert other.merged_into == keep and "Nikolay Orlov" in keep.aliases
    assert (outcome.statements, outcome.meetings, outcome.proposals) == (2, 1, 1)
    assert Statement.objects.filter(speaker=other).count() == 0
    # the duplicate quote became one statement
    assert Statement.objects.filter(speaker=keep).count() == 2
    assert keep in Meeting.objects.get().participants.all() and other not in Meeting.objects.get().participants.all()
    assert Proposal.objects.get().proposer == keep
    # later reports under the old name resolve to the kept actor
    report(track, "B", "2025-05-02", statements=[StatementItem(speaker="Nikolay Orlov", quote="A new quote")])
    assert Statement.objects.get(quote="A new quote").speaker == keep


def test_off_topic_article_adds_nothing(track):
    track.keywords = "Serbia, Kosovo"
    track.save()
    a = article("A", "2025-03-03", title="Football results", text="The home side won 2-1.", track=track)
    out = record_extraction(a, result=result(statements=[StatementItem(speaker="Coach", quote="We played well today")]))
    assert out.off_topic and Statement.objects.count() == 0


def test_track_actors_make_an_article_relevant(track):
    track.keywords = "river dam"
    track.save()
    samir = Actor.objects.create(name="Samir Haddad", slug="samir-haddad", country="EG")
    track.actors.add(samir)
    a = article("A", "2025-03-03", title="Minister travels", text="Samir Haddad arrived in Valletta.", track=track)
    out = record_extraction(
        a, result=result(statements=[StatementItem(speaker="Samir Haddad", quote="We came in good faith")])
    )
    assert not out.off_topic and Statement.objects.get().tracks.get() == track


# --- Scenarios through the real extractor ----------------------------------------


def load(reports, track):
    articles = []
    for outlet, published, title, text in reports:
        a = article(outlet, published, title=title, text=text, track=track)
        extract_and_record(a)
        articles.append(a)
    return articles


def test_scenario_three_outlets_then_held(track):
    load(scenarios.THREE_OUTLETS_ONE_MEETING, track)
    brussels = Meeting.objects.filter(location="Brussels")
    assert brussels.count() == 1
    meeting = brussels.get()
    assert meeting.date == date(2025, 3, 6) and meeting.status in ("scheduled", "proposed")
    assert meeting.sources.values("article__outlet").distinct().count() == 3
    load(scenarios.HELD_REPORT, track)
    meeting.refresh_from_db()
    assert Meeting.objects.filter(location="Brussels").count() == 1
    assert meeting.status == Meeting.Status.HELD and meeting.sources.count() == 4
    assert meeting.status_changes.last().status == "held"


def test_scenario_postponed_then_held(track):
    load(scenarios.POSTPONED_THEN_HELD, track)
    almaty = Meeting.objects.filter(location="Almaty")
    assert almaty.count() == 1
    meeting = almaty.get()
    assert meeting.status == Meeting.Status.HELD and meeting.date == date(2025, 4, 10)
    statuses = list(meeting.status_changes.values_list("status", flat=True))
    assert statuses[0] == "postponed" and statuses[-1] == "held"


def test_scenario_same_quote_five_outlets(track):
    load(scenarios.SAME_QUOTE_FIVE_OUTLETS, track)
    statement = Statement.objects.get(quote__icontains="divides our country")
    assert statement.sources.count() == 5 and statement.speaker.name == "Nikol Pashinyan"


def test_reextract_all_is_idempotent_and_keeps_corrections(track):
    load(scenarios.THREE_OUTLETS_ONE_MEETING + scenarios.SAME_QUOTE_FIVE_OUTLETS, track)
    statement = Statement.objects.get(quote__icontains="divides our country")
    edit_event(
        statement,
        changes={
            "quote": "We will never sign any agreement that divides our country",
            "review_status": ReviewStatus.CONFIRMED,
        },
    )
    counts = lambda: (
        Statement.objects.count(),
        Meeting.objects.count(),
        Proposal.objects.count(),
        Actor.objects.count(),
        sum(e.sources.count() for e in Statement.objects.all()),
    )
    before = counts()
    for _ in range(2):
        out = StringIO()
        call_command("reextract", "--all", stdout=out)
        assert "Re-extracted 8 article(s)" in out.getvalue()
        assert counts() == before
    statement.refresh_from_db()
    assert statement.quote.startswith("We will never sign") and statement.review_status == ReviewStatus.CONFIRMED


def test_export_shows_sources_and_history(track):
    load(scenarios.THREE_OUTLETS_ONE_MEETING + scenarios.HELD_REPORT, track)
    out = StringIO()
    call_command("export_events", "--format", "json", stdout=out)
    data = json.loads(out.getvalue())
    brussels = [m for m in data["meetings"] if m["location"] == "Brussels"]
    assert len(brussels) == 1
    assert brussels[0]["outlets"] == 3 and len(brussels[0]["sources"]) == 4
    assert [h["status"] for h in brussels[0]["status_history"]][-1] == "held"


def test_a_report_cannot_hold_a_meeting_still_to_come(track):
    report(track, "A", "2025-05-28", meetings=[talks("proposed", date(2025, 6, 2), location="Istanbul")])
    report(track, "B", "2025-05-30", meetings=[talks("held", None, location="Istanbul")])
    upcoming = Meeting.objects.get(date=date(2025, 6, 2))
    assert upcoming.status == Meeting.Status.PROPOSED
    assert list(upcoming.status_changes.values_list("status", flat=True)) == ["proposed"]


def test_meetings_and_proposals_keep_the_extractors_confidence(track):
    meeting = talks("scheduled", date(2025, 3, 6))
    meeting.confidence = 0.93
    plan = ProposalItem(proposer="Serbia", summary="a joint border commission", status="proposed", confidence=0.31)
    report(track, "A", "2025-03-03", meetings=[meeting], proposals=[plan])
    assert Meeting.objects.get().confidence == pytest.approx(0.93)
    assert Proposal.objects.get().confidence == pytest.approx(0.31)
