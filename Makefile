# SRO Log — `make help` lists the targets.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 5000
export FLASK_APP := wsgi

.DEFAULT_GOAL := help
.PHONY: help system-deps browser venv dev-venv run assets bytecode upgrade seed test test-sqlite test-postgresql lint fmt bench load clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-16s %s\n", $$1, $$2}'

# WeasyPrint (PDF reports) needs Pango, and HarfBuzz's subsetter to embed fonts quickly.
SYSTEM_LIBS := libpango-1.0.so.0:libpango-1.0-0 libpangoft2-1.0.so.0:libpangoft2-1.0-0 \
               libharfbuzz-subset.so.0:libharfbuzz-subset0

system-deps: ## Install the Debian libraries the PDF export needs, when missing
	@missing=""; for pair in $(SYSTEM_LIBS); do \
	  ldconfig -p | grep -q "$${pair%%:*}" || missing="$$missing $${pair##*:}"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing$$missing"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get install -y -q $$missing >/dev/null || \
	  { $$SUDO apt-get update -q >/dev/null && $$SUDO apt-get install -y -q $$missing >/dev/null; }; \
	fi

# The browser tests drive Debian's Chromium through the pip playwright package (no download).
CHROMIUM ?= /usr/bin/chromium

browser: ## Install Debian's Chromium for the browser tests, when missing
	@if [ ! -x $(CHROMIUM) ]; then \
	  echo "installing chromium"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get install -y -q chromium >/dev/null || \
	  { $$SUDO apt-get update -q >/dev/null && $$SUDO apt-get install -y -q chromium >/dev/null; }; \
	fi

$(VENV)/.installed: requirements.txt | system-deps
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements-dev.txt $(VENV)/.installed
	$(PY) -m pip install -q -r requirements-dev.txt
	touch $@

venv: $(VENV)/.installed ## Create .venv with the runtime requirements

dev-venv: $(VENV)/.installed-dev ## Create .venv with the development requirements

upgrade: venv ## Apply database migrations
	$(VENV)/bin/flask db upgrade

seed: upgrade ## Add demo data when the database has no users yet
	$(VENV)/bin/flask seed-demo --if-empty

assets: venv ## Build the static files: hashed names, gzip and Brotli (instance/assets)
	$(VENV)/bin/flask build-assets

# A deployment compiles the app's modules once, as pip does for the packages it installs; where
# PYTHONDONTWRITEBYTECODE is set (containers, CI), every start would compile them again first.
bytecode: venv ## Byte-compile the app once, so that a (re)started server does not compile it again
	$(PY) -m compileall -q sro_log config.py wsgi.py

run: seed assets ## Set up, migrate, seed demo data and serve on http://127.0.0.1:$(PORT)
	@echo ""
	@echo "SRO Log is ready on http://127.0.0.1:$(PORT) (Ctrl-C stops it)."
	@echo "Demo sign-ins, password demo-password-2026: officer, supervisor, admin, partner."
	@echo ""
	$(VENV)/bin/flask run --host 127.0.0.1 --port $(PORT)

# The share of sro_log's lines and branches the tests ran (the files under 100%). With both
# databases it is measured on the PostgreSQL run, which draws fewer hypothesis examples: the
# tracer costs about two thirds more time, and the two runs share two cores.
COVERAGE ?= --cov --cov-report=term:skip-covered

test: dev-venv browser ## Run the suite (browser tests included) on SQLite, and at the same time on PostgreSQL when SRO_LOG_TEST_DATABASE_URL is set
	@if [ -z "$$SRO_LOG_TEST_DATABASE_URL" ]; then \
	  echo "SRO_LOG_TEST_DATABASE_URL is not set: PostgreSQL run skipped"; \
	  $(VENV)/bin/pytest -p no:cacheprovider $(COVERAGE) $(PYTEST_ARGS); \
	else \
	  logs=$$(mktemp -d); \
	  echo "=== the suite on SQLite and on PostgreSQL, side by side (logs in $$logs) ==="; \
	  env -u SRO_LOG_TEST_DATABASE_URL $(VENV)/bin/pytest -p no:cacheprovider $(PYTEST_ARGS) \
	    > $$logs/sqlite.log 2>&1 & sqlite=$$!; \
	  $(VENV)/bin/pytest -p no:cacheprovider $(COVERAGE) $(PYTEST_ARGS) \
	    > $$logs/postgresql.log 2>&1; pg=$$?; \
	  wait $$sqlite; lite=$$?; \
	  echo "=== SQLite ==="; cat $$logs/sqlite.log; \
	  echo "=== PostgreSQL ==="; cat $$logs/postgresql.log; \
	  [ $$lite -eq 0 ] && [ $$pg -eq 0 ]; \
	fi

lint: dev-venv ## ruff check, format check and the type checker (mypy on sro_log)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check sro_log tests config.py wsgi.py
	$(VENV)/bin/mypy

fmt: dev-venv ## Format and fix lint where safe
	$(VENV)/bin/ruff format sro_log tests config.py wsgi.py
	$(VENV)/bin/ruff check --fix .

bench: dev-venv ## Benchmarks: the dashboard (county and state scale), the grant report's exports, import and the API, hostile uploads, Lighthouse on five pages (slow the first time)
	$(PY) bench/dashboard.py $(BENCH_ARGS)
	$(PY) bench/report.py $(REPORT_BENCH_ARGS)
	$(PY) bench/imports.py $(IMPORT_BENCH_ARGS)
	$(PY) bench/bad_files.py
	$(PY) bench/pages.py $(PAGES_BENCH_ARGS)
	$(PY) bench/entry_cpu.py

load: dev-venv bytecode ## Load and kill -9 durability: 20 officers through the HTML forms vs a bare-insert floor, SQLite and PostgreSQL (about 8 min)
	$(PY) bench/load.py $(LOAD_ARGS)

clean: ## Remove the virtualenv and caches (keeps instance/)
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis .coverage .coverage.* htmlcov .mypy_cache
