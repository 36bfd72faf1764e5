# gonghui — the two commands: `make demo` and `make test`.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
export DJANGO_SETTINGS_MODULE ?= config.settings.dev

.PHONY: install install-prod demo serve serve-prod release test test-sqlite test-postgresql lint typecheck migrations-check messages drill-failover clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "需要 Python 3.11 ($(PYTHON) not found)"; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

# The demo is served as production is: gunicorn, debug off, collected static files through
# whitenoise, our own error pages, JSON logs; its job worker runs as a child of the server.
demo: export DJANGO_SETTINGS_MODULE := config.settings.demo
demo: install
	@mkdir -p var
	$(PY) manage.py migrate --noinput
	$(PY) manage.py demo_load
	$(PY) manage.py collectstatic --noinput --verbosity 0
	$(PY) manage.py demo_logins
	GONGHUI_DEMO_WORKER=1 GONGHUI_BIND=127.0.0.1:$(PORT) exec $(VENV)/bin/gunicorn -c config/gunicorn.py config.wsgi

# Development: Django's server with debug pages and reloading.
serve: install
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

# A production host (docs/deploy.md): the environment holds DJANGO_SECRET_KEY, DJANGO_ALLOWED_HOSTS,
# DATABASE_URL and GONGHUI_DATA_KEY (or their *_FILE); `make release` once per new version (on
# one machine), then `make serve-prod` (the command deploy/systemd/gonghui-web.service runs).
install-prod: $(VENV)/.installed-prod

$(VENV)/.installed-prod: pyproject.toml
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "需要 Python 3.11 ($(PYTHON) not found)"; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e .
	touch $@

release: export DJANGO_SETTINGS_MODULE := config.settings.production
release: install-prod
	$(PY) manage.py check --deploy --fail-level WARNING
	$(PY) manage.py migrate --noinput
	$(PY) manage.py collectstatic --noinput --verbosity 1

serve-prod: export DJANGO_SETTINGS_MODULE := config.settings.production
serve-prod: install-prod
	exec $(VENV)/bin/gunicorn -c config/gunicorn.py config.wsgi

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

# A primary and a standby (pg_auto_failover) on this machine; the primary is killed under a write
# load: seconds until writes succeed, acknowledged writes lost (0), answers 500 (0). docs/operations.md
drill-failover: install
	@command -v pg_autoctl >/dev/null 2>&1 || { echo "需要 pg_auto_failover: apt-get install postgresql-15-auto-failover pg-auto-failover-cli"; exit 1; }
	$(PY) bench/failover.py

# Signed-in officers and workers at 16 concurrent users on gunicorn (2 workers, production
# settings), beside the floor of a bare view, on 200,000 unions and 2,000,000 members
# (bench/load.py). The data are loaded once and kept: BENCH_LOAD_ARGS="--keep DIR --load-only",
# then BENCH_LOAD_ARGS="--reuse DIR" measures again.
.PHONY: bench-load
bench-load: install
	$(PY) bench/load.py $(BENCH_LOAD_ARGS)

# pgBackRest with WAL archiving: a full backup, more writes, a restore to a moment into a fresh
# cluster, its register and audit log checked against the moment; then a streaming standby serving
# reports and exports while a person who has just written reads the primary. docs/operations.md
# Needs pgBackRest: as root the drill installs it with apt-get when it is missing.
.PHONY: drill-backup
drill-backup: install
	$(PY) bench/backup_drill.py

# Needs GNU gettext (apt-get install gettext); the compiled catalogue is committed.
messages: install
	cd gonghui && ../$(PY) ../manage.py makemessages -l en --ignore "*/tests/*" && ../$(PY) ../manage.py compilemessages -l en

clean:
	rm -rf $(VENV) var/static .pytest_cache .mypy_cache .ruff_cache
