"""Issue 13 in a real browser (Debian's chromium, desktop and a 390 px phone): the status
board, the home page, the visual timeline, the phone filter sheet, print, and the marks
of what changed since the last visit. Screenshots of each go to test-artifacts/."""

import re

import pytest

from events import selectors
from events.models import Meeting
from events.models import Statement
from tests.browser import chromium  # noqa: F401 - fixture
from tests.browser import open_page

from .test_browser import browser  # noqa: F401 - fixtures shared with the reader journey
from .test_browser import demo  # noqa: F401 - fixtures shared with the reader journey
from .test_browser import shot

pytestmark = pytest.mark.django_db(transaction=True)
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
DESKTOP = {"viewport": {"width": 1280, "height": 900}}


@pytest.mark.parametrize("device", ["desktop", "phone"])
def test_board_agrees_with_the_timeline(browser, demo, live_server, device):  # noqa: F811
    from playwright.sync_api import expect

    track, _ = demo
    with open_page(browser, **(PHONE if device == "phone" else DESKTOP)) as page:
        page.goto(f"{live_server.url}/tracks/{track.slug}/")
        board = page.locator("section.board")
        expect(board.get_by_role("heading", name="Where things stand")).to_be_visible()
        # The sample talks in Istanbul were proposed for a date long gone and never reported held:
        # the board lists them as "no report it took place", and so does their card on the timeline.
        stale = Meeting.objects.filter(tracks=track, status="proposed").exclude(date=None).order_by("date").first()
        assert stale is not None
        expect(board.locator(f".passed a[href$='/meetings/{stale.pk}/']")).to_be_visible()
        card = page.locator(f"#results article.card:has(#m{stale.pk}-h)")
        expect(card.locator(".flag")).to_have_text("date passed, no report it took place")
        expect(board.get_by_text("Awaiting a reply")).to_be_visible()
        expect(board.get_by_text("Current demands, as stated")).to_be_visible()
        # Nothing wider than the screen.
        assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]
        board.scroll_into_view_if_needed()
        shot(page, f"13-board-{device}")


@pytest.mark.parametrize("device", ["desktop", "phone"])
def test_home_lists_negotiations_and_leads_to_them(browser, demo, live_server, device):  # noqa: F811
    from playwright.sync_api import expect

    track, _ = demo
    with open_page(browser, **(PHONE if device == "phone" else DESKTOP)) as page:
        page.goto(live_server.url + "/")
        expect(page.get_by_role("heading", level=1)).to_have_text("Negotiations")
        card = page.locator("article.track-card").first
        expect(card.get_by_role("link", name=track.name)).to_be_visible()
        expect(card.get_by_text("Last activity")).to_be_visible()
        expect(card.get_by_text("Awaiting a reply")).to_be_visible()
        nav = page.get_by_role("navigation", name="Site")
        assert nav.locator("a[href^='/tracks/']").count() == 0  # no item per negotiation
        page.get_by_role("searchbox", name="Find a negotiation").fill("peace")
        page.get_by_role("button", name="Find").click()
        expect(page.locator("article.track-card")).to_have_count(1)
        shot(page, f"14-home-{device}")
        page.get_by_role("link", name=track.name).click()
        expect(page.get_by_role("heading", level=1)).to_have_text(track.name)
        expect(
            page.get_by_role("navigation", name="Breadcrumb").get_by_role("link", name="Negotiations")
        ).to_be_visible()


def test_visual_timeline_marks_link_to_their_events(browser, demo, live_server):  # noqa: F811
    from playwright.sync_api import expect

    track, _ = demo
    with open_page(browser, **DESKTOP) as page:
        page.goto(f"{live_server.url}/tracks/{track.slug}/")
        strip = page.locator("figure.strip > svg")
        assert strip.get_attribute("role") == "group"  # not "img": its links stay reachable by screen readers
        expect(strip).to_be_visible()
        lanes = strip.locator("text.lane-name").all_text_contents()
        assert lanes[0] == "Meetings" and len(lanes) >= 3
        marks = strip.locator("a.mark")
        total = (
            Meeting.objects.filter(tracks=track).exclude(date=None).count()
            + selectors.timeline_page(
                track=track, filters=selectors.EventFilters(kinds=("proposal", "statement"))
            ).count
        )
        assert marks.count() == total
        # The key's marks are icons beside their words, never sized like the strip itself.
        keys = page.locator("figure.strip figcaption svg.key-mark")
        assert keys.count() == 6
        for box in (keys.nth(i).bounding_box() for i in range(keys.count())):
            assert box is not None and box["width"] <= 24 and box["height"] <= 24
        strip.scroll_into_view_if_needed()
        shot(page, "15-visual-timeline")
        # Keyboard: a mark is a link with a name; Enter opens its event.
        statement = Statement.objects.filter(tracks=track).first()
        mark = strip.locator(f"a[href='/statements/{statement.pk}/']")
        assert mark.get_attribute("aria-label").startswith("Statement,")
        mark.focus()
        page.keyboard.press("Enter")
        page.wait_for_url(re.compile(rf"/statements/{statement.pk}/$"))
        expect(page.get_by_role("heading", level=1)).to_contain_text("by")
        # The compact mode: one line per event.
        page.goto(f"{live_server.url}/tracks/{track.slug}/?view=compact")
        expect(page.locator("#results li.line")).to_have_count(selectors.timeline_page(track=track).count)
        shot(page, "16-compact")


def test_phone_filter_sheet_shows_n_results_and_closes(browser, demo, live_server):  # noqa: F811
    from playwright.sync_api import expect

    track, _ = demo
    with open_page(browser, **PHONE) as page:
        page.goto(f"{live_server.url}/tracks/{track.slug}/")
        page.get_by_text("Filter by actor, kind, status").click()
        sheet = page.locator("#filter-sheet .sheet")
        expect(sheet).to_be_visible()
        # The sheet sits over the bottom of the screen with its button in reach.
        box = sheet.bounding_box()
        assert box["y"] + box["height"] <= 844 + 1 and box["height"] <= 0.85 * 844
        button = page.get_by_role("button", name=re.compile(r"Show \d+ results?"))
        expect(button).to_be_in_viewport()
        expected = selectors.timeline_page(
            track=track, filters=selectors.EventFilters(meeting_statuses=("held",))
        ).count
        sheet.get_by_role("group", name="Meeting status").get_by_label("Held").check()
        expect(button).to_have_text(f"Show {expected} result{'s' if expected != 1 else ''}")
        shot(page, "17-phone-filter-sheet")
        button.click()
        expect(sheet).to_be_hidden()
        page.wait_for_url(re.compile(r"mstatus=held"))
        assert "q=" not in page.url and "since=" not in page.url  # no empty parameters
        expect(page.locator("#results article.card")).to_have_count(expected)
        expect(page.locator(".chips").get_by_role("link", name="Remove filter: Meetings: held")).to_be_visible()
        shot(page, "18-phone-filtered")


def test_print_expands_sources_and_hides_the_controls(browser, demo, live_server):  # noqa: F811
    track, _ = demo
    with open_page(browser, **DESKTOP) as page:
        page.goto(f"{live_server.url}/tracks/{track.slug}/")
        first_sources = page.locator("#results details.sources ul").first
        assert not first_sources.is_visible()  # closed on screen
        page.emulate_media(media="print")
        assert first_sources.is_visible()
        assert not page.locator("#filters").is_visible() and not page.locator(".pager, .follow").first.is_visible()
        page.pdf(path=str(shot.__globals__["ARTIFACTS"] / "19-print.pdf"))
        shot(page, "19-print")


def test_dark_mode_and_marks_of_what_changed_since_the_last_visit(browser, demo, live_server):  # noqa: F811
    from playwright.sync_api import expect

    track, _ = demo
    with open_page(browser, **DESKTOP, color_scheme="dark") as page:
        url = f"{live_server.url}/tracks/{track.slug}/"
        page.goto(url)
        background = page.evaluate("getComputedStyle(document.body).backgroundColor")
        assert background == "rgb(13, 17, 23)"
        expect(page.locator("#visit-note")).to_contain_text("First visit")
        assert page.locator(".visit-mark").count() == 0
        # Something new arrives; the next visit from this browser marks it.
        statement = Statement.objects.filter(tracks=track).order_by("id").first()
        fresh = Statement.objects.create(
            speaker=statement.speaker,
            quote="A new statement after the last visit",
            quote_key="after-visit",
            date=statement.date,
            reported_on=statement.reported_on,
        )
        fresh.tracks.add(track)
        page.goto(url)
        expect(page.locator(f"article.card.is-new:has(a[href='/statements/{fresh.pk}/']) .visit-mark")).to_have_text(
            "New since your last visit"
        )
        expect(page.locator("#visit-note")).to_contain_text("since your last visit")
        shot(page, "20-dark-and-new-since-last-visit")
