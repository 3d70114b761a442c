"""Back up the database and the uploaded media into one archive (``make backup``)."""

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS

from ...backups import BackupError, create_backup, default_backup_dir


class Command(BaseCommand):
    help = "Write the database and MEDIA_ROOT into one archive, backups/tusenet-<UTC date>-<time>.tar by default."

    def add_arguments(self, parser):
        parser.add_argument(
            "--output-dir", default=None, help=f"Folder for the archive (default: {default_backup_dir()})."
        )
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS, help="Database alias (default: default).")

    def handle(self, *args, output_dir, database, **options):
        try:
            create_backup(output_dir, database=database, write=self.stdout.write)
        except BackupError as error:
            raise CommandError(str(error)) from error
