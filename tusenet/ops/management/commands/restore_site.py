"""Restore an archive made by ``backup_site`` (``make restore ARCHIVE=…``)."""

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS

from ...backups import BackupError, restore_backup


class Command(BaseCommand):
    help = (
        "Restore the database and MEDIA_ROOT from an archive of backup_site. Refuses a database or media folder "
        "that is not empty unless --force, which backs up what is there first and then replaces it."
    )
    # The database may be empty: no system check may need its tables.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("archive", help="The archive, e.g. backups/tusenet-20261127-093000.tar.")
        parser.add_argument(
            "--force", action="store_true", help="Replace existing data (after backing it up into backups/)."
        )
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS, help="Database alias (default: default).")

    def handle(self, *args, archive, force, database, **options):
        try:
            restore_backup(archive, force=force, database=database, write=self.stdout.write)
        except BackupError as error:
            raise CommandError(str(error)) from error
