"""Local development: debug on, a fixed insecure key, SQLite unless DATABASE_URL says otherwise."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = env.str("SECRET_KEY", default="django-insecure-tusenet-local-development-only")
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
