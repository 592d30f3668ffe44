# Two commands on a fresh clone: `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8000

.PHONY: demo test venv worker beat bench clean

$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

venv: $(VENV)/.installed

demo: $(VENV)/.installed
	$(PY) manage.py demo --port $(PORT)

test: $(VENV)/.installed
	$(PY) -m pytest $(PYTEST_ARGS)

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
