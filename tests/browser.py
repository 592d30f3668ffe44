"""Debian's chromium driven by Playwright, shared by the browser tests."""

import os
from contextlib import contextmanager
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
# As the machine's own probe starts it: no sandbox as root, no background network calls.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@contextmanager
def chromium_browser():
    """A launched browser; skips without chromium locally, fails in CI (CI_REQUIRE_REAL_WORKER=1)."""
    if not Path(CHROMIUM).exists():
        reason = f"{CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium)"
        if os.environ.get("CI_REQUIRE_REAL_WORKER") == "1":
            pytest.fail(f"CI needs the real browser: {reason}")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop in this thread; the ORM calls
    # between browser steps are still plain synchronous code.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            yield browser
            browser.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@contextmanager
def open_page(browser, **context_options):
    """A page in a fresh browser context (1280x900 unless told), failing the test on any JavaScript error."""
    context = browser.new_context(**{"viewport": {"width": 1280, "height": 900}, **context_options})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        yield page
    finally:
        context.close()
    assert not errors, f"JavaScript errors: {errors}"


@pytest.fixture(scope="module")
def chromium():
    """One browser per test module (import this fixture into a conftest to use it)."""
    with chromium_browser() as browser:
        yield browser


@pytest.fixture
def browser_page(chromium):
    with open_page(chromium) as page:
        yield page


@pytest.fixture
def demo(allow_private):
    """The demo's data: the bundled sample feeds ingested over HTTP through the real pipeline, as
    `manage.py demo` does; yields (track, server), the sample server staying up for source links."""
    from events.management.commands.demo import DEMO_FEEDS
    from events.management.commands.demo import DEMO_KEYWORDS
    from events.management.commands.demo import DEMO_TRACK
    from events.models import Meeting
    from events.models import Statement
    from events.services import create_track
    from sources.pipeline import process_feed_sync
    from sources.services import create_feed
    from tests.conftest import SAMPLES
    from tests.conftest import LocalServer

    with LocalServer(SAMPLES) as server:
        track = create_track(DEMO_TRACK, keywords=DEMO_KEYWORDS, description="Bundled sample data.")
        for filename, name in DEMO_FEEDS:
            feed = create_feed(server.url(f"feeds/{filename}"), name=name, outlet_name=name)
            track.feeds.add(feed)
            result = process_feed_sync(feed)
            assert not result.error, result.error
        assert Statement.objects.filter(tracks=track).exists() and Meeting.objects.filter(tracks=track).exists()
        yield track, server


ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"


def shot(page, name):
    """A full-page screenshot in test-artifacts/ at the repository root."""
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
