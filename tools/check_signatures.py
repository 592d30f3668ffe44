"""Services and selectors take keyword-only arguments (HackSoft): a public top-level function of a
service or selector module has at most one positional parameter, its subject; every other parameter
comes after `*`. ruff has no such rule, so this small AST check enforces it (stdlib only).

    .venv/bin/python tools/check_signatures.py           # violations and a summary; exit 1 if any
    .venv/bin/python tools/check_signatures.py --list    # every public function, OK or not
    .venv/bin/python tools/check_signatures.py FILE...   # only these modules

Checked modules: APP/services.py and APP/selectors.py of every app in APPS, and digests' service
modules in EXTRA. Private functions (a leading underscore), methods and tasks are not checked:
Celery serialises a task's arguments, so tasks may stay positional.
"""

from __future__ import annotations

import argparse
import ast
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APPS = ("events", "sources", "digests", "desk")
PATTERNS = ("services.py", "selectors.py")
# digests/services.py was split along its seams; these modules hold service functions too.
EXTRA = tuple(f"digests/{name}.py" for name in ("claiming", "subscriptions", "smtp", "links", "rendering", "schedule"))


def modules(root: Path) -> list[Path]:
    """The service and selector modules under root that exist."""
    found = {root / app / pattern for app in APPS for pattern in PATTERNS}
    found.update(root / extra for extra in EXTRA)
    return sorted(p for p in found if p.is_file())


def positional(args: ast.arguments) -> list[str]:
    """The parameters a caller may pass by position (*args counts as one)."""
    names = [a.arg for a in args.posonlyargs + args.args]
    if args.vararg is not None:
        names.append("*" + args.vararg.arg)
    return names


def public_functions(path: Path) -> Iterator[ast.FunctionDef | ast.AsyncFunctionDef]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and not node.name.startswith("_"):
            yield node


def shown(path: Path, root: Path) -> str:
    try:
        return str(path.resolve().relative_to(root.resolve()))
    except ValueError:
        return str(path)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("files", nargs="*", type=Path, help="modules to check (default: the project's)")
    ap.add_argument("--root", type=Path, default=ROOT, help="project root (default: this checkout)")
    ap.add_argument("--list", action="store_true", help="print every public function, not only violations")
    args = ap.parse_args(argv)
    paths = args.files or modules(args.root)
    functions = violations = 0
    for path in paths:
        for node in public_functions(path):
            functions += 1
            bad = len(positional(node.args)) > 1
            violations += bad
            if bad or args.list:
                mark = "" if not args.list else ("  VIOLATION" if bad else "  OK")
                print(f"{shown(path, args.root)}:{node.lineno} {node.name}({ast.unparse(node.args)}){mark}")
    print(f"signatures: {functions} public functions in {len(paths)} modules, {violations} violations")
    return 1 if violations else 0


if __name__ == "__main__":
    sys.exit(main())
