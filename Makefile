# The two commands a newcomer needs: `make run` and `make test`. Everything else is a step of them.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
# pytest-xdist: one test process per core (each with its own SQLite file or PostgreSQL database),
# sent at most 2 tests at a time: the long browser journeys come near the end (tests on
# committed data run last), and with 10 a process had several of them queued while the other
# had nothing left (38 s of a 4.5-minute run; with 2, the processes finish within 3 s).
TEST_WORKERS ?= auto
XDIST = -n $(TEST_WORKERS) --maxschedchunk 2
PORT ?= 8000

# The commands keep the bytecode they compile in __pycache__/ (the libraries', the project's,
# pytest's rewritten test modules), as Python does unless told not to: where the environment sets
# PYTHONDONTWRITEBYTECODE (this machine's does), every process compiled everything it imported
# again, every test process and every subprocess a test starts (collection 8.4 s instead of 4.6 s).
export PYTHONDONTWRITEBYTECODE =

.DEFAULT_GOAL := help
.PHONY: help run test test-fast serve worker backup install install-test install-cluster lock lint format messages system-deps clean

help:
	@echo "make run    set up (.venv, SQLite under var/), load the demo network, serve http://$(HOST):$(PORT)/"
	@echo "make test   set up with the test extras and run the whole test suite"
	@echo "make test-fast PATHS=tests/exchange  the tests near a change, without browser journeys and sweeps"
	@echo "make lint   ruff, ruff format --check, import-linter contracts, Django checks, translations"
	@echo "make format apply ruff's fixes and formatting"
	@echo "make messages extract the interface's text into locale/ (then translate what is new)"
	@echo "make lock   refresh requirements/*.txt to the newest allowed versions (then commit)"
	@echo "make serve  production: migrate, collect static files, check, serve with gunicorn (README)"
	@echo "make worker production: the task worker and the schedule, beside make serve"

# Dependencies come from the lock files under requirements/: exact versions, each file checked
# against its hash. They change only through `make lock` (a commit whose CI runs the suite on
# them). A stamp per lock file: re-installs only when the lock changes. The project itself is
# not installed: manage.py, pytest and the benchmarks import it from the checkout.
# uv installs them (a fresh clone's install takes seconds where pip takes most of a minute);
# pip installs uv itself, from its own hashed lock. Each module is compiled to bytecode the first
# time a command imports it, and kept (below): compiling every installed module up front took
# 13 s of a fresh clone's `make test`, for thousands of modules nothing imports.
UV_VERSION := 0.13.9
UV := $(BIN)/uv
INSTALL := $(UV) pip install --quiet --python $(BIN)/python --require-hashes --no-deps

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(UV): requirements/uv.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements/uv.txt
	@touch $@

# The repository's own packages (packages/), editable: their code is the checkout's, their
# dependencies are in the locks. A directory has no hash to check, so they come after the lock.
OWN_PACKAGES := packages/modelsearch-whoosh
INSTALL_OWN := $(UV) pip install --quiet --python $(BIN)/python --no-deps $(addprefix -e ,$(OWN_PACKAGES))

$(VENV)/.installed-run: requirements/run.txt $(OWN_PACKAGES:=/pyproject.toml) | $(UV)
	$(INSTALL) -r requirements/run.txt
	$(INSTALL_OWN)
	@touch $@

$(VENV)/.installed-test: requirements/test.txt $(OWN_PACKAGES:=/pyproject.toml) | $(UV)
	$(INSTALL) -r requirements/test.txt
	$(INSTALL_OWN)
	@touch $@ $(VENV)/.installed-run

# A deployment whose search runs on a cluster (SEARCH_BACKEND=elasticsearch8 or opensearch3):
# the run lock and the clients, in place of `make install`'s.
install-cluster: requirements/cluster.txt | $(UV)
	$(INSTALL) -r requirements/cluster.txt
	$(INSTALL_OWN)
	@touch $(VENV)/.installed-run

# Refresh the lock files on purpose: the newest versions pyproject.toml allows, for every
# platform and Python 3.11+. Commit the result; its CI run is the check of the upgrade. To move
# uv itself, change UV_VERSION and run `make lock` twice (the second run uses the new uv).
LOCK := $(UV) pip compile --universal --python-version 3.11 --generate-hashes --quiet
lock: | $(UV)
	echo "uv==$(UV_VERSION)" | $(LOCK) - -o requirements/uv.txt
	$(LOCK) pyproject.toml --upgrade --all-extras -o requirements/test.txt
	$(LOCK) pyproject.toml --upgrade -c requirements/test.txt -o requirements/run.txt
	$(LOCK) pyproject.toml --upgrade --extra cluster -c requirements/test.txt -o requirements/cluster.txt

# The interface's translations (locale/*/LC_MESSAGES/django.po), compiled by Babel: no GNU gettext
# needed to run the site. Each catalogue is compiled again when it changes.
CATALOGUES := $(patsubst %.po,%.mo,$(wildcard locale/*/LC_MESSAGES/django.po))
locale/%.mo: locale/%.po | $(VENV)/.installed-run
	$(BIN)/pybabel --quiet compile --domain django --input-file $< --output-file $@

# After changing the interface's text: extract it into the catalogues (GNU gettext's xgettext,
# from `make system-deps`), then translate what is new in both.
messages: install-test
	$(BIN)/python manage.py makemessages --locale de --locale fr --no-obsolete --add-location file \
		--ignore ".venv/*" --ignore "var/*" --ignore "bench/*" --ignore "tests/*"

install: $(VENV)/.installed-run $(CATALOGUES)
install-test: $(VENV)/.installed-test $(CATALOGUES)

# `make run` is local development: DEBUG on, unless the environment says otherwise.
run: export DEBUG ?= true
# Links in e-mails and the calendar feed point at the address actually served.
run: export BASE_URL ?= http://$(HOST):$(PORT)
run: install
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py seed_demo
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

# Production (README "Production"): settings from the environment or .env, DEBUG off. `serve`
# prepares the database and static files, refuses an unsafe configuration, then becomes gunicorn.
serve: install
	$(BIN)/python manage.py collectstatic --no-input --verbosity 0
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py check --deploy --fail-level WARNING
	exec $(BIN)/gunicorn -c config/gunicorn.py

worker: install
	exec $(BIN)/python manage.py worker

# Tests run with DEBUG off, as production does; the key below exists only for the test run.
test: export SECRET_KEY ?= insecure-key-for-the-test-suite-only
test: install-test
	$(BIN)/python -m pytest $(XDIST) $(PYTEST_ARGS)
	# The Whoosh backend on its own: modelsearch's bare settings, no Wagtail (its README).
	cd packages/modelsearch-whoosh && ../../$(BIN)/python -m pytest -q -p no:cacheprovider

# A developer's loop: the tests under PATHS (all of tests/ by default) without the browser
# journeys and the access sweeps, which `make test` and CI run. E.g. make test-fast PATHS=tests/exchange/visits
PATHS ?= tests
test-fast: export SECRET_KEY ?= insecure-key-for-the-test-suite-only
test-fast: install-test
	$(BIN)/python -m pytest $(XDIST) -m "not browser and not sweep" $(PATHS) $(PYTEST_ARGS)

lint: export SECRET_KEY ?= insecure-key-for-the-lint-run-only
lint: export REFLECTION_KEYS ?= aW5zZWN1cmUtbGludC1rZXktbmV2ZXItaW4tcHJvZCE=
lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/mypy
	$(BIN)/python manage.py check --fail-level WARNING
	HTTPS=true SECURE_HSTS_INCLUDE_SUBDOMAINS=true SECURE_HSTS_PRELOAD=true \
	SECRET_KEY=$$($(BIN)/python -c "import secrets; print(secrets.token_urlsafe(50))") \
	$(BIN)/python manage.py check --deploy --fail-level WARNING
	$(BIN)/python manage.py makemigrations --check --dry-run
	# Every string of the interface in German and French (needs xgettext: make system-deps).
	$(BIN)/python manage.py check_translations

format: install-test
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Debian's packages the project needs beside Python (root, or sudo): Chromium for the browser
# tests (Playwright never downloads a browser here), and Pango, HarfBuzz and a font family for
# WeasyPrint's PDFs (cms/pdf.py); PostgreSQL's client tools for backups of a PostgreSQL site
# (pg_dump, pg_restore); wrk, the load generator of bench/http_load.py.
system-deps:
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium \
		libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core \
		postgresql-client wrk gettext

clean:
	rm -rf $(VENV) var/static .pytest_cache .ruff_cache
