"""Keyboard only, in chromium: verifying 20 statements with today's admin flow and with the desk's
review screen, timed and with every keystroke counted (issue 14 item 6). The figures are written to
test-artifacts/desk-verify-timing.json and quoted in docs/editors-desk.md; the test asserts only that
each flow verifies all 20 and that the desk needs fewer keys."""

import json
import time
from datetime import UTC
from datetime import datetime
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from events.models import ReviewStatus
from events.models import Statement
from events.models import StatementSource
from sources.models import Outlet
from tests.conftest import make_article

pytestmark = pytest.mark.django_db(transaction=True)
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
N = 20


class Keyboard:
    """Presses keys on the page and counts them; Tab walks focus to a target as a person would."""

    def __init__(self, page):
        self.page = page
        self.count = 0

    def press(self, key, *, navigates=False):
        self.count += 1
        if navigates:
            with self.page.expect_navigation():
                self.page.keyboard.press(key)
        else:
            self.page.keyboard.press(key)

    def tab_to(self, selector, limit=400):
        """Tab or Shift+Tab, whichever way is shorter (as a practised editor would)."""
        key = "Shift+Tab" if self.page.evaluate(SHORTER_BACKWARDS, selector) else "Tab"
        for _ in range(limit):
            if self.page.evaluate("s => document.activeElement && document.activeElement.matches(s)", selector):
                return
            self.press(key)
        raise AssertionError(f"{key} never reached {selector}")

    def type_into(self, selector, text):
        """Tab to a field, select what it holds, type over it."""
        self.tab_to(selector)
        self.page.keyboard.press("Control+a")
        self.page.keyboard.type(text)

    def save_correction(self):
        """Ctrl+Enter saves the correction form; the next item loads."""
        with self.page.expect_navigation():
            self.page.keyboard.press("Control+Enter")

    def press_on(self, selector, key, *, navigates=False):
        """Tab to `selector`, then press `key` there."""
        self.tab_to(selector)
        self.press(key, navigates=navigates)


# Whether the target is nearer going backwards in the tab order (visible focusable elements, document order).
SHORTER_BACKWARDS = """s => {
  const all = [...document.querySelectorAll('a[href], button, input:not([type=hidden]), select, textarea, summary')]
    .filter(e => e.offsetParent !== null && e.tabIndex >= 0 && !e.disabled);
  const target = all.findIndex(e => e.matches(s));
  const here = all.indexOf(document.activeElement);
  if (target < 0 || here < 0) return false;
  const forward = (target - here + all.length) % all.length;
  return all.length - forward < forward;
}"""


def make_statements():
    outlet = Outlet.objects.create(name="Harbour Gazette", slug="harbour-gazette")
    for i in range(N):
        quote = f"Our delegation will table offer number {i} on the river border"
        statement = Statement.objects.create(quote=quote, quote_key=quote.lower(), confidence=0.3 + i / 100)
        article = make_article(
            f"https://gazette.example.org/{i}",
            outlet=outlet,
            title=f"Border talks, day {i}",
            published_at=datetime(2025, 4, 1 + i % 20, tzinfo=UTC),
        )
        StatementSource.objects.create(
            statement=statement, article=article, sentence=f'"{quote}," the envoy told reporters on the quay.'
        )


def login(page, live_server):
    out = StringIO()
    call_command("desklink", stdout=out)
    path = "/" + out.getvalue().strip().split("/", 3)[3]
    page.goto(live_server.url + path)


def admin_flow(page, live_server):
    """Today: open each from the unreviewed list, go down to the source sentence (End), set the
    review status, save; the admin returns to the filtered list."""
    keys = Keyboard(page)
    page.goto(f"{live_server.url}/admin/events/statement/?review_status__exact=unreviewed")
    first_row = "#result_list tbody tr:first-child"
    for _ in range(N):
        keys.press_on(f"{first_row} th a, {first_row} td.field-quote_short a", "Enter", navigates=True)
        assert page.locator(".field-quoted_sentence mark, td.field-quoted_sentence mark").count() >= 1
        keys.press("End")  # the sentence sits below the form
        keys.press_on("#id_review_status", "c")  # "Confirmed"
        keys.press_on("input[name=_save]", "Enter", navigates=True)
    return keys.count


def bulk_flow(page, live_server):
    """Today's bulk action: tick all and confirm, without opening a single source (not a verification,
    shown as the lower bound)."""
    keys = Keyboard(page)
    page.goto(f"{live_server.url}/admin/events/statement/?review_status__exact=unreviewed")
    keys.press_on("#action-toggle", "Space")
    keys.press_on("select[name=action]", "c")  # "Confirm selected"
    keys.press_on("button[name=index], .actions button[type=submit]", "Enter", navigates=True)
    return keys.count


def desk_flow(page, live_server):
    """The desk: the queue, Enter on it, then read the highlighted sentence beside the quote and press c."""
    keys = Keyboard(page)
    page.goto(f"{live_server.url}/desk/")
    keys.press("Enter", navigates=True)
    for _ in range(N):
        assert page.locator(".desk-sentence mark").count() >= 1
        keys.press("c", navigates=True)
    return keys.count


def run(flow, page, live_server):
    make_statements()
    login(page, live_server)
    started = time.perf_counter()
    keystrokes = flow(page, live_server)
    seconds = time.perf_counter() - started
    assert Statement.objects.filter(review_status=ReviewStatus.CONFIRMED).count() == N
    return {"keystrokes": keystrokes, "seconds": round(seconds, 2)}


def record(name, figures):
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / "desk-verify-timing.json"
    data = json.loads(path.read_text()) if path.exists() else {}
    data[name] = figures
    path.write_text(json.dumps(data, indent=2, sort_keys=True))
    print(f"{name}: {figures}")


def test_verify_20_in_the_admin_before(browser_page, live_server):
    figures = run(admin_flow, browser_page, live_server)
    record("before_admin_change_page", figures)
    assert figures["keystrokes"] > 4 * N


def test_confirm_20_with_the_bulk_action_before(browser_page, live_server):
    record("before_bulk_action_unread", run(bulk_flow, browser_page, live_server))


def test_verify_20_on_the_desk_after(browser_page, live_server):
    figures = run(desk_flow, browser_page, live_server)
    record("after_desk", figures)
    assert figures["keystrokes"] == N + 1  # Enter on the queue, then one key per statement


def test_correct_and_reject_by_keyboard_across_kinds(browser_page, live_server):
    """A meeting whose reports disagree comes first; `e` opens the correction, typing and Ctrl+Enter
    saves it (locked, with history); `x` rejects the proposal that follows; the queue then ends."""
    from datetime import date

    from events.models import Meeting
    from events.models import MeetingStatusChange
    from events.models import Proposal

    page = browser_page
    torn = Meeting.objects.create(location="Harbourton", date=date(2025, 5, 16), status="held", confidence=0.6)
    MeetingStatusChange.objects.create(meeting=torn, status="held", date=date(2025, 5, 16), location="Harbourton")
    MeetingStatusChange.objects.create(meeting=torn, status="held", date=date(2025, 5, 15), location="Harbourton")
    plan = Proposal.objects.create(summary="a joint patrol of the river mouth", confidence=0.4)
    login(page, live_server)  # lands on /desk/start/: the first item in the queue
    assert f"/desk/review/meeting/{torn.pk}/" in page.url
    assert page.locator(".desk-history td", has_text="15 May 2025").count() == 1  # the disagreeing report, side by side
    page.keyboard.press("e")
    assert page.evaluate("document.activeElement.name") == "kind"
    keys = Keyboard(page)
    keys.type_into("#id_location", "Harbourton Old Port")
    keys.type_into("#id_change_reason", "Two wires name the old port")
    keys.save_correction()
    torn.refresh_from_db()
    assert (
        torn.location == "Harbourton Old Port"
        and torn.review_status == "confirmed"
        and "location" in torn.locked_fields
    )
    assert torn.history.first().history_change_reason == "Two wires name the old port"
    assert f"/desk/review/proposal/{plan.pk}/" in page.url
    with page.expect_navigation():
        page.keyboard.press("x")
    plan.refresh_from_db()
    assert plan.review_status == "rejected"
    assert page.url.endswith("/desk/")


def test_relink_a_speaker_by_keyboard(browser_page, live_server):
    """`e` puts focus on the actor picker (the admin's autocomplete): type, Enter picks, Ctrl+Enter
    saves. On the next statement a new name typed in "Or a new actor" is added, unconfirmed."""
    from events.models import Actor

    page = browser_page
    make_statements()
    wrong = Actor.objects.create(name="Oren Talvik", slug="oren-talvik", confirmed=True)
    right = Actor.objects.create(name="Sela Marrow", slug="sela-marrow", confirmed=True, aliases=["S. Marrow"])
    first, second = Statement.objects.order_by("confidence")[:2]
    Statement.objects.filter(pk=first.pk).update(speaker=wrong, speaker_text="Talvik")
    login(page, live_server)
    assert f"/desk/review/statement/{first.pk}/" in page.url
    page.locator("#correct .select2-selection").wait_for(state="attached")  # the picker is set up
    page.keyboard.press("e")
    assert page.evaluate("document.activeElement.classList.contains('select2-selection')")
    page.keyboard.press("Enter")  # opens the picker's search box
    expect(page.locator(".select2-container--open .select2-search__field")).to_be_focused()
    page.keyboard.type("marr")
    page.locator(".select2-results__option--highlighted", has_text="Sela Marrow").wait_for()
    page.keyboard.press("Enter")
    expect(page.locator("#id_speaker")).to_have_value(str(right.pk))
    keys = Keyboard(page)
    keys.type_into("#id_change_reason", "The envoy is Marrow")
    keys.save_correction()
    first.refresh_from_db()
    assert first.speaker == right and first.review_status == "confirmed" and "speaker" in first.locked_fields
    assert first.speaker_text == "Talvik"  # the article's wording is kept
    assert first.history.first().history_change_reason == "The envoy is Marrow"

    assert f"/desk/review/statement/{second.pk}/" in page.url
    page.keyboard.press("e")
    keys.type_into("#id_new_actor", "Ivo Brandt")
    keys.save_correction()
    second.refresh_from_db()
    assert second.speaker.name == "Ivo Brandt" and not second.speaker.confirmed
    assert second.speaker.history.get().history_change_reason == "Added on the desk"
