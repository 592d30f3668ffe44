"""Actors and meetings from one feed of 40 copies of the sample articles, processed
by 1 or more Celery worker processes (or `poll_feeds --sync` processes) at once:
the reproduction of issue 12, defect 1.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/tt_bench REDIS_URL=redis://127.0.0.1:6379/9 \
        .venv/bin/python bench/concurrency_duplicates.py --mode worker --concurrency 2 [--root OLD_CHECKOUT] [--merge]

--root runs the pipeline with another checkout's code (e.g. a git worktree of the
commit before the fix) against the same database; --merge then runs this
checkout's `merge_duplicates` on what it left. The database (its name must
contain "bench") is dropped and created anew first.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(HERE))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "talks_tracker.settings")
import django  # noqa: E402

django.setup()  # the test module that writes the feed imports models

from tests.conftest import LocalServer  # noqa: E402
from tests.conftest import celery_worker_argv  # noqa: E402
from tests.events.test_concurrency import COPIES  # noqa: E402
from tests.events.test_concurrency import run_poll_feeds_sync  # noqa: E402
from tests.events.test_concurrency import write_copies_feed  # noqa: E402

COUNT = (
    "import json; from events.models import *; from sources.models import Article; "
    "print(json.dumps({'actors': Actor.objects.count(), 'actors_not_merged': Actor.objects.filter(merged_into=None).count(), "
    "'meetings': Meeting.objects.count(), 'proposals': Proposal.objects.count(), 'statements': Statement.objects.count(), "
    "'extracted': Article.objects.filter(status='extracted').count(), "
    "'suffixed_slugs': Actor.objects.filter(slug__regex=r'-[0-9]+$').count()}))"
)


def manage(root, *args, env, capture=True):
    out = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=root, env=env, capture_output=capture, text=True, check=True
    )
    return out.stdout


def counts(root, env):
    return json.loads(manage(root, "shell", "-c", COUNT, env=env).strip().splitlines()[-1])


def recreate_database(url):
    """A new, empty database of the URL's name (this bench's own: never a shared one)."""
    from urllib.parse import urlsplit

    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    assert name.startswith("tt_") and "bench" in name, f"refusing to drop {name!r}: use a tt_*bench* database"
    with psycopg.connect(
        host=parts.hostname,
        port=parts.port or 5432,
        user=parts.username or "postgres",
        password=parts.password,
        dbname="postgres",
        autocommit=True,
    ) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')


def timing():
    """Median milliseconds per article: extraction (parallel across workers) and
    recording (serialised by the advisory lock), re-recording the stored articles."""
    import statistics

    import extraction
    from events.services import ActorIndex
    from events.services import record_extraction
    from extraction.text import with_headline
    from sources.models import Article

    extract_ms, record_ms = [], []
    for article in Article.objects.filter(status="extracted").select_related("feed").order_by("id")[:40]:
        index = ActorIndex()
        published = article.published_at.date() if article.published_at else None
        started = time.perf_counter()
        found = extraction.extract(
            with_headline(article.title, article.text), published, known_actors=index.known_actors()
        )
        extract_ms.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        record_extraction(article, result=found, index=index)
        record_ms.append((time.perf_counter() - started) * 1000)
    return {
        "extract_median": round(statistics.median(extract_ms), 1),
        "record_median": round(statistics.median(record_ms), 1),
        "articles": len(record_ms),
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--root", default=str(HERE), help="checkout whose code processes the feed")
    parser.add_argument("--mode", choices=["worker", "sync"], default="worker")
    parser.add_argument("--concurrency", type=int, default=2, help="worker processes, or poll_feeds --sync processes")
    parser.add_argument("--merge", action="store_true", help="then run this checkout's merge_duplicates")
    parser.add_argument("--copies", type=int, default=COPIES, help="copies of each of the 4 sample articles")
    parser.add_argument(
        "--timing",
        action="store_true",
        help="then time, in this process, extraction vs recording (the part under the lock) per article",
    )
    args = parser.parse_args()
    root = Path(args.root)
    env = {**os.environ, "FEEDS_ALLOW_PRIVATE_NETWORKS": "1", "DATABASE_CONN_MAX_AGE": "0"}
    recreate_database(os.environ["DATABASE_URL"])
    manage(root, "migrate", "-v", "0", env=env)
    site = Path(tempfile.mkdtemp())
    feed_path = write_copies_feed(site, args.copies)
    started = time.monotonic()
    with LocalServer(site) as server:
        slug = manage(
            root, "add_track", "Russia-Ukraine peace talks", "--keywords", "Ukraine, Russia", env=env
        ).split()[-1]
        manage(root, "add_feed", server.url(feed_path), "--track", slug, "--name", "Copies", env=env)
        if args.mode == "sync":
            _procs, outputs = run_poll_feeds_sync(args.concurrency, env, cwd=root, timeout=None)
            errors = sum("IntegrityError" in o for o in outputs)
        else:
            queue = f"bench-{uuid.uuid4().hex[:8]}"
            wenv = {**env, "CELERY_QUEUE": queue}
            log = open(site / "worker.log", "w+")
            worker = subprocess.Popen(
                celery_worker_argv(queue, concurrency=args.concurrency),
                cwd=root,
                env=wenv,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
            try:
                manage(root, "poll_feeds", "--all", env=wenv)
                deadline = time.monotonic() + 300
                while time.monotonic() < deadline and counts(root, env)["extracted"] < 4 * args.copies:
                    time.sleep(1)
                time.sleep(2)
            finally:
                worker.terminate()
                worker.wait(timeout=30)
            log.seek(0)
            errors = log.read().count("IntegrityError")
    elapsed = time.monotonic() - started
    result = {
        "mode": args.mode,
        "concurrency": args.concurrency,
        "root": str(root),
        "seconds": round(elapsed, 1),
        "integrity_errors": errors,
        "counts": counts(root, env),
    }
    if args.merge:
        result["merge"] = manage(HERE, "merge_duplicates", env=env).strip()
        result["after_merge"] = counts(HERE, env)
    if args.timing:
        result["timing_ms"] = timing()
    print(json.dumps(result))
    shutil.rmtree(site, ignore_errors=True)


if __name__ == "__main__":
    main()
