#!/usr/bin/env python3
"""Throughput of the track page under gunicorn, beside a bare Django view as the ceiling.

    .venv/bin/python bench/bench_timeline.py [--events 10000] [--duration 10] [--connections 8]
                                            [--generator auto|wrk|python] [--write] [--keep]

What it does, all on this machine:
  1. drops and creates the PostgreSQL database `talks_tracker_bench` (BENCH_DATABASE_URL),
     migrates it and fills it with --events events (bulk_create; a third each of
     statements, meetings and proposals, 150 actors, 1-2 sources each, 3 upcoming meetings);
  2. collects static files and starts gunicorn with 2 sync workers on 127.0.0.1,
     production settings (DJANGO_DEBUG=0) plus one bench-only URL, /bench/bare/: a view
     that returns "ok" through the same middleware: the ceiling;
  3. loads each URL with a generator on loopback (wrk if installed, else a small
     threaded http.client one), bounded by --duration per URL after a warm-up,
     and reports requests per second, median and tail latency; twice: as deployed
     (public pages cached for 30 s) and with the page cache off (every request
     queries PostgreSQL and renders);
  4. with --write, puts the figures into docs/timeline.md between the bench markers.

Target: the track page reaches at least 30% of the bare view's throughput.
A measurement script: never run by the tests.
"""

from __future__ import annotations

import argparse
import http.client
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
        cursor.execute("ANALYZE")
    print(f"  {events} events on /tracks/{track.slug}/ in {time.perf_counter() - started:.1f} s", flush=True)
    call_command("collectstatic", interactive=False, verbosity=0)
    connection.close()
    return track.slug, actors[0].slug


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


# --- Load generators ------------------------------------------------------------------


def load_python(port, path, connections, duration, headers=None, max_requests=500_000):
    """Threads, each doing one GET at a time until the time or request budget is spent."""
    latencies, errors = [], [0]
    lock = threading.Lock()
    deadline = time.perf_counter() + duration

    def worker():
        mine, bad = [], 0
        while time.perf_counter() < deadline and len(latencies) + len(mine) < max_requests:
            t0 = time.perf_counter()
            try:
                status, _ = fetch(port, path, headers)
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
    ap.add_argument("--reuse", action="store_true", help="with --profile: reuse a database kept by --keep")
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
    pg_version = recreate_database(db_url)
    gunicorn = None
    passes = []
    try:
        track_slug, actor_slug = prepare(args.events, static_root)
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
        ]
        for title, extra, pass_connections in PASSES:
            connections = pass_connections or args.connections
            print(title, flush=True)
            port = free_port()
            gunicorn = start_gunicorn({**env, **extra}, port)
            for _, path, headers in targets:  # every page answers properly before it is timed
                status, body = fetch(port, path, headers)
                assert status == 200, (path, status, body[:500])
                if path == track:
                    assert body.count(b'class="card ') >= 30, "the track page shows no timeline"
            results = []
            for label, path, headers in targets:
                load(port, path, connections, 2, headers)  # warm-up: connections, caches
                result = load(port, path, connections, args.duration, headers)
                results.append((label, path, result))
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
    off_track, off_search = off[1][2], off[4][2]
    print(
        f"cache off: track page median {off_track['median']:.1f} ms (target <= {TARGET_OFF_MEDIAN_MS}), "
        f"{passes[1][2]:.1%} of the bare view (target >= {TARGET_OFF_RATIO:.0%}); "
        f"search median {off_search['median']:.1f} ms at {args.events:,} events (target <= {TARGET_SEARCH_MS} at 100,000)"
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
        import django

        sys.path[:0] = [str(ROOT), str(BENCH)]
        django.setup()
        from django.core.management import call_command

        from events.models import Track

        call_command("migrate", interactive=False, verbosity=0)
        call_command("collectstatic", interactive=False, verbosity=0)
        slug = Track.objects.get(name="Bench talks").slug
    else:
        recreate_database(db_url)
        slug, _ = prepare(args.events, static_root)
    from django.db import connection
    from django.db import reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from pyinstrument import Profiler

    client = Client()
    paths = [f"/tracks/{slug}/", f"/tracks/{slug}/?q=ceasefire"]
    for path in paths:
        assert client.get(path).status_code == 200, path  # warm: templates, connections
        with CaptureQueriesContext(connection) as queries:
            client.get(path)
        times = []
        for _ in range(args.profile):
            started = time.perf_counter()
            client.get(path)
            times.append((time.perf_counter() - started) * 1000)
        print(
            f"{path}: median {statistics.median(times):.1f} ms over {args.profile} requests, "
            f"{len(queries.captured_queries)} queries, "
            f"{sum(float(q['time']) for q in queries.captured_queries) * 1000:.1f} ms in them",
            flush=True,
        )
    profiler = Profiler(interval=0.0005)
    profiler.start()
    for _ in range(args.profile):
        client.get(paths[0])
    profiler.stop()
    reset_queries()
    print(profiler.output_text(unicode=False, color=False, show_all=False, short_mode=False))
    shutil.rmtree(static_root, ignore_errors=True)
    if not args.keep:
        drop_database(db_url)
    return 0


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
    block = f"""{START}
Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC with `.venv/bin/python bench/bench_timeline.py --events {args.events} --duration {args.duration} --connections {args.connections} --generator {generator} --write`:
{args.events:,} events in PostgreSQL {pg_version}; gunicorn with 2 sync workers and `DJANGO_DEBUG=0`;
{args.connections} concurrent connections (2 with the cache off) from `{generator}` on loopback, {args.duration} s per URL after a 2 s warm-up;
{os.cpu_count()} cores ({cpu}) shared by gunicorn, PostgreSQL and the load generator, and by other work on the
machine: 1-minute load average {loads[0]:.1f} before the run and {loads[1]:.1f} after, so absolute figures vary
from run to run; the ratios compare URLs measured minutes apart under the same conditions.

{chr(10).join(tables)}
As deployed, the track page serves **{passes[0][2]:.0%}** of the bare view's throughput: it **{verdict.lower()}** the {TARGET_RATIO:.0%} target.
With the page cache off: track page median **{passes[1][1][1][2]["median"]:.1f} ms** (target <= {TARGET_OFF_MEDIAN_MS} ms) at **{passes[1][2]:.1%}** of the bare view (target >= {TARGET_OFF_RATIO:.0%}); search median **{passes[1][1][4][2]["median"]:.1f} ms** at {args.events:,} events.
{END}"""
    text = DOCS.read_text(encoding="utf-8") if DOCS.exists() else "# The timeline\n"
    if START in text and END in text:
        text = text[: text.index(START)] + block + text[text.index(END) + len(END) :]
    else:
        text += "\n" + block + "\n"
    DOCS.write_text(text, encoding="utf-8")
    print(f"figures written to {DOCS.relative_to(ROOT)}")


if __name__ == "__main__":
    sys.exit(main())
