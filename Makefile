# Canyu: the two set-up commands are `make run` and `make test` (see README.md).
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint format bench bench-pytest wrk install install-dev migrate seed worker messages clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python requirements.txt
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.txt
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

migrate: install
	$(MANAGE) migrate --noinput

seed: migrate
	$(MANAGE) seed_demo

## make run: install, migrate, load the demo content, start the site and a Celery
## worker with its embedded scheduler (filesystem broker: no server needed).
run: seed
	@mkdir -p var
	@$(BIN)/celery -A config worker --beat --loglevel=INFO --concurrency=2 \
		--logfile=var/celery.log & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	echo ""; \
	echo "  参与 Canyu is starting at http://$(HOST):$(PORT)/  (admin: http://$(HOST):$(PORT)/admin/)"; \
	echo "  Background worker + scheduler: pid $$worker, log var/celery.log; emails: var/mail/"; \
	echo "  Demo logins are listed above. Stop with Ctrl-C."; \
	echo ""; \
	$(MANAGE) runserver $(HOST):$(PORT)

worker: install
	$(BIN)/celery -A config worker --beat --loglevel=INFO

## make test: install the test tools and run the whole suite. Browser tests run
## where Debian's chromium is installed and are reported as skipped where not.
# The suite runs in two processes (pytest-xdist), then the concurrency tests on
# their own (each opens up to a hundred database connections). pytest's "no tests
# ran" (exit 5) is not a failure; any other non-zero exit is.
PYTEST_PROCESSES ?= 3
PYTEST_ARGS ?=

test: $(VENV)/.installed-dev
	@$(BIN)/pytest -n $(PYTEST_PROCESSES) -m "not concurrency" $(PYTEST_ARGS); first=$$?; \
	$(BIN)/pytest -m concurrency $(PYTEST_ARGS); second=$$?; \
	for status in $$first $$second; do \
		if [ $$status -ne 0 ] && [ $$status -ne 5 ]; then exit $$status; fi; \
	done; \
	if [ $$first -eq 5 ] && [ $$second -eq 5 ]; then echo "pytest: no tests ran"; fi

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djlint site/templates --lint
	$(BIN)/lint-imports
	@big=$$(find config home consultations volunteers tests -name '*.py' \
		-not -path '*/migrations/*' -print0 | xargs -0 wc -l | \
		awk '$$2 != "total" && $$1 > 400 {print "  " $$2 " (" $$1 " lines)"}'); \
	if [ -n "$$big" ]; then echo "Python files over 400 lines (split them):"; \
		echo "$$big"; exit 1; fi
	$(MANAGE) makemigrations --check --dry-run

format: $(VENV)/.installed-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

## Rebuild the translation catalogues (needs GNU gettext) after changing strings.
messages: $(VENV)/.installed-dev
	$(MANAGE) makemessages --locale zh_Hans --ignore '.venv/*' --ignore 'var/*'
	$(MANAGE) compilemessages --ignore '.venv/*'

## make bench: the hot pages under gunicorn with production-like settings beside a
## bare Wagtail project and a plain Django view, loaded by wrk, then the flash
## crowd (README, Benchmark). Set DATABASE_URL / REDIS_URL to measure on
## PostgreSQL and Redis. BENCH_ARGS: e.g. --seconds 4 --scale small.
BENCH_ARGS ?=

bench: $(VENV)/.installed-dev wrk
	$(BIN)/python tests/performance/run_bench.py $(BENCH_ARGS)

# wrk, the load generator: Debian's package (installed when root, else say how).
wrk:
	@command -v wrk >/dev/null || { \
		if [ "$$(id -u)" = 0 ]; then apt-get install -y wrk; \
		else echo "make bench needs wrk: sudo apt-get install wrk"; exit 1; fi; }

## The older in-process timing benchmarks (printed, never asserted).
bench-pytest: $(VENV)/.installed-dev
	CANYU_BENCH=1 $(BIN)/pytest tests/performance -q -p no:xdist

clean:
	rm -rf $(VENV) var
