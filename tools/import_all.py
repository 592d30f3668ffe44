"""Import every module of the project, after django.setup(): a fresh install is complete when this passes.

The check for "a fresh clone installs from the declared files alone": in a new virtualenv,

    python -m venv /tmp/fresh && /tmp/fresh/bin/pip install --no-deps --require-hashes -r requirements.lock
    /tmp/fresh/bin/python tools/import_all.py                 # the runtime packages
    (same with requirements-dev.lock, then tools/import_all.py --with-tests)

`tools/check_fresh_install.sh` does both. No database is touched: importing a module opens no connection.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SKIP_DIRS = {"bench", "tools", "docs", "static", "templates", "sample_data"}


def modules(with_tests: bool) -> list[str]:
    names = []
    for package in sorted(p.parent for p in ROOT.glob("*/__init__.py")):
        if package.name in SKIP_DIRS or (package.name == "tests" and not with_tests):
            continue
        for path in sorted(package.rglob("*.py")):
            parts = path.relative_to(ROOT).with_suffix("").parts
            if "__pycache__" in parts or not all(
                (ROOT.joinpath(*parts[:i]) / "__init__.py").exists() for i in range(1, len(parts))
            ):
                continue  # a loose script inside a non-package folder
            names.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return names


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--with-tests", action="store_true", help="also import tests/ (needs the dev packages)")
    args = parser.parse_args()

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "talks_tracker.settings")
    import django

    django.setup()
    failed = 0
    names = modules(args.with_tests)
    for name in names:
        if name.endswith("__main__"):
            continue  # running a package's __main__ is not importing it
        try:
            importlib.import_module(name)
        except Exception:  # report every broken module, not just the first
            failed += 1
            print(f"FAILED {name}")
            traceback.print_exc(limit=3)
    print(f"imported {len(names) - failed} of {len(names)} modules with {sys.executable}; {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
