#!/usr/bin/env python3
"""Ingest real feeds written by others and print a Markdown results table.

    .venv/bin/python bench/realdata_feeds.py [DIR ...] > /tmp/table.md

Defaults to ../shared/realdata/feeds and ../shared/realdata/feedparser/tests
(measurement input only: nothing in the project reads ../shared at run or test
time). Each XML file is served by a local HTTP server (Content-Type
application/xml, no charset, so encodings are found from the bytes) and polled
with sources.services.poll_feed into a throwaway SQLite database: the full
path a real feed takes, fetch guard and all. For each file: entries parsed,
articles stored, how many carry the feed's own date, titles and links, and
the recorded error if any. "no link": entries with neither a link nor a
URL GUID (nothing to fetch or cite), left out and counted. "crash" counts exceptions that escaped poll_feed
(the requirement: zero).

Also counted over every stored article: strings (GUID, title, link, summary, feed
text) still holding a C0 control character, or a bidi override / zero-width
character in a title (the requirement: zero), and, with --pages, what happens
when each article's page is fetched: this machine has no route to the internet,
so every page fails (DNS), the way a site refusing scrapers does; "feed text
only" counts the articles read from what the feed carried instead, "failed"
those whose feed carried nothing to read.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from memserver import MemoryServer  # noqa: E402  (bench/ is the script's own folder)

SHARED = ROOT.parent / "shared" / "realdata"
DEFAULTS = [SHARED / "feeds", SHARED / "feedparser" / "tests"]

_tmp = tempfile.mkdtemp(prefix="realdata-feeds-")
os.environ["DATABASE_URL"] = f"sqlite:///{_tmp}/db.sqlite3"
os.environ["DJANGO_SETTINGS_MODULE"] = "talks_tracker.settings"
os.environ["FEEDS_ALLOW_PRIVATE_NETWORKS"] = "1"
os.environ["REDIS_URL"] = ""
os.environ.setdefault("LOG_LEVEL", "ERROR")


def main():
    args = [a for a in sys.argv[1:] if a != "--pages"]
    pages = "--pages" in sys.argv[1:]
    dirs = [Path(p) for p in args] or DEFAULTS
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from sources.models import Article
    from sources.services import create_feed
    from sources.services import poll_feed

    files = []
    for d in dirs:
        files += sorted(p for p in d.rglob("*.xml") if p.is_file())
    server = MemoryServer("application/xml")

    rows, crashes, total_entries, total_stored = [], 0, 0, 0
    for i, path in enumerate(files):
        rel = path.relative_to(SHARED) if SHARED in path.parents else path
        url_path = f"/{i}/{path.name}"
        server.files[url_path] = path.read_bytes()
        feed = create_feed(server.url(url_path), name=str(rel))
        started = time.perf_counter()
        try:
            result = poll_feed(feed)
        except Exception:
            crashes += 1
            rows.append((str(rel), "CRASH", "", "", "", "", "", "", traceback.format_exc().splitlines()[-1][:80]))
            continue
        ms = (time.perf_counter() - started) * 1000
        stored = Article.objects.filter(feed=feed)
        n = stored.count()
        total_entries += result.entries
        total_stored += n
        dated = stored.filter(date_source=Article.DateSource.FEED).count()
        titled = stored.exclude(title="").count()
        sample = stored.order_by("id").values_list("title", flat=True).first() or ""
        error = result.error.replace("|", "/").replace("\n", " ")[:90]
        rows.append(
            (
                str(rel),
                str(result.entries),
                str(n),
                str(result.skipped),
                f"{dated}/{n}",
                f"{titled}/{n}",
                f"{ms:.0f}",
                sample[:40].replace("|", "/"),
                error,
            )
        )
    server.close()

    import re

    controls = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
    invisible = re.compile("[\u200b\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
    dirty = sum(
        1
        for row in Article.objects.values_list("guid", "title", "link", "summary", "feed_text").iterator()
        for value in row
        if controls.search(value)
    )
    dirty_titles = sum(1 for t in Article.objects.values_list("title", flat=True).iterator() if invisible.search(t))
    print(
        f"stored strings with a C0 control character: {dirty}; titles with a bidi or zero-width character: {dirty_titles}"
    )
    if pages:
        from sources.services import fetch_article_text

        started = time.perf_counter()
        for article in Article.objects.all().iterator():
            fetch_article_text(article)
        by_source = {
            label: Article.objects.filter(text_source=value).count() for value, label in Article.TextSource.choices
        }
        failed = Article.objects.filter(status=Article.Status.FAILED).count()
        retrying = Article.objects.filter(page_retry_at__isnull=False).count()
        print(
            f"pages fetched (all unreachable) in {time.perf_counter() - started:.1f} s: "
            + ", ".join(f"{label}: {n}" for label, n in by_source.items() if n)
            + f"; failed (feed carried nothing): {failed}; page retry planned: {retrying}"
        )
    print(f"{len(files)} files, {total_entries} entries parsed, {total_stored} articles stored, {crashes} crashes\n")
    print("| file | entries | stored | no link | feed date | title | ms | first title | recorded error |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    return 1 if crashes else 0


if __name__ == "__main__":
    sys.exit(main())
