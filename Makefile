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

bench: $(VENV)/.installed
	$(PY) bench/bench_extraction.py

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles .pytest_cache
