"""The editors' desk, driven through the admin as an editor (staff, in the Editors group, not a superuser)."""

import re
from datetime import UTC
from datetime import date
from datetime import datetime
from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from events.models import Actor
from events.models import Meeting
from events.models import MeetingStatusChange
from events.models import Proposal
from events.models import Statement
from events.models import StatementSource
from events.models import Tag
from events.services import create_track
from events.services import quote_key
from events.services import record_extraction
from extraction.types import Extraction
from extraction.types import StatementItem
from sources.models import Article
from sources.models import Outlet
from tests.conftest import make_article

pytestmark = pytest.mark.django_db


# The change pages' inlines (status history, sources), posted empty.
NO_INLINES = {
    f"{prefix}-{name}": value
    for prefix in ("status_changes", "sources")
    for name, value in (("TOTAL_FORMS", "0"), ("INITIAL_FORMS", "0"), ("MIN_NUM_FORMS", "0"), ("MAX_NUM_FORMS", "1000"))
}


@pytest.fixture
def statement():
    track = create_track("River dam talks")
    outlet = Outlet.objects.create(name="Wire", slug="wire")
    article = make_article(
        "https://wire.example.org/1",
        outlet=outlet,
        title="Dam talks",
        text="x",
        published_at=datetime(2025, 3, 1, tzinfo=UTC),
    )
    article.tracks.add(track)
    record_extraction(
        article,
        result=Extraction(
            title="t",
            text="t",
            actors=[],
            meetings=[],
            proposals=[],
            version="t",
            statements=[
                StatementItem(
                    speaker="Samir Haddad",
                    quote="We will defend our share of the river",
                    sentence='"We will defend our share of the river," Haddad said on Sunday.',
                )
            ],
        ),
    )
    return Statement.objects.get()


def post_action(client, model, action, ids, **extra):
    url = reverse(f"admin:events_{model}_changelist")
    return client.post(url, {"action": action, "_selected_action": [str(i) for i in ids], **extra}, follow=True)


def test_editor_is_not_a_superuser_and_cannot_manage_users(desk, editor):
    assert not editor.is_superuser
    assert desk.get(reverse("admin:index")).status_code == 200
    assert desk.get(reverse("admin:auth_user_changelist")).status_code == 403
    assert desk.get(reverse("admin:auth_group_changelist")).status_code == 403


def test_non_staff_is_refused(client):
    user = User.objects.create_user("reader", "r@example.org", "pw-reader-123")
    client.force_login(user)
    response = client.get(reverse("admin:events_statement_changelist"))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_review_queue_lists_unreviewed_first_with_source_counts(desk, statement):
    confirmed = Statement.objects.create(
        quote="Already checked", quote_key="already checked", review_status="confirmed"
    )
    page = desk.get(reverse("admin:events_statement_changelist")).content.decode()
    assert page.index("We will defend our share of the river") < page.index("Already checked")
    assert "Samir Haddad" in page
    assert re.search(r'field-source_count">1<', page)
    filtered = desk.get(
        reverse("admin:events_statement_changelist") + "?review_status__exact=confirmed"
    ).content.decode()
    assert "Already checked" in filtered and "share of the river" not in filtered
    assert confirmed.pk


def test_change_page_highlights_the_quote_in_its_source(desk, statement):
    page = desk.get(reverse("admin:events_statement_change", args=[statement.pk])).content.decode()
    assert "<mark>We will defend our share of the river</mark>" in page
    assert 'href="https://wire.example.org/1"' in page


def test_editor_corrects_and_annotates_with_a_reason(desk, statement, editor):
    pashinyan = Actor.objects.create(name="Nikol Pashinyan", slug="nikol-pashinyan", country="AM")
    tag = Tag.objects.create(name="water", slug="water")
    url = reverse("admin:events_statement_change", args=[statement.pk])
    data = {
        "speaker": pashinyan.pk,
        "speaker_text": "Samir Haddad",
        "quote": "We will defend our share of the river by every lawful means",
        "kind": "direct",
        "date": "2025-03-02",
        "date_precision": "day",
        "review_status": "confirmed",
        "stance": "hostile",
        "tags": [tag.pk],
        "featured": "on",
        "editor_note": "Said at a press conference.",
        "private_note": "Check the Arabic original.",
        "change_reason": "Fixed speaker after watching the video",
        "tracks": [t.pk for t in statement.tracks.all()],
        "sources-TOTAL_FORMS": "1",
        "sources-INITIAL_FORMS": "1",
        "sources-MIN_NUM_FORMS": "0",
        "sources-MAX_NUM_FORMS": "1000",
        "sources-0-id": statement.sources.get().pk,
        "sources-0-statement": statement.pk,
    }
    response = desk.post(url, data, follow=True)
    assert response.status_code == 200, response.content.decode()[:2000]
    statement.refresh_from_db()
    assert statement.speaker == pashinyan and statement.stance == "hostile" and statement.featured
    assert statement.review_status == "confirmed" and list(statement.tags.all()) == [tag]
    assert {"speaker", "quote", "date"} <= set(statement.locked_fields)
    assert "stance" not in statement.locked_fields  # annotations need no lock
    last = statement.history.first()
    assert last.history_user == editor and last.history_change_reason == "Fixed speaker after watching the video"
    history_page = desk.get(reverse("admin:events_statement_history", args=[statement.pk])).content.decode()
    assert "Fixed speaker after watching the video" in history_page


def test_meeting_and_proposal_corrections_are_locked_and_logged(desk):
    meeting = Meeting.objects.create(kind="talks", location="Geneva", date=date(2025, 3, 6), status="scheduled")
    url = reverse("admin:events_meeting_change", args=[meeting.pk])
    data = {
        "kind": "talks",
        "status": "postponed",
        "date": "2025-03-13",
        "date_precision": "day",
        "location": "Geneva",
        "review_status": "confirmed",
        "change_reason": "Ministry statement",
        **NO_INLINES,
    }
    response = desk.post(url, data, follow=True)
    assert response.status_code == 200
    meeting.refresh_from_db()
    assert meeting.status == "postponed" and {"status", "date"} <= set(meeting.locked_fields)
    change = MeetingStatusChange.objects.get(meeting=meeting)
    assert change.by_editor and change.status == "postponed" and change.date == date(2025, 3, 13)

    proposal = Proposal.objects.create(summary="a 30-day ceasefire", status="proposed")
    url = reverse("admin:events_proposal_change", args=[proposal.pk])
    data = {
        "summary": "a 30-day ceasefire",
        "status": "rejected",
        "review_status": "unreviewed",
        **dict.fromkeys(["proposer_text", "date", "date_precision", "change_reason"], ""),  # left empty
        **NO_INLINES,
    }
    assert desk.post(url, data, follow=True).status_code == 200
    proposal.refresh_from_db()
    assert proposal.status == "rejected" and "status" in proposal.locked_fields


def test_invalid_form_keeps_data(desk, statement):
    url = reverse("admin:events_statement_change", args=[statement.pk])
    response = desk.post(url, {"quote": "", "kind": "nonsense", "review_status": "confirmed"})
    assert response.status_code == 200 and "errornote" in response.content.decode()
    statement.refresh_from_db()
    assert statement.quote == "We will defend our share of the river" and statement.review_status == "unreviewed"


def test_bulk_confirm_reject_stance_and_tag(desk, statement, client):
    other = Statement.objects.create(quote="Second quote here", quote_key="second quote here")
    post_action(desk, "statement", "confirm", [statement.pk])
    post_action(desk, "statement", "reject", [other.pk])
    post_action(desk, "statement", "set_stance_conciliatory", [statement.pk, other.pk])
    statement.refresh_from_db()
    other.refresh_from_db()
    assert statement.review_status == "confirmed" and other.review_status == "rejected"
    assert statement.stance == other.stance == "conciliatory"
    assert statement.history.first().history_change_reason.startswith("Bulk action")
    # tag: an intermediate page, then apply
    page = post_action(desk, "statement", "tag_selected", [statement.pk])
    assert "Add tags" in page.content.decode()
    post_action(desk, "statement", "tag_selected", [statement.pk], apply="1", new_tags="water, Delta")
    assert sorted(t.name for t in statement.tags.all()) == ["Delta", "water"]
    # rejected: gone from the public site, still in the database
    assert Statement.objects.filter(pk=other.pk).exists()
    assert client.get(reverse("events:statement", args=[other.pk])).status_code == 404


def test_editor_cannot_delete(desk, statement):
    response = desk.post(reverse("admin:events_statement_delete", args=[statement.pk]), {"post": "yes"})
    assert response.status_code == 403
    assert Statement.objects.filter(pk=statement.pk).exists()


def test_merge_actors_confirm_page_and_merge(desk, statement):
    haddad = statement.speaker
    dup = Actor.objects.create(name="Samir Hassan Haddad", slug="samir-hassan-haddad", country="EG")
    Statement.objects.create(speaker=dup, quote="Another quote", quote_key="another quote")
    page = post_action(desk, "actor", "merge_selected", [haddad.pk, dup.pk]).content.decode()
    assert "Choose the actor to keep" in page and "Samir Hassan Haddad" in page
    response = post_action(
        desk,
        "actor",
        "merge_selected",
        [haddad.pk, dup.pk],
        confirm_merge="1",
        keep=str(haddad.pk),
        reason="duplicate",
    )
    assert "moved 1 statement" in response.content.decode()
    dup.refresh_from_db()
    assert dup.merged_into == haddad
    assert Statement.objects.filter(speaker=haddad).count() == 2


def test_createeditor_prints_a_working_password_link(client):
    out = StringIO()
    call_command("createeditor", "New.Editor@Example.org", stdout=out)
    user = User.objects.get(username="new.editor@example.org")
    assert user.is_staff and not user.is_superuser and user.groups.filter(name="Editors").exists()
    assert not user.has_usable_password()
    link = re.search(r"https?://\S+/accounts/reset/\S+/", out.getvalue()).group(0)
    path = link.split("127.0.0.1:8000", 1)[-1] if "127.0.0.1:8000" in link else "/" + link.split("/", 3)[3]
    response = client.get(path, follow=True)
    assert response.status_code == 200
    form_url = response.redirect_chain[-1][0] if response.redirect_chain else path
    response = client.post(
        form_url, {"new_password1": "Tr4cker-Desk-2025!", "new_password2": "Tr4cker-Desk-2025!"}, follow=True
    )
    assert response.status_code == 200
    user.refresh_from_db()
    assert user.check_password("Tr4cker-Desk-2025!")
    assert client.login(username="new.editor@example.org", password="Tr4cker-Desk-2025!")


def test_createeditor_rejects_bad_email():
    from django.core.management import CommandError

    with pytest.raises(CommandError):
        call_command("createeditor", "not-an-email")


def make_statements(n):
    outlet = Outlet.objects.get_or_create(slug="bulk", defaults={"name": "Bulk"})[0]
    start = Statement.objects.count()
    speakers = Actor.objects.bulk_create(
        [Actor(name=f"Person {start}-{i}", slug=f"person-{start}-{i}") for i in range(50)]
    )
    statements = Statement.objects.bulk_create(
        [
            Statement(
                speaker=speakers[i % 50],
                quote=f"Bulk quote {start + i}",
                quote_key=quote_key(f"Bulk quote {start + i}"),
                date=date(2025, 1, 1),
            )
            for i in range(n)
        ]
    )
    articles = Article.objects.bulk_create(
        [
            Article(
                url=f"https://bulk.example.org/{start + i}",
                link=f"https://bulk.example.org/{start + i}",
                outlet=outlet,
                title="b",
            )
            for i in range(n)
        ]
    )
    StatementSource.objects.bulk_create([StatementSource(statement=s, article=a) for s, a in zip(statements, articles)])


@pytest.mark.parametrize("model", ["statement", "meeting", "proposal", "actor"])
def test_changelist_query_count_is_constant(desk, model):
    url = reverse(f"admin:events_{model}_changelist")
    make_statements(20)
    with CaptureQueriesContext(connection) as small:
        assert desk.get(url).status_code == 200
    make_statements(5000)
    Meeting.objects.bulk_create(
        [Meeting(kind="talks", location=f"City {i}", date=date(2025, 1, 1)) for i in range(200)]
    )
    Proposal.objects.bulk_create([Proposal(summary=f"Plan {i}") for i in range(200)])
    with CaptureQueriesContext(connection) as large:
        assert desk.get(url).status_code == 200
    assert len(large.captured_queries) == len(small.captured_queries)
