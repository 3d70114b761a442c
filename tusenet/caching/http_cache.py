"""Purge an HTTP cache in front (nginx, a CDN) through ``wagtail.contrib.frontend_cache`` when the content changes.

Coarse like the content version: every public address (``TUSENET_PUBLIC_ADDRESSES``, a dotted path to a
function returning them) is purged once per committed transaction that changed content. Nothing is
sent without ``WAGTAILFRONTENDCACHE``.
"""

import threading

from django.conf import settings
from django.db import transaction
from django.utils.module_loading import import_string

_pending = threading.local()


def purge_after_commit():
    """Purge every public address once the current transaction commits (once, however many changes it made)."""
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None) or getattr(_pending, "scheduled", False):
        return
    _pending.scheduled = True
    transaction.on_commit(purge_everything)


def purge_everything():
    from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache

    _pending.scheduled = False
    purge_urls_from_cache(import_string(settings.TUSENET_PUBLIC_ADDRESSES)())
