"""An editor at the desk in a real browser: log in, confirm a statement, set its
stance, and see it on the public timeline with the stance tag."""

import pytest
from django.contrib.auth.models import Group
from django.contrib.auth.models import User
from playwright.sync_api import expect

from events.models import Statement
from tests.browser import shot

pytestmark = pytest.mark.django_db(transaction=True)


def test_editor_confirms_and_sets_stance(browser_page, demo, live_server):
    page = browser_page
    track, _ = demo
    editor = User.objects.create_user("desk@example.org", "desk@example.org", "Desk-Pass-2025!")
    editor.is_staff = True
    editor.save()
    editor.groups.add(Group.objects.get(name="Editors"))
    statement = Statement.objects.get(quote__icontains="meaningful talks on all points")
    assert statement.review_status == "unreviewed" and not statement.stance

    page.goto(f"{live_server.url}/admin/login/?next=/admin/events/statement/")
    page.fill("#id_username", "desk@example.org")
    page.fill("#id_password", "Desk-Pass-2025!")
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/events/statement/")
    expect(page.locator("#result_list")).to_be_visible()
    shot(page, "desk-1-queue")

    page.get_by_role("link", name=statement.quote[:40], exact=False).first.click()
    page.wait_for_url(f"**/admin/events/statement/{statement.pk}/change/")
    assert page.locator("mark", has_text="meaningful talks").count() >= 1
    page.select_option("#id_review_status", "confirmed")
    page.select_option("#id_stance", "conciliatory")
    page.fill("#id_change_reason", "Checked against the video")
    shot(page, "desk-2-change")
    page.click("input[name=_save]")
    page.wait_for_url("**/admin/events/statement/")
    assert page.locator(".messagelist .success").count() == 1

    statement.refresh_from_db()
    assert statement.review_status == "confirmed" and statement.stance == "conciliatory"
    assert statement.history.first().history_change_reason == "Checked against the video"

    page.goto(f"{live_server.url}/tracks/{track.slug}/")
    card = page.locator("article.card.statement", has_text="meaningful talks on all points")
    assert card.count() == 1
    assert card.locator(".stance.conciliatory").inner_text().strip() == "Conciliatory"
    shot(page, "desk-3-public-timeline")
