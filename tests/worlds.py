"""Committed states of the test database ("worlds"), each built at most once per test session.

A world is committed, so that the live server's thread, other connections and transactional
tests see it; the tests on top of it run in transactions that are rolled back (pytest-django's
``db``, and the module-scoped fixtures of ``conftest.py``). ``conftest.py`` orders the tests by
the world they need, so each world is built at most once per session (once per xdist worker); on
SQLite, ``world_snapshots`` keeps a copy of each world built, for the other workers and the next runs.

- ``MIGRATED``: only what the migrations made (``migrated_rows``): the default for every test.
- ``DATA``: the real partnership data from ``partnerships/data`` (no pages).
- ``SMALL``: the real partnership data with a page of every type built by ``builders.small_site``.
- ``REAL``: the complete Tusenet content, exactly as ``make run`` loads it (``load_tusenet``).
"""

import os
from contextlib import contextmanager

from django.core.management import call_command
from django.db import connection, transaction
from wagtail.images.models import Image
from wagtail.models import Page, PageViewRestriction, Revision

from partnerships.models import Membership, Municipality, Network, WorkingArea

from . import migrated_rows, world_snapshots
from .migrated_rows import MIGRATED

DATA, SMALL, REAL = "data", "small", "real"

#: The world the database holds now, its fingerprint, and what its builder returned.
_current = {"name": MIGRATED, "fingerprint": None, "built": None}


def _fingerprint():
    """Counts that change whenever a test commits content into a world (or empties it)."""
    return (
        Page.objects.count(),
        Page.objects.live().count(),
        Revision.objects.count(),
        Municipality.objects.count(),
        Membership.objects.count(),
        Network.objects.count(),
        WorkingArea.objects.count(),
        PageViewRestriction.objects.count(),
        Image.objects.count(),
    )


def _load_real_content():
    with open(os.devnull, "w") as devnull:
        call_command("load_tusenet", stdout=devnull)


def _load_partnership_data():
    from partnerships.loading.data import load_partnership_data

    load_partnership_data()


def _build_small_site():
    from .builders import small_site

    return small_site()


BUILDERS = {MIGRATED: lambda: None, DATA: _load_partnership_data, SMALL: _build_small_site, REAL: _load_real_content}


def enter(name):
    """Make world ``name`` the committed state of the database (built unless it is there, intact); return its build."""
    if _current["name"] == name and _current["fingerprint"] == _fingerprint():
        return _current["built"]
    if connection.in_atomic_block:
        raise RuntimeError(
            f"The test database must become the {name!r} world, but a transaction is open: "
            "request the world's fixture before `db` (module-scoped world fixtures come first)."
        )
    _current.update(name=None, built=None)
    if world_snapshots.exists(name):
        built = world_snapshots.load(name)
        migrated_rows.forget_cached_rows()
    else:
        migrated_rows.restore()
        built = BUILDERS[name]()
        world_snapshots.save(name, built)
    _current.update(name=name, fingerprint=_fingerprint(), built=built)
    return built


def start(migrated):
    """The test database just created becomes the migrated world: kept when ``migrated``, else copied in."""
    if migrated:
        world_snapshots.save(MIGRATED, None)
    else:
        world_snapshots.load(MIGRATED)
        migrated_rows.forget_cached_rows()
    _current.update(name=MIGRATED, fingerprint=None, built=None)


def forget():
    """The database was changed outside any world (a transactional test): rebuild on the next ``enter``."""
    _current.update(name=None, fingerprint=None, built=None)


@contextmanager
def module_transaction(name, django_db_blocker):
    """World ``name`` entered, then a transaction held around a test module and rolled back after it."""
    with django_db_blocker.unblock():
        built = enter(name)
        with transaction.atomic():
            yield built
            transaction.set_rollback(True)
