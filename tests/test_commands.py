import json
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from events.models import Track
from sources.models import Feed

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.django_db

ARTICLE = """Envoys agree to meet again in Geneva
GENEVA, March 3 - Armenian Foreign Minister Ararat Mirzoyan said on Monday that talks with Azerbaijan would resume in Geneva next Friday.
"We are closer to peace than ever before," Mirzoyan told reporters after the meeting.
"""


def run(*args):
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue().strip()


def test_add_track_prints_slug_and_is_idempotent():
    assert run("add_track", "Russia-Ukraine peace talks", "--keywords", "Ukraine, Russia") == "russia-ukraine-peace-talks"
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
    assert quote and quote[0]["speaker"] == "Ararat Mirzoyan" and quote[0]["kind"] == "direct"
    assert any(a["name"] == "Ararat Mirzoyan" and a["country"] == "AM" for a in data["actors"])
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
        cwd=ROOT, capture_output=True, text=True,
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
