"""Browser tests: Playwright driving Debian's Chromium against pytest-django's live server.

Every browser test reads the real content, committed once per session (``tests/worlds.py``), through
one live server. Without /usr/bin/chromium these tests skip with a reason, except in CI (CI=true),
where a missing browser is a failure.
"""

import os
from pathlib import Path

import pytest
from django.db import connection

from .. import worlds

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


@pytest.fixture(autouse=True)
def close_database_connection():
    """Close this context's connection after each browser test: Playwright's greenlets can give a test a
    connection of its own, which left open would keep PostgreSQL from dropping the test database at the end."""
    yield
    connection.close()


@pytest.fixture
def transactional_db(django_db_blocker):
    """pytest-django's would empty the database after each live-server test; the committed world stays instead."""
    with django_db_blocker.unblock():
        yield


@pytest.fixture(scope="module")
def loaded_site(django_db_setup, django_db_blocker, live_server):
    """The complete content, as `make run` loads it (built once per session), served by the live server."""
    with django_db_blocker.unblock():
        worlds.enter(worlds.REAL)
    return live_server


PASSPHRASE = "a long passphrase 42"


def signed_in_tab(browser, site_url, user):
    """A new 1280-pixel tab signed in to the admin as ``user`` through the login form; (context, tab)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.goto(f"{site_url}/admin/login/")
    tab.fill("input[name=username]", user.username)
    tab.fill("input[name=password]", PASSPHRASE)
    tab.locator("form").get_by_role("button").first.click()
    tab.wait_for_url(f"{site_url}/admin/")
    return context, tab


def close_and_forget(context, tab, user, django_db_blocker):
    """Close the tab and delete its user.

    The admin's editor pings its editing session every few seconds: the tab leaves its page first, so that no
    ping reaches the live server while the user and its sessions are deleted (SQLite locks the table).
    """
    tab.goto("about:blank")
    context.close()
    with django_db_blocker.unblock():
        user.delete()


@pytest.fixture
def signed_in_admin(browser, loaded_site, django_db_blocker):
    """A browser tab signed in to the admin as a superuser, who is deleted afterwards (the world stays as it was)."""
    from django.contrib.auth import get_user_model

    with django_db_blocker.unblock():
        user = get_user_model().objects.create_superuser("browser-admin", "admin@example.org", PASSPHRASE)
    context, tab = signed_in_tab(browser, loaded_site.url, user)
    yield tab
    close_and_forget(context, tab, user, django_db_blocker)


@pytest.fixture
def sign_in_as(browser, loaded_site, django_db_blocker):
    """``sign_in_as(role, language)``: a tab signed in as a new member of group ``role``, the admin in ``language``.

    The users are deleted afterwards, as ``signed_in_admin``'s is.
    """
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from wagtail.users.models import UserProfile

    opened = []

    def sign_in(role, language):
        with django_db_blocker.unblock():
            user = get_user_model().objects.create_user(
                f"journey-{len(opened)}", f"journey-{len(opened)}@example.org", PASSPHRASE
            )
            user.groups.add(Group.objects.get(name=role))
            profile = UserProfile.get_for_user(user)
            profile.preferred_language = language
            profile.save()
        context, tab = signed_in_tab(browser, loaded_site.url, user)
        opened.append((context, tab, user))
        return tab

    yield sign_in
    for context, tab, user in opened:
        close_and_forget(context, tab, user, django_db_blocker)
