"""One command for the extraction score lines: public, realnews and polnear-dev.

    .venv/bin/python bench/score_all.py            # the three summary lines
    .venv/bin/python bench/score_all.py -v         # with score.py's per-case notes
    .venv/bin/python bench/score_all.py realnews   # one set

The extractor runs in this process (one import, no subprocess per case) and writes NAME.json
predictions to a temporary folder; ../shared/eval/score.py then scores them with --pred, so the
figures are the scorer's own. `make score` runs this.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extraction import extract  # noqa: E402

SHARED = ROOT.parent / "shared"
SETS = {
    "public": SHARED / "eval" / "public",
    "realnews": SHARED / "eval" / "realnews",
    "polnear-dev": SHARED / "realdata" / "polnear-dev",
}


def predict(cases: Path, out: Path) -> float:
    """Extract every NAME.txt of cases into out/NAME.json; returns the seconds spent extracting."""
    spent = 0.0
    for gold_path in sorted(cases.glob("*.gold.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        text = gold_path.with_name(gold_path.name.replace(".gold.json", ".txt")).read_text(encoding="utf-8")
        t0 = time.perf_counter()
        result = extract(text, gold.get("published"))
        spent += time.perf_counter() - t0
        name = gold_path.name.replace(".gold.json", ".json")
        (out / name).write_text(json.dumps(result.to_dict(), ensure_ascii=False), encoding="utf-8")
    return spent


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("sets", nargs="*", default=list(SETS))
    ap.add_argument("-v", "--verbose", action="store_true", help="print score.py's per-case notes")
    args = ap.parse_args(argv)
    scorer = SHARED / "eval" / "score.py"
    for name in args.sets or list(SETS):
        cases = SETS[name]
        if not cases.is_dir():
            print(f"{name}: {cases} not found")
            continue
        with tempfile.TemporaryDirectory(prefix=f"score-{name}-") as tmp:
            secs = predict(cases, Path(tmp))
            proc = subprocess.run(
                [sys.executable, str(scorer), str(cases), "--pred", tmp], capture_output=True, text=True
            )
        lines = proc.stdout.rstrip().splitlines()
        if args.verbose:
            print("\n".join(lines[:-1]))
        print(f"{name}: {lines[-1] if lines else proc.stderr.strip()[-300:]}  ({secs:.1f}s extracting)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
