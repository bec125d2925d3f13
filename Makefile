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

.PHONY: install run test lint format check migrations-check clean bench-search

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

clean:
	rm -rf $(VENV) var/db.sqlite3
