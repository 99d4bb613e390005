# Parallax — `make run` serves the seeds on http://127.0.0.1:8000, `make test` runs every test.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
DB ?= data/parallax.db
CHROMIUM ?= /usr/bin/chromium
# Test processes (pytest-xdist): `make test TEST_WORKERS=0` runs them in this one.
TEST_WORKERS ?= 2

.PHONY: run install install-test chromium test test-postgres lint fuzz bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

run: install
	$(BIN)/parallax ingest seeds/ --db $(DB)
	$(BIN)/parallax serve --host 127.0.0.1 --port 8000 --db $(DB)

chromium:
	@if [ ! -x "$(CHROMIUM)" ]; then \
	  if [ "$$(id -u)" = "0" ]; then \
	    echo "Installing Debian's chromium for the browser tests"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else \
	    echo "The browser tests need Chromium at $(CHROMIUM): run 'sudo apt-get install chromium' (or set CHROMIUM=/path)"; \
	    exit 1; \
	  fi; \
	fi

test: install-test chromium
	CHROMIUM=$(CHROMIUM) $(BIN)/pytest -q -n $(TEST_WORKERS)

# The same suite on PostgreSQL: Debian's postgresql (installed when missing, as root) started on
# a throwaway data folder and a unix socket of its own (PG_PORT, 55432 by default), every test
# database made on it and dropped, the server stopped when the tests end, passed or not. Tests
# about SQLite itself (its files, query plans, a killed writer) are skipped there, each saying so.
# Only the tests that open a database run there: every page (its unit tests), ingest,
# reprocess, search, corrections, exports, the API and the writers that meet. Those of
# extraction, reading files and the linking algorithms never touch a database and have run under
# `make test` already: left out, so that `.ci/run` (both suites) keeps within 15 minutes.
# The browser tests are half the suite's time. What the pages do in Chromium (htmx swaps, keys,
# layouts) does not depend on the backend, and every page's server side runs on PostgreSQL in
# the page tests; two browser files stay: a figure's panel (the reader's core) and search with
# an edit (PostgreSQL's own full-text search and a write, through a real server).
BROWSER_ON_POSTGRES := test_browser_reader_panels.py test_browser_search_edit.py
BROWSER_SQLITE_ONLY := $(addprefix --ignore=,$(filter-out $(addprefix tests/browser/,$(BROWSER_ON_POSTGRES)),$(wildcard tests/browser/test_*.py)))
PG_PORT ?= 55432
NO_DATABASE := $(addprefix --ignore=tests/,test_bench_record.py test_export.py \
  test_ingest_caption_date.py test_ingest_formats.py test_ingest_furniture.py \
  test_ingest_headline.py test_ingest_seeds.py test_ingest_segment.py test_ingest_sources.py \
  test_ingest_stamps.py test_ingest_units.py test_link_arrays.py test_link_bcubed.py \
  test_link_figures.py test_link_statements.py test_link_stories.py test_services_geo.py \
  test_services_labels.py test_services_places.py test_services_topic_dispute.py \
  test_services_topics.py) --ignore-glob='tests/test_extract_*' $(BROWSER_SQLITE_ONLY)
test-postgres: install-test chromium
	CHROMIUM=$(CHROMIUM) PG_PORT=$(PG_PORT) scripts/test-postgres.sh -q -n $(TEST_WORKERS) $(NO_DATABASE)

lint: install-test
	$(BIN)/ruff check app tests bench
	$(BIN)/mypy app

# Generated texts through reading and every extractor: prints how many of them failed (goal 0)
# and writes each failure to data/fuzz-failures.jsonl.
FUZZ_EXAMPLES ?= 10000
fuzz: install-test
	@mkdir -p data
	PARALLAX_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) PARALLAX_FUZZ_OUT=data/fuzz-failures.jsonl \
	  $(BIN)/pytest -q -s tests/test_extract_fuzz.py

ECBPLUS ?= ../shared/corpora/ecbplus

# Long: the first run extracts 2,225 BBC articles and the ECB+ corpus once (kept in data/bench/).
bench: install-test
	$(BIN)/pip install --quiet -e '.[test,bench]'
	$(BIN)/python bench/record.py --ecbplus $(ECBPLUS)

clean:
	rm -rf $(VENV) data .pytest_cache .mypy_cache .ruff_cache
