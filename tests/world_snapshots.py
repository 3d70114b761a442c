"""Copies of the SQLite test database's worlds on disk, so that a world is built once, not once per worker and run.

Building the worlds (migrating, loading the data, building the small site, loading the real content) is
most of the fixed cost of a run. On SQLite, a world once built is copied into ``.test-worlds/<key>/``
with SQLite's backup API, and the next worker or run that needs it copies it back in milliseconds.
``<key>`` is a digest of everything a world is made from: the code and data of ``partnerships/`` and
``tusenet/`` (but the modules that only answer requests, ``REQUEST_ONLY``), the builders of the tests, and
the versions of Python, SQLite and every installed package.
Any change to these gives a new key, so a copy is never older than the code; the copies of other keys
are deleted when a new key's first copy is written. PostgreSQL (CI) always builds its worlds.
``TUSENET_TEST_SNAPSHOTS=0`` turns the copies off.
"""

import hashlib
import importlib.metadata
import os
import pickle
import shutil
import sqlite3
import sys
from functools import cache
from pathlib import Path

from django.conf import settings
from django.db import connection

BASE_DIR = Path(settings.BASE_DIR)
SNAPSHOTS_DIR = BASE_DIR / ".test-worlds"
#: What the worlds are made from, besides the installed packages.
INPUTS = [
    BASE_DIR / "partnerships",
    BASE_DIR / "tusenet",
    BASE_DIR / "pyproject.toml",
    *(BASE_DIR / "tests" / name for name in ("builders.py", "factories.py", "worlds.py", "migrated_rows.py")),
    Path(__file__),
]
#: Modules that only answer requests (views, forms, middleware, template tags, URLs, feeds, maps): building a
#: world runs none of their code, so changing them, the inner loop's usual change, keeps the copies.
REQUEST_ONLY = {
    *("views.py", "admin_views.py", "forms.py", "urls.py", "middleware.py"),
    *("feeds.py", "sitemaps.py", "api.py", "maps.py", "map_layout.py"),
}
REQUEST_ONLY_FOLDERS = {"templatetags"}


def enabled():
    """Copies are kept for SQLite test databases, unless ``TUSENET_TEST_SNAPSHOTS=0``."""
    return connection.vendor == "sqlite" and os.environ.get("TUSENET_TEST_SNAPSHOTS", "1") != "0"


@cache
def _key():
    """A digest of the files in ``INPUTS`` that build worlds, their paths, and the versions of everything installed."""
    digest = hashlib.sha256()
    files = []
    for source in INPUTS:
        files.extend([source] if source.is_file() else sorted(source.rglob("*")))
    for path in files:
        if _builds_worlds(path):
            digest.update(str(path.relative_to(BASE_DIR)).encode() + b"\0" + path.read_bytes() + b"\0")
    packages = sorted(f"{dist.metadata['Name']}=={dist.version}" for dist in importlib.metadata.distributions())
    digest.update("\n".join([sys.version, sqlite3.sqlite_version, *packages]).encode())
    return digest.hexdigest()[:20]


def _builds_worlds(path):
    """Whether the file can change what a world holds."""
    if not path.is_file() or path.suffix in (".pyc", ".mo") or path.name in REQUEST_ONLY:
        return False
    return not ({"__pycache__", *REQUEST_ONLY_FOLDERS} & set(path.parts))


def _paths(name):
    folder = SNAPSHOTS_DIR / _key()
    return folder / f"{name}.sqlite3", folder / f"{name}.pickle"


def exists(name):
    """Whether a copy of world ``name`` made from today's code is on disk."""
    return enabled() and _paths(name)[0].exists()


def save(name, built):
    """Copy the database (and what the world's builder returned) to disk; atomic, so workers may race."""
    if not enabled():
        return
    database, returned = _paths(name)
    if not database.parent.exists():
        for older in SNAPSHOTS_DIR.glob("*"):  # copies made from other code
            if older.name != database.parent.name:
                shutil.rmtree(older, ignore_errors=True)
        database.parent.mkdir(parents=True, exist_ok=True)
    suffix = f".{os.getpid()}.tmp"
    returned.with_suffix(suffix).write_bytes(pickle.dumps(built))
    os.replace(returned.with_suffix(suffix), returned)
    connection.ensure_connection()
    copy = sqlite3.connect(database.with_suffix(suffix))
    with copy:
        connection.connection.backup(copy)
    copy.close()
    os.replace(database.with_suffix(suffix), database)


def load(name):
    """Replace the whole database with the copy of world ``name``; return what its builder returned."""
    database, returned = _paths(name)
    built = pickle.loads(returned.read_bytes())  # noqa: S301 - written by this module, in this checkout
    connection.ensure_connection()
    copy = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    copy.backup(connection.connection)
    copy.close()
    return built
