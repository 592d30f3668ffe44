#!/usr/bin/env bash
# A fresh clone installs from the declared files alone: each lock file goes into a new virtualenv
# with --no-deps --require-hashes (nothing resolved, nothing unpinned, every file's hash checked),
# then every project module is imported after django.setup() (tools/import_all.py).
#   bash tools/check_fresh_install.sh          # both locks, venvs under /tmp (removed afterwards)
#   KEEP=1 bash tools/check_fresh_install.sh   # keep the venvs to look around
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
WORK="$(mktemp -d /tmp/fresh-install.XXXXXX)"
[ "${KEEP:-0}" = 1 ] || trap 'rm -rf "$WORK"' EXIT
# Importing opens no database connection; a throwaway SQLite URL keeps any shared database out of it.
export DATABASE_URL="sqlite:///$WORK/import.sqlite3" DJANGO_SETTINGS_MODULE=talks_tracker.settings
status=0
for lock in requirements.lock requirements-dev.lock; do
  venv="$WORK/${lock%.lock}"
  echo "== $lock -> $venv"
  "$PYTHON" -m venv "$venv"
  # (the grep drops this machine's notes about its local package folders; pip's status still counts)
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-deps --require-hashes -r "$lock" 2>&1 \
    | { grep -v "is ignored: it is neither a file nor a directory" || true; }
  "$venv/bin/python" -m pip check
  args=()
  [ "$lock" = requirements-dev.lock ] && args=(--with-tests)
  "$venv/bin/python" tools/import_all.py "${args[@]}" || status=1
done
[ "$status" = 0 ] && echo "fresh install: OK" || echo "fresh install: FAILED"
exit "$status"
