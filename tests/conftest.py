import os
import sys

import pytest
from django.core.cache import cache

from . import migrated_rows, world_snapshots, worlds

#: Fixtures that put a test in a world other than the migrated one (see ``tests/worlds.py``).
REAL_WORLD_FIXTURES = {"loaded_content", "loaded_site", "committed_content"}
SMALL_WORLD_FIXTURES = {"small_site"}
DATA_WORLD_FIXTURES = {"seed_data"}


def _run_order(item):
    """(world, how the test writes): the migrated world, the partnership data, the small site, the real content.

    Within a world, tests in rolled-back transactions come first, then live-server tests (which share
    the committed world), then transactional tests (which may change or empty it).
    """
    names = set(getattr(item, "fixturenames", ()))
    if names & REAL_WORLD_FIXTURES:
        world = 3
    elif names & SMALL_WORLD_FIXTURES:
        world = 2
    else:
        world = 1 if names & DATA_WORLD_FIXTURES else 0
    marker = item.get_closest_marker("django_db")
    flushes = "transactional_db" in names or bool(marker and marker.kwargs.get("transaction"))
    return world, 2 if flushes and "live_server" not in names else 1 if "live_server" in names else 0


def pytest_collection_modifyitems(items):
    """Group the tests by world, so that each world is built once per session (stable: file order kept).

    A module's world fixture holds its transaction until the module ends, so a module may use one world
    besides the migrated one.
    """
    worlds_by_module = {}
    for item in items:
        worlds_by_module.setdefault(item.path, set()).add(_run_order(item)[0])
    for path, found in worlds_by_module.items():
        if len(found - {0}) > 1:
            raise pytest.UsageError(f"{path} uses more than one database world: split it (tests/worlds.py)")
    items.sort(key=_run_order)


def pytest_collection_finish(session):
    """Stop if ``--dist loadgroup`` no longer keeps an ``xdist_group`` on one worker (pytest-xdist#1386).

    The group is a suffix xdist writes into each node id; pytest 9.2 ignores the write, and the tests of
    one group (the fixed ports of the Observatory, one nginx front) then run on two workers at once.
    """
    if not getattr(session.config.option, "loadgroup", False):
        return
    grouped = [item.nodeid for item in session.items if item.get_closest_marker("xdist_group")]
    ungrouped = [nodeid for nodeid in grouped if "@" not in nodeid]
    if ungrouped:
        # On an xdist worker an exception's message is lost: the controller reports only a crash.
        message = f"--dist loadgroup did not group {len(ungrouped)} tests, e.g. {ungrouped[0]} (pytest-xdist#1386)"
        os.write(sys.stderr.fileno(), f"\n{message}\n".encode())
        raise pytest.UsageError(message)


@pytest.fixture(scope="session")
def django_db_use_migrations():
    """Migrate the test database, unless a copy of the migrated database made from today's code is on disk."""
    return not world_snapshots.exists(worlds.MIGRATED)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_use_migrations, django_db_blocker):
    """pytest-django's test database, and a copy of its migrated rows for transactional tests to put back."""
    with django_db_blocker.unblock():
        worlds.start(migrated=django_db_use_migrations)
        migrated_rows.take_snapshot()


@pytest.fixture(autouse=True)
def empty_cache():
    """Every test starts with an empty cache: fragments cached from another test's data never leak in."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(scope="module")
def seed_data(django_db_setup, django_db_blocker):
    """The partnership data without pages (built once per session), in a module transaction rolled back after it."""
    with worlds.module_transaction(worlds.DATA, django_db_blocker):
        yield


@pytest.fixture
def admin_client_logged_in(client, django_user_model):
    user = django_user_model.objects.create_superuser("admin", "admin@example.com", "pw")
    client.force_login(user)
    return client


@pytest.fixture(scope="module")
def loaded_content(django_db_setup, django_db_blocker):
    """The complete content (built once per session), in a transaction for the module, rolled back after it."""
    with worlds.module_transaction(worlds.REAL, django_db_blocker):
        yield


@pytest.fixture(scope="module")
def small_site(django_db_setup, django_db_blocker):
    """``builders.small_site`` (built once per session), in a transaction for the module, rolled back after it."""
    from .builders import fetch_pages

    with worlds.module_transaction(worlds.SMALL, django_db_blocker) as page_ids:
        yield fetch_pages(page_ids)


@pytest.fixture
def committed_content(transactional_db, django_db_blocker):
    """The complete content (built once per session), committed, for a transactional test that may change it."""
    worlds.enter(worlds.REAL)
