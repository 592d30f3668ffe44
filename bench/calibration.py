"""Is the extractor's confidence a probability? Runs extract() on the evaluation cases, judges each
predicted statement, meeting and proposal with the matching rules of ../shared/eval/score.py (imported
from there by path, never copied), and prints per kind: confidence bin, n, share correct, mean confidence.

    .venv/bin/python bench/calibration.py                  # realnews + public

Judging, per predicted item (as score.py does before its one-to-one pairing):
- statement (direct): right when it lies on a gold quote (80% of its words in it) and its speaker passes
  score.py's speaker_ok; items on an optional gold quote are left out; off-target quotes are wrong.
- meeting / proposal: right when some gold item matches by score.py's meeting_match / proposal_match
  (an item that copies an event already found is counted right here, wrong in score.py).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extraction import extract  # noqa: E402

EVAL = ROOT.parent / "shared" / "eval"
BINS = (0.0, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01)


def load_scorer(path: Path):
    spec = importlib.util.spec_from_file_location("eval_score", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def judge_statements(S, pred: dict, gold: dict) -> list[tuple[float, bool, str]]:
    golds = gold.get("statements", [])
    by_surname = S.namesakes(gold)
    out = []
    for p in pred.get("statements", []):
        if (p.get("kind") or "direct") != "direct":
            continue
        pt = set(S.tokens(p.get("quote")))
        if not pt:
            continue
        best, best_key = None, (0.0, 0.0)
        for g in golds:
            gt = set(S.tokens(g["quote"]))
            key = (len(pt & gt) / len(pt), len(pt & gt) / len(pt | gt))
            if key > best_key:
                best, best_key = g, key
        if best is not None and best_key[0] >= 0.8:
            if best.get("optional"):
                continue
            ok = S.speaker_ok(p.get("speaker"), best, by_surname)
        else:
            ok = False
        out.append((p.get("confidence", 0.5), ok, p.get("quote", "")))
    return out


def judge_items(match, preds: list, golds: list) -> list[tuple[float, bool, str]]:
    return [(p.get("confidence", 0.5), any(match(p, g) for g in golds), "") for p in preds]


def table(rows: list[tuple[float, bool, str]]) -> list[str]:
    lines = ["| confidence | n | share correct | mean confidence |", "| --- | --- | --- | --- |"]
    for lo, hi in zip(BINS, BINS[1:]):
        sel = [r for r in rows if lo <= r[0] < hi]
        if not sel:
            continue
        share = sum(ok for _, ok, _ in sel) / len(sel)
        mean = sum(c for c, _, _ in sel) / len(sel)
        lines.append(f"| {lo:.1f}-{min(hi, 1.0):.1f} | {len(sel)} | {share:.2f} | {mean:.2f} |")
    total = sum(ok for _, ok, _ in rows)
    lines.append(
        f"| all | {len(rows)} | {total / max(1, len(rows)):.2f} | "
        f"{sum(c for c, _, _ in rows) / max(1, len(rows)):.2f} |"
    )
    return lines


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("dirs", nargs="*", default=[str(EVAL / "realnews"), str(EVAL / "public")])
    ap.add_argument("--score", default=str(EVAL / "score.py"))
    args = ap.parse_args()
    S = load_scorer(Path(args.score))
    kinds: dict[str, list] = defaultdict(list)
    for d in args.dirs:
        for gpath in sorted(Path(d).glob("*.gold.json")):
            gold = json.loads(gpath.read_text(encoding="utf-8"))
            text = gpath.with_name(gpath.name[: -len(".gold.json")] + ".txt").read_text(encoding="utf-8")
            pred = extract(text, gold.get("published")).to_dict()
            kinds["statement"] += judge_statements(S, pred, gold)
            kinds["meeting"] += judge_items(S.meeting_match, pred.get("meetings", []), gold.get("meetings", []))
            kinds["proposal"] += judge_items(S.proposal_match, pred.get("proposals", []), gold.get("proposals", []))
    print("cases:", ", ".join(Path(d).name for d in args.dirs))
    for kind in ("statement", "meeting", "proposal"):
        print(f"\n{kind}")
        print("\n".join(table(kinds[kind])))


if __name__ == "__main__":
    main()
