# Two commands on a fresh clone: `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8000

.PHONY: demo test lint fix lock fresh-install venv worker beat bench score clean

# One virtualenv for every target: the dev lock (runtime packages plus test, lint and type tools,
# exact versions with hashes). `make demo` uses it too, so `make demo` then `make test` on a fresh
# clone installs once and runs on the very versions CI tested; the production image (Dockerfile)
# installs the runtime lock alone. An existing .venv is reused, never recreated.
$(VENV)/.installed: requirements.lock requirements-dev.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet --require-hashes -r requirements-dev.lock
	touch $@

venv: $(VENV)/.installed

demo: $(VENV)/.installed
	$(PY) manage.py demo --port $(PORT)

test: $(VENV)/.installed
	$(PY) -m pytest $(PYTEST_ARGS)

# ruff (lint and format check), mypy, import-linter, vulture, declared imports; all run, then it
# fails if any failed. tools/fix_lint.sh applies ruff's safe fixes; docs/development.md explains.
lint: $(VENV)/.installed
	VENV=$(VENV) bash tools/lint.sh

# ruff's safe fixes and ruff format, then what is left (tools/fix_lint.sh); review and test the diff.
fix: $(VENV)/.installed
	VENV=$(VENV) bash tools/fix_lint.sh

# Pin requirements.txt and requirements-dev.txt (with their dependencies) to exact versions with
# hashes. Keeps the pins already in the lock files unless a requirement needs another version;
# `make lock LOCK_ARGS=--upgrade` moves everything to the newest allowed versions.
LOCK_ARGS ?=
UV_COMPILE = UV_CUSTOM_COMPILE_COMMAND="make lock" $(VENV)/bin/uv pip compile --quiet --generate-hashes --python $(PY) $(LOCK_ARGS)
lock: $(VENV)/.installed
	$(UV_COMPILE) requirements.txt -o requirements.lock
	$(UV_COMPILE) requirements-dev.txt -c requirements.lock -o requirements-dev.lock
	$(PY) tools/check_imports.py

# What a fresh clone gets: both locks installed with --no-deps into new virtualenvs in /tmp, then
# every project module imported (tests too, with the dev lock).
fresh-install:
	PYTHON=$(PYTHON) bash tools/check_fresh_install.sh

worker: $(VENV)/.installed
	$(VENV)/bin/celery -A talks_tracker worker -l info

beat: $(VENV)/.installed
	$(VENV)/bin/celery -A talks_tracker beat -l info

# Measurements, not tests: each script prints its figures; docs/*.md hold the last results.
# The ones marked (pg) need PostgreSQL on 127.0.0.1.
bench: $(VENV)/.installed
	$(PY) bench/bench_extraction.py
	$(PY) bench/consolidation_report.py
	$(PY) bench/bench_admin.py
	DATABASE_URL=postgres://postgres@127.0.0.1:5432/talks_tracker $(PY) bench/bench_ingest.py  # (pg)
	$(PY) bench/bench_timeline.py  # (pg)
	$(PY) bench/bench_digests.py

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles .pytest_cache

# The extraction score lines on public, realnews and polnear-dev (bench/score_all.py; -v for notes).
score: $(VENV)/.installed
	$(PY) bench/score_all.py $(SCORE_ARGS)
