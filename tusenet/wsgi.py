"""WSGI entry point; production servers set DJANGO_SETTINGS_MODULE themselves."""

import os

from django.core.wsgi import get_wsgi_application

from partnerships.page_cache import PageCacheApplication

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tusenet.settings.dev")

application = PageCacheApplication(get_wsgi_application())
