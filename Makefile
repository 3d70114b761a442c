# Tusenet: `make run` sets everything up and serves the site; `make test` runs the suite.
PYTHON ?= python3
PORT ?= 8000
# Absolute links (hreflang, canonical, sitemap) use the address the site is served at.
export WAGTAILADMIN_BASE_URL ?= http://127.0.0.1:$(PORT)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run setup serve test test-quick coverage lint format messages catalogues check clean editor-guide-screenshots readme-screenshots bench lighthouse backup restore lock

# Production mode (make serve): gunicorn, DEBUG off, whitenoise, PostgreSQL and Redis when given.
WEB_CONCURRENCY ?= 2
# Steps printed as [n/STEPS]: five for `make run`, six for `make serve`.
STEPS = 5
serve: STEPS = 6
SERVE_ENV = DJANGO_SETTINGS_MODULE=tusenet.settings.production \
	SECRET_KEY="$$(cat .secret-key)" ALLOWED_HOSTS=127.0.0.1,localhost SECURE_SSL_REDIRECT=false

run: setup
	@echo "[5/$(STEPS)] Serving Tusenet on http://127.0.0.1:$(PORT)/ (admin: http://127.0.0.1:$(PORT)/admin/) - Ctrl+C stops it"
	@$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# DATABASE_URL=postgres://... and REDIS_URL=redis://... choose the production services;
# without them the site runs on the SQLite database of `make run`, computing fragments on every request.
serve: setup .secret-key
	@echo "[5/6] Collecting static files (compressed, with hashed names)"
	@$(SERVE_ENV) $(BIN)/python manage.py collectstatic --no-input -v 0
	@echo "[6/6] Serving Tusenet in production mode on http://127.0.0.1:$(PORT)/: nginx (HTTP cache) in front of" \
		"$(WEB_CONCURRENCY) gunicorn workers (database: $${DATABASE_URL:-SQLite}, fragments:" \
		"$${REDIS_URL:-computed on every request without REDIS_URL}) - Ctrl+C stops it"
	@$(SERVE_ENV) $(BIN)/python deploy/front.py $(PORT) $(WEB_CONCURRENCY)

# A random secret key for the local production server, made once.
.secret-key:
	@$(PYTHON) -c "import secrets; print(secrets.token_urlsafe(50))" > $@

setup: $(STAMP) catalogues
	@echo "[3/$(STEPS)] Applying database migrations"
	@$(BIN)/python manage.py migrate --no-input -v 0
	@echo "[4/$(STEPS)] Loading the Tusenet content (the first run takes about a minute)"
	@$(BIN)/python manage.py load_tusenet
	@$(BIN)/python manage.py ensure_admin

# The packages are the pinned, hashed versions of requirements/test.lock (`make lock` renews it), then Tusenet.
$(STAMP): pyproject.toml requirements/test.lock
	@echo "[1/$(STEPS)] Creating the virtual environment in $(VENV) and installing packages"
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install --quiet --progress-bar on --require-hashes -r requirements/test.lock
	@$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	@touch $(STAMP)

# Renew requirements/test.lock from pyproject.toml: the newest versions its ranges allow, each with its hashes.
lock: $(STAMP)
	@$(BIN)/pip-compile --quiet --upgrade --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url \
		--no-emit-find-links --extra test -o requirements/test.lock pyproject.toml

# The .mo files are compiled again only when a .po file changed (Django's start costs two seconds).
catalogues: locale/.compiled

locale/.compiled: $(wildcard locale/*/LC_MESSAGES/*.po locale/admin/*/LC_MESSAGES/*.po) $(STAMP)
	@echo "[2/$(STEPS)] Compiling the Turkish and Swedish message catalogues"
	@$(BIN)/python manage.py compile_catalogues
	@touch $@

# Tests run in parallel, one xdist worker per core (each with its own test database); the order of the tests
# (grouped by the database "world" they need, tests/conftest.py) is kept within each worker.
TEST_WORKERS ?= auto
PYTEST_PARALLEL = -n $(TEST_WORKERS) --dist loadgroup --no-loadscope-reorder

test: $(STAMP) catalogues tests/observatory/node_modules/.package-lock.json
	@$(BIN)/python -m pytest $(PYTEST_PARALLEL) $(PYTEST_ARGS)

# The inner loop: everything but the browser, the Observatory scan, the production server behind nginx and the
# upgrade of an old database.
test-quick: $(STAMP) catalogues
	@$(BIN)/python -m pytest $(PYTEST_PARALLEL) -m "not browser and not observatory and not server and not upgrade" \
		$(PYTEST_ARGS)

# Line and branch coverage of partnerships/ and tusenet/ over the whole suite (docs/testing.md), every world
# built afresh rather than copied in (tests/world_snapshots.py): building them runs code the coverage counts.
coverage: $(STAMP) catalogues tests/observatory/node_modules/.package-lock.json
	@TUSENET_TEST_SNAPSHOTS=0 $(BIN)/python -m pytest $(PYTEST_PARALLEL) --cov=partnerships --cov=tusenet --cov-branch \
		--cov-report=term:skip-covered $(PYTEST_ARGS)

# The MDN HTTP Observatory scanner for tests/test_observatory.py (Node >= 20). --ignore-scripts: its install
# scripts download lists from the internet that a scan of localhost does not need (see the test).
tests/observatory/node_modules/.package-lock.json: tests/observatory/package.json tests/observatory/package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
		npm ci --prefix tests/observatory --ignore-scripts --no-audit --no-fund --loglevel=error; \
	else echo "npm is not installed: tests/test_observatory.py will be skipped (CI installs Node)"; fi

lint: $(STAMP)
	@$(BIN)/ruff check .
	@$(BIN)/ruff format --check .
	@$(BIN)/bandit -q -r partnerships tusenet bench -c pyproject.toml -ll
	@$(BIN)/lint-imports --no-cache
	@$(BIN)/python manage.py makemigrations --check --dry-run

format: $(STAMP)
	@$(BIN)/ruff check --fix .
	@$(BIN)/ruff format .

# Re-extract translatable strings into locale/*/LC_MESSAGES/django.po (needs GNU gettext).
messages: $(STAMP)
	@$(BIN)/python manage.py makemessages --locale tr --locale sv --no-obsolete \
		--ignore ".venv/*" --ignore "staticfiles/*" --add-location file

# Screenshots of docs/editors.md, taken from the site `make run` serves (start it first).
editor-guide-screenshots: $(STAMP)
	@$(BIN)/python docs/editor_guide_screenshots.py http://127.0.0.1:$(PORT)

# The README's pictures of the public site (docs/images/readme-*.png), from the site `make run` serves.
readme-screenshots: $(STAMP)
	@$(BIN)/python docs/readme_screenshots.py http://127.0.0.1:$(PORT)

# Back up the database (DATABASE_URL: PostgreSQL with pg_dump, or the SQLite file) and MEDIA_ROOT into one
# archive, backups/tusenet-<UTC date>-<time>.tar (BACKUP_DIR to change the folder).
backup: $(STAMP)
	@$(BIN)/python manage.py backup_site

# Restore an archive into an empty database and media folder: make restore ARCHIVE=backups/tusenet-….tar
# FORCE=1 replaces existing data, after backing it up into BACKUP_DIR.
restore: $(STAMP)
	@test -n "$(ARCHIVE)" || { echo "Usage: make restore ARCHIVE=backups/tusenet-<date>-<time>.tar [FORCE=1]"; exit 2; }
	@$(BIN)/python manage.py restore_site "$(ARCHIVE)" $(if $(FORCE),--force)

clean:
	rm -rf $(VENV) staticfiles db.sqlite3 test-tusenet.sqlite3 .secret-key .test-worlds locale/.compiled

# Load test of the production server (bench/bench.py; its page-cache modes predate Wagtail's own serving), against a static file;
# prints the tables and writes bench/results.md. Installs wrk from Debian when missing.
bench: $(STAMP) catalogues
	@command -v wrk >/dev/null 2>&1 || { apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends wrk; }
	@$(BIN)/python bench/bench.py $(BENCH_ARGS)

# Load and fault tests of the production server (bench/loadtest.py), on a PostgreSQL and a Redis of their own
# on 127.0.0.1: 60 s at 32 connections, then Redis stopped, PostgreSQL restarted and a worker killed under load.
# Prints the figures, writes bench/loadtest.md, fails when a requirement is not met. LOADTEST_ARGS=--help
.PHONY: loadtest
loadtest: $(STAMP) catalogues
	@need=""; command -v wrk >/dev/null 2>&1 || need="$$need wrk"; \
		command -v redis-server >/dev/null 2>&1 || need="$$need redis-server"; \
		ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need="$$need postgresql"; \
		test -z "$$need" || { apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$need; }
	@$(BIN)/python bench/loadtest.py $(LOADTEST_ARGS)

# Lighthouse 12.2.3 (bench/package.json; 13.x needs Node 22) on Debian's Chromium against the production
# server (bench/lighthouse.py); writes bench/lighthouse.md.
lighthouse: $(STAMP) catalogues bench/node_modules/.package-lock.json
	@command -v chromium >/dev/null 2>&1 || { apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium; }
	@$(BIN)/python bench/lighthouse.py $(LIGHTHOUSE_ARGS)

bench/node_modules/.package-lock.json: bench/package.json bench/package-lock.json
	@npm ci --prefix bench --no-audit --no-fund --loglevel=error
