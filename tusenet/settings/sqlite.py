"""SQLite set up for several writers at once: `make run`'s database, where an editor's autosave can meet a publish."""

SQLITE_ENGINE = "django.db.backends.sqlite3"

#: Write-ahead logging lets pages be read while someone writes; IMMEDIATE transactions take the write lock when
#: they begin, so a second writer waits for the first (up to ``timeout`` seconds) instead of failing halfway
#: with "database is locked" when its read-then-write transaction cannot be upgraded.
CONCURRENT_WRITERS = {
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
}


def for_concurrent_writers(database):
    """The DATABASES entry ``database`` with CONCURRENT_WRITERS added if it is SQLite (its own OPTIONS win)."""
    if database.get("ENGINE") != SQLITE_ENGINE:
        return database
    return {**database, "OPTIONS": {**CONCURRENT_WRITERS, **database.get("OPTIONS", {})}}
