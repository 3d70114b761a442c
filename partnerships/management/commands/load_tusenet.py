from django.apps import apps
from django.core.management.base import BaseCommand, CommandError

from partnerships.loading.content import load_site_content
from partnerships.loading.data import DATA_DIR, DataFileError, load_partnership_data
from partnerships.loading.site import configure_default_site
from tusenet.editorial.roles import grant_translation_trees


class Command(BaseCommand):
    help = (
        "Load the Tusenet partnership data and site content (English, Turkish, Swedish). "
        "Idempotent: running it again changes nothing, and admins' edits are kept unless --reset."
    )

    def add_arguments(self, parser):
        parser.add_argument("--data-dir", default=str(DATA_DIR), help="Folder holding the data files.")
        parser.add_argument("--reset", action="store_true", help="Overwrite records that differ from the data files.")
        parser.add_argument("--data-only", action="store_true", help="Load the data, not the pages.")

    def handle(self, *args, data_dir, reset, data_only, **options):
        self.stdout.write("Loading partnership data…")
        try:
            report = load_partnership_data(data_dir=data_dir, reset=reset)
        except DataFileError as error:
            raise CommandError(f"{error.path}: {error}. Nothing was written.") from None
        for line in report.lines():
            self.stdout.write(f"  {line}")
        if data_only:
            return
        self.stdout.write("Loading site content in English, Turkish and Swedish…")
        for line in load_site_content(progress=self.stdout.write):
            self.stdout.write(f"  {line}")
        self.stdout.write(f"  {configure_default_site()}")
        grant_translation_trees(apps)
        self.stdout.write(self.style.SUCCESS("Tusenet content is loaded."))
