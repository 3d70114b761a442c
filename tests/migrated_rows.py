"""The rows the migrations create (locales, root page and collection, home page, site, roles), kept to put back.

Transactional tests (live-server browser tests, the backup round trip) commit their data and
leave an emptied database behind. Django's ``serialized_rollback`` is meant to put the migrated
rows back, but it keeps its copy on the thread's database connection, and after Playwright has
run, a later test gets another connection without it (the CI run failed that way). This copy is
taken once, right after the test database is migrated, and lives in this module instead. When
``world_snapshots`` keeps copies (SQLite), the copy of the migrated database is put back instead:
it is faster, and a database copied in without migrating has no migrations for Django to serialize by.
"""

import json

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection

from tusenet.i18n.multilingual import locales

from . import world_snapshots

MIGRATED = "migrated"

_snapshot = {}


def take_snapshot():
    """Remember the freshly migrated database (called once, by the ``django_db_setup`` fixture).

    Content types come first: building a page from its row looks its content type up
    (Wagtail's ``Page.__init__``), and would create a new one if it were not there yet.
    """
    if world_snapshots.enabled():
        return
    rows = json.loads(connection.creation.serialize_db_to_string())
    rows.sort(key=lambda row: row["model"] != "contenttypes.contenttype")
    _snapshot["rows"] = json.dumps(rows)


def restore():
    """Empty the database and put back exactly what the migrations created, with sequences past those rows."""
    if world_snapshots.enabled():
        world_snapshots.load(MIGRATED)
        forget_cached_rows()
        return
    call_command("flush", interactive=False, verbosity=0, inhibit_post_migrate=True)
    ContentType.objects.clear_cache()
    connection.creation.deserialize_db_from_string(_snapshot["rows"])
    sequences = connection.ops.sequence_reset_sql(no_style(), apps.get_models())
    with connection.cursor() as cursor:
        for statement in sequences:
            cursor.execute(statement)
    forget_cached_rows()


def forget_cached_rows():
    """Empty this process's caches of rows after the database was replaced under them (bypassing signals)."""
    ContentType.objects.clear_cache()
    locales.clear()
