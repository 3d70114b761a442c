"""Back up the whole site into one archive, and restore it: the database and the uploaded media.

An archive is a plain tar file, ``backups/tusenet-<UTC date>-<time>.tar`` by default, holding

- ``manifest.json``: the format, the database vendor, when it was made, the row counts
  of pages, revisions, translations and partnership data, and each media file's SHA-256;
- ``database.dump`` (PostgreSQL: ``pg_dump --format=custom``) or ``database.sqlite3``
  (SQLite: a consistent copy made with SQLite's online backup);
- ``media/…``: every file under ``MEDIA_ROOT`` (uploads and renditions), when media are
  stored on the local disk. Media in a bucket (``docs/deploy.md``) are backed up there.

A restore goes into an empty database and an empty media folder. With ``force`` it
first backs up what is there, then replaces it: a restore never destroys anything
that is not in some archive. Archives hold password hashes and sessions: they are
written readable by their owner only.
"""

import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath

from django.apps import apps
from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.backends.postgresql.client import DatabaseClient

from tusenet.caching import content_version

FORMAT = 1
MANIFEST = "manifest.json"
MEDIA_PREFIX = "media/"
DUMP_NAMES = {"postgresql": "database.dump", "sqlite": "database.sqlite3"}
VENDOR_NAMES = {"postgresql": "PostgreSQL", "sqlite": "SQLite"}

#: What the manifest counts, and the restore checks: label → model.
COUNTED = {
    "pages": "wagtailcore.Page",
    "revisions": "wagtailcore.Revision",
    "translation sources": "wagtail_localize.TranslationSource",
    "translations": "wagtail_localize.Translation",
    "translated strings": "wagtail_localize.StringTranslation",
    "municipalities": "partnerships.Municipality",
    "associations": "partnerships.Association",
    "networks": "partnerships.Network",
    "memberships": "partnerships.Membership",
    "images": "wagtailimages.Image",
    "documents": "wagtaildocs.Document",
    "users": "auth.User",
}


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why and what to do."""


def _steps(total, write):
    """A function that prints "[n/total] what happens"."""

    def step(number, message):
        write(f"[{number}/{total}] {message}")

    return step


def default_backup_dir():
    return Path(settings.BACKUP_DIR)


# Backing up


def create_backup(output_dir=None, *, database=DEFAULT_DB_ALIAS, prefix="tusenet", write=print):
    """Write an archive of the database and media into ``output_dir``; return its path."""
    connection = connections[database]
    vendor = _supported_vendor(connection)
    output_dir = Path(output_dir or default_backup_dir())
    step = _steps(4, write)
    step(1, f"Backing up the {VENDOR_NAMES[vendor]} database “{_database_label(connection)}” and the media")
    counts = count_rows(database)
    media_root = _local_media_root()
    with tempfile.TemporaryDirectory(prefix="tusenet-backup-") as scratch:
        dump = Path(scratch) / DUMP_NAMES[vendor]
        step(2, f"Dumping the database ({_summary(counts)})")
        if vendor == "postgresql":
            _run(["pg_dump", "--format=custom", f"--file={dump}"], _libpq_environment(connection))
        else:
            _sqlite_copy(connection, dump)
        media_files = _media_files(media_root) if media_root else []
        if media_root:
            size = sum(path.stat().st_size for path in media_files)
            step(3, f"Adding {len(media_files)} media files ({_megabytes(size)}) from {media_root}")
        else:
            step(3, "Media are not on this disk (a storage bucket): back them up with the bucket")
        manifest = {
            "format": FORMAT,
            "created": datetime.now(UTC).isoformat(timespec="seconds"),
            "vendor": vendor,
            "database": DUMP_NAMES[vendor],
            "counts": counts,
            "media": None
            if media_root is None
            else {path.relative_to(media_root).as_posix(): _sha256(path) for path in media_files},
        }
        archive = _write_archive(output_dir, prefix, manifest, dump, media_root, media_files)
    step(4, f"Wrote {archive} ({_megabytes(archive.stat().st_size)}); restore it with: make restore ARCHIVE={archive}")
    return archive


def _write_archive(output_dir, prefix, manifest, dump, media_root, media_files):
    output_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    archive = output_dir / f"{prefix}-{stamp}.tar"
    number = 1
    while archive.exists():  # two backups within one second
        number += 1
        archive = output_dir / f"{prefix}-{stamp}-{number}.tar"
    partial = archive.with_suffix(".tar.partial")
    descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "wb") as stream, tarfile.open(fileobj=stream, mode="w") as tar:
        data = json.dumps(manifest, indent=2, ensure_ascii=False).encode()
        info = tarfile.TarInfo(MANIFEST)
        info.size, info.mode, info.mtime = len(data), 0o600, int(datetime.now(UTC).timestamp())
        tar.addfile(info, io.BytesIO(data))
        tar.add(dump, arcname=manifest["database"])
        for path in media_files:
            tar.add(path, arcname=MEDIA_PREFIX + path.relative_to(media_root).as_posix())
    partial.replace(archive)
    return archive


# Restoring


def restore_backup(archive, *, force=False, database=DEFAULT_DB_ALIAS, write=print):
    """Restore ``archive`` into the database and ``MEDIA_ROOT``; refuse to overwrite unless ``force``."""
    archive = Path(archive)
    connection = connections[database]
    step = _steps(6 if force else 5, write)
    step(1, f"Reading {archive}")
    with _open_archive(archive) as tar:
        manifest = _read_manifest(tar)
        vendor = _supported_vendor(connection)
        if manifest["vendor"] != vendor:
            raise BackupError(
                f"{archive.name} holds a {VENDOR_NAMES.get(manifest['vendor'], manifest['vendor'])} database, "
                f"but this site uses {VENDOR_NAMES[vendor]}: point DATABASE_URL at an empty "
                f"{VENDOR_NAMES.get(manifest['vendor'], manifest['vendor'])} database."
            )
        media_root = _local_media_root()
        tables = connection.introspection.table_names()
        existing_media = _media_files(media_root) if media_root and manifest["media"] is not None else []
        step(2, f"Checking that the database “{_database_label(connection)}” and the media folder are empty")
        if (tables or existing_media) and not force:
            found = [f"{len(tables)} tables in the database"] if tables else []
            found += [f"{len(existing_media)} files in {media_root}"] if existing_media else []
            raise BackupError(
                f"Not restoring over existing data ({' and '.join(found)}). Restore into an empty database, "
                "or add --force (make restore … FORCE=1) to replace it: what is there is backed up first."
            )
        number = 3
        if force:
            safety = create_backup(database=database, prefix="tusenet-before-restore", write=lambda line: None)
            step(number, f"Backed up what was there to {safety}")
            number += 1
        with tempfile.TemporaryDirectory(prefix="tusenet-restore-") as scratch:
            dump = _extract_member(tar, manifest["database"], Path(scratch))
            step(number, f"Restoring the {VENDOR_NAMES[vendor]} database ({_summary(manifest['counts'])})")
            if force:
                _empty_database(connection, tables)
            if vendor == "postgresql":
                _pg_restore(connection, dump)
            else:
                _sqlite_restore(connection, dump)
        number += 1
        if manifest["media"] is None:
            step(number, "The backup holds no media (they were in a storage bucket): restore the bucket separately")
        elif media_root is None:
            step(number, "Media are stored in a bucket here: copy the backup's media/ folder into it yourself")
        else:
            step(number, f"Restoring {len(manifest['media'])} media files into {media_root}")
            _restore_media(tar, manifest["media"], media_root, replace=force)
    number += 1
    restored = count_rows(database)
    step(number, f"Checking the restored data: {_summary(restored)}")
    if restored != manifest["counts"]:
        raise BackupError(f"The restored database does not match the backup: expected {_summary(manifest['counts'])}")
    content_version.change()  # the rows were written without the signals that change it
    write("Done. If this code is newer than the backup, run: manage.py migrate")
    return manifest


def _open_archive(archive):
    if not archive.is_file():
        raise BackupError(f"{archive} is not a file. Backups are in {default_backup_dir()} (make backup).")
    try:
        return tarfile.open(archive, mode="r:")
    except tarfile.TarError as error:
        raise BackupError(f"{archive} is not a Tusenet backup archive ({error}).") from error


def _read_manifest(tar):
    try:
        manifest = json.load(tar.extractfile(MANIFEST))
    except (KeyError, AttributeError, ValueError) as error:
        raise BackupError("The archive has no readable manifest.json: it is not a Tusenet backup.") from error
    if manifest.get("format") != FORMAT:
        raise BackupError(f"Unknown backup format {manifest.get('format')!r}; this code reads format {FORMAT}.")
    return manifest


def _extract_member(tar, name, directory):
    """Extract one regular file by its exact name (never a path taken from the archive)."""
    try:
        member = tar.getmember(name)
    except KeyError as error:
        raise BackupError(f"The archive lacks {name}.") from error
    if not member.isfile():
        raise BackupError(f"{name} in the archive is not a regular file.")
    target = directory / PurePosixPath(name).name
    with tar.extractfile(member) as source, open(target, "wb") as destination:
        shutil.copyfileobj(source, destination)
    return target


def _restore_media(tar, checksums, media_root, *, replace):
    """Write each file the manifest lists, checking its SHA-256, inside ``media_root`` only."""
    media_root = Path(media_root)
    if replace and media_root.exists():
        for child in media_root.iterdir():
            shutil.rmtree(child) if child.is_dir() and not child.is_symlink() else child.unlink()
    root = media_root.resolve()
    for relative, checksum in checksums.items():
        target = (media_root / relative).resolve()
        if root not in target.parents:
            raise BackupError(f"The archive's media file “{relative}” points outside the media folder.")
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            member = tar.getmember(MEDIA_PREFIX + relative)
        except KeyError as error:
            raise BackupError(f"The archive lacks the media file “{relative}” its manifest lists.") from error
        if not member.isfile():
            raise BackupError(f"The archive's media file “{relative}” is not a regular file.")
        with tar.extractfile(member) as source, open(target, "wb") as destination:
            shutil.copyfileobj(source, destination)
        if _sha256(target) != checksum:
            raise BackupError(f"The media file “{relative}” is damaged in the archive (checksum differs).")


# The databases


def _supported_vendor(connection):
    if connection.vendor not in DUMP_NAMES:
        raise BackupError(f"Backups support PostgreSQL and SQLite, not {connection.vendor}.")
    return connection.vendor


def _database_label(connection):
    return (
        Path(str(connection.settings_dict["NAME"])).name
        if connection.vendor == "sqlite"
        else connection.settings_dict["NAME"]
    )


def _libpq_environment(connection):
    """The environment that points pg_dump and pg_restore at this connection's database."""
    settings_dict = connection.settings_dict
    _arguments, environment = DatabaseClient.settings_to_cmd_args_env(settings_dict, [])
    variables = {
        "PGHOST": settings_dict.get("HOST"),
        "PGPORT": settings_dict.get("PORT"),
        "PGUSER": settings_dict.get("USER"),
        "PGDATABASE": settings_dict.get("NAME"),
    }
    environment = {**(environment or {}), **{name: str(value) for name, value in variables.items() if value}}
    return {**os.environ, **environment}


def _run(command, environment):
    if shutil.which(command[0]) is None:
        raise BackupError(
            f"{command[0]} is missing: install the PostgreSQL client tools of the server's version "
            "(Debian: apt-get install postgresql-client)."
        )
    result = subprocess.run(command, env=environment, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()}")


def _pg_restore(connection, dump):
    connection.close()
    environment = _libpq_environment(connection)
    command = ["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction"]
    _run([*command, f"--dbname={environment['PGDATABASE']}", str(dump)], environment)


def _empty_database(connection, tables):
    """Drop every table (its safety backup is already written)."""
    if not tables:
        return
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("DROP TABLE IF EXISTS " + ", ".join(quote(table) for table in tables) + " CASCADE")
        else:
            cursor.execute("PRAGMA foreign_keys = OFF")
            for table in tables:
                cursor.execute(f"DROP TABLE IF EXISTS {quote(table)}")


def _sqlite_copy(connection, target):
    connection.ensure_connection()
    with sqlite3.connect(target) as copy:
        connection.connection.backup(copy)
    copy.close()


def _sqlite_restore(connection, dump):
    connection.ensure_connection()
    with sqlite3.connect(dump) as source:
        source.backup(connection.connection)
    source.close()


def count_rows(database=DEFAULT_DB_ALIAS):
    """How many pages, revisions, translations, records and files the database holds (0 for missing tables)."""
    tables = set(connections[database].introspection.table_names())
    counts = {}
    for label, model_label in COUNTED.items():
        model = apps.get_model(model_label)
        counts[label] = model.objects.using(database).count() if model._meta.db_table in tables else 0
    return counts


# Media


def _local_media_root():
    """MEDIA_ROOT when uploads are stored on this disk, None when they go to a bucket."""
    storage = storages["default"]
    return Path(storage.location) if isinstance(storage, FileSystemStorage) else None


def _media_files(media_root):
    if not media_root or not Path(media_root).is_dir():
        return []
    return sorted(path for path in Path(media_root).rglob("*") if path.is_file() and not path.is_symlink())


def _sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _megabytes(size):
    return f"{size / 1_000_000:.1f} MB"


def _summary(counts):
    return ", ".join(f"{number} {label}" for label, number in counts.items())
