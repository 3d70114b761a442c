# Tusenet: `make run` sets everything up and serves the site; `make test` runs the suite.
PYTHON ?= python3
PORT ?= 8000
# Absolute links (hreflang, canonical, sitemap) use the address the site is served at.
export WAGTAILADMIN_BASE_URL ?= http://127.0.0.1:$(PORT)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run setup test lint format messages catalogues check clean editor-guide-screenshots

run: setup
	@echo "[5/5] Serving Tusenet on http://127.0.0.1:$(PORT)/ (admin: http://127.0.0.1:$(PORT)/admin/) - Ctrl+C stops it"
	@$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

setup: $(STAMP) catalogues
	@echo "[3/5] Applying database migrations"
	@$(BIN)/python manage.py migrate --no-input -v 0
	@echo "[4/5] Loading the Tusenet content (the first run takes about a minute)"
	@$(BIN)/python manage.py load_tusenet
	@$(BIN)/python manage.py ensure_admin

$(STAMP): pyproject.toml
	@echo "[1/5] Creating the virtual environment in $(VENV) and installing packages"
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install --quiet --upgrade pip
	@$(BIN)/python -m pip install --quiet --progress-bar on -e ".[test]"
	@touch $(STAMP)

catalogues: $(STAMP)
	@echo "[2/5] Compiling the Turkish and Swedish message catalogues"
	@$(BIN)/python manage.py compile_catalogues

test: $(STAMP) catalogues
	@$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(STAMP)
	@$(BIN)/ruff check .
	@$(BIN)/ruff format --check .
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

clean:
	rm -rf $(VENV) staticfiles db.sqlite3 test-tusenet.sqlite3
