"""Test runs: fast password hashing, local-memory cache, files in a temporary folder."""

import tempfile

from .base import *  # noqa: F403
from .base import cache_settings, env

DEBUG = False
SECRET_KEY = "tusenet-tests-only"  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = cache_settings("")
MEDIA_ROOT = tempfile.mkdtemp(prefix="tusenet-test-media-")
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
ALLOWED_HOSTS = ["*"]
DATABASES = {
    "default": env.db("DATABASE_URL", default="sqlite:///test-tusenet.sqlite3"),
}
