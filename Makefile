# Sashakt: `make run` serves the pilot on http://127.0.0.1:$(PORT); `make test` runs the whole suite.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
# The suite runs on every core (pytest-xdist), a test file's tests kept on one process so its
# module fixtures are built once; `make test TEST_WORKERS=0` runs it in one process. Tests that
# flush the database (transactional, live server) run in a second pass: in one process
# pytest-django puts them last, which a worker of several cannot.
TEST_WORKERS ?= auto
MANAGE := $(BIN)/python manage.py

.PHONY: install run setup test lint typecheck typecheck-baseline format bench messages clean prod-check

# A virtualenv with the pins of $(1) installed (Python 3.11 or newer).
define make-venv
	@$(PY) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Sashakt needs Python 3.11 or newer")'
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r $(1)
	@touch $@
endef

# Development (`make run`, `make test`): the runtime plus tests and tooling.
$(VENV)/.installed: requirements.txt requirements-dev.txt
	$(call make-venv,requirements-dev.txt)

# Production installs the runtime only (README, "Running in production").
$(VENV)/.runtime: requirements.txt
	$(call make-venv,requirements.txt)

install: $(VENV)/.runtime

setup: $(VENV)/.installed
	$(MANAGE) migrate --noinput
	$(MANAGE) load_geography
	$(MANAGE) load_demo
	$(MANAGE) collectstatic --noinput --verbosity 0

run: setup
	$(MANAGE) runserver 127.0.0.1:$(PORT)

test: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(MANAGE) makemigrations --check --dry-run
	$(BIN)/python tools/mypy_baseline.py
ifeq ($(TEST_WORKERS),0)
	$(BIN)/pytest $(PYTEST_ARGS)
else
	$(BIN)/pytest -n $(TEST_WORKERS) --dist loadfile -m "not flushes_database" $(PYTEST_ARGS)
	$(BIN)/pytest -n $(TEST_WORKERS) --dist loadfile -m flushes_database $(PYTEST_ARGS)
endif

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# mypy, strict; the errors listed in mypy-baseline.txt are tolerated and may only shrink.
typecheck: $(VENV)/.installed
	$(BIN)/python tools/mypy_baseline.py

# Rewrite mypy-baseline.txt from today's errors (after fixes, or after modules moved); refuses
# if some kind of error grew (ALLOW_GROWTH=1 writes anyway).
typecheck-baseline: $(VENV)/.installed
	$(BIN)/python tools/mypy_baseline.py --update $(if $(ALLOW_GROWTH),--allow-growth)

format: $(VENV)/.installed
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: $(VENV)/.installed
	$(BIN)/python bench/run.py $(ONLY)

# Re-extract translatable strings and compile the Hindi catalogue (needs GNU gettext).
messages: $(VENV)/.installed
	$(MANAGE) makemessages --locale hi --no-obsolete --ignore '.venv/*' --ignore 'var/*' --ignore 'test-output/*'
	$(MANAGE) compilemessages --locale hi --ignore '.venv/*'

# The production topology on loopback (nginx, two gunicorn, Celery worker and beat, Redis,
# PgBouncer, the local PostgreSQL), smoke-tested through nginx; stops all it started.
# Needs nginx, pgbouncer, redis-server, openssl (deploy/prodcheck/run.py). An existing
# virtualenv is used as it is (however old its stamp); a missing one is made as production
# makes it, with the runtime only.
prod-check:
	@test -x $(BIN)/python || $(MAKE) $(VENV)/.runtime
	timeout 1200 $(BIN)/python deploy/prodcheck/run.py

clean:
	rm -rf $(VENV) var/static test-output
