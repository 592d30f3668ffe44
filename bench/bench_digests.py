#!/usr/bin/env python3
"""Digests for N confirmed subscribers, rendered and delivered by real Celery
workers to a local SMTP sink (aiosmtpd in its own process).

    .venv/bin/python bench/bench_digests.py [--subscribers 10000] [--workers 2] [--batch 100]

Needs PostgreSQL and Redis (as `bash .ci/run` starts them). It uses its own
database, BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/talks_tracker_digests_bench,
created and emptied here), and Redis at BENCH_REDIS_URL (default redis://127.0.0.1:6379/14),
so it never touches development or test data. The clock runs from the beat
task (send_due_digests) being queued until every delivery is settled: it
covers claiming, loading the events, filtering per subscriber, rendering the
HTML and text parts, SMTP and the database writes. The sink counts what it
receives; the run fails if that differs from the deliveries marked sent.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import random
import socket
import subprocess
import sys
import time
import uuid
from datetime import date
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DATABASE_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/talks_tracker_digests_bench")
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/14")

TRACKS = [
    "Russia-Ukraine peace talks",
    "Gaza ceasefire talks",
    "US-China trade talks",
    "Iran nuclear talks",
    "Armenia-Azerbaijan peace process",
    "Sudan ceasefire talks",
]
OUTLETS = ["Wire", "Meridian Dispatch", "Harbor Times", "Northern Ledger", "Capital Courier", "Delta Post"]
PLACES = ["Istanbul", "Riyadh", "Geneva", "Doha", "Cairo", "Vienna", "Jeddah", "Oslo", "Muscat", "Abu Dhabi"]
ZONES = ["UTC", "Europe/Kyiv", "Europe/London", "America/New_York", "Asia/Tokyo", "Asia/Dubai", "Europe/Berlin"]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def sink(port, counter, ready):
    """An SMTP server that accepts everything and counts it."""
    import logging

    from aiosmtpd.controller import Controller

    logging.getLogger("mail.log").setLevel(logging.ERROR)

    class Count:
        async def handle_DATA(self, server, session, envelope):
            with counter.get_lock():
                counter.value += len(envelope.rcpt_tos)
            return "250 OK"

    controller = Controller(Count(), hostname="127.0.0.1", port=port)
    controller.start()
    ready.set()
    while True:
        time.sleep(3600)


def cpu_seconds(pid):
    """CPU time (user + system) of a process and its live children, from /proc."""
    total = 0.0
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except (OSError, IndexError, ValueError):
        return total
    return total + sum(cpu_seconds(int(child)) for child in children)


def ensure_database():
    from urllib.parse import urlsplit

    import psycopg

    parts = urlsplit(DATABASE_URL)
    name = parts.path.lstrip("/")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def seed(n_subscribers, rng):
    from django.core.management import call_command
    from django.db import transaction
    from django.utils import timezone
    from django.utils.text import slugify

    from digests.models import Subscription
    from events.models import Actor
    from events.models import Meeting
    from events.models import MeetingSource
    from events.models import MeetingStatusChange
    from events.models import Proposal
    from events.models import ProposalStatusChange
    from events.models import Statement
    from events.models import StatementSource
    from events.models import Track
    from sources.models import Article
    from sources.models import Outlet

    call_command("flush", interactive=False, verbosity=0)
    now = timezone.now()
    with transaction.atomic():
        tracks = Track.objects.bulk_create(Track(name=n, slug=slugify(n)) for n in TRACKS)
        outlets = Outlet.objects.bulk_create(Outlet(name=n, slug=slugify(n)) for n in OUTLETS)
        actors = Actor.objects.bulk_create(
            Actor(name=f"Negotiator {i}", slug=f"negotiator-{i}", kind="person") for i in range(60)
        )
        articles = Article.objects.bulk_create(
            Article(
                url=f"https://news{i % 6}.example.org/a/{i}",
                link=f"https://news{i % 6}.example.org/a/{i}",
                outlet=outlets[i % len(outlets)],
                title=f"Report {i}",
                published_at=now,
                text="x",
            )
            for i in range(1500)
        )
        # A busy day across six negotiations: 300 meeting changes, 150 proposals, 600 statements.
        meetings = Meeting.objects.bulk_create(
            Meeting(
                kind="talks",
                status=rng.choice(["scheduled", "held", "postponed", "cancelled"]),
                date=date.today() + timedelta(days=rng.randint(-5, 20)),
                date_precision="day",
                location=rng.choice(PLACES),
            )
            for _ in range(300)
        )
        MeetingStatusChange.objects.bulk_create(
            MeetingStatusChange(meeting=m, status=m.status, date=m.date, location=m.location) for m in meetings
        )
        MeetingSource.objects.bulk_create(
            MeetingSource(meeting=m, article=rng.choice(articles), sentence="s") for m in meetings
        )
        proposals = Proposal.objects.bulk_create(
            Proposal(
                summary=f"Proposal {i}: a phased plan for prisoner exchanges and a ceasefire line",
                proposer=rng.choice(actors),
                status="submitted",
                date=date.today(),
            )
            for i in range(150)
        )
        ProposalStatusChange.objects.bulk_create(
            ProposalStatusChange(proposal=p, status=s) for p in proposals for s in ("proposed", "submitted")
        )
        statements = Statement.objects.bulk_create(
            Statement(
                quote=f"Statement {i}: we are ready to meet, but only on terms that respect our position.",
                quote_key=f"statement {i}",
                speaker=rng.choice(actors),
                date=date.today(),
            )
            for i in range(600)
        )
        StatementSource.objects.bulk_create(
            StatementSource(statement=s, article=a, sentence="s")
            for s in statements
            for a in rng.sample(articles, rng.randint(1, 4))
        )
        for model, events in ((Meeting, meetings), (Proposal, proposals), (Statement, statements)):
            model.tracks.through.objects.bulk_create(
                model.tracks.through(**{f"{model._meta.model_name}_id": e.id, "track_id": rng.choice(tracks).id})
                for e in events
            )
        Meeting.participants.through.objects.bulk_create(
            Meeting.participants.through(meeting_id=m.id, actor_id=a.id)
            for m in meetings
            for a in rng.sample(actors, 2)
        )

        confirmed = now - timedelta(days=1)
        subs = []
        for i in range(n_subscribers):
            tz = rng.choice(ZONES)
            subs.append(
                Subscription(
                    email=f"reader{i}@bench.example.org",
                    frequency="daily",
                    hour=rng.randint(0, 23),
                    timezone=tz,
                    confirmed_at=confirmed,
                    covered_until=confirmed,
                    next_due_at=now - timedelta(minutes=1),
                )
            )
        subs = Subscription.objects.bulk_create(subs, batch_size=2000)
        sub_tracks, sub_actors = [], []
        for s in subs:
            for t in rng.sample(tracks, rng.randint(1, 3)):
                sub_tracks.append(Subscription.tracks.through(subscription_id=s.id, track_id=t.id))
            if rng.random() < 0.3:  # some follow only a few people
                for a in rng.sample(actors, rng.randint(1, 3)):
                    sub_actors.append(Subscription.actors.through(subscription_id=s.id, actor_id=a.id))
        Subscription.tracks.through.objects.bulk_create(sub_tracks, batch_size=5000)
        Subscription.actors.through.objects.bulk_create(sub_actors, batch_size=5000)
    return len(subs)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--subscribers", type=int, default=10_000)
    ap.add_argument("--workers", type=int, default=2, help="worker processes (celery -c)")
    ap.add_argument("--batch", type=int, default=500, help="deliveries per task (one SMTP connection each)")
    ap.add_argument("--seed", type=int, default=8)
    args = ap.parse_args()

    queue = f"bench-{uuid.uuid4().hex[:8]}"
    os.environ.update(
        {
            "DATABASE_URL": DATABASE_URL,
            "REDIS_URL": REDIS_URL,
            "CELERY_QUEUE": queue,
            "DJANGO_DEBUG": "0",
            "DJANGO_SECRET_KEY": "bench-only-secret-key-not-for-production-use-0123456789",
            "DATABASE_CONN_MAX_AGE": "600",
            "DIGEST_BATCH_SIZE": str(args.batch),
            "LOG_LEVEL": "WARNING",
            "SITE_URL": "https://talks.example.org",
        }
    )
    port = free_port()
    os.environ.update({"EMAIL_HOST": "127.0.0.1", "EMAIL_PORT": str(port)})
    ensure_database()

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "talks_tracker.settings")
    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.db.models import Count

    from digests.models import DigestDelivery
    from digests.tasks import send_due_digests
    from talks_tracker.celery import app
    from tests.conftest import celery_worker_argv

    call_command("migrate", verbosity=0)
    t = time.perf_counter()
    n = seed(args.subscribers, random.Random(args.seed))
    print(f"seeded {n} confirmed subscribers in {time.perf_counter() - t:.1f}s")
    connection.close()

    counter, ready = multiprocessing.Value("i", 0), multiprocessing.Event()
    smtp = multiprocessing.Process(target=sink, args=(port, counter, ready), daemon=True)
    smtp.start()
    ready.wait(10)

    worker = subprocess.Popen(
        celery_worker_argv(queue, concurrency=args.workers, pool="prefork", loglevel="warning", nodename=f"{queue}@%h"),
        cwd=ROOT,
        env=os.environ.copy(),
    )
    try:
        deadline = time.monotonic() + 60
        while not app.control.ping(destination=[f"{queue}@{socket.gethostname()}"], timeout=1.0):
            if worker.poll() is not None or time.monotonic() > deadline:
                raise SystemExit("worker did not start")
        cpu_before = cpu_seconds(worker.pid), cpu_seconds(smtp.pid)
        load_before = os.getloadavg()[0]
        started = time.perf_counter()
        send_due_digests.apply_async(queue=queue)
        unsettled = (DigestDelivery.Status.PENDING, DigestDelivery.Status.SENDING)
        while True:
            time.sleep(0.25)
            total = DigestDelivery.objects.count()
            if total == n and not DigestDelivery.objects.filter(status__in=unsettled).exists():
                break
            if worker.poll() is not None:
                raise SystemExit("worker died")
            if time.perf_counter() - started > 1800:
                raise SystemExit("timed out")
        elapsed = time.perf_counter() - started
        worker_cpu = cpu_seconds(worker.pid) - cpu_before[0]
        sink_cpu = cpu_seconds(smtp.pid) - cpu_before[1]
        load_after = os.getloadavg()[0]
        counts = dict(DigestDelivery.objects.values_list("status").annotate(c=Count("id")).order_by())
    finally:
        worker.terminate()
        try:
            worker.wait(30)
        except subprocess.TimeoutExpired:
            worker.kill()
        smtp.terminate()
    sent = counts.get("sent", 0)
    received = counter.value
    print(f"deliveries: {counts}")
    print(f"SMTP sink received {received} messages; {sent} deliveries marked sent")
    print(
        f"{sent} emails in {elapsed:.1f}s with {args.workers} worker processes: {sent / elapsed:.0f} emails/s "
        f"({n / elapsed:.0f} digests settled/s incl. {counts.get('empty', 0)} with nothing new)"
    )
    print(
        f"CPU: workers {worker_cpu:.1f}s ({1000 * worker_cpu / max(sent, 1):.1f} ms/email), "
        f"SMTP sink {sink_cpu:.1f}s ({1000 * sink_cpu / max(sent, 1):.1f} ms/email); "
        f"load average {load_before:.1f} before, {load_after:.1f} after on {os.cpu_count()} CPUs"
    )
    if received != sent:
        print("MISMATCH: the sink did not receive exactly one message per sent delivery")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
