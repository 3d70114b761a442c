"""Browser tests: Playwright driving Debian's Chromium against pytest-django's live server.

Without /usr/bin/chromium these tests skip with a reason, except in CI (CI=true),
where a missing browser is a failure.
"""

import os
from pathlib import Path

import pytest
from django.core.management import call_command

from .. import migrated_rows

CHROMIUM = Path("/usr/bin/chromium")
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

# Playwright's sync API runs an event loop in the test thread; the Django calls
# made by the tests themselves are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        if os.environ.get("CI") == "true":
            pytest.fail("Chromium is missing at /usr/bin/chromium; CI must install it (apt-get install chromium).")
        pytest.skip("Chromium is not installed (apt-get install chromium) - browser tests skipped locally.")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=LAUNCH_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def loaded_site(transactional_db, live_server):
    """The complete content, as `make run` loads it, served by the live server."""
    migrated_rows.restore()
    with open(os.devnull, "w") as devnull:
        call_command("load_tusenet", stdout=devnull)
    return live_server
