"""Two writers at once on `make run`'s SQLite: an autosave and a publish both land, neither "database is locked"."""

import json
import subprocess
import sys
import textwrap

from tusenet.settings import sqlite

from .production import BASIC, REPO, settings_of

#: Two threads, each in a Django transaction that reads a page and then writes it, as Wagtail's autosave and
#: publish do: the publish begins while the autosave, having read, still holds its transaction open.
TWO_WRITERS = """
import json, sys, threading, time
import django
from django.conf import settings
from tusenet.settings import sqlite

database = {"ENGINE": sqlite.SQLITE_ENGINE, "NAME": sys.argv[1]}
if sys.argv[2] == "set up":
    database = sqlite.for_concurrent_writers(database)
settings.configure(DATABASES={"default": database})
django.setup()
from django.db import connection, transaction

with connection.cursor() as cursor:
    cursor.execute("CREATE TABLE page (id INTEGER PRIMARY KEY, title TEXT, revisions INTEGER)")
    cursor.execute("INSERT INTO page VALUES (1, 'Post', 0)")
connection.close()
autosave_has_read = threading.Event()
errors = []

def write(name, change, pause):
    try:
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SELECT title, revisions FROM page WHERE id = 1")
                cursor.fetchone()
                if name == "autosave":
                    autosave_has_read.set()
                time.sleep(pause)
                cursor.execute(change)
    except Exception as error:
        errors.append(f"{name}: {error}")
    finally:
        autosave_has_read.set()
        connection.close()

def publish():
    autosave_has_read.wait(5)
    write("publish", "UPDATE page SET title = 'Published post' WHERE id = 1", 0)

threads = [
    threading.Thread(target=write, args=("autosave", "UPDATE page SET revisions = revisions + 1 WHERE id = 1", 0.5)),
    threading.Thread(target=publish),
]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
with connection.cursor() as cursor:
    cursor.execute("SELECT title, revisions FROM page WHERE id = 1")
    print(json.dumps({"errors": errors, "page": list(cursor.fetchone())}))
"""


def run_two_writers(database, configuration):
    script = textwrap.dedent(TWO_WRITERS)
    done = subprocess.run(
        [sys.executable, "-c", script, str(database), configuration], cwd=REPO, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_an_autosave_and_a_publish_at_once_both_land(tmp_path):
    assert run_two_writers(tmp_path / "db.sqlite3", "set up") == {"errors": [], "page": ["Published post", 1]}


def test_without_that_set_up_one_of_them_fails_with_database_is_locked(tmp_path):
    """The same two writers on SQLite's defaults: the failure editors met on `make run`."""
    result = run_two_writers(tmp_path / "db.sqlite3", "plain")
    assert len(result["errors"]) == 1 and "database is locked" in result["errors"][0]


def test_make_run_and_production_set_sqlite_up_for_writers_at_once_and_leave_postgresql_alone(tmp_path):
    on_sqlite = {"DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"}
    for module in ("tusenet.settings.dev", "tusenet.settings.production"):
        options = settings_of(module, {**BASIC, **on_sqlite}).DATABASES["default"]["OPTIONS"]
        assert options.items() >= sqlite.CONCURRENT_WRITERS.items(), module
    on_postgresql = settings_of("tusenet.settings.production", {**BASIC, "DATABASE_URL": "postgres://db/tusenet"})
    assert "transaction_mode" not in on_postgresql.DATABASES["default"].get("OPTIONS", {})
