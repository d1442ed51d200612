# The two commands a fresh machine needs (Python 3.11, make and git):
#   make run    serve the portal with demo content at http://127.0.0.1:8000
#   make test   run the whole test suite
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test stack venv messages lint lock makemessages clean

# Links in the emails it prints point at the address it serves.
run: export SITE_URL ?= http://$(HOST):$(PORT)
run: venv messages
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed_demo --if-empty
	$(BIN)/python manage.py ensure_local_admin
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

test: venv messages
	$(BIN)/pytest

# gunicorn, a Celery worker and beat against local PostgreSQL and Redis: the
# docker-compose topology without containers.
stack: venv messages
	./scripts/stack.sh

venv: $(BIN)/.installed

$(BIN)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

# Compiled with Babel, so that GNU gettext is needed only to extract strings.
messages: venv
	for po in $(wildcard locale/*/LC_MESSAGES/django.po */locale/*/LC_MESSAGES/django.po); do \
	  $(BIN)/pybabel compile -i $$po -o $${po%.po}.mo || exit 1; done

makemessages: venv
	$(BIN)/python manage.py makemessages -l zh_Hans -l en --no-obsolete --ignore=.venv --ignore=staticfiles --ignore=tests

lint: venv
	$(BIN)/ruff check .

lock:
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/pip install --quiet -r requirements.in
	(echo "# Pinned by \`make lock\` from requirements.in; installed by \`make venv\`."; \
	 .lock-venv/bin/pip freeze) > requirements.txt
	rm -rf .lock-venv

clean:
	rm -rf $(VENV) staticfiles .pytest_cache
