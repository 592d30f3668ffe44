"""Every third-party module the code imports must be declared in a requirements file.

Runtime code (everything outside tests/, bench/ and tools/) must be covered by requirements.txt;
tests, benches and tools by requirements.txt plus requirements-dev.txt. A package that arrives only
as another package's dependency is not declared: the day that package drops it, the import breaks.

Imports are read from the source (the AST), including those inside functions and ``try`` blocks,
and mapped to the distribution that provides them with importlib.metadata.packages_distributions()
of the interpreter that runs this script, so run it with the project's virtualenv:

    .venv/bin/python tools/check_imports.py          # exit 1 when something is undeclared
    .venv/bin/python tools/check_imports.py --verbose  # also list every import and its distribution
"""

from __future__ import annotations

import argparse
import ast
import re
import subprocess
import sys
from collections import defaultdict
from importlib.metadata import packages_distributions
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEV_DIRS = ("tests", "bench", "tools")
# Declared on purpose although no module imports them: loaded by name (gunicorn by the Dockerfile,
# django-htmx and whitenoise by settings strings, lxml as BeautifulSoup's "lxml" parser, brotli by
# urllib3, lxml_html_clean by trafilatura) or tools run as commands.
NOT_IMPORTED_OK = {
    "gunicorn",
    "django-htmx",
    "whitenoise",
    "lxml",
    "brotli",
    "lxml-html-clean",
    "pytest-django",
    "ruff",
    "mypy",
    "django-stubs",
    "django-stubs-ext",
    "celery-types",
    "import-linter",
    "vulture",
    "uv",
    "types-requests",
    "types-dateparser",
    "lxml-stubs",
}


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def read_requirements(path: Path, seen: set[Path] | None = None) -> set[str]:
    """Distribution names declared in a requirements file, following ``-r other.txt``."""
    seen = seen if seen is not None else set()
    if path in seen or not path.exists():
        return set()
    seen.add(path)
    names: set[str] = set()
    for raw in path.read_text().splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith(("-r ", "--requirement ")):
            names |= read_requirements(path.parent / line.split(None, 1)[1], seen)
            continue
        if line.startswith("-"):
            continue
        match = re.match(r"[A-Za-z0-9][A-Za-z0-9._-]*", line)
        if match:
            names.add(normalise(match.group(0)))
    return names


def project_files() -> list[Path]:
    """The Python files git tracks plus the untracked ones it does not ignore (work in progress)."""
    try:
        out = subprocess.run(
            ["git", "ls-files", "--cached", "--others", "--exclude-standard", "*.py"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):  # an unpacked tarball: every .py outside virtualenvs
        return sorted(p for p in ROOT.rglob("*.py") if not {".venv", "venv", "node_modules"} & set(p.parts))
    return sorted(ROOT / line for line in out.splitlines() if line and (ROOT / line).exists())


def top_level_imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--verbose", action="store_true", help="list every third-party import")
    args = parser.parse_args()

    runtime_declared = read_requirements(ROOT / "requirements.txt")
    dev_declared = read_requirements(ROOT / "requirements-dev.txt") | runtime_declared
    module_to_dists = packages_distributions()
    files = project_files()
    local = {p.relative_to(ROOT).parts[0].removesuffix(".py") for p in files}
    stdlib = set(sys.stdlib_module_names)

    # distribution -> {"runtime": files, "dev": files}
    used: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    unknown: dict[str, set[str]] = defaultdict(set)
    for path in files:
        rel = path.relative_to(ROOT)
        scope = "dev" if rel.parts[0] in DEV_DIRS else "runtime"
        for module in top_level_imports(path):
            if module in stdlib or module in local or module == "__future__":
                continue
            # a script's sibling module (bench/memserver.py), importable because the script's folder is on sys.path
            if (path.parent / f"{module}.py").exists() or (path.parent / module / "__init__.py").exists():
                continue
            dists = module_to_dists.get(module)
            if not dists:
                unknown[module].add(str(rel))
                continue
            for dist in dists:
                used[normalise(dist)][scope].add(str(rel))

    problems = 0
    for dist in sorted(used):
        scopes = used[dist]
        if scopes.get("runtime") and dist not in runtime_declared:
            where = "requirements-dev.txt only" if dist in dev_declared else "nowhere"
            files_ = ", ".join(sorted(scopes["runtime"])[:4])
            print(f"UNDECLARED runtime dependency {dist} (declared {where}); imported by {files_}")
            problems += 1
        elif scopes.get("dev") and dist not in dev_declared:
            files_ = ", ".join(sorted(scopes["dev"])[:4])
            print(f"UNDECLARED dev dependency {dist}; imported by {files_}")
            problems += 1
        elif args.verbose:
            print(f"ok {dist}: " + "; ".join(f"{s} {len(f)} files" for s, f in sorted(scopes.items())))
    for module in sorted(unknown):
        print(f"NOT INSTALLED module {module}; imported by {', '.join(sorted(unknown[module])[:4])}")
        problems += 1
    for dist in sorted((dev_declared - set(used)) - NOT_IMPORTED_OK):
        print(f"note: {dist} is declared but no module imports it")
    print(f"{len(files)} files, {len(used)} third-party distributions imported, {problems} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
