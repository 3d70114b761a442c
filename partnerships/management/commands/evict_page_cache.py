"""Make every cached page and fragment stale, e.g. after a deploy that changed templates."""

from django.core.management.base import BaseCommand

from partnerships import cache_tags


class Command(BaseCommand):
    help = "Evict every page and fragment from the cache (run it after deploying new templates or code)."

    def handle(self, *args, **options):
        cache_tags.evict_everything()
        self.stdout.write("Every cached page and fragment will be rendered afresh.")
