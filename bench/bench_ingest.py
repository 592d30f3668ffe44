#!/usr/bin/env python3
"""Entries ingested per second: a 500-entry feed from a local HTTP server into PostgreSQL.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/talks_tracker .venv/bin/python bench/bench_ingest.py [--entries 500] [--runs 5]

One process, one thread: what one worker does for one poll_feed task (fetch
with every guard, feedparser, normalise, deduplicate, insert articles; their
tracks are set later, when events records the extraction). Each run polls a
fresh feed URL full of new entries, on a throwaway test database (test_<name>,
created and dropped here).

Two feeds are measured:
- "summaries": headline, link, GUID, date and a one-paragraph description
  (what news feeds usually carry; the page text is fetched later, per article);
- "full text": the same plus a 300-word content:encoded body, so each entry
  is also converted to text and grouped into stories (MinHash + LSH rows).

Also timed: parsing the entity-expansion feeds (billion laughs, quadratic
blow-up), which must end within a second.

    ... bench/bench_ingest.py --limits [--big-mb 2.2] [--many 50000]

measures the caps of issue 12 defect 7 instead: one feed whose single entry
carries --big-mb megabytes of news-like text, through the whole chain in this
process (what `poll_feeds --sync` does: poll, then extract and record), and one
feed of --many entries (poll only: articles stored, pages that would be queued).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from memserver import MemoryServer  # noqa: E402  (bench/ is the script's own folder)

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "talks_tracker.settings")
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/talks_tracker")
os.environ["FEEDS_ALLOW_PRIVATE_NETWORKS"] = "1"  # the feed is served on 127.0.0.1
os.environ.setdefault("LOG_LEVEL", "WARNING")

WORDS = (
    "delegations met again on thursday to discuss the ceasefire line the prisoner exchange and the river "
    "crossings officials said a joint statement could follow within days while mediators from the council "
    "urged both sides to keep talking despite shelling near the border towns overnight"
).split()


VOCABULARY = sorted(set(WORDS) | {f"{w}{n}" for w in WORDS for n in range(40)})


def make_feed(run, entries, full_text):
    items = []
    for i in range(entries):
        body = ""
        if full_text:
            # Distinct articles: words drawn at random from a news vocabulary.
            rng = random.Random(f"{run}-{i}")
            words = [rng.choice(VOCABULARY) for _ in range(300)]
            body = f"<content:encoded><![CDATA[<p>{' '.join(words)}</p><p>Entry {run}-{i}.</p>]]></content:encoded>"
        items.append(
            f"<item><title>Talks round {i} resume in Geneva &amp; Istanbul</title>"
            f"<link>https://news{run}.example.com/world/2025/05/talks-{i}.html?utm_source=rss</link>"
            f'<guid isPermaLink="false">run{run}-id-{i}</guid>'
            f"<pubDate>Thu, 29 May 2025 {i % 24:02d}:{i % 60:02d}:00 GMT</pubDate>"
            f"<description>&lt;p&gt;Delegations met on Thursday for round {i}, officials said, "
            f"with a second session planned next week.&lt;/p&gt;</description>{body}</item>"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Bench</title>'
        f"<link>https://news{run}.example.com/</link>{''.join(items)}</channel></rss>"
    ).encode()


# Invented sentences in the shape of wire copy: quotes, speakers, meetings and dates for
# the extractor to work on (repeated with a changing number, so no two are identical).
NEWS = [
    '"We are ready to sign a ceasefire if the crossings reopen by {n} May," Ostrian Foreign Minister Lena Hartmann said.',
    "Ostria and Corvan will hold talks in Geneva on Monday, the foreign ministry said, the {n}th round this year.",
    "Corvan's chief negotiator Pavel Dorn proposed a prisoner exchange of {n} detainees, which Ostria rejected.",
    "Mediators from the council said on Friday that a summit could follow within {n} days.",
    '"Nobody should expect a deal at round {n}," Dorn told reporters in Velden after the meeting.',
]


def big_entry_feed(megabytes):
    sentences, size, n = [], 0, 0
    while size < megabytes * 1_000_000:
        sentence = NEWS[n % len(NEWS)].format(n=n)
        sentences.append(sentence)
        size += len(sentence) + 1
        n += 1
    paragraphs = "".join(f"<p>{' '.join(sentences[i : i + 5])}</p>" for i in range(0, len(sentences), 5))
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Big</title>'
        "<link>https://big.example.com/</link><item><title>Ostria and Corvan talks resume in Geneva</title>"
        "<link>https://big.example.com/world/talks.html</link><guid>big-1</guid>"
        "<pubDate>Thu, 29 May 2025 09:00:00 GMT</pubDate>"
        f"<content:encoded><![CDATA[{paragraphs}]]></content:encoded></item></channel></rss>"
    ).encode()


def limits(args, server):
    """Issue 12 defect 7: work per item and per poll."""
    from sources.models import Article
    from sources.pipeline import process_feed_sync
    from sources.services import create_feed
    from sources.services import poll_feed

    if args.big_mb > 0:
        body = big_entry_feed(args.big_mb)
        server.files["/big.xml"] = body
        feed = create_feed(server.url("/big.xml"), name="big entry")
        started = time.perf_counter()
        result = process_feed_sync(feed)
        elapsed = time.perf_counter() - started
        article = Article.objects.get(feed=feed)
        print(
            f"one entry of {len(body) / 1e6:.1f} MB: poll + extract + record {elapsed:.1f} s; stored text "
            f"{len(article.text):,} characters; status {article.status}; error {result.error or 'none'}"
        )

    if args.many <= 0:
        return
    # Headline, link, GUID and date only (~170 bytes an entry), so the feed stays under FETCH_MAX_BYTES.
    items = "".join(
        f"<item><title>Round {i}</title><link>https://many.example.com/r/{i}.html</link><guid>m-{i}</guid>"
        f"<pubDate>Thu, 29 May 2025 {i % 24:02d}:{i % 60:02d}:00 GMT</pubDate></item>"
        for i in range(args.many)
    )
    server.files["/many.xml"] = (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Many</title>'
        f"<link>https://many.example.com/</link>{items}</channel></rss>"
    ).encode()
    feed = create_feed(server.url("/many.xml"), name="many entries")
    started = time.perf_counter()
    result = poll_feed(feed)
    elapsed = time.perf_counter() - started
    feed.refresh_from_db()
    print(
        f"feed of {args.many:,} entries: poll {elapsed:.1f} s; articles stored (= page fetches queued) "
        f"{len(result.new_article_ids):,}; left for the next polls {getattr(feed, 'backlog', 0):,}"
    )


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--entries", type=int, default=500)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--only", choices=["summaries", "full text"], default=None)
    ap.add_argument("--limits", action="store_true", help="Measure the per-item and per-poll caps instead.")
    ap.add_argument("--big-mb", type=float, default=2.2, help="0: skip the big entry")
    ap.add_argument("--many", type=int, default=50_000, help="0: skip the many-entry feed")
    args = ap.parse_args()

    import django
    from django.conf import settings

    # A database of its own, so the bench never touches a test run's test_<name> database.
    settings.DATABASES["default"].setdefault("TEST", {})["NAME"] = os.environ.get(
        "BENCH_DB_NAME", "talks_tracker_bench_ingest"
    )
    django.setup()
    from django.db import connection
    from django.test.utils import setup_databases
    from django.test.utils import teardown_databases

    from sources import parsing
    from sources.models import Article
    from sources.models import Story
    from sources.services import create_feed
    from sources.services import poll_feed

    print(
        f"database: {connection.vendor} (throwaway database {settings.DATABASES['default']['TEST']['NAME']}); {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}"
    )
    old = setup_databases(verbosity=0, interactive=False)
    server = MemoryServer("application/rss+xml")
    try:
        if args.limits:
            limits(args, server)
            return
        for label, full_text in (("summaries", False), ("full text", True)):
            if args.only and label != args.only:
                continue
            rates, cpu_rates = [], []
            for run in range(args.runs):
                path = f"/{label.replace(' ', '-')}-{run}.xml"
                server.files[path] = make_feed(f"{label[0]}{run}", args.entries, full_text)
                feed = create_feed(server.url(path), name=f"bench {label} {run}")
                started, cpu_started = time.perf_counter(), time.process_time()
                result = poll_feed(feed)
                elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
                assert result.error == "", result.error
                assert len(result.new_article_ids) == args.entries, len(result.new_article_ids)
                rates.append(args.entries / elapsed)
                cpu_rates.append(args.entries / cpu)
                print(
                    f"  {label:10s} run {run}: {args.entries} entries in {elapsed * 1000:.0f} ms = {args.entries / elapsed:.0f} entries/s"
                    f" (this process's CPU: {cpu * 1000:.0f} ms)"
                )
            print(
                f"{label}: median {statistics.median(rates):.0f} entries/s wall clock (min {min(rates):.0f}, max {max(rates):.0f}); "
                f"{statistics.median(cpu_rates):.0f} entries per CPU-second of the worker; load average {os.getloadavg()[0]:.1f}"
            )
        print(
            f"articles stored: {Article.objects.count()}, stories: {Story.objects.count()} (distinct bench texts: expect 0)"
        )

        # Entity expansion: each must end in well under a second.
        bombs = {
            "billion laughs": '<?xml version="1.0"?>\n<!DOCTYPE rss [\n<!ENTITY lol "lol">\n'
            + "\n".join(
                f'<!ENTITY lol{i} "' + (f"&lol{i - 1};" if i > 1 else "&lol;") * 10 + '">' for i in range(1, 10)
            )
            + '\n]>\n<rss version="2.0"><channel><title>t</title><item><title>&lol9;</title><link>https://x.test/a</link></item></channel></rss>',
            "quadratic blow-up": '<?xml version="1.0"?>\n<!DOCTYPE rss [\n<!ENTITY big "' + "A" * 100_000 + '">\n]>\n'
            '<rss version="2.0"><channel><title>t</title><item><title>t</title><link>https://x.test/a</link><description>'
            + "&big;" * 50_000
            + "</description></item></channel></rss>",
        }
        for name, doc in bombs.items():
            started = time.perf_counter()
            try:
                parsed = parsing.parse(doc.encode())
                outcome = f"safe parse, {len(parsed.entries)} entry, longest field {max(len(str(v)) for v in parsed.entries[0].values())} chars"
            except parsing.FeedError as exc:
                outcome = f"refused: {exc}"
            print(f"{name}: {(time.perf_counter() - started) * 1000:.1f} ms, {outcome}")
    finally:
        server.close()
        teardown_databases(old, verbosity=0)


if __name__ == "__main__":
    main()
