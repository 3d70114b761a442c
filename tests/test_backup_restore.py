"""`make backup` / `make restore`: the site restored into a fresh database and media folder is identical.

The content is committed (a transactional test), backed up by ``manage.py backup_site``
in this process, and restored by ``manage.py restore_site`` in a separate process pointed
at a new, empty database and media folder, exactly as ``make restore`` runs it. Every
table is then compared row by row through plain database connections, and every media
file byte by byte. On PostgreSQL (CI) the backup is ``pg_dump``; on SQLite a file copy.
"""

import hashlib
import os
import sqlite3
import subprocess
import sys
from io import BytesIO, StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.images import ImageFile
from django.core.management import call_command
from django.db import connection
from PIL import Image as PillowImage
from wagtail.images.models import Image
from wagtail.models import Locale, Page

from partnerships.loading.data import load_partnership_data
from tusenet.ops.backups import count_rows

from . import migrated_rows

pytestmark = pytest.mark.django_db(transaction=True)

BASE_DIR = Path(settings.BASE_DIR)


@pytest.fixture
def migrated_database(transactional_db):
    """Earlier transactional tests leave the database emptied: start from the migrated rows."""
    migrated_rows.restore()


@pytest.fixture
def committed_site(committed_content):
    """The real content, a page edited into several revisions (one a draft), and an uploaded image."""
    about = Page.objects.get(locale=Locale.get_default(), depth=3, slug="about-tusenet").specific
    about.intro = "A second published version"
    about.save_revision().publish()
    about.intro = "A draft nobody published yet"
    about.save_revision()
    picture = BytesIO()
    PillowImage.new("RGB", (64, 48), (0, 90, 140)).save(picture, format="JPEG")
    Image.objects.create(title="Harbour", file=ImageFile(picture, name="harbour.jpg"))
    return about


@pytest.fixture
def fresh_target(tmp_path):
    """An empty database of the suite's kind (dropped afterwards) and an empty media folder."""
    if connection.vendor == "postgresql":
        import psycopg

        name = f"{connection.settings_dict['NAME']}_restored"
        with psycopg.connect(**_libpq(connection.settings_dict, "postgres"), autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            admin.execute(f'CREATE DATABASE "{name}"')
        yield {"DATABASE_URL": _postgres_url(connection.settings_dict, name), "name": name}, tmp_path / "media"
        with psycopg.connect(**_libpq(connection.settings_dict, "postgres"), autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    else:
        path = tmp_path / "restored.sqlite3"
        yield {"DATABASE_URL": f"sqlite:///{path}", "name": str(path)}, tmp_path / "media"


def test_a_backup_restored_into_a_fresh_database_is_identical(committed_site, fresh_target, tmp_path):
    """Every row of every table (pages, revisions, translations, strings, data, users) and every media file."""
    target, media_root = fresh_target
    backups = tmp_path / "backups"
    output = StringIO()
    call_command("backup_site", output_dir=str(backups), stdout=output)
    (archive,) = backups.glob("tusenet-*.tar")
    assert "[4/4] Wrote" in output.getvalue()
    assert archive.stat().st_mode & 0o077 == 0, "the archive holds password hashes: owner only"

    result = _restore(archive, target, media_root, backups)
    assert result.returncode == 0, result.stderr
    assert "[5/5] Checking the restored data" in result.stdout

    counts = count_rows()
    assert counts["pages"] > 100 and counts["revisions"] > counts["pages"], counts
    assert counts["translation sources"] > 50 and counts["translated strings"] > 300, counts
    assert counts["municipalities"] == 29 and counts["networks"] == 7 and counts["images"] == 1, counts
    print("restored and compared:", counts)

    with _source_connection() as source, _target_connection(target) as restored:
        tables = connection.introspection.table_names()
        assert set(_table_names(restored)) == set(tables)
        for table in tables:
            assert _rows(restored, table) == _rows(source, table), f"table {table} differs after the restore"
        if connection.vendor == "postgresql":
            assert _sequences(restored) == _sequences(source), "the next ids would differ"

    assert _files(media_root) == _files(Path(settings.MEDIA_ROOT))
    assert any(name.startswith("original_images/harbour") for name in _files(media_root))


def test_restore_refuses_a_database_that_is_not_empty_unless_forced(migrated_database, fresh_target, tmp_path):
    """Restoring over data is refused; --force first backs up what is there, then replaces it."""
    load_partnership_data()
    target, media_root = fresh_target
    backups = tmp_path / "backups"
    call_command("backup_site", output_dir=str(backups), stdout=StringIO())
    (archive,) = backups.glob("tusenet-*.tar")
    assert _restore(archive, target, media_root, backups).returncode == 0

    refused = _restore(archive, target, media_root, backups)
    assert refused.returncode != 0
    assert "Not restoring over existing data" in refused.stderr and "--force" in refused.stderr

    forced = _restore(archive, target, media_root, backups, "--force")
    assert forced.returncode == 0, forced.stderr
    assert "[3/6] Backed up what was there to" in forced.stdout
    assert len(list(backups.glob("tusenet-before-restore-*.tar"))) == 1


def test_restore_gives_a_clear_answer_for_a_file_that_is_not_a_backup(migrated_database, fresh_target, tmp_path):
    """A wrong file is refused with a message, before anything is touched."""
    target, media_root = fresh_target
    not_a_backup = tmp_path / "notes.tar"
    not_a_backup.write_text("hello")
    result = _restore(not_a_backup, target, media_root, tmp_path)
    assert result.returncode != 0
    assert "is not a Tusenet backup archive" in result.stderr


def _restore(archive, target, media_root, backups, *options):
    """``make restore``, in its own process, against the fresh database and media folder."""
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tusenet.settings.dev",
        "DATABASE_URL": target["DATABASE_URL"],
        "MEDIA_ROOT": str(media_root),
        "BACKUP_DIR": str(backups),
    }
    command = [sys.executable, "manage.py", "restore_site", str(archive), *options]
    return subprocess.run(command, cwd=BASE_DIR, env=environment, capture_output=True, text=True, timeout=600)  # noqa: S603


# Plain database connections, the same kind on both sides, so values compare exactly.


def _libpq(settings_dict, name):
    parameters = {"dbname": name, "host": settings_dict.get("HOST"), "port": settings_dict.get("PORT")}
    parameters.update(user=settings_dict.get("USER"), password=settings_dict.get("PASSWORD"))
    return {key: value for key, value in parameters.items() if value}


def _postgres_url(settings_dict, name):
    password = f":{settings_dict['PASSWORD']}" if settings_dict.get("PASSWORD") else ""
    host, port = settings_dict.get("HOST") or "127.0.0.1", settings_dict.get("PORT") or 5432
    return f"postgres://{settings_dict.get('USER') or 'postgres'}{password}@{host}:{port}/{name}"


class _Closing:
    def __init__(self, raw, close=True):
        self.raw, self.close = raw, close

    def __enter__(self):
        return self.raw

    def __exit__(self, *exc):
        if self.close:
            self.raw.close()


def _source_connection():
    if connection.vendor == "postgresql":
        import psycopg

        return _Closing(psycopg.connect(**_libpq(connection.settings_dict, connection.settings_dict["NAME"])))
    connection.ensure_connection()
    return _Closing(connection.connection, close=False)  # the in-memory test database


def _target_connection(target):
    if connection.vendor == "postgresql":
        import psycopg

        return _Closing(psycopg.connect(**_libpq(connection.settings_dict, target["name"])))
    return _Closing(sqlite3.connect(target["name"], detect_types=sqlite3.PARSE_DECLTYPES | sqlite3.PARSE_COLNAMES))


def _table_names(raw):
    cursor = raw.cursor()
    if connection.vendor == "postgresql":
        cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
    else:
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    return [row[0] for row in cursor.fetchall()]


def _rows(raw, table):
    cursor = raw.cursor()
    cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 (table names come from the database itself)
    return sorted(cursor.fetchall(), key=repr)


def _sequences(raw):
    cursor = raw.cursor()
    cursor.execute("SELECT sequencename, last_value FROM pg_sequences WHERE schemaname = 'public'")
    return sorted(cursor.fetchall())


def _files(root):
    root = Path(root)
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in root.rglob("*")
        if path.is_file()
    }
