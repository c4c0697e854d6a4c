# The two commands a newcomer needs: `make run` and `make test`. Everything else is a step of them.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.DEFAULT_GOAL := help
.PHONY: help run test install install-test migrate demo serve lint format browser-deps clean

help:
	@echo "make run    set up (.venv, SQLite under var/), load the demo network, serve http://$(HOST):$(PORT)/"
	@echo "make test   set up with the test extras and run the whole test suite"
	@echo "make lint   ruff, ruff format --check, import-linter contracts, Django checks"
	@echo "make format apply ruff's fixes and formatting"

# A stamp per extra: re-installs only when pyproject.toml changes.
$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed-run: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	@touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test]"
	@touch $@ $(VENV)/.installed-run

install: $(VENV)/.installed-run
install-test: $(VENV)/.installed-test

# `make run` is local development: DEBUG on, unless the environment says otherwise.
run: export DEBUG ?= true
run: install
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py seed_demo
	$(BIN)/python manage.py update_index --verbosity 0
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

# Tests run with DEBUG off, as production does; the key below exists only for the test run.
test: export SECRET_KEY ?= insecure-key-for-the-test-suite-only
test: install-test
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: export SECRET_KEY ?= insecure-key-for-the-lint-run-only
lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/python manage.py check --fail-level WARNING
	HTTPS=true SECURE_HSTS_INCLUDE_SUBDOMAINS=true SECURE_HSTS_PRELOAD=true \
	SECRET_KEY=$$($(BIN)/python -c "import secrets; print(secrets.token_urlsafe(50))") \
	$(BIN)/python manage.py check --deploy --fail-level WARNING
	$(BIN)/python manage.py makemigrations --check --dry-run

format: install-test
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Debian's Chromium for the browser tests (root, or sudo). Playwright never downloads a browser here.
browser-deps:
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium

clean:
	rm -rf $(VENV) var/static .pytest_cache .ruff_cache
