# gonghui — the two commands: `make demo` and `make test`.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
export DJANGO_SETTINGS_MODULE ?= config.settings.dev

.PHONY: install demo serve test test-sqlite test-postgresql lint typecheck migrations-check messages clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "需要 Python 3.11 ($(PYTHON) not found)"; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

demo: install
	@mkdir -p var
	$(PY) manage.py migrate --noinput
	$(PY) manage.py demo_load
	$(PY) manage.py demo_logins
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

serve: install
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

typecheck: install
	$(VENV)/bin/mypy gonghui config

migrations-check: install
	DJANGO_SETTINGS_MODULE=config.settings.test $(PY) manage.py makemigrations --check --dry-run

test: install lint typecheck migrations-check
	@DJANGO_SETTINGS_MODULE=config.settings.test $(PY) scripts/run_tests.py $(PYTEST_ARGS)

test-sqlite: install
	DJANGO_SETTINGS_MODULE=config.settings.test $(VENV)/bin/pytest $(PYTEST_ARGS)

test-postgresql: install
	DJANGO_SETTINGS_MODULE=config.settings.test $(PY) -m testing.pgcluster -- $(VENV)/bin/pytest $(PYTEST_ARGS)

# Needs GNU gettext (apt-get install gettext); the compiled catalogue is committed.
messages: install
	cd gonghui && ../$(PY) ../manage.py makemessages -l en --ignore "*/tests/*" && ../$(PY) ../manage.py compilemessages -l en

clean:
	rm -rf $(VENV) var/static .pytest_cache .mypy_cache .ruff_cache
