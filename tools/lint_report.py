"""What `make lint` finds, as one Markdown page grouped by file: a table of counts, then each finding.

    .venv/bin/python tools/lint_report.py                 # to stdout
    .venv/bin/python tools/lint_report.py -o report.md

Runs the same tools with the same configuration as tools/lint.sh (pyproject.toml); exit 0 always:
it reports, `make lint` judges. Ruff findings marked [fix] go away with tools/fix_lint.sh.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
from collections import Counter
from collections import defaultdict
from datetime import UTC
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TOOLS = ["ruff", "ruff-format", "mypy", "import-linter", "vulture", "declared-imports", "migrations", "django-check"]


FAILED_RUNS: list[tuple[str, str]] = []


def run(*cmd: str, ok: tuple[int, ...] = (0, 1)) -> str:
    env = dict(os.environ)
    env.setdefault("DATABASE_URL", "sqlite:////tmp/talks-tracker-lint.sqlite3")
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, env=env)
    if proc.returncode not in ok:  # "found something" is 1 (vulture: 3); anything else is the tool failing
        FAILED_RUNS.append((" ".join(cmd), (proc.stdout + proc.stderr).strip()[-2000:]))
    return proc.stdout + proc.stderr


def module_path(module: str) -> str:
    base = ROOT.joinpath(*module.split("."))
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.exists():
            return str(candidate.relative_to(ROOT))
    return module


def collect(bin_dir: Path) -> dict[str, dict[str, list[str]]]:
    """tool -> file -> findings (one line each)."""
    found: dict[str, dict[str, list[str]]] = {tool: defaultdict(list) for tool in TOOLS}

    out = run(str(bin_dir / "ruff"), "check", "--output-format", "json", ".")
    for item in json.loads(out or "[]"):
        path = str(Path(item["filename"]).relative_to(ROOT))
        fix = " [fix]" if item.get("fix") and item["fix"].get("applicability") == "safe" else ""
        found["ruff"][path].append(f"{item['location']['row']}: {item['code']} {item['message']}{fix}")

    out = run(str(bin_dir / "ruff"), "format", "--check", "--output-format", "concise", ".")
    for line in out.splitlines():
        if "would be reformatted" in line and line.split(":", 1)[0].endswith(".py"):
            found["ruff-format"][line.split(":", 1)[0]].append("would be reformatted [fix]")

    out = run(str(bin_dir / "mypy"), "--hide-error-context", "--no-pretty")
    for line in out.splitlines():
        m = re.match(r"(.+?):(\d+): error: (.*)", line)
        if m:
            found["mypy"][m.group(1)].append(f"{m.group(2)}: {m.group(3)}")

    out = run(str(bin_dir / "lint-imports"), "--no-cache")
    contract = ""
    seen: set[tuple[str, str]] = set()
    lines = out.splitlines()
    for i, line in enumerate(lines):
        if i + 1 < len(lines) and set(lines[i + 1]) == {"-"} and line.strip() and not line.startswith("-"):
            contract = line.strip()
        m = re.match(r"\s*-\s+(\S+) -> (\S+) \(l\.(\d+)\)", line)
        if m and (m.group(1), m.group(2) + m.group(3)) not in seen:
            seen.add((m.group(1), m.group(2) + m.group(3)))
            found["import-linter"][module_path(m.group(1))].append(
                f"{m.group(3)}: imports {m.group(2)} (contract: {contract})"
            )

    run(str(bin_dir / "python"), "tools/make_vulture_whitelist.py")
    out = run(str(bin_dir / "vulture"), ok=(0, 3))
    for line in out.splitlines():
        m = re.match(r"(.+?):(\d+): (.*)", line)
        if m:
            found["vulture"][m.group(1)].append(f"{m.group(2)}: {m.group(3)}")

    out = run(str(bin_dir / "python"), "tools/check_imports.py")
    for line in out.splitlines():
        if line.startswith(("UNDECLARED", "NOT INSTALLED")):
            found["declared-imports"]["requirements.txt"].append(line)
    out = run(str(bin_dir / "python"), "manage.py", "makemigrations", "--check", "--dry-run")
    if "No changes detected" not in out:
        found["migrations"]["(models)"].append(" ".join(out.split())[:500])
    out = run(str(bin_dir / "python"), "manage.py", "check", "--fail-level", "WARNING")
    for line in out.splitlines():
        if re.match(r"\S+: \([a-z_.]+\.[EW]\d+\)", line):
            found["django-check"]["(system checks)"].append(line.strip())
    return found


def report(found: dict[str, dict[str, list[str]]]) -> str:
    totals = {tool: sum(len(v) for v in found[tool].values()) for tool in TOOLS}
    files = sorted({f for tool in TOOLS for f in found[tool]})
    out = [
        "# Lint findings (`make lint`)",
        "",
        f"Generated {datetime.now(UTC):%Y-%m-%d %H:%M} UTC by `.venv/bin/python tools/lint_report.py` on the working tree"
        " (uncommitted work of other helpers included). `[fix]`: removed by `bash tools/fix_lint.sh`.",
        "",
        "| tool | findings | files |",
        "| --- | ---: | ---: |",
    ]
    out += [f"| {tool} | {totals[tool]} | {len(found[tool])} |" for tool in TOOLS]
    out.append(f"| **all** | **{sum(totals.values())}** | **{len(files)}** |")
    codes: Counter[str] = Counter()
    for items in found["ruff"].values():
        codes.update(item.split(" ", 2)[1] for item in items)
    if codes:
        out += ["", "Ruff rules: " + ", ".join(f"{code} {n}" for code, n in codes.most_common()), ""]
    mypy_codes: Counter[str] = Counter()
    for items in found["mypy"].values():
        mypy_codes.update(m for item in items for m in re.findall(r"\[([a-z-]+)\]$", item))
    if mypy_codes:
        out += ["mypy error codes: " + ", ".join(f"{code} {n}" for code, n in mypy_codes.most_common()), ""]
    for cmd, tail in FAILED_RUNS:
        out += [f"**The tool failed to run** (its findings are missing above): `{cmd}`", "```", tail, "```", ""]
    out += ["## By file", "", "| file | " + " | ".join(TOOLS) + " |", "| --- |" + " ---: |" * len(TOOLS)]
    for f in files:
        out.append(f"| {f} | " + " | ".join(str(len(found[t].get(f, [])) or "") for t in TOOLS) + " |")
    out += ["", "## Details", ""]
    for f in files:
        out.append(f"### {f}")
        for tool in TOOLS:
            items = found[tool].get(f, [])
            if items:
                out.append(f"- **{tool}** ({len(items)}):")
                out += [f"  - {item}" for item in items]
        out.append("")
    return "\n".join(out) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-o", "--output", help="write the Markdown here instead of stdout")
    parser.add_argument("--venv", default=os.environ.get("VENV", str(ROOT / ".venv")))
    args = parser.parse_args()
    text = report(collect(Path(args.venv) / "bin"))
    if args.output:
        Path(args.output).write_text(text)
        print(f"wrote {args.output}")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
