#!/usr/bin/env bash
# Apply what ruff can fix without changing behaviour, then show what is left for a person.
#   bash tools/fix_lint.sh          # fix, format, then the full `make lint` report
#   bash tools/fix_lint.sh --diff   # show the changes ruff would make, change nothing
# Only ruff's *safe* fixes are applied (never --unsafe-fixes): import order, `X | None` for
# Optional[X], datetime.UTC, duplicate set members, unused imports and stale `# noqa`s; then
# `ruff format` (Black style, 120 columns). Run the tests afterwards; commit the result alone
# ("ruff check --fix + ruff format, no behaviour change") so that `git blame` can skip it.
set -uo pipefail
cd "$(dirname "$0")/.."
BIN="${VENV:-.venv}/bin"
if [ "${1:-}" = "--diff" ]; then
  "$BIN/ruff" check --fix --diff . || true
  "$BIN/ruff" format --diff . || true
  exit 0
fi
echo ">>> ruff check --fix (safe fixes only)"
"$BIN/ruff" check --fix --output-format concise --quiet . >/dev/null
"$BIN/ruff" check --statistics . | sed 's/^/    /'
echo ">>> ruff format"
"$BIN/ruff" format .
echo ">>> what remains (tools/lint.sh)"
VENV="${VENV:-.venv}" bash tools/lint.sh
