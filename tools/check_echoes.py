"""Words of the evaluation texts must not come back in the project: list every run of seven words
that a tracked file (code, comments, tests, fixtures, sample data, docs) shares with an evaluation
text, and exit 1 if there is one.

A development check, not a CI one: the evaluation texts live outside the repository (by default
../shared beside the checkout) and are never copied into it; without them it says so and exits 0.

    python tools/check_echoes.py [--shared DIR] [--words N] [files...]
"""

import argparse
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The development and evaluation sets: public cases, real articles, PolNeAR's dev split.
SETS = ("eval/public", "eval/realnews", "realdata/polnear-dev")
SKIP_SUFFIXES = (".png", ".ico", ".jpg", ".gif", ".lock", ".sqlite3")


def runs(text: str, n: int) -> set[str]:
    words = re.findall(r"[a-z0-9']+", text.lower())
    return {" ".join(words[i : i + n]) for i in range(len(words) - n + 1)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--words", type=int, default=7)
    parser.add_argument("files", nargs="*")
    args = parser.parse_args()
    texts = [p for s in SETS for p in sorted((args.shared / s).glob("*.txt"))]
    if not texts:
        print(f"echoes: no evaluation texts under {args.shared}; nothing checked")
        return 0
    source: dict[str, str] = {}
    for path in texts:
        for run in runs(path.read_text(errors="ignore"), args.words):
            source.setdefault(run, path.name)
    files = (
        args.files
        or subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    )
    shared = 0
    for name in files:
        path = ROOT / name
        if name.endswith(SKIP_SUFFIXES) or not path.is_file():
            continue
        hits = sorted(runs(path.read_text(errors="ignore"), args.words) & source.keys())
        for run in hits:
            print(f"{name}: {run!r} <- {source[run]}")
        shared += len(hits)
    print(f"echoes: {shared} runs of {args.words} words shared with {len(texts)} evaluation texts")
    return 1 if shared else 0


if __name__ == "__main__":
    sys.exit(main())
