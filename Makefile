# The project's front door: `make run` and `make test` work on a fresh machine with Python 3.11.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
# Absolute links (feeds, canonical, og:url, sitemaps) name the address `make run` serves on.
SITE_URL ?= http://$(HOST):$(PORT)
# Local development only: debug on, a throwaway key, SQLite under var/.
DEV_ENV := DEBUG=1 SECRET_KEY=local-development-only-not-secret SITE_URL=$(SITE_URL)

.PHONY: install run test lint format check migrations-check clean bench-search bench serve serve-stop

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@

install: $(VENV)/.installed

run: install
	mkdir -p var
	$(DEV_ENV) $(BIN)/python manage.py migrate --noinput
	$(DEV_ENV) $(BIN)/python manage.py load_demo
	@echo "网站地址：http://$(HOST):$(PORT)/    采编后台：http://$(HOST):$(PORT)/admin/"
	$(DEV_ENV) $(BIN)/python manage.py runserver $(HOST):$(PORT)

# The production stack on this machine: nginx (installed if missing), gunicorn, PostgreSQL,
# Redis; prints its address. See deploy/ and the README's production section.
serve: install
	deploy/serve

serve-stop:
	deploy/serve-stop

test: install
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

check: install
	mkdir -p var
	$(DEV_ENV) $(BIN)/python manage.py check
	$(DEV_ENV) $(BIN)/python manage.py makemigrations --check --dry-run

migrations-check: check

# Loads 100,000 synthetic articles into DATABASE_URL (default: a separate SQLite file under
# var/), then times the search queries. Not the dev database: the load is large.
bench-search: install
	mkdir -p var
	SECRET_KEY=local-benchmark-only-not-secret DATABASE_URL=$${DATABASE_URL:-sqlite:///var/bench.sqlite3} \
		sh -c '$(BIN)/python manage.py migrate --noinput && $(BIN)/python manage.py bench_search --articles 100000 --runs 50'

# Loads N articles (default 100,000) into its own PostgreSQL database, then measures every
# reader page under gunicorn with production settings, page cache off and on (see README).
N ?= 100000
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/portal_bench
BENCH_REDIS_URL ?= redis://127.0.0.1:6379/0
BENCH_PORT ?= 8131
BENCH_SECONDS ?= 10
bench: install
	command -v wrk >/dev/null || apt-get install -y wrk || (apt-get update && apt-get install -y wrk)
	mkdir -p var
	# Plain HTTP straight to gunicorn, as nginx talks to it: no redirect to HTTPS here.
	SECRET_KEY=local-benchmark-only-not-secret DATABASE_URL=$(BENCH_DATABASE_URL) \
		REDIS_URL=$(BENCH_REDIS_URL) STATIC_ROOT=$(CURDIR)/var/bench-static SECURE_SSL_REDIRECT=0 \
		sh -c '$(BIN)/python manage.py bench_pages --create-database --articles $(N) \
			--port $(BENCH_PORT) --seconds $(BENCH_SECONDS)'

clean:
	rm -rf $(VENV) var/db.sqlite3
