"""Compile locale/*/LC_MESSAGES/*.po into .mo files with polib.

Django's own ``compilemessages`` needs GNU gettext's ``msgfmt``, which a fresh
machine may lack; polib is pure Python, so ``make run`` works anywhere.
"""

from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Compile the project's message catalogues (locale/) into .mo files."

    def handle(self, *args, **options):
        for locale_dir in settings.LOCALE_PATHS:
            for po_path in sorted(Path(locale_dir).glob("*/LC_MESSAGES/*.po")):
                mo_path = po_path.with_suffix(".mo")
                if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
                    continue
                polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
                self.stdout.write(f"  compiled {po_path.relative_to(settings.BASE_DIR)}")
