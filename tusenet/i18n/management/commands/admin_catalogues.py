from django.core.management.base import BaseCommand

from tusenet.i18n import admin_catalogues


class Command(BaseCommand):
    help = (
        "Report how much of the Wagtail and wagtail-localize admin is in Turkish and Swedish, "
        "before and after locale/admin/; --update adds newly missing strings there."
    )

    def add_arguments(self, parser):
        parser.add_argument("--update", action="store_true", help="Add missing strings to locale/admin/.")

    def handle(self, *args, update, **options):
        if update:
            for language in admin_catalogues.LANGUAGES:
                for domain in admin_catalogues.DOMAINS:
                    added = admin_catalogues.update_project_catalogue(language, domain)
                    self.stdout.write(f"locale/admin/{language} {domain}.po: {added} strings added")
        self.stdout.write(f"{'package':28} {'domain':9} {'lang':4} {'strings':>7} {'shipped':>9} {'with ours':>9}")
        for row in admin_catalogues.measure():
            shipped = f"{row.percent(row.shipped, row.total)}%"
            ours = f"{row.percent(row.with_project, row.total)}%"
            self.stdout.write(f"{row.package:28} {row.domain:9} {row.language:4} {row.total:7} {shipped:>9} {ours:>9}")
