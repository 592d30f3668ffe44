import json
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError
from django.core.management import call_command

from events.models import Track
from sources.models import Feed

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.django_db

ARTICLE = """Envoys agree to meet again in Geneva
GENEVA, March 3 - Armenian Foreign Minister Aram Vardanyan said on Monday that talks with Azerbaijan would resume in Geneva next Friday.
"We are closer to peace than ever before," Vardanyan told reporters after the meeting.
"""


def run(*args):
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue().strip()


def test_add_track_prints_slug_and_is_idempotent():
    assert (
        run("add_track", "Russia-Ukraine peace talks", "--keywords", "Ukraine, Russia") == "russia-ukraine-peace-talks"
    )
    assert run("add_track", "Russia-Ukraine peace talks") == "russia-ukraine-peace-talks"
    track = Track.objects.get()
    assert track.keyword_list == ["Ukraine", "Russia"]


def test_add_track_refuses_empty_name():
    with pytest.raises(CommandError):
        call_command("add_track", "  ")


def test_add_feed_with_track():
    slug = run("add_track", "Nile dam talks")
    assert run("add_feed", "https://example.org/rss.xml", "--track", slug, "--name", "Example").startswith("Feed ")
    feed = Feed.objects.get()
    assert feed.name == "Example" and [t.slug for t in feed.tracks.all()] == [slug]


def test_add_feed_rejects_bad_url_and_unknown_track():
    with pytest.raises(CommandError, match="http"):
        call_command("add_feed", "ftp://example.org/feed")
    with pytest.raises(CommandError, match="No track"):
        call_command("add_feed", "https://example.org/feed", "--track", "nope")
    assert Feed.objects.count() == 0


def test_extract_article_prints_contract_json(tmp_path):
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    data = json.loads(run("extract_article", str(path), "--published", "2025-03-03"))
    assert data["title"] == "Envoys agree to meet again in Geneva"
    assert set(data) >= {"title", "text", "actors", "statements", "meetings", "proposals"}
    quote = [s for s in data["statements"] if "closer to peace" in s["quote"]]
    assert quote and quote[0]["speaker"] == "Aram Vardanyan" and quote[0]["kind"] == "direct"
    assert any(a["name"] == "Aram Vardanyan" and a["country"] == "AM" for a in data["actors"])
    geneva = [m for m in data["meetings"] if m["location"] == "Geneva"]
    assert geneva and geneva[0]["date"] == "2025-03-07" and geneva[0]["status"] in ("scheduled", "proposed")


def test_extract_article_reads_html(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(
        "<html><head><title>Talks resume</title></head><body><nav>Home | World</nav><article><h1>Talks resume</h1>"
        + "".join(f"<p>{line}</p>" for line in ARTICLE.splitlines()[1:])
        + "</article><footer>Copyright</footer></body></html>",
        encoding="utf-8",
    )
    data = json.loads(run("extract_article", str(path), "--published", "2025-03-03"))
    assert "closer to peace" in data["text"] and "Copyright" not in data["text"]
    assert any("closer to peace" in s["quote"] for s in data["statements"])


def test_extract_article_missing_file_fails_clearly():
    proc = subprocess.run(
        [sys.executable, "manage.py", "extract_article", "/nonexistent/file.txt", "--published", "2025-01-01"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert proc.returncode != 0
    assert "Cannot read /nonexistent/file.txt" in proc.stderr
    assert proc.stdout == ""


def test_extract_article_bad_date():
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("extract_article", "x.txt", "--published", "29/05/2025")


def test_export_events_unknown_track():
    with pytest.raises(CommandError, match="No track"):
        call_command("export_events", "--track", "nope")


# --- Issue 12 defect 9: one-line errors and a non-zero exit, not tracebacks --------


def _manage(*args, database_url):
    import os

    env = {**os.environ, "DATABASE_URL": database_url, "REDIS_URL": ""}
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, capture_output=True, text=True, env=env)


def _one_line_error(proc, *parts):
    assert proc.returncode != 0
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("CommandError: "), proc.stderr
    for part in parts:
        assert part in lines[0]


@pytest.mark.parametrize(
    "url,reason",
    [
        ("http://[::1", "Invalid IPv6 URL"),
        ("http://news example.org/feed.xml", "spaces"),
        ("http://news.example.org:99999/feed.xml", "Port out of range"),
        ("https://news.example.org/" + "a" * 2001, "at most 2000"),
        ("http://[fe80::zz]/feed.xml", "IPv6"),
        ("http://-bad-.example.org/feed.xml", "host name"),
    ],
)
def test_add_feed_refuses_malformed_urls_in_one_line(url, reason):
    with pytest.raises(CommandError, match=reason):
        call_command("add_feed", url)
    assert Feed.objects.count() == 0


def test_add_feed_malformed_url_exits_non_zero_without_a_traceback(tmp_path):
    proc = _manage("add_feed", "http://[::1", database_url=f"sqlite:///{tmp_path}/empty.sqlite3")
    _one_line_error(proc, "Invalid IPv6 URL")


def test_add_feed_accepts_ipv6_and_unicode_hosts():
    assert run("add_feed", "http://[::1]:8000/feed.xml").startswith("Feed ")
    assert run("add_feed", "https://новости.example/rss").startswith("Feed ")
    assert Feed.objects.count() == 2


def test_add_feed_and_export_events_on_an_unmigrated_database(tmp_path):
    database_url = f"sqlite:///{tmp_path}/never-migrated.sqlite3"
    _one_line_error(_manage("add_feed", "https://news.example.org/feed.xml", database_url=database_url), "migrate")
    _one_line_error(_manage("export_events", database_url=database_url), "migrate")
    _one_line_error(_manage("export_events", "--format", "csv", database_url=database_url), "migrate")


@pytest.mark.parametrize("published", ["0001-01-01", "9999-12-31"])
def test_extract_article_at_the_ends_of_the_calendar(tmp_path, published):
    path = tmp_path / "a.txt"
    path.write_text("Foreign Minister Lena Hartmann said last Monday that talks would resume next Friday.\n")
    with pytest.raises(CommandError, match="too near the ends of the calendar"):
        call_command("extract_article", str(path), "--published", published, "--no-gazetteer")
    proc = _manage(
        "extract_article",
        str(path),
        "--published",
        published,
        "--no-gazetteer",
        database_url=f"sqlite:///{tmp_path}/db.sqlite3",
    )
    _one_line_error(proc, published)
