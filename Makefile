# Sashakt: `make run` serves the pilot on http://127.0.0.1:$(PORT); `make test` runs the whole suite.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
MANAGE := $(BIN)/python manage.py

.PHONY: run setup test lint format bench messages clean

$(VENV)/.installed: requirements.txt
	@$(PY) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Sashakt needs Python 3.11 or newer")'
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	@touch $@

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
	$(BIN)/pytest $(PYTEST_ARGS)

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.installed
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: $(VENV)/.installed
	$(BIN)/python bench/run.py $(ONLY)

# Re-extract translatable strings and compile the Hindi catalogue (needs GNU gettext).
messages: $(VENV)/.installed
	$(MANAGE) makemessages --locale hi --no-obsolete --ignore '.venv/*' --ignore 'var/*' --ignore 'test-output/*'
	$(MANAGE) compilemessages --locale hi --ignore '.venv/*'

clean:
	rm -rf $(VENV) var/static test-output
