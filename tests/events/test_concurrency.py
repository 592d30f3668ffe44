"""Several workers at once store what one worker alone stores (issue 12, defect 1).

The reproduction of the issue: one feed carrying 40 copies of the four sample
articles (each copy at its own URL). Processed one at a time it gives a number
of actors and meetings; a real Celery worker with --concurrency 2, and two
`poll_feeds --sync` processes side by side, must give the same numbers, with
no "-2" slugs and no IntegrityError.
"""

import contextlib
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection

from events.models import Actor
from events.models import Meeting
from events.models import MeetingSource
from events.models import Proposal
from events.models import Statement
from events.models import StatementSource
from events.services import create_track
from sources.models import Article
from sources.models import Feed
from sources.services import create_feed
from tests.conftest import SAMPLES
from tests.conftest import CeleryWorker
from tests.conftest import LocalServer
from tests.conftest import worker_database_url

ROOT = Path(__file__).resolve().parents[2]
REQUIRED = os.environ.get("CI_REQUIRE_REAL_WORKER") == "1"
COPIES = 10  # of each of the four sample articles: 40 feed items
ARTICLES = [
    ("first-istanbul-round.html", "Fri, 16 May 2025 18:20:00 GMT", "First Istanbul round"),
    ("medinsky-umerov-call.html", "Wed, 28 May 2025 16:05:00 GMT", "Medinsky and Umerov speak by phone"),
    ("istanbul-second-round.html", "Thu, 29 May 2025 09:40:00 GMT", "Second round in Istanbul"),
    ("ukraine-roadmap.html", "Fri, 30 May 2025 11:15:00 GMT", "Ukraine sends Russia a roadmap"),
]


def write_copies_feed(directory, copies=COPIES):
    """A site with the sample pages and one RSS feed listing `copies` copies of each."""
    shutil.copytree(SAMPLES / "articles", Path(directory) / "articles")
    items = []
    for n in range(copies):
        for page, date, title in ARTICLES:
            items.append(
                f"<item><title>{title} (copy {n})</title><link>../articles/{page}?copy={n}</link>"
                f'<guid isPermaLink="false">{page}-{n}</guid><pubDate>{date}</pubDate></item>'
            )
    (Path(directory) / "feeds").mkdir()
    (Path(directory) / "feeds" / "copies.xml").write_text(
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Copies</title>'
        "<link>../articles/</link><description>Copies of the samples</description>"
        + "".join(items)
        + "</channel></rss>",
        encoding="utf-8",
    )
    return "feeds/copies.xml"


def counts():
    return {
        "actors": Actor.objects.count(),
        "meetings": Meeting.objects.count(),
        "proposals": Proposal.objects.count(),
        "statements": Statement.objects.count(),
        "suffixed_slugs": sorted(Actor.objects.filter(slug__regex=r"-[0-9]+$").values_list("slug", flat=True)),
    }


def wipe():
    """Back to an empty project, tracks and feeds aside."""
    for model in (StatementSource, MeetingSource, Statement, Meeting, Proposal, Article, Actor):
        model.objects.all().delete()
    Feed.objects.all().delete()


def require_postgresql(with_redis=False):
    ok = connection.vendor == "postgresql" and (bool(os.environ.get("REDIS_URL")) or not with_redis)
    if not ok:
        if REQUIRED:
            pytest.fail("CI requires REDIS_URL and a PostgreSQL DATABASE_URL for the concurrency tests.")
        pytest.skip("needs a PostgreSQL DATABASE_URL" + (" and REDIS_URL" if with_redis else ""))


def run_poll_feeds_sync(processes, env, cwd=ROOT, timeout=300):
    """`processes` × `manage.py poll_feeds --sync` at once, without a broker (REDIS_URL dropped
    from env): the processes and their outputs."""
    env = {k: v for k, v in env.items() if k != "REDIS_URL"}  # the in-process pipeline: no broker
    procs = [
        subprocess.Popen(
            [sys.executable, "manage.py", "poll_feeds", "--sync"],
            cwd=cwd,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        for _ in range(processes)
    ]
    return procs, [p.communicate(timeout=timeout)[0] for p in procs]


def poll_feeds_sync(processes):
    """run_poll_feeds_sync on the test database; each process must succeed. Their outputs."""
    env = {**os.environ, "DATABASE_URL": worker_database_url(), "FEEDS_ALLOW_PRIVATE_NETWORKS": "1"}
    procs, outputs = run_poll_feeds_sync(processes, env)
    for proc, output in zip(procs, outputs):
        assert proc.returncode == 0, output[-4000:]
    return outputs


def one_at_a_time(url, track):
    """The reference: one process, one article after another. In a subprocess, like the
    runs it is compared with, so that all of them run the same code from disk."""
    track.feeds.add(create_feed(url, name="Copies"))
    poll_feeds_sync(1)
    assert Article.objects.filter(status=Article.Status.EXTRACTED).count() == 4 * COPIES
    return counts()


@contextlib.contextmanager
def copies_after_a_reference_run(tmp_path):
    """The copies feed served locally: the counts one process stores (one_at_a_time), then an
    empty database with the feed added again, for the run compared with it. Yields (feed, counts)."""
    site = tmp_path / "site"
    site.mkdir()
    feed_path = write_copies_feed(site)
    track = create_track("Russia-Ukraine peace talks", keywords="Ukraine, Russia")
    with LocalServer(site) as server:
        url = server.url(feed_path)
        alone = one_at_a_time(url, track)
        wipe()
        feed = create_feed(url, name="Copies")
        track.feeds.add(feed)
        yield feed, alone


def write_figures(name, figures):
    """Figures for docs/operations.md and the report; a file outside the tree."""
    path = os.environ.get("CONCURRENCY_FIGURES")
    if path:
        with open(path, "a", encoding="utf-8") as out:
            out.write(f"{name}: {figures}\n")


@pytest.mark.real_worker
@pytest.mark.django_db(transaction=True)
def test_worker_with_concurrency_two_stores_what_one_at_a_time_stores(tmp_path, allow_private):
    require_postgresql(with_redis=True)
    with copies_after_a_reference_run(tmp_path) as (feed, alone):
        with CeleryWorker(tmp_path / "worker.log", concurrency=2) as worker:
            from sources.tasks import poll_feed

            poll_feed.delay(feed.id)
            worker.wait_for(
                lambda: Article.objects.filter(status=Article.Status.EXTRACTED).count() == 4 * COPIES, seconds=240
            )
            time.sleep(1)  # let the last task's transaction settle
            output = worker.output()
            together = counts()
    write_figures("one worker (sync) vs celery --concurrency 2", {"alone": alone, "two_workers": together})
    assert "IntegrityError" not in output
    assert together["suffixed_slugs"] == [] == alone["suffixed_slugs"]
    assert together == alone


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_poll_feeds_sync_store_what_one_stores(tmp_path, allow_private):
    require_postgresql()
    with copies_after_a_reference_run(tmp_path) as (_feed, alone):
        outputs = poll_feeds_sync(2)
    together = counts()
    write_figures("poll_feeds --sync alone vs two at once", {"alone": alone, "two_processes": together})
    for output in outputs:
        assert "IntegrityError" not in output
    assert Article.objects.filter(status=Article.Status.EXTRACTED).count() == 4 * COPIES
    assert together["suffixed_slugs"] == [] == alone["suffixed_slugs"]
    assert together == alone
