"""Hardening expected of a public news site (issue 12): Content-Security-Policy
(htmx working under it, proven in a real browser), public views answering only
GET/HEAD (POST where a form posts), admin logins throttled per account and per
address (django-axes)."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from tests.browser import chromium_browser

from .public_site import event_urls
from .public_site import make_public_site

QUOTES = [
    ("Anna Vesna", "We will come back to the table next week."),
    ("Borys Kalm", "The corridor must stay open for grain ships."),
    ("Cora Lind", "Nobody here is ready to sign a ceasefire yet."),
]


def make_track():
    return make_public_site(QUOTES)


# --- Content-Security-Policy -----------------------------------------------------


@pytest.mark.django_db
def test_every_page_carries_a_strict_script_policy():
    track = make_track()
    client = Client()
    policies = []
    for url in ("/", f"/tracks/{track.slug}/", "/subscribe/", "/admin/login/", f"/tracks/{track.slug}/feed.atom"):
        response = client.get(url)
        assert response.status_code == 200, url
        policies.append(response["Content-Security-Policy"])
    for policy in policies:
        directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
        assert directives["default-src"] == "'self'"
        assert "'unsafe-inline'" not in directives["script-src"] and "'unsafe-eval'" not in directives["script-src"]
        assert directives["frame-ancestors"] == "'none'" and directives["object-src"] == "'none'"
    nonces = {re.search(r"'nonce-([^']+)'", p).group(1) for p in policies}
    assert len(nonces) == len(policies)  # a fresh nonce for every response


@pytest.mark.django_db
def test_inline_scripts_carry_the_nonce_of_their_response():
    track = make_track()
    client = Client()
    for url in ("/", f"/tracks/{track.slug}/", "/subscribe/", "/admin/login/"):
        response = client.get(url)
        nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)
        scripts = re.findall(r"<script\b[^>]*>", response.content.decode())
        inline = [tag for tag in scripts if "src=" not in tag and 'type="application/json"' not in tag]
        assert all(f'nonce="{nonce}"' in tag for tag in inline), (url, inline)


def test_the_nonce_a_template_uses_is_the_one_in_the_header(rf):
    from django.http import HttpResponse
    from django.template import engines

    from talks_tracker.security import ContentSecurityPolicyMiddleware

    template = engines["django"].from_string('<script nonce="{{ request.csp_nonce }}">go()</script>')
    middleware = ContentSecurityPolicyMiddleware(lambda request: HttpResponse(template.render({"request": request})))
    response = middleware(rf.get("/"))
    nonce = re.search(r'nonce="([^"]+)"', response.content.decode()).group(1)
    assert len(nonce) >= 16 and f"'nonce-{nonce}'" in response["Content-Security-Policy"]


@pytest.fixture
def browser():
    with chromium_browser() as chromium:
        yield chromium


CSP_WATCH = """
window.__csp = [];
document.addEventListener('securitypolicyviolation',
  e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + (e.sample || '')));
"""


def _watched_page(browser, live_server):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, timezone_id="Europe/Paris")
    context.add_init_script(CSP_WATCH)
    page = context.new_page()
    console = []
    page.on("console", lambda m: console.append(m.text) if "Content Security Policy" in m.text else None)
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    return context, page, console, errors


@pytest.mark.django_db(transaction=True)
def test_track_page_and_htmx_run_without_csp_violations(browser, live_server):
    from playwright.sync_api import expect

    track = make_track()
    context, page, console, errors = _watched_page(browser, live_server)
    try:
        response = page.goto(f"{live_server.url}/tracks/{track.slug}/")
        assert "script-src 'self' 'nonce-" in response.headers["content-security-policy"]
        expect(page.locator("#results article.card").first).to_be_visible()
        assert page.evaluate("typeof htmx") == "object"  # htmx loaded under the policy
        page.evaluate("window.__sameDocument = true")
        page.locator("#id_q").fill("corridor")  # htmx swaps the results in place
        page.wait_for_url(re.compile(r"[?&]q=corridor"))
        expect(page.locator("#results article.card")).to_have_count(1)
        expect(page.locator("#results")).to_contain_text("grain ships")
        assert page.evaluate("window.__sameDocument") is True, "the search reloaded the page instead of htmx"

        # The subscribe page's inline script runs (it picks the browser's time zone).
        page.goto(f"{live_server.url}/subscribe/")
        expect(page.locator("#id_timezone_name")).to_have_value("Europe/Paris")
        violations = page.evaluate("window.__csp")
    finally:
        context.close()
    assert violations == [] and console == [], violations + console
    assert errors == []


@pytest.mark.django_db(transaction=True)
def test_an_injected_inline_script_would_be_blocked(browser, live_server):
    """The policy is not decorative: an inline script without the nonce does not run."""
    track = make_track()
    context, page, console, errors = _watched_page(browser, live_server)
    try:
        page.goto(f"{live_server.url}/tracks/{track.slug}/")
        page.evaluate(
            "() => { const s = document.createElement('script'); s.textContent = 'window.__ran = true';"
            " document.body.appendChild(s); }"
        )
        ran = page.evaluate("window.__ran === true")
        violations = page.evaluate("window.__csp")
    finally:
        context.close()
    assert ran is False
    assert any(v.startswith("script-src") for v in violations)


# --- Methods ---------------------------------------------------------------------


@pytest.mark.django_db
def test_public_views_answer_get_and_head_only():
    track = make_track()
    client = Client()
    urls = [*event_urls(track), "/subscribe/check-inbox/"]
    for url in urls:
        assert client.get(url).status_code == 200, url
        assert client.head(url).status_code == 200, url
        for method in ("post", "put", "patch", "delete", "options"):
            response = getattr(client, method)(url)
            assert response.status_code == 405, (method, url, response.status_code)
            assert response["Allow"] == "GET, HEAD"


@pytest.mark.django_db
def test_forms_still_take_their_post():
    track = make_track()
    client = Client(enforce_csrf_checks=False)
    response = client.post(
        "/subscribe/",
        {
            "email": "reader@example.org",
            "tracks": [track.id],
            "frequency": "weekly",
            "hour": "7",
            "weekday": "4",
            "timezone_name": "UTC",
        },
    )
    assert response.status_code == 302
    assert client.put("/subscribe/").status_code == 405
    assert Client(enforce_csrf_checks=True).post("/subscribe/", {}).status_code == 403  # CSRF still guards it


# --- Admin login throttling ----------------------------------------------------------


@pytest.fixture
def editor(db):
    return get_user_model().objects.create_user(
        "editor@example.org", "editor@example.org", "Corr3ct-Horse-42", is_staff=True
    )


def login(ip, username, password):
    return Client(REMOTE_ADDR=ip).post("/admin/login/?next=/admin/", {"username": username, "password": password})


def test_admin_login_locks_the_account_after_failures(editor, settings):
    assert settings.AXES_FAILURE_LIMIT == 5
    for _ in range(4):
        assert login("198.51.100.1", editor.username, "wrong").status_code == 200  # the form again
    assert login("198.51.100.1", editor.username, "wrong").status_code == 429  # the fifth failure locks
    # Locked: even the right password, even from another address, is refused for the cool-off.
    assert login("198.51.100.1", editor.username, "Corr3ct-Horse-42").status_code == 429
    assert login("198.51.100.2", editor.username, "Corr3ct-Horse-42").status_code == 429


def test_admin_login_locks_the_address_trying_many_accounts(editor):
    for n in range(4):
        assert login("198.51.100.7", f"guess{n}@example.org", "wrong").status_code == 200
    assert login("198.51.100.7", "guess4@example.org", "wrong").status_code == 429
    assert login("198.51.100.7", editor.username, "Corr3ct-Horse-42").status_code == 429
    # Another address logs in (a success: redirect into the admin).
    assert login("198.51.100.8", editor.username, "Corr3ct-Horse-42").status_code == 302


def test_a_success_resets_the_failures(editor):
    for _ in range(4):
        login("198.51.100.9", editor.username, "wrong")
    assert login("198.51.100.9", editor.username, "Corr3ct-Horse-42").status_code == 302
    for _ in range(4):
        assert login("198.51.100.9", editor.username, "wrong").status_code == 200
    assert login("198.51.100.9", editor.username, "Corr3ct-Horse-42").status_code == 302


def test_login_without_a_request_still_works(editor, client):
    """Management commands and the test client authenticate without a request."""
    assert client.login(username=editor.username, password="Corr3ct-Horse-42")
