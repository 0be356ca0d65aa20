# CraftMatch — the index of commands. Quick start: `make run`, then `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test typecheck audit audit-checks faults cluster deploy-lint lint fmt migrate demo stop browser messages bench shell clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.runtime: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $(VENV)/.runtime $@

## run: install, start PostgreSQL and Redis, migrate, load demo data, serve web + worker + beat
run: $(VENV)/.runtime
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo
	$(BIN)/python manage.py serve --host $(HOST) --port $(PORT)

## test: lint, migrations check, the audit's checks, the whole pytest suite (browser tests included; the
##       suite holds the audit's tests, so they run once)
test: $(VENV)/.dev browser
	$(BIN)/ruff check .
	$(MAKE) typecheck
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(MAKE) audit-checks
	$(BIN)/pytest

## typecheck: mypy with Django's stubs over the services and selectors of every app ([tool.mypy] in
##            pyproject.toml; the plugin loads config.settings_test, which starts no server)
typecheck: $(VENV)/.dev
	$(BIN)/mypy

## audit: deployment checks in production settings, known vulnerabilities in the pins, access matrix
##        (pages × roles; admin actions and custom admin views × view-only staff, staff with rights, superuser),
##        no secret on any admin page or export, hostile input (every form field kind at its extremes)
audit: audit-checks
	$(BIN)/pytest -q tests/security/test_access_matrix.py tests/security/test_admin_matrix.py tests/security/test_admin_secrets.py \
	  tests/security/test_hostile_input.py common/tests/test_forms.py common/tests/test_text.py

## audit-checks: the audit without its tests (deployment checks, known vulnerabilities in the pins)
audit-checks: $(VENV)/.dev
	DEBUG=0 ALLOWED_HOSTS=example.org SECRET_KEY="$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(64))')" \
	  $(BIN)/python manage.py check --deploy --fail-level WARNING
	$(BIN)/python -m common.audit requirements.txt requirements-dev.txt

## faults: only the fault-injection suite (killed worker, Redis restart, SMTP and database outages)
faults: $(VENV)/.dev
	$(BIN)/pytest -m faults tests/faults

## cluster: only the scale-out tests (two web instances, two workers, two beats, PostgreSQL, Redis, an S3 store)
cluster: $(VENV)/.dev
	$(BIN)/pytest tests/cluster

## deploy-lint: the Dockerfile (hadolint), compose.yaml, the systemd units and the Procfile agree (docs/deploy.md)
deploy-lint: $(VENV)/.dev
	$(BIN)/hadolint Dockerfile
	$(BIN)/pytest -q tests/cluster/test_packaging.py

lint: $(VENV)/.dev
	$(BIN)/ruff check .

fmt: $(VENV)/.dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

migrate: $(VENV)/.runtime
	$(BIN)/python manage.py migrate --noinput

demo: $(VENV)/.runtime
	$(BIN)/python manage.py load_demo

## stop: stop the embedded PostgreSQL and Redis
stop: $(VENV)/.runtime
	$(BIN)/python -m config.embedded stop

## browser: Debian's Chromium for the browser tests (installed when missing and possible)
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installing Debian's chromium for the browser tests..."; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
	  || echo "Could not install chromium: browser tests will be skipped (they fail when CI is set)."; }

## messages: extract and compile the translation catalogs (en, fr, es, ar)
messages: $(VENV)/.dev
	$(BIN)/python manage.py makemessages -l fr -l es -l ar --ignore=.venv --ignore=.data
	$(BIN)/python manage.py compilemessages --ignore=.venv

bench: $(VENV)/.dev
	@ls bench/*.py >/dev/null 2>&1 && for script in bench/*.py; do $(BIN)/python $$script; done || echo "No benchmarks yet."

shell: $(VENV)/.runtime
	$(BIN)/python manage.py shell

clean: stop
	rm -rf .data
