# The two commands: `make run` and `make test`. Both start by installing into .venv.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
# Exact versions with their hashes, generated from pyproject.toml by `make lock`.
TEST_LOCK := requirements/test.lock
PRODUCTION_LOCK := requirements/production.lock

.PHONY: install lock run test lint format bench messages demo clean

install: $(STAMP)

$(STAMP): pyproject.toml $(TEST_LOCK)
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11+ is needed"'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes -r $(TEST_LOCK)
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

# After changing dependencies in pyproject.toml; `make lock LOCK_ARGS=--upgrade` moves every pin.
# PyPI alone: a local mirror or wheel folder in pip's configuration would lock its own files'
# hashes, which another machine (the image's Python 3.12) could not match.
LOCK_ARGS ?=
PIP_COMPILE := env -u PIP_FIND_LINKS PIP_CONFIG_FILE=/dev/null $(BIN)/pip-compile --quiet \
	--generate-hashes --allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links \
	$(LOCK_ARGS)

lock:
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	test -x $(BIN)/pip-compile || $(BIN)/python -m pip install --quiet pip-tools
	mkdir -p requirements
	$(PIP_COMPILE) --extra test -o $(TEST_LOCK) pyproject.toml
	$(PIP_COMPILE) -o $(PRODUCTION_LOCK) pyproject.toml

run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo
	$(BIN)/python manage.py runportal

test: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python manage.py makemigrations --check --dry-run --settings=config.settings.test
	$(BIN)/pytest

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: install
	$(BIN)/python -m bench

# The project's apps, as config/apps.py lists them (evaluated only when a recipe uses it).
APPS = $(shell $(BIN)/python -c 'from config.apps import PORTAL_APPS; print(*PORTAL_APPS)')

# Each app keeps its own catalogue in <app>/locale; the site frame's is in locale/.
messages: install
	for app in $(APPS); do mkdir -p $$app/locale; done
	$(BIN)/python manage.py makemessages -l fr -l es --no-obsolete --no-location --ignore=tests --ignore=bench --ignore=var
	$(BIN)/python manage.py compilemessages --ignore=.venv

demo: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
