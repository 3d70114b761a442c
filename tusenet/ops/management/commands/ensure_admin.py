"""Make sure an administrator account exists, and print how to log in.

The password comes from ADMIN_PASSWORD; otherwise one is generated on the first
run and kept in .admin-password (ignored by git) so later runs print the same one.
"""

import os
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

PASSWORD_FILE = settings.BASE_DIR / ".admin-password"


class Command(BaseCommand):
    help = "Create the 'admin' superuser if missing and print its login."

    def add_arguments(self, parser):
        parser.add_argument("--username", default=os.environ.get("ADMIN_USERNAME", "admin"))

    def handle(self, *args, username, **options):
        password = os.environ.get("ADMIN_PASSWORD")
        if not password:
            if PASSWORD_FILE.exists():
                password = PASSWORD_FILE.read_text().strip()
            else:
                password = secrets.token_urlsafe(12)
                PASSWORD_FILE.write_text(password + "\n")
                PASSWORD_FILE.chmod(0o600)
        User = get_user_model()
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User.objects.create_superuser(username=username, email="", password=password)
        if not (user.first_name and user.last_name and user.email):
            # Wagtail's account page requires them: without them an admin cannot save a language preference.
            user.first_name = user.first_name or "Tusenet"
            user.last_name = user.last_name or "Administrator"
            user.email = user.email or os.environ.get("ADMIN_EMAIL", f"{username}@tusenet.invalid")
            user.save(update_fields=["first_name", "last_name", "email"])
        if not user.check_password(password):
            user.set_password(password)
            user.save(update_fields=["password"])
        self.stdout.write(self.style.SUCCESS(f"Admin login: {username} / {password}"))
