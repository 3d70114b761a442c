"""Browser tests: Playwright driving Debian's Chromium against pytest-django's live server.

Without /usr/bin/chromium these tests skip with a reason, except in CI (CI=true),
where a missing browser is a failure.
"""

import os
from pathlib import Path

import pytest
from django.core.management import call_command

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


def restore_migrated_rows():
    """Recreate what the migrations put in the database, after an earlier live-server test flushed it."""
    from importlib import import_module

    from django.apps import apps
    from wagtail.models import Locale, Page

    from partnerships.multilingual import locales

    locales.clear()  # the flush bypassed the signals that keep this cache true
    if Page.objects.filter(depth=1).exists():
        return
    import_module("partnerships.migrations.0002_locales").create_locales(apps, None)
    Page.add_root(instance=Page(title="Root", slug="root", locale=Locale.objects.get(language_code="en")))
    import_module("partnerships.migrations.0003_home_page").create_home_page(apps, None)


@pytest.fixture
def loaded_site(transactional_db, live_server):
    """The complete content, as `make run` loads it, served by the live server."""
    restore_migrated_rows()
    with open(os.devnull, "w") as devnull:
        call_command("load_tusenet", stdout=devnull)
    return live_server
