"""The desk's review screen, queue, readers' error reports and demo login (issue 14), and the admin
filters that used to 500 on a bad value (issue 12 defect 9)."""

import re
from datetime import UTC
from datetime import date
from datetime import datetime
from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from desk.models import ErrorReport
from events.models import Actor
from events.models import Meeting
from events.models import MeetingStatusChange
from events.models import Statement
from events.models import StatementSource
from sources.models import Outlet
from tests.conftest import make_article

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("empty_cache")]


def sourced_statement(quote, *, sentence, confidence=0.8, speaker=None, n_sources=1):
    outlet = Outlet.objects.get_or_create(slug="lakeside", defaults={"name": "Lakeside Courier"})[0]
    statement = Statement.objects.create(quote=quote, quote_key=quote.lower(), confidence=confidence, speaker=speaker)
    for i in range(n_sources):
        article = make_article(
            f"https://lakeside.example.org/{statement.pk}-{i}",
            outlet=outlet,
            title=f"Harbour talks report {i}",
            published_at=datetime(2025, 4, 2, tzinfo=UTC),
        )
        StatementSource.objects.create(statement=statement, article=article, sentence=sentence)
    return statement


def test_queue_puts_reader_reports_then_low_confidence_first(desk):
    sure = sourced_statement("The harbour stays open", sentence="The harbour stays open, she said.", confidence=0.9)
    unsure = sourced_statement("We may leave the table", sentence="We may leave the table, he hinted.", confidence=0.2)
    reported = sourced_statement("Fishing quotas are settled", sentence="Fishing quotas are settled.", confidence=0.9)
    ErrorReport.objects.create(kind="statement", event_id=reported.pk, note="He never said settled, he said discussed.")
    page = desk.get(reverse("desk:queue")).content.decode()
    assert page.index("Fishing quotas") < page.index("We may leave the table") < page.index("The harbour stays open")
    assert "reader reported an error" in page and "low confidence (0.20)" in page
    assert sure.pk and unsure.pk


def test_conflicting_meeting_reports_and_new_actors_rank_first():
    from desk.selectors import review_queue

    calm = Meeting.objects.create(location="Valletta", date=date(2025, 5, 3), confidence=0.6)
    torn = Meeting.objects.create(location="Valletta", date=date(2025, 5, 3), confidence=0.6)
    MeetingStatusChange.objects.create(meeting=torn, status="scheduled", date=date(2025, 5, 3), location="Valletta")
    MeetingStatusChange.objects.create(meeting=torn, status="scheduled", date=date(2025, 5, 4), location="Mdina")
    newcomer = Meeting.objects.create(location="Gozo", confidence=0.6)
    newcomer.participants.add(Actor.objects.create(name="Ilsa Vantor", slug="ilsa-vantor", confirmed=False))
    queue = review_queue(kind="meeting")
    assert [i.event.pk for i in queue] == [torn.pk, newcomer.pk, calm.pk]
    assert "conflicting reports (dates or places)" in queue[0].reasons
    assert "new actor awaiting confirmation" in queue[1].reasons


def test_review_screen_shows_the_evidence_beside_the_quote(desk):
    statement = sourced_statement(
        "We will reopen the ferry line", sentence='"We will reopen the ferry line," the mayor said.', n_sources=2
    )
    page = desk.get(reverse("desk:review", args=["statement", statement.pk])).content.decode()
    assert "<mark>We will reopen the ferry line</mark>" in page
    assert 'href="https://lakeside.example.org/' in page and "2 reports of this event" in page
    assert 'id="confirm"' in page and 'id="reject"' in page and "desk/desk.js" in page
    assert "<script>" not in page.replace("<script src", "")  # CSP: no inline scripts of ours


def test_confirm_goes_to_the_next_and_keeps_history(desk, editor):
    first = sourced_statement("Quote one about the dam", sentence="Quote one about the dam.", confidence=0.1)
    second = sourced_statement("Quote two about the dam", sentence="Quote two about the dam.", confidence=0.5)
    response = desk.post(reverse("desk:review", args=["statement", first.pk]), {"action": "confirm"})
    assert response.status_code == 302 and response["Location"] == reverse("desk:review", args=["statement", second.pk])
    first.refresh_from_db()
    assert first.review_status == "confirmed"
    entry = first.history.first()
    assert entry.history_user == editor and entry.history_change_reason == "Confirmed on the desk"
    response = desk.post(
        reverse("desk:review", args=["statement", second.pk]), {"action": "reject", "change_reason": "Misattributed"}
    )
    second.refresh_from_db()
    assert second.review_status == "rejected" and second.history.first().history_change_reason == "Misattributed"
    assert response["Location"] == reverse("desk:queue")  # nothing left anywhere


def test_correct_locks_the_field_and_closes_reader_reports(desk, editor):
    statement = sourced_statement("The border opens Monday", sentence="The border opens Monday.")
    ErrorReport.objects.create(kind="statement", event_id=statement.pk, note="It was Tuesday.")
    response = desk.post(
        reverse("desk:review", args=["statement", statement.pk]),
        {
            "action": "correct",
            "speaker_text": "",
            "quote": "The border opens Tuesday",
            "kind": "direct",
            "date": "2025-04-01",
            "date_precision": "day",
            "stance": "",
            "editor_note": "",
            "change_reason": "Reader was right",
        },
    )
    assert response.status_code == 302, response.content.decode()[:1500]
    statement.refresh_from_db()
    assert statement.quote == "The border opens Tuesday" and statement.review_status == "confirmed"
    assert {"quote", "date"} <= set(statement.locked_fields)
    assert statement.history.first().history_change_reason == "Reader was right"
    report = ErrorReport.objects.get()
    assert report.status == "resolved" and report.resolved_by == editor


def test_view_only_staff_cannot_review_and_readers_are_sent_to_login(client):
    statement = sourced_statement("A quote to guard", sentence="A quote to guard.")
    url = reverse("desk:review", args=["statement", statement.pk])
    assert "/admin/login/" in client.get(url)["Location"]
    viewer = User.objects.create_user("viewer", "v@example.org", "pw-viewer-123", is_staff=True)
    client.force_login(viewer)
    assert client.get(url).status_code == 403
    assert client.get(reverse("desk:review", args=["nonsense", 1])).status_code == 404


def test_reader_reports_an_error_without_an_account():
    statement = sourced_statement("The vote is on Friday", sentence="The vote is on Friday.")
    reader = Client(enforce_csrf_checks=True)
    about = statement.get_absolute_url()
    page = reader.get(reverse("desk:report") + f"?about={about}")
    assert page.status_code == 200
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode()).group(1)
    assert (
        reader.post(reverse("desk:report"), {"about": about, "note": "It is on Saturday."}).status_code == 403
    )  # no CSRF token
    done = reader.post(
        reverse("desk:report"), {"about": about, "note": "It is on Saturday.", "csrfmiddlewaretoken": token}
    )
    assert done.status_code == 200 and "editors' queue" in done.content.decode()
    report = ErrorReport.objects.get()
    assert (report.kind, report.event_id, report.note) == ("statement", statement.pk, "It is on Saturday.")


def test_report_form_is_rate_limited_and_ignores_bots():
    meeting = Meeting.objects.create(location="Tallinn", date=date(2025, 6, 2))
    about = meeting.get_absolute_url()
    reader = Client()
    assert (
        reader.post(
            reverse("desk:report"), {"about": about, "note": "Wrong city entirely", "website": "http://spam"}
        ).status_code
        == 200
    )
    assert ErrorReport.objects.count() == 0  # the honeypot was filled
    statuses = [
        reader.post(reverse("desk:report"), {"about": about, "note": f"Wrong city {i}"}).status_code for i in range(6)
    ]
    assert statuses == [200, 200, 200, 200, 429, 429]  # 5 an hour, the bot's try counted too
    assert ErrorReport.objects.count() == 4
    assert reader.get(reverse("desk:report") + "?about=/nowhere/").status_code == 404


def test_report_link_include_renders_for_each_kind():
    from django.template.loader import render_to_string

    from events.models import Proposal

    for obj in (
        Meeting.objects.create(location="Oslo"),
        Proposal.objects.create(summary="a truce"),
        Statement.objects.create(quote="q", quote_key="q"),
    ):
        html = render_to_string("desk/_report_link.html", {"obj": obj})
        href = re.search(r'href="([^"]+)"', html).group(1)
        assert Client().get(href.replace("&amp;", "&")).status_code == 200


def test_demo_login_link_works_once(client):
    out = StringIO()
    call_command("desklink", stdout=out)
    link = re.search(r"https?://\S+", out.getvalue()).group(0)
    path = "/" + link.split("/", 3)[3]
    response = client.get(path)
    assert response.status_code == 302
    user = User.objects.get(username="demo-editor@example.org")
    assert user.is_staff and not user.is_superuser and user.groups.filter(name="Editors").exists()
    assert client.get(reverse("desk:queue")).status_code == 200
    assert Client().get(path).status_code == 403  # spent


@pytest.mark.parametrize("query", ["?actor=some-slug", "?actor=1x", "?outlet=abc", "?outlet=", "?actor=999999"])
@pytest.mark.parametrize("model", ["statement", "meeting", "proposal"])
def test_admin_filters_with_odd_values_give_a_page_not_a_500(desk, model, query):
    Outlet.objects.create(name="Abc", slug="abc")
    response = desk.get(reverse(f"admin:events_{model}_changelist") + query)
    assert response.status_code in (200, 302, 400)


def test_actor_filter_takes_a_slug(desk):
    speaker = Actor.objects.create(name="Mira Solent", slug="mira-solent")
    sourced_statement("Slug filtered quote", sentence="Slug filtered quote.", speaker=speaker)
    sourced_statement("Someone else entirely", sentence="Someone else entirely.")
    page = desk.get(reverse("admin:events_statement_changelist") + "?actor=mira-solent").content.decode()
    assert "Slug filtered quote" in page and "Someone else entirely" not in page


def test_digest_preview_per_segment(desk):
    from digests.models import Subscription
    from events.services import create_track

    talks = create_track("Lake border talks")
    other = create_track("Arctic fisheries talks")
    now = datetime.now(UTC)
    for email, tracks in (("a@example.org", [talks]), ("b@example.org", [talks]), ("c@example.org", [other])):
        sub = Subscription.objects.create(email=email, confirmed_at=now, covered_until=now.replace(year=now.year - 1))
        sub.tracks.set(tracks)
    m = Meeting.objects.create(location="Lakeport", status="proposed", date=date(2031, 6, 2))
    m.tracks.add(talks)
    MeetingStatusChange.objects.create(meeting=m, status="proposed", date=m.date, location="Lakeport")
    page = desk.get(reverse("digests:preview")).content.decode()
    assert "2 subscribers" in page and "1 subscriber " in page
    assert page.index("Lake border talks") < page.index("Lakeport") < page.index("Arctic fisheries talks")
    assert "Monday 2 June 2031" in page and "first reported: proposed" in page
    assert "Nothing new: no digest would be sent." in page  # the fisheries segment


def test_new_speaker_confirmed_from_the_review_screen(desk, editor):
    newcomer = Actor.objects.create(name="Ilsa Vantor", slug="ilsa-vantor", confirmed=False)
    statement = sourced_statement(
        "The canal tolls will halve", sentence="The canal tolls will halve.", speaker=newcomer
    )
    url = reverse("desk:review", args=["statement", statement.pk])
    page = desk.get(url).content.decode()
    assert "new actor" in page and "Confirm new actor: Ilsa Vantor" in page
    assert desk.post(url, {"action": "confirm_actors"})["Location"] == url
    newcomer.refresh_from_db()
    assert newcomer.confirmed and newcomer.history.first().history_user == editor
    assert "Confirm new actor" not in desk.get(url).content.decode()


def test_queue_and_review_query_counts_do_not_grow(desk):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def counts():
        with CaptureQueriesContext(connection) as queue:
            assert desk.get(reverse("desk:queue")).status_code == 200
        first = Statement.objects.order_by("pk").first()
        with CaptureQueriesContext(connection) as review:
            assert desk.get(reverse("desk:review", args=["statement", first.pk])).status_code == 200
        return len(queue.captured_queries), len(review.captured_queries)

    for i in range(3):
        sourced_statement(f"Small quote {i}", sentence=f"Small quote {i}.", n_sources=2)
    small = counts()
    for i in range(40):
        sourced_statement(
            f"Bulk quote {i}",
            sentence=f"Bulk quote {i}.",
            n_sources=2,
            speaker=Actor.objects.create(name=f"Person {i}", slug=f"person-{i}"),
        )
    assert counts() == small


def test_correction_form_shows_dates_as_the_date_input_wants(desk):
    statement = sourced_statement("The ferry runs again", sentence="The ferry runs again.")
    Statement.objects.filter(pk=statement.pk).update(date=date(2025, 5, 27))
    page = desk.get(reverse("desk:review", args=["statement", statement.pk])).content.decode()
    assert 'type="date"' in page and 'value="2025-05-27"' in page


def correction(kind, event, **changes):
    """The review screen's correction form as the browser posts it, unchanged but for `changes`."""
    from desk.forms import CORRECT_FORMS

    form = CORRECT_FORMS[kind](instance=event)
    data = {}
    for name in form.fields:
        value = form[name].value()
        data[name] = "" if value is None else value.isoformat() if isinstance(value, date) else value
    return {**data, "action": "correct", **changes}


def test_correct_relinks_the_speaker_to_a_picked_actor(desk, editor):
    wrong = Actor.objects.create(name="Oren Talvik", slug="oren-talvik", confirmed=True)
    right = Actor.objects.create(name="Sela Marrow", slug="sela-marrow", confirmed=True)
    statement = sourced_statement("The locks stay shut", sentence="The locks stay shut, Marrow said.", speaker=wrong)
    url = reverse("desk:review", args=["statement", statement.pk])
    page = desk.get(url).content.decode()
    assert 'name="speaker"' in page and "admin-autocomplete" in page and 'name="new_actor"' in page
    data = correction("statement", statement, speaker=right.pk, change_reason="Marrow said it, not Talvik")
    assert desk.post(url, data).status_code == 302
    statement.refresh_from_db()
    assert statement.speaker == right and statement.review_status == "confirmed"
    assert statement.speaker_text == "" and statement.quote == "The locks stay shut"  # nothing else changed
    assert "speaker" in statement.locked_fields and "quote" not in statement.locked_fields
    entry = statement.history.first()
    assert entry.history_user == editor and entry.history_change_reason == "Marrow said it, not Talvik"
    assert entry.prev_record.speaker_id == wrong.pk and entry.speaker_id == right.pk


def test_correct_links_a_new_actor_added_unconfirmed(desk, editor):
    statement = sourced_statement("Tolls rise in spring", sentence="Tolls rise in spring, an aide said.")
    url = reverse("desk:review", args=["statement", statement.pk])
    data = correction("statement", statement, new_actor="  Dessa   Quorne ", change_reason="Named in paragraph 4")
    assert desk.post(url, data).status_code == 302
    statement.refresh_from_db()
    added = Actor.objects.get(name="Dessa Quorne")
    assert statement.speaker == added and not added.confirmed and added.slug == "dessa-quorne"
    record = added.history.get()
    assert record.history_user == editor and record.history_change_reason == "Added on the desk: Named in paragraph 4"
    from desk.selectors import review_queue

    other = sourced_statement("Tolls fall in autumn", sentence="Tolls fall in autumn.", speaker=added)
    assert (
        "new actor awaiting confirmation" in next(i for i in review_queue(kind="statement") if i.event == other).reasons
    )
    # Typing a known name or alias (any case) links that actor, never a twin.
    Actor.objects.filter(pk=added.pk).update(aliases=["D. Quorne"])
    again = sourced_statement("Tolls stay flat", sentence="Tolls stay flat.")
    data = correction("statement", again, new_actor="d. quorne")
    assert desk.post(reverse("desk:review", args=["statement", again.pk]), data).status_code == 302
    again.refresh_from_db()
    assert again.speaker == added and Actor.objects.filter(name__icontains="quorne").count() == 1


def test_correct_sets_a_proposals_proposer(desk, editor):
    from events.models import Proposal

    proposer = Actor.objects.create(name="Republic of Vennmark", slug="vennmark", kind="state", confirmed=True)
    proposal = Proposal.objects.create(summary="A shared patrol of the strait", proposer_text="the ministry")
    url = reverse("desk:review", args=["proposal", proposal.pk])
    assert desk.post(url, correction("proposal", proposal, proposer=proposer.pk)).status_code == 302
    proposal.refresh_from_db()
    assert proposal.proposer == proposer and "proposer" in proposal.locked_fields
    assert proposal.proposer_text == "the ministry"  # the article's wording stays as written
    assert proposal.history.first().history_change_reason == "Corrected on the desk"
    data = correction("proposal", proposal, proposer="", new_actor="Strait Commission")
    assert desk.post(url, data).status_code == 302
    proposal.refresh_from_db()
    assert proposal.proposer.name == "Strait Commission" and not proposal.proposer.confirmed


def test_actor_picker_searches_actors_for_an_editor(desk):
    Actor.objects.create(name="Sela Marrow", slug="sela-marrow", aliases=["S. Marrow"])
    Actor.objects.create(name="Oren Talvik", slug="oren-talvik")
    found = desk.get(
        reverse("admin:autocomplete"),
        {"app_label": "events", "model_name": "statement", "field_name": "speaker", "term": "marr"},
    )
    assert found.status_code == 200
    assert [r["text"] for r in found.json()["results"]] == ["Sela Marrow"]


def test_correct_sets_a_meetings_participants(desk, editor):
    kept = Actor.objects.create(name="Sela Marrow", slug="sela-marrow", confirmed=True)
    wrong = Actor.objects.create(name="Oren Talvik", slug="oren-talvik", confirmed=True)
    added = Actor.objects.create(name="Ivo Brandt", slug="ivo-brandt", confirmed=True)
    meeting = Meeting.objects.create(location="Lakeport", date=date(2025, 6, 2))
    meeting.participants.set([kept, wrong])
    url = reverse("desk:review", args=["meeting", meeting.pk])
    data = correction("meeting", meeting, participants=[kept.pk, added.pk], change_reason="Brandt went, not Talvik")
    assert desk.post(url, data).status_code == 302
    meeting.refresh_from_db()
    assert set(meeting.participants.all()) == {kept, added} and "participants" in meeting.locked_fields
    assert meeting.history.first().history_change_reason == "Brandt went, not Talvik"


def test_picking_a_merged_actor_links_the_one_it_was_merged_into(desk):
    survivor = Actor.objects.create(name="Sela Marrow", slug="sela-marrow", confirmed=True)
    alias = Actor.objects.create(name="S. Marrow", slug="s-marrow", merged_into=survivor)
    statement = sourced_statement("The weir stays", sentence="The weir stays.")
    data = correction("statement", statement, speaker=alias.pk)
    assert desk.post(reverse("desk:review", args=["statement", statement.pk]), data).status_code == 302
    statement.refresh_from_db()
    assert statement.speaker == survivor
    meeting = Meeting.objects.create(location="Weirton")
    data = correction("meeting", meeting, participants=[alias.pk, survivor.pk])
    assert desk.post(reverse("desk:review", args=["meeting", meeting.pk]), data).status_code == 302
    assert list(meeting.participants.all()) == [survivor]
