# Two commands do everything on a fresh machine: `make run` and `make test`.
# Without DATABASE_URL, a project-local PostgreSQL cluster lives in .pgdata/ (config/localdb.py).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
PYTEST_ARGS ?=
export DJANGO_SETTINGS_MODULE := config.settings

.PHONY: run test install db db-stop lint format demo clean backup restore bench messages

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)

# Reinstall only when the declared dependencies change.
$(VENV)/.installed: pyproject.toml | $(BIN)/activate
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

install: $(VENV)/.installed messages

# The interface's translations: each catalog's .mo is rebuilt when its .po changes.
PO_FILES := $(shell find . -path ./.venv -prune -o -path ./node_modules -prune -o -name '*.po' -path '*/locale/*/LC_MESSAGES/*' -print)
MO_FILES := $(PO_FILES:.po=.mo)

messages: $(MO_FILES)

%.mo: %.po
	@scripts/ensure-gettext
	msgfmt --check-format -o $@ $<

db:
ifndef DATABASE_URL
	$(PYTHON) -m config.localdb start
endif

db-stop:
	$(PYTHON) -m config.localdb stop

demo: install db
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py load_demo
	$(BIN)/python manage.py create_demo_staff

run: demo
	DEBUG=$${DEBUG:-1} $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

test: install db
	scripts/ensure-chromium
	scripts/ensure-wrk
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/pytest -n 2 $(PYTEST_ARGS)

backup: install db
	$(BIN)/python manage.py backup $(FILE)

restore: install db
ifndef FILE
	$(error Say which dump to restore: make restore FILE=backups/…dump)
endif
	$(BIN)/python manage.py restore --no-input $(FILE)

# The benchmark runs on a database of its own, refilled each time (bench/RESULTS.md).
BENCH_CASES ?= 100000
BENCH_DATABASE_URL ?= $(shell $(PYTHON) -m config.localdb url casetracker_bench)

bench: install db
	scripts/ensure-wrk
	$(PYTHON) -m config.localdb recreate casetracker_bench
	DATABASE_URL="$(BENCH_DATABASE_URL)" $(BIN)/python manage.py migrate --no-input -v 0
	DATABASE_URL="$(BENCH_DATABASE_URL)" $(BIN)/python manage.py generate_cases --cases $(BENCH_CASES) --seed 1
	DATABASE_URL="$(BENCH_DATABASE_URL)" $(BIN)/python manage.py run_bench

lint:
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format:
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean: db-stop
	rm -rf $(VENV) .pgdata staticfiles
	rm -f $(MO_FILES)
