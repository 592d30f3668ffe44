#!/usr/bin/env bash
# `make lint`: ruff, ruff format, mypy, import-linter, signatures (keyword-only services and
# selectors), vulture, declared imports, missing
# migrations and Django's system checks. Every check runs (one run shows everything), then the
# exit status is non-zero if any failed. Configuration: pyproject.toml ([tool.ruff], [tool.mypy],
# [tool.importlinter], [tool.vulture]). Fix what ruff can fix safely with tools/fix_lint.sh.
set -uo pipefail
cd "$(dirname "$0")/.."
BIN="${VENV:-.venv}/bin"
# mypy's Django plugin loads the settings: keep it off any shared database.
export DATABASE_URL="${LINT_DATABASE_URL:-sqlite:////tmp/talks-tracker-lint.sqlite3}"
failed=()
step() {
  local name="$1"; shift
  echo ">>> $name: $*"
  if "$@"; then echo "<<< $name: ok"; else echo "<<< $name: FAILED"; failed+=("$name"); fi
}
step ruff "$BIN/ruff" check --output-format concise .
step ruff-format "$BIN/ruff" format --check --output-format concise .
step mypy "$BIN/mypy"
step import-linter "$BIN/lint-imports"
step signatures "$BIN/python" tools/check_signatures.py
# the names Django reads from models and templates, regenerated so vulture never goes stale
"$BIN/python" tools/make_vulture_whitelist.py >/dev/null || failed+=("vulture-whitelist")
step vulture "$BIN/vulture"
step declared-imports "$BIN/python" tools/check_imports.py
# a model change without its migration, and Django's own system checks
step migrations "$BIN/python" manage.py makemigrations --check --dry-run
step django-check "$BIN/python" manage.py check --fail-level WARNING
if [ "${#failed[@]}" -gt 0 ]; then
  echo "lint FAILED: ${failed[*]}"
  exit 1
fi
echo "lint: all checks passed"
