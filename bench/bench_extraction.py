#!/usr/bin/env python3
"""Time extraction.extract() over article texts, on one core.

    .venv/bin/python bench/bench_extraction.py [DIR_OR_FILE ...] [--repeat N]

Defaults to the public evaluation cases and the PolNeAR dev articles in ../shared (a measurement
script, never run by the tests). Prints articles/s and words/s, and the rate normalised to
600-word articles.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DEFAULTS = [ROOT.parent / "shared" / "eval" / "public", ROOT.parent / "shared" / "realdata" / "polnear-dev"]


def load(paths):
    items = []
    for p in paths:
        p = Path(p)
        files = sorted(p.glob("*.txt")) if p.is_dir() else [p]
        for f in files:
            gold = f.with_name(f.name[:-4] + ".gold.json")
            pub = None
            if gold.exists():
                pub = json.loads(gold.read_text(encoding="utf-8")).get("published")
            items.append((f.read_text(encoding="utf-8"), pub))
    return items


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("paths", nargs="*", default=[str(p) for p in DEFAULTS])
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    try:
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})  # one core
    except (AttributeError, OSError):
        pass
    from extraction import VERSION
    from extraction import extract

    items = load(args.paths)
    if not items:
        print("no articles found", file=sys.stderr)
        return 2
    t0 = time.perf_counter()
    for text, pub in items:  # warm-up pass: lazy gazetteer tables (cities, towns) are loaded once per process
        extract(text, pub)
    warm = time.perf_counter() - t0
    words = sum(len(t.split()) for t, _ in items)
    best = best_cpu = None
    for _ in range(args.repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        for text, pub in items:
            extract(text, pub)
        el, cpu = time.perf_counter() - t0, time.process_time() - c0
        best = el if best is None else min(best, el)
        best_cpu = cpu if best_cpu is None else min(best_cpu, cpu)
    n = len(items)
    wps = words / best
    print(
        f"extraction {VERSION}: {n} articles, {words} words, best of {args.repeat}: {best:.3f}s "
        f"(warm-up pass incl. gazetteer load {warm:.2f}s)"
    )
    print(f"{n / best:.1f} articles/s, {wps:.0f} words/s, = {wps / 600:.1f} articles/s at 600 words (one core)")
    # on a shared machine wall time includes waiting for the core; CPU time is the extractor's own cost
    print(f"CPU time {best_cpu:.3f}s: = {words / best_cpu / 600:.1f} articles/s at 600 words of CPU")
    long_texts(items, extract)
    return 0


def long_texts(items, extract) -> None:
    """Long input: the articles joined into one text of each size. Below the bound (core.MAX_CHARS) the
    time per character should stay flat (linear growth); above it the text is cut with a warning."""
    from extraction import core

    joined = "\n".join(t for t, _ in items)
    pub = items[0][1]
    for size in (25_000, 50_000, 100_000, 1_000_000, 2_000_000):
        text = (joined * (size // len(joined) + 1))[:size]
        t0, c0 = time.perf_counter(), time.process_time()
        r = extract(text, pub)
        el, cpu = time.perf_counter() - t0, time.process_time() - c0
        note = f" ({r.warnings[0]})" if r.warnings else ""
        print(
            f"{size:>9,} chars: {el:.3f}s wall, {cpu:.3f}s CPU, {cpu / min(size, core.MAX_CHARS) * 1e6:.2f} us CPU/char kept{note}"
        )


if __name__ == "__main__":
    sys.exit(main())
