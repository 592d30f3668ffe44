#!/usr/bin/env python3
"""Throughput of the track page under gunicorn, beside a bare Django view as the ceiling.

    .venv/bin/python bench/bench_timeline.py [--events 10000] [--duration 10] [--connections 8]
                                            [--generator auto|wrk|python] [--write] [--keep] [--reuse]
    .venv/bin/python bench/bench_timeline.py --profile 20 [--events 10000] [--keep] [--reuse]

What it does, all on this machine:
  1. drops and creates the PostgreSQL database `talks_tracker_bench` (BENCH_DATABASE_URL),
     migrates it and fills it with --events events (bulk_create; a third each of
     statements, meetings and proposals, 150 actors, 1-2 sources each, 3 upcoming meetings),
     then VACUUM ANALYZE; --reuse takes the database a run with --keep left instead;
  2. collects static files and starts gunicorn with 2 sync workers on 127.0.0.1,
     production settings (DJANGO_DEBUG=0) plus one bench-only URL, /bench/bare/: a view
     that returns "ok" through the same middleware: the ceiling;
  3. loads each URL with a generator on loopback (wrk if installed, else a small
     threaded http.client one), bounded by --duration per URL after a warm-up,
     and reports requests per second, median and tail latency; twice: as deployed
     (public pages cached for 30 s) and with the page cache off (every request
     queries PostgreSQL and renders). The last row asks for a different search and
     filter combination on every request (20,000 URLs, each with a search word no
     other has), so no page and no card is ever served from a cache: the true cost;
  4. with --write, puts the figures into docs/timeline.md between the bench markers
     (runs with another --events than 10,000 have markers of their own).

Targets: as deployed, the track page at >= 30% of the bare view's throughput; with the
page cache off (issue 13), the track page median <= 25 ms and >= 5% of the bare view's
throughput in the same run, and the search median <= 50 ms at 100,000 events.
--profile N instead times N requests of each kind in this process (Django's test
client, production settings, page cache off), counts their queries and prints a
pyinstrument tree (pip install pyinstrument: a dev tool, not in requirements.txt).
A measurement script: never run by the tests.
"""

from __future__ import annotations

import argparse
import functools
import http.client
import itertools
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "bench"
DOCS = ROOT / "docs" / "timeline.md"
START, END = "<!-- bench:start -->", "<!-- bench:end -->"
DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/talks_tracker_bench"
TARGET_RATIO = 0.30
# With the page cache off (issue 13): the track page's median and its share of the bare view.
TARGET_OFF_MEDIAN_MS = 25
TARGET_OFF_RATIO = 0.05
TARGET_SEARCH_MS = 50  # at 100,000 events (run with --events 100000)
# Same server, two settings: as deployed (public pages cached PUBLIC_CACHE_SECONDS=30, the
# production default), then with the cache off, so that every request queries and renders.
# With the cache off, as many connections as workers: no queueing, so the median is
# what one request costs.
PASSES = [
    ("As deployed (pages cached 30 s, PUBLIC_CACHE_SECONDS default)", {}, None),
    (
        "Cache off (PUBLIC_CACHE_SECONDS=0): every request queries and renders; 2 connections",
        {"PUBLIC_CACHE_SECONDS": "0"},
        2,
    ),
]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def recreate_database(url):
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    if not re.fullmatch(r"[a-z_][a-z0-9_]*", name):
        raise SystemExit(f"refusing odd database name {name!r}")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
        return conn.execute("SHOW server_version").fetchone()[0]


def drop_database(url):
    import psycopg

    parts = urlsplit(url)
    with psycopg.connect(parts._replace(path="/postgres").geturl(), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{parts.path.lstrip("/")}" WITH (FORCE)')


def prepare(events, static_root):
    """Migrate, fill and collect static files, in this process (the bench settings)."""
    import django

    sys.path[:0] = [str(ROOT), str(BENCH)]
    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from events.models import Track
    from tests.web.data import build_events

    call_command("migrate", interactive=False, verbosity=0)
    started = time.perf_counter()
    track = Track.objects.create(name="Bench talks", slug="bench-talks", description="Benchmark data.")
    actors = build_events(track, events, actors=150, outlets=12, upcoming=3)
    with connection.cursor() as cursor:
        # As autovacuum leaves a live database: statistics, and the GIN indexes' pending
        # lists merged (a bulk load leaves them long, and every search would read them).
        cursor.execute("VACUUM ANALYZE")
    print(f"  {events} events on /tracks/{track.slug}/ in {time.perf_counter() - started:.1f} s", flush=True)
    call_command("collectstatic", interactive=False, verbosity=0)
    connection.close()
    return track.slug, actors[0].slug


def server_version(url):
    import psycopg

    with psycopg.connect(url) as conn:
        return conn.execute("SHOW server_version").fetchone()[0]


def reuse(static_root):
    """A database kept by an earlier run (--keep): migrate it and collect static files."""
    import django

    sys.path[:0] = [str(ROOT), str(BENCH)]
    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from events.models import Track

    call_command("migrate", interactive=False, verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    slug = Track.objects.get(name="Bench talks").slug
    connection.close()
    return slug, "envoy-0"


def start_gunicorn(env, port):
    cmd = [
        str(ROOT / ".venv" / "bin" / "gunicorn"),
        "talks_tracker.wsgi:application",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        "2",
        "--chdir",
        str(ROOT),
        "--pythonpath",
        f"{ROOT},{BENCH}",
        "--log-level",
        "warning",
    ]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.time() + 30
    while time.time() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"gunicorn exited: {proc.stderr.read().decode()[-2000:]}")
        try:
            status, _ = fetch(port, "/bench/bare/")
            if status == 200:
                return proc
        except OSError:
            time.sleep(0.3)
    proc.terminate()
    raise SystemExit("gunicorn did not answer within 30 s")


def fetch(port, path, headers=None):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.request("GET", path, headers={"Host": "127.0.0.1", "Connection": "close", **(headers or {})})
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


VARIED = "search and filters, a different combination on every request (no page or card cached)"
VARIED_URL = "?q=<word> or <unique>&... (20,000 URLs)"


def varied_urls(track, actor_count, n=20_000):
    """n distinct filter URLs, each with a search no other URL has: a search word of the
    bench data OR-ed with a word found nowhere (so the results are the word's, but the
    highlighted words, hence every card's cache key, are new), alone or with kinds,
    statuses, two actors or a date range."""
    from tests.web.data import WORDS

    urls = []
    for i in range(n):
        word = WORDS[i % len(WORDS)].split()[0]
        q = f"{word}+or+zq{i}"
        extra = [
            "",
            "&kind=statement&kind=proposal",
            f"&actor=envoy-{i % actor_count}&actor=envoy-{(i * 7 + 1) % actor_count}",
            f"&since={1 + i % 28}+March+2024&until={1 + i % 28}+March+2027",
            "&pstatus=proposed&pstatus=submitted&kind=proposal",
        ][i % 5]
        urls.append(f"{track}?q={q}{extra}")
    return urls


# --- Load generators ------------------------------------------------------------------


def load_python(port, path, connections, duration, headers=None, max_requests=500_000):
    """Threads, each doing one GET at a time until the time or request budget is spent.
    `path`: one URL, or a list that the requests take in turn (each a different URL)."""
    latencies, errors = [], [0]
    lock = threading.Lock()
    deadline = time.perf_counter() + duration
    paths = [path] if isinstance(path, str) else path
    turn = itertools.count()

    def worker():
        mine, bad = [], 0
        while time.perf_counter() < deadline and len(latencies) + len(mine) < max_requests:
            url = paths[next(turn) % len(paths)]
            t0 = time.perf_counter()
            try:
                status, _ = fetch(port, url, headers)
            except OSError:
                status = 0
            if status == 200:
                mine.append(time.perf_counter() - t0)
            else:
                bad += 1
        with lock:
            latencies.extend(mine)
            errors[0] += bad

    started = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(connections)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - started
    latencies.sort()
    p = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))] * 1000 if latencies else float("nan")
    return {
        "rps": len(latencies) / elapsed,
        "median": statistics.median(latencies) * 1000 if latencies else float("nan"),
        "p90": p(0.90),
        "p99": p(0.99),
        "requests": len(latencies),
        "errors": errors[0],
    }


UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def load_wrk(port, path, connections, duration, headers=None):
    cmd = ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--latency", "--timeout", "10s"]
    for key, value in (headers or {}).items():
        cmd += ["-H", f"{key}: {value}"]
    out = subprocess.run([*cmd, f"http://127.0.0.1:{port}{path}"], capture_output=True, text=True, check=True).stdout

    def latency(label):
        m = re.search(rf"^\s+{label}%\s+([\d.]+)(us|ms|s)\s*$", out, re.M)
        return float(m.group(1)) * UNITS[m.group(2)]

    requests = int(re.search(r"(\d+) requests in", out).group(1))
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    sock = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    errors = (int(bad.group(1)) if bad else 0) + (sum(map(int, sock.groups())) if sock else 0)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "median": latency(50),
        "p90": latency(90),
        "p99": latency(99),
        "requests": requests,
        "errors": errors,
    }


# --- Main -----------------------------------------------------------------------------------


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--events", type=int, default=10_000)
    ap.add_argument("--duration", type=int, default=10, help="seconds of load per URL (after a 2 s warm-up)")
    ap.add_argument("--connections", type=int, default=8)
    ap.add_argument("--generator", choices=["auto", "wrk", "python"], default="auto")
    ap.add_argument("--write", action="store_true", help="write the figures into docs/timeline.md")
    ap.add_argument("--keep", action="store_true", help="keep the bench database afterwards")
    ap.add_argument(
        "--profile",
        type=int,
        metavar="N",
        default=0,
        help="instead of the load test: time N uncached track pages in this process and "
        "print a pyinstrument profile of them (needs pyinstrument)",
    )
    ap.add_argument(
        "--reuse",
        action="store_true",
        help="reuse the database a run with --keep left (same --events), instead of building it again",
    )
    args = ap.parse_args()
    if args.profile:
        return profile(args)
    generator = args.generator if args.generator != "auto" else ("wrk" if shutil.which("wrk") else "python")
    load = load_wrk if generator == "wrk" else load_python

    db_url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_DB)
    static_root = tempfile.mkdtemp(prefix="talks-bench-static-")
    env = {
        **os.environ,
        "DATABASE_URL": db_url,
        "DJANGO_SETTINGS_MODULE": "bench_settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "bench-only-not-a-secret-" + "x" * 40,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "BENCH_STATIC_ROOT": static_root,
        "LOG_LEVEL": "WARNING",
        "PYTHONPATH": f"{ROOT}:{BENCH}",
    }
    env.pop("REDIS_URL", None)  # no Redis: each gunicorn worker caches in its own memory
    env.pop("PUBLIC_CACHE_SECONDS", None)
    os.environ.update({k: v for k, v in env.items() if k != "PYTHONPATH"})

    load_before = os.getloadavg()[0]
    print(f"database {db_url}", flush=True)
    pg_version = server_version(db_url) if args.reuse else recreate_database(db_url)
    gunicorn = None
    passes = []
    try:
        track_slug, actor_slug = reuse(static_root) if args.reuse else prepare(args.events, static_root)
        track = f"/tracks/{track_slug}/"
        targets = [
            ("bare Django view (ceiling)", "/bench/bare/", None),
            ("track page", track, None),
            (
                "track page filtered by two actors (htmx fragment)",
                f"{track}?actor={actor_slug}&actor=envoy-1",
                {"HX-Request": "true", "HX-Target": "results"},
            ),
            ("actor page", f"/actors/{actor_slug}/", None),
            ("search (full page)", f"{track}?q=ceasefire", None),
            (VARIED, varied_urls(track, actor_count=150), None),
        ]
        for title, extra, pass_connections in PASSES:
            connections = pass_connections or args.connections
            print(title, flush=True)
            port = free_port()
            gunicorn = start_gunicorn({**env, **extra}, port)
            for _, path, headers in targets:  # every page answers properly before it is timed
                path = path if isinstance(path, str) else path[-1]
                status, body = fetch(port, path, headers)
                assert status == 200, (path, status, body[:500])
                if path == track:
                    assert body.count(b'class="card ') >= 30, "the track page shows no timeline"
            results = []
            for label, path, headers in targets:
                # A list of URLs (each request a different one) needs the Python generator.
                run = load if isinstance(path, str) else load_python
                if isinstance(path, str):
                    run(port, path, connections, 2, headers)  # warm-up: connections, caches
                else:  # warm the connections and templates on URLs the timed run never asks for
                    run(port, path[: len(path) // 2], connections, 2, headers)
                    path = path[len(path) // 2 :]
                result = run(port, path, connections, args.duration, headers)
                results.append((label, path if isinstance(path, str) else VARIED_URL, result))
                print(
                    f"  {label:52} {result['rps']:8.1f} req/s  median {result['median']:7.1f} ms  "
                    f"p90 {result['p90']:7.1f} ms  p99 {result['p99']:7.1f} ms  errors {result['errors']}",
                    flush=True,
                )
            gunicorn.terminate()
            gunicorn.wait(timeout=30)
            gunicorn = None
            ratio = results[1][2]["rps"] / results[0][2]["rps"]
            print(f"  track page / bare view = {ratio:.1%}", flush=True)
            passes.append((title, results, ratio))
    finally:
        if gunicorn:
            gunicorn.terminate()
            gunicorn.wait(timeout=30)
        shutil.rmtree(static_root, ignore_errors=True)
        if not args.keep:
            drop_database(db_url)

    ratio = passes[0][2]
    verdict = "meets" if ratio >= TARGET_RATIO else "MISSES"
    off = passes[1][1]
    off_track, off_search, off_varied = off[1][2], off[4][2], off[5][2]
    print(
        f"cache off: track page median {off_track['median']:.1f} ms (target <= {TARGET_OFF_MEDIAN_MS}), "
        f"{passes[1][2]:.1%} of the bare view (target >= {TARGET_OFF_RATIO:.0%}); "
        f"search median {off_search['median']:.1f} ms, a different search and filters per request "
        f"{off_varied['median']:.1f} ms, at {args.events:,} events (target <= {TARGET_SEARCH_MS} at 100,000)"
    )
    print(
        f"as deployed, the track page serves {ratio:.0%} of the bare view's throughput "
        f"({verdict} the {TARGET_RATIO:.0%} target)"
    )
    loads = (load_before, os.getloadavg()[0])
    print(f"load average (1 min) before and after: {loads[0]:.1f}, {loads[1]:.1f}")
    if args.write:
        write_docs(passes, verdict, args, generator, pg_version, loads)
    return 0 if ratio >= TARGET_RATIO else 1


def profile(args):
    """Where an uncached track page's time goes: N requests in this process (Django's
    test client, production settings, cache off), median time and a pyinstrument tree."""
    db_url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_DB)
    os.environ.update(
        {
            "DATABASE_URL": db_url,
            "DJANGO_SETTINGS_MODULE": "bench_settings",
            "DJANGO_DEBUG": "0",
            "DJANGO_SECRET_KEY": "bench-only-not-a-secret-" + "x" * 40,
            "DJANGO_ALLOWED_HOSTS": "testserver",
            "DJANGO_SECURE_SSL_REDIRECT": "0",
            "PUBLIC_CACHE_SECONDS": "0",
            "LOG_LEVEL": "WARNING",
        }
    )
    os.environ.pop("REDIS_URL", None)
    static_root = tempfile.mkdtemp(prefix="talks-bench-static-")
    os.environ["BENCH_STATIC_ROOT"] = static_root
    if args.reuse:
        slug, _ = reuse(static_root)
    else:
        recreate_database(db_url)
        slug, _ = prepare(args.events, static_root)
    from django.db import connection
    from django.test import Client
    from pyinstrument import Profiler

    client = Client()
    track = f"/tracks/{slug}/"
    varied = varied_urls(track, actor_count=150)
    paths = [
        (track, [track]),
        (f"{track}?q=ceasefire", [f"{track}?q=ceasefire"]),
        (VARIED, varied),
    ]
    for label, urls in paths:
        assert client.get(urls[0]).status_code == 200, urls[0]  # warm: templates, connections, caches
        counted = []
        with connection.execute_wrapper(functools.partial(count_query, counted)):
            client.get(urls[-1])
        times = []
        for i in range(args.profile):
            url = urls[(i + 1) % len(urls)]
            started = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, url
        print(
            f"{label}: median {statistics.median(times):.1f} ms over {args.profile} requests, {len(counted)} queries",
            flush=True,
        )
    for label, urls in paths[0::2]:
        profiler = Profiler(interval=0.0005)
        profiler.start()
        for i in range(args.profile):
            client.get(urls[(i + 7) % len(urls)])
        profiler.stop()
        print(f"--- {label}")
        print(profiler.output_text(unicode=False, color=False, show_all=False, short_mode=False))
    shutil.rmtree(static_root, ignore_errors=True)
    if not args.keep:
        drop_database(db_url)
    return 0


def markers(events):
    """The 10,000-event figures between the bench markers; other sizes have markers of their own."""
    if events == 10_000:
        return START, END
    return f"<!-- bench:{events}:start -->", f"<!-- bench:{events}:end -->"


def count_query(counted, execute, sql, params, many, context):
    counted.append(sql)
    return execute(sql, params, many, context)


def write_docs(passes, verdict, args, generator, pg_version, loads):
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor() or "unknown CPU",
    )
    tables = []
    for title, results, ratio in passes:
        rows = "\n".join(
            f"| {label} | `{path}` | {r['rps']:.0f} | {r['median']:.1f} | {r['p90']:.1f} | {r['p99']:.1f} | {r['errors']} |"
            for label, path, r in results
        )
        tables.append(f"""**{title}**: track page at **{ratio:.1%}** of the bare view.

| what | URL | requests/s | median ms | p90 ms | p99 ms | errors |
| --- | --- | ---: | ---: | ---: | ---: | ---: |
{rows}
""")
    start, end = markers(args.events)
    block = f"""{start}
Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC with `.venv/bin/python bench/bench_timeline.py --events {args.events} --duration {args.duration} --connections {args.connections} --generator {generator}{" --reuse" if args.reuse else ""} --write`:
{args.events:,} events in PostgreSQL {pg_version}; gunicorn with 2 sync workers and `DJANGO_DEBUG=0`;
{args.connections} concurrent connections (2 with the cache off) from `{generator}` on loopback, {args.duration} s per URL after a 2 s warm-up;
{os.cpu_count()} cores ({cpu}) shared by gunicorn, PostgreSQL and the load generator, and by other work on the
machine: 1-minute load average {loads[0]:.1f} before the run and {loads[1]:.1f} after, so absolute figures vary
from run to run; the ratios compare URLs measured minutes apart under the same conditions.

{chr(10).join(tables)}
As deployed, the track page serves **{passes[0][2]:.0%}** of the bare view's throughput: it **{verdict.lower()}** the {TARGET_RATIO:.0%} target.
With the page cache off: track page median **{passes[1][1][1][2]["median"]:.1f} ms** (target <= {TARGET_OFF_MEDIAN_MS} ms) at **{passes[1][2]:.1%}** of the bare view (target >= {TARGET_OFF_RATIO:.0%}); search median **{passes[1][1][4][2]["median"]:.1f} ms**, and **{passes[1][1][5][2]["median"]:.1f} ms** with a different search and filters on every request (no card cached), at {args.events:,} events (search target <= {TARGET_SEARCH_MS} ms at 100,000).
{end}"""
    text = DOCS.read_text(encoding="utf-8") if DOCS.exists() else "# The timeline\n"
    if start in text and end in text:
        text = text[: text.index(start)] + block + text[text.index(end) + len(end) :]
    else:
        text += "\n" + block + "\n"
    DOCS.write_text(text, encoding="utf-8")
    print(f"figures written to {DOCS.relative_to(ROOT)}")


if __name__ == "__main__":
    sys.exit(main())
