"""How fast the editors' changelists render with 5,000 statements.

    .venv/bin/python bench/bench_admin.py            # a throwaway SQLite database
    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_admin .venv/bin/python bench/bench_admin.py

Prints the median and worst time of the statement, meeting and proposal
changelists (as an editor, default filters) and the number of SQL queries.
"""

import os
import statistics
import sys
import tempfile
import time
from datetime import UTC
from datetime import date
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
N = int(os.environ.get("BENCH_STATEMENTS", "5000"))
RUNS = int(os.environ.get("BENCH_RUNS", "15"))

url = os.environ.get("BENCH_DATABASE_URL")
if not url:
    url = f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"
elif url.startswith("postgres"):
    import psycopg

    name = url.rsplit("/", 1)[1]
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
os.environ["DATABASE_URL"] = url
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "talks_tracker.settings")
os.environ["DJANGO_ALLOWED_HOSTS"] = "testserver,localhost"

import django  # noqa: E402

django.setup()
from django.contrib.auth.models import Group  # noqa: E402
from django.contrib.auth.models import User  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from events.matching import quote_key  # noqa: E402
from events.models import Actor  # noqa: E402
from events.models import Meeting  # noqa: E402
from events.models import Proposal  # noqa: E402
from events.models import Statement  # noqa: E402
from events.models import StatementSource  # noqa: E402
from sources.models import Article  # noqa: E402
from sources.models import Outlet  # noqa: E402


def build():
    call_command("migrate", verbosity=0)
    outlets = Outlet.objects.bulk_create([Outlet(name=f"Outlet {i}", slug=f"outlet-{i}") for i in range(20)])
    actors = Actor.objects.bulk_create(
        [Actor(name=f"Person {i}", slug=f"person-{i}", country="UA") for i in range(300)]
    )
    articles = Article.objects.bulk_create(
        [
            Article(
                url=f"https://news.example.org/{i}",
                link=f"https://news.example.org/{i}",
                outlet=outlets[i % 20],
                title=f"Report {i}",
                published_at=datetime(2025, 1 + i % 12, 1 + i % 28, tzinfo=UTC),
            )
            for i in range(N)
        ]
    )
    statements = Statement.objects.bulk_create(
        [
            Statement(
                speaker=actors[i % 300],
                quote=f"Statement number {i} on the ceasefire talks",
                quote_key=quote_key(f"Statement number {i} on the ceasefire talks"),
                date=date(2025, 1 + i % 12, 1 + i % 28),
                review_status=["unreviewed", "confirmed", "rejected"][i % 3],
                confidence=(i % 10) / 10,
            )
            for i in range(N)
        ]
    )
    StatementSource.objects.bulk_create(
        [
            StatementSource(statement=s, article=articles[(i + k) % N], sentence="s")
            for i, s in enumerate(statements)
            for k in range(2)
        ]
    )
    Meeting.objects.bulk_create(
        [
            Meeting(kind="talks", location=f"City {i % 50}", date=date(2025, 1 + i % 12, 1 + i % 28))
            for i in range(N // 5)
        ]
    )
    Proposal.objects.bulk_create([Proposal(proposer=actors[i % 300], summary=f"Plan {i}") for i in range(N // 5)])
    editor = User.objects.create_user("bench-editor", "b@example.org", "x-bench-pass-1")
    editor.is_staff = True
    editor.save()
    editor.groups.add(Group.objects.get(name="Editors"))
    return editor


def measure(client, path):
    client.get(path)  # warm caches and templates
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        response = client.get(path)
        times.append(time.perf_counter() - start)
        assert response.status_code == 200, response.status_code
    with CaptureQueriesContext(connection) as queries:
        client.get(path)
    return statistics.median(times), max(times), len(queries.captured_queries)


def main():
    editor = build()
    client = Client()
    client.force_login(editor)
    print(
        f"database: {connection.vendor}; {Statement.objects.count()} statements, "
        f"{StatementSource.objects.count()} sources, {RUNS} runs each"
    )
    for model in ("statement", "meeting", "proposal", "actor"):
        median, worst, queries = measure(client, f"/admin/events/{model}/")
        print(f"{model:9s} changelist: median {median * 1000:7.1f} ms, worst {worst * 1000:7.1f} ms, {queries} queries")
    median, worst, queries = measure(client, "/admin/events/statement/?review_status__exact=unreviewed&confidence=low")
    print(
        f"statement changelist filtered (unreviewed, low confidence): median {median * 1000:.1f} ms, {queries} queries"
    )


if __name__ == "__main__":
    main()
