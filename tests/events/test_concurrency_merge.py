"""merge_duplicates folds what two racing workers made twice, and nothing else (issue 12, defect 1)."""

from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command

from events.models import Actor
from events.models import Meeting
from events.models import MeetingSource
from events.models import MeetingStatusChange
from events.models import Statement
from events.models import StatementSource
from events.services import create_track
from events.services import merge_duplicates
from events.services import record_extraction
from extraction.types import StatementItem

from .test_consolidation import article
from .test_consolidation import result
from .test_consolidation import talks

pytestmark = pytest.mark.django_db


@pytest.fixture
def track():
    return create_track("Test talks")


def race_copy(meeting, source_article):
    """What a second worker, not seeing `meeting` nor its actors yet, stored for the same report."""
    twins = {}
    for actor in meeting.participants.all():
        twins[actor.id] = Actor.objects.create(
            name=actor.name, slug=f"{actor.slug}-2", kind=actor.kind, country=actor.country
        )
    copy = Meeting.objects.create(
        kind=meeting.kind,
        location=meeting.location,
        date=meeting.date,
        date_precision=meeting.date_precision,
        status=meeting.status,
        participant_names=meeting.participant_names,
        reported_on=source_article.published_at.date(),
    )
    copy.participants.set(twins.values())
    copy.tracks.set(meeting.tracks.all())
    MeetingSource.objects.create(
        meeting=copy,
        article=source_article,
        sentence="copy",
        reported_status=copy.status,
        item_key=meeting.sources.first().item_key,
    )
    MeetingStatusChange.objects.create(
        meeting=copy,
        status=copy.status,
        date=copy.date,
        article=source_article,
        reported_on=source_article.published_at.date(),
    )
    return copy


def test_racing_workers_duplicates_are_folded_once(track):
    item = talks("held", date(2025, 3, 3), location="Valletta", participants=("Ruritania", "Borduria"))
    first = article("Outlet A", "2025-03-03", track=track)
    record_extraction(first, result=result(meetings=[item]))
    meeting = Meeting.objects.get()
    second = article("Outlet B", "2025-03-04", track=track)
    copy = race_copy(meeting, second)
    assert Meeting.objects.count() == 2 and Actor.objects.filter(slug__endswith="-2").count() == 2

    out = StringIO()
    call_command("merge_duplicates", stdout=out)
    assert "Merged 2 actor(s), 1 meeting(s)" in out.getvalue()

    kept = Meeting.objects.get()
    assert kept.pk == meeting.pk and not Meeting.objects.filter(pk=copy.pk).exists()
    assert set(kept.sources.values_list("article_id", flat=True)) == {first.id, second.id}
    assert sorted(a.slug for a in kept.participants.all()) == ["borduria", "ruritania"]
    assert kept.status_changes.filter(status="held").count() == 1
    assert kept.status_changes.get(status="held").article_id == first.id  # the earliest report keeps the credit
    for slug in ("ruritania-2", "borduria-2"):
        assert Actor.objects.get(slug=slug).merged_into.slug == slug[:-2]  # old URLs still lead to the actor

    again = merge_duplicates()
    assert (again.actors, again.meetings, again.proposals, again.statements) == (0, 0, 0, 0)


def test_duplicate_statement_by_twin_speakers_is_folded(track):
    quote = StatementItem(
        speaker="Anna Vesna",
        quote="We will come back to the table next week.",
        kind="direct",
        sentence="s",
        date=date(2025, 3, 3),
        date_precision="day",
    )
    first = article("Outlet A", "2025-03-03", track=track)
    record_extraction(first, result=result(statements=[quote]))
    statement = Statement.objects.get()
    twin_speaker = Actor.objects.create(name="Anna Vesna", slug="anna-vesna-2", kind=Actor.Kind.PERSON)
    second = article("Outlet B", "2025-03-03", track=track)
    twin = Statement.objects.create(
        speaker=twin_speaker,
        speaker_text="Anna Vesna",
        quote=statement.quote,
        quote_key=statement.quote_key,
        date=statement.date,
        reported_on=statement.reported_on,
    )
    StatementSource.objects.create(statement=twin, article=second, item_key=statement.sources.get().item_key)

    merged = merge_duplicates()
    assert merged.actors == 1
    kept = Statement.objects.get()
    assert kept.speaker.slug == "anna-vesna" and kept.sources.count() == 2


def test_events_a_one_at_a_time_run_kept_apart_are_not_merged(track):
    """An undated, placeless plan and a dated one in Valletta were two meetings when the
    second was recorded; a later change that makes them look alike does not merge them."""
    parties = ("Ruritania", "Borduria")
    record_extraction(
        article("Outlet A", "2025-03-01", track=track),
        result=result(meetings=[talks("proposed", None, location="", participants=parties)]),
    )
    record_extraction(
        article("Outlet B", "2025-03-03", track=track),
        result=result(meetings=[talks("proposed", date(2025, 3, 6), location="Valletta", participants=parties)]),
    )
    assert Meeting.objects.count() == 2
    undated = Meeting.objects.get(date=None)
    undated.location = "Valletta"  # what a later report added
    undated.save()

    dry = merge_duplicates(dry_run=True)
    assert dry.meetings == 0
    assert merge_duplicates().meetings == 0
    assert Meeting.objects.count() == 2


def test_dry_run_changes_nothing(track):
    item = talks("held", date(2025, 3, 3), location="Valletta", participants=("Ruritania",))
    first = article("Outlet A", "2025-03-03", track=track)
    record_extraction(first, result=result(meetings=[item]))
    race_copy(Meeting.objects.get(), article("Outlet B", "2025-03-04", track=track))
    out = StringIO()
    call_command("merge_duplicates", "--dry-run", stdout=out)
    assert "Would merge 1 actor(s), 1 meeting(s)" in out.getvalue()
    assert Meeting.objects.count() == 2 and Actor.objects.filter(merged_into=None).count() == 2
