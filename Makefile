# The two commands a fresh machine needs (Python 3.11, make and git):
#   make run    serve the portal with demo content at http://127.0.0.1:8000
#   make test   run the whole test suite
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test stack load journeys venv messages lint lock makemessages clean screenshots

# Links in the emails it prints point at the address it serves.
run: export SITE_URL ?= http://$(HOST):$(PORT)
run: venv messages
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed_demo --if-empty
	$(BIN)/python manage.py ensure_local_admin
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

test: venv messages node_modules
	$(BIN)/pytest

# axe-core for the browser tests' accessibility audit (tests/browser/axe.py). Without
# npm those tests skip (CI installs it, and there a skip fails the run).
node_modules: package.json package-lock.json
	@if command -v npm >/dev/null; then npm ci --no-audit --no-fund && touch $@; \
	else echo "npm is not installed: the axe-core accessibility tests will skip"; fi

# gunicorn, a Celery worker and beat against local PostgreSQL and Redis: the
# docker-compose topology without containers.
stack: venv messages
	./scripts/stack.sh

# 50 people for DURATION on the stack, then the database invariants (scripts/load.sh).
DURATION ?= 60s
load: venv messages
	./scripts/load.sh $(DURATION)

# Whole journeys in Chromium against the stack on a fresh database (scripts/journeys.sh);
# screenshots in test-artifacts/journeys/.
journeys: venv messages
	./scripts/journeys.sh

venv: $(BIN)/.installed

# The run-time set (base.txt, all the image installs) and the tests and tooling (dev.txt).
$(BIN)/.installed: requirements/base.txt requirements/dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements/base.txt -r requirements/dev.txt
	touch $@

# Every catalogue (locale/ and each app's), compiled with Babel so that GNU
# gettext is needed only to extract strings; the Dockerfile runs the same script.
messages: venv
	$(BIN)/python scripts/compile_messages.py

makemessages: venv
	$(BIN)/python manage.py makemessages -l zh_Hans -l en --no-obsolete --ignore=.venv --ignore=staticfiles --ignore=tests

# 390 and 1280 px screenshots of the main pages from the demo database, into
# test-artifacts/screenshots/ (a server on the same database runs meanwhile).
screenshots: venv messages
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed_demo --if-empty
	$(BIN)/python manage.py runserver $(HOST):$(PORT) --noreload & server=$$!; \
	  sleep 4; $(BIN)/python scripts/screenshot.py --demo http://$(HOST):$(PORT); status=$$?; \
	  kill $$server; exit $$status

lint: venv
	$(BIN)/ruff check .

# Pins requirements/base.in and dev.in (dev constrained by base.txt) with
# pip-tools, keeping every pin that still fits; `make lock ARGS=--upgrade`
# moves everything to the newest versions allowed.
LOCK := CUSTOM_COMPILE_COMMAND="make lock" $(BIN)/pip-compile --quiet --strip-extras --allow-unsafe \
	--no-emit-options --newline=lf $(ARGS)
lock: venv
	$(LOCK) --output-file=requirements/base.txt requirements/base.in
	$(LOCK) --output-file=requirements/dev.txt requirements/dev.in

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .test-media .test-private-media .test-db.sqlite3*
