# newsframe: `make report` runs every notebook on a corpus and exports HTML; `make test` runs the tests.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
CORPUS ?= seeds
SHOW_CODE ?= 0
BY ?=

.PHONY: setup chromium report figures test lab bench
setup: $(VENV)/.installed chromium

# Headless Chromium opens the exported reports in the tests (Debian package; playwright drives it).
chromium:
	@command -v chromium >/dev/null 2>&1 || { echo "installing Debian's chromium for the browser tests"; \
	  (apt-get update -q && apt-get install -y -q chromium) >/dev/null 2>&1 || \
	  (sudo apt-get update -q && sudo apt-get install -y -q chromium) >/dev/null 2>&1 || \
	  echo "could not install chromium: install it yourself (apt-get install chromium)"; }

$(VENV)/.installed: requirements.txt pyproject.toml
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "need $(PYTHON) (Python 3.11)"; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

# Everything a report run writes goes under reports/ (figures in reports/figures): no tracked file changes.
report: setup
	$(PY) -m newsframe report --corpus $(CORPUS) --out reports --show-code $(SHOW_CODE) --by "$(BY)"

# The seeds' figures committed in figures/ (the README picture): refreshed only by this target.
figures: setup
	$(PY) -m newsframe report --corpus seeds --out build/figures-run --figures figures

test: setup
	$(PY) -m pytest -q

lab: setup
	$(VENV)/bin/jupyter lab notebooks/

bench: setup
	$(PY) bench/clean_bench.py
	$(PY) bench/page_reading_bench.py
	$(PY) bench/timex_bench.py
	$(PY) bench/event_date_bench.py
	$(PY) bench/story_event_bench.py
	$(PY) bench/story_event_bench.py --data ../shared/benchmarks/timex/timebank.jsonl --gold bench/gold/timebank_event_dates.jsonl
	$(PY) bench/report_bench.py
