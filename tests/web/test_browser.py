"""The timeline in a real browser: Debian's chromium driven by Playwright, against
the demo's sample feeds ingested into the test database and served by live_server.

Screenshots of every step go to test-artifacts/ at the repository root.
"""

import re

import pytest

from events import selectors
from events.management.commands.demo import DEMO_TRACK
from events.models import Meeting
from events.models import Statement
from sources.models import Article
from tests.browser import browser_page  # noqa: F401 - fixture
from tests.browser import chromium  # noqa: F401 - fixture
from tests.browser import demo  # noqa: F401 - fixture: the demo's sample feeds through the real pipeline
from tests.browser import shot

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def browser(chromium):  # noqa: F811 - one chromium per module (tests.browser), as the reader tests name it
    return chromium


@pytest.fixture
def page(browser_page):  # noqa: F811 - a fresh context, failing on any JavaScript error
    return browser_page


def cards(page):
    return page.locator("#results article.card")


def test_reader_journey_filter_search_open_a_meeting_follow_a_source(page, demo, live_server):  # noqa: F811
    from playwright.sync_api import expect

    track, server = demo
    url = f"{live_server.url}/tracks/{track.slug}/"

    # 1. The demo timeline.
    page.goto(url)
    expect(page.get_by_role("heading", level=1)).to_have_text(DEMO_TRACK)
    expect(page.get_by_role("heading", name="Where things stand")).to_be_visible()
    total = selectors.timeline_page(track=track).count
    assert 0 < total <= selectors.PAGE_SIZE
    expect(cards(page)).to_have_count(total)
    expect(page.locator("#result-count")).to_have_text(re.compile(rf"{total} events"))
    shot(page, "01-timeline")

    # 2. Filter by an actor: htmx swaps the results without reloading and the URL follows.
    speaker = (
        Statement.objects.filter(tracks=track, speaker__isnull=False)
        .select_related("speaker")
        .order_by("speaker__name")
        .first()
        .speaker
    )
    expected = selectors.timeline_page(track=track, filters=selectors.EventFilters(actors=(speaker.slug,))).count
    assert 0 < expected < total
    page.evaluate("window.__sameDocument = true")
    page.get_by_text("Filter by actor, kind, status, dates and sources").click()
    page.locator("fieldset.actors").get_by_label(speaker.name, exact=True).check()
    page.wait_for_url(re.compile(rf"[?&]actor={speaker.slug}(&|$)"))
    expect(page.locator("#result-count")).to_have_text(re.compile(rf"{expected} events? match"))
    expect(cards(page)).to_have_count(expected)
    assert page.evaluate("window.__sameDocument") is True, "the filter reloaded the page"
    for quote_speaker in page.locator("#results article.statement p.meta").all_inner_texts():
        assert speaker.name in quote_speaker
    shot(page, "02-filtered-by-actor")
    # The filtered URL is shareable: opened afresh, it shows the same view.
    shared = page.context.new_page()
    shared.goto(page.url)
    expect(shared.locator("#results article.card")).to_have_count(expected)
    expect(shared.locator("fieldset.actors").get_by_label(speaker.name, exact=True)).to_be_checked()
    shared.close()
    # Back returns to the whole timeline.
    page.go_back()
    expect(cards(page)).to_have_count(total)

    # 3. Search a word from a quote.
    statement = Statement.objects.filter(tracks=track).order_by("id").first()
    # The longest word of the quote that the search indexes (not a stop word).
    word = next(
        w
        for w in sorted(re.findall(r"[A-Za-z]{4,}", statement.quote), key=len, reverse=True)
        if selectors.statements_qs(track, filters=selectors.EventFilters(q=w)).filter(pk=statement.pk).exists()
    )
    expected = selectors.timeline_page(track=track, filters=selectors.EventFilters(q=word)).count
    page.goto(url)
    page.evaluate("window.__sameDocument = true")
    page.get_by_label("Search quotes, proposals and names").fill(word)
    page.wait_for_url(re.compile(rf"[?&]q={word}(&|$)"))
    expect(page.locator("#result-count")).to_have_text(re.compile(rf"{expected} events? match"))
    expect(cards(page)).to_have_count(expected)
    expect(page.locator("#results").get_by_text(statement.quote, exact=False).first).to_be_visible()
    assert page.evaluate("window.__sameDocument") is True
    shot(page, "03-search")

    # 4. Open a meeting.
    page.goto(url)
    meeting = page.locator("#results article.meeting h4 a").first
    title = meeting.inner_text()
    meeting.click()
    page.wait_for_url(re.compile(r"/meetings/\d+/$"))
    pk = int(re.search(r"/meetings/(\d+)/$", page.url).group(1))
    shown = Meeting.objects.get(pk=pk)
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    facts = page.locator("dl.facts")
    expect(facts).to_contain_text(shown.get_status_display())
    for participant in shown.participants.all():
        expect(facts.get_by_role("link", name=participant.name, exact=True)).to_be_visible()
    expect(page.get_by_role("heading", name="Reports")).to_be_visible()
    shot(page, "04-meeting")

    # 5. Follow a source link: it lands on the article page.
    source = page.locator("ul.reports li a").first
    href = source.get_attribute("href")
    article = Article.objects.get(link=href)
    assert href.startswith(server.url())
    source.click()
    page.wait_for_url(href)
    expect(page.locator("body")).to_contain_text(article.title)
    shot(page, "05-source-article")


def test_keyboard_only_reader_can_search_and_filter(page, demo, live_server):  # noqa: F811
    from playwright.sync_api import expect

    track, _ = demo
    page.goto(f"{live_server.url}/tracks/{track.slug}/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    # Tab on until the search box, type, Enter.
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "id_q":
            break
    else:
        pytest.fail("the search box cannot be reached with Tab")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none", "no visible focus on the search box"
    page.keyboard.type("Istanbul")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"q=Istanbul"))
    expected = selectors.timeline_page(track=track, filters=selectors.EventFilters(q="Istanbul")).count
    expect(cards(page)).to_have_count(expected)
    # Open the filters and tick a kind with the keyboard only.
    page.keyboard.press("Tab")  # the Search button
    page.keyboard.press("Tab")  # the filters' summary
    page.keyboard.press("Enter")
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name") == "kind":
            break
    first_kind = page.evaluate("document.activeElement.value")
    page.keyboard.press("Space")
    page.wait_for_url(re.compile(rf"kind={first_kind}"))
    expected = selectors.timeline_page(
        track=track, filters=selectors.EventFilters(q="Istanbul", kinds=(first_kind,))
    ).count
    expect(cards(page)).to_have_count(expected)
    shot(page, "06-keyboard")


CONTRAST = """() => {
  const rgb = s => (s.match(/[\\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => { const f = c => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b); };
  const background = el => { for (; el; el = el.parentElement) { const c = rgb(getComputedStyle(el).backgroundColor);
    if (c.length === 3 || c[3] > 0) return c.slice(0, 3); } return [255, 255, 255]; };
  const worst = [];
  for (const el of document.querySelectorAll('a, p, span, h1, h2, h3, h4, summary, label, legend, time, button, dt, dd')) {
    if (!el.offsetParent || !el.textContent.trim()) continue;
    const fg = lum(rgb(getComputedStyle(el).color)), bg = lum(background(el));
    const ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
    if (ratio < 4.5) worst.push(el.tagName + '.' + el.className + ' ' + ratio.toFixed(2) + ' ' + el.textContent.trim().slice(0, 30));
  }
  return worst;
}"""

UNLABELLED = """() => [...document.querySelectorAll('input:not([type=hidden]), select, textarea')]
  .filter(el => !el.labels.length && !el.getAttribute('aria-label')).map(el => el.outerHTML)"""


@pytest.mark.parametrize("width", [1280, 375])
def test_accessible_markup_and_readable_on_a_phone(browser, demo, live_server, width):  # noqa: F811
    track, _ = demo
    context = browser.new_context(viewport={"width": width, "height": 800}, is_mobile=width < 600)
    page = context.new_page()
    actor = Statement.objects.filter(tracks=track, speaker__isnull=False).first().speaker
    for name, path in (("timeline", f"/tracks/{track.slug}/"), ("actor", f"/actors/{actor.slug}/")):
        page.goto(live_server.url + path)
        page.get_by_text("Filter by actor").click() if name == "timeline" else None
        for landmark in ("banner", "navigation", "main", "contentinfo"):
            assert page.get_by_role(landmark).count() >= 1, landmark
        if name == "timeline":
            assert page.get_by_role("search").count() == 1
        assert page.evaluate(UNLABELLED) == []
        assert page.evaluate(CONTRAST) == []
        # Nothing wider than the screen: no sideways scrolling on a phone.
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        shot(page, f"07-{name}-{width}px")
    context.close()
