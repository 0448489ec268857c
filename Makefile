# The two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
HOST ?= 127.0.0.1
PORT ?= 8000
export PIP_DISABLE_PIP_VERSION_CHECK=1

.PHONY: run test lint install install-dev demo browser clean bench

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: requirements.txt | $(VENV)/bin/python
	$(PIP) install -q -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt $(VENV)/.installed
	$(PIP) install -q -r requirements-dev.txt
	touch $@

$(VENV)/.installed-bench: requirements.txt requirements-bench.txt $(VENV)/.installed
	$(PIP) install -q -r requirements-bench.txt
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

demo: install
	$(PY) manage.py migrate --noinput -v 0
	$(PY) manage.py collectstatic --noinput -v 0
	$(PY) manage.py load_demo_catalogue
	$(PY) manage.py marketplace_demo_setup

# honcho hands each process its own PORT, so the web address travels as WEB_*.
run: demo
	@$(PY) manage.py demo_banner --url http://$(HOST):$(PORT)/
	WEB_HOST=$(HOST) WEB_PORT=$(PORT) $(VENV)/bin/honcho start

# Debian's Chromium for the end-to-end browser tests (never a downloaded build).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installing Debian's chromium for the browser tests"; \
	  (apt-get update -qq && apt-get install -y -qq chromium >/dev/null) || \
	  { echo "Could not install chromium: run 'apt-get install chromium' as root"; exit 1; }; }

test: install-dev browser
	$(PY) -m pytest $(PYTEST_ARGS)

# Ruff with the project's line length (ruff.toml); .ci/run runs it before the tests.
lint: install-dev
	$(VENV)/bin/ruff check .

# Storefront beside a stock Oscar project (Haystack + Whoosh) at 1,000 and 10,000 products:
# a table and the targets of issue #10 (docs/benchmarks.md). Never part of `make test`.
# Quick check: make bench BENCH_ARGS="--products 200".
bench: $(VENV)/.installed-bench
	$(PY) bench/storefront_bench.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) var/db.sqlite3 var/media var/static var/celery var/bench
