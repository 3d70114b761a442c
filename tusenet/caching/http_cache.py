"""Purge an HTTP cache in front (nginx, a CDN) through ``wagtail.contrib.frontend_cache`` when the content changes.

Coarse like the content version: every public address (``TUSENET_PUBLIC_ADDRESSES``, a dotted path to a
function returning them) is purged once per committed transaction that changed content. Nothing is
sent without ``WAGTAILFRONTENDCACHE``.
"""

import threading

from django.conf import settings
from django.db import transaction
from django.utils.module_loading import import_string

#: The latest purge registered in this thread: of several in one transaction, only the last one runs.
_latest = threading.local()


def purge_after_commit():
    """Purge every public address once the current transaction commits (once, however many changes it made).

    Each change registers a purge on commit; each registration replaces the one before as the one that
    runs, so a transaction's changes give one purge, and a rolled-back transaction (its purge discarded
    by Django) leaves nothing behind that would hold a later one back.
    """
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return
    token = _latest.token = object()
    transaction.on_commit(lambda: purge_everything() if getattr(_latest, "token", None) is token else None)


def purge_everything():
    from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache

    _latest.token = None
    purge_urls_from_cache(import_string(settings.TUSENET_PUBLIC_ADDRESSES)())
