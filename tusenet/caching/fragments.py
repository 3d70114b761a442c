"""Costly parts of pages (menus, lists, the map) cached by name, parts and content version.

``TUSENET_FRAGMENT_CACHE`` turns this off where each process would keep its own copies and
not see the version another process changed (production without a shared cache). A deploy
changes the code fragments are made by: ``RELEASE``, a digest of that code, is part of each key.
"""

import hashlib
from functools import cache as once
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from wagtail.models import Site

from tusenet.connections.db_router import reading_from_replica

from . import content_version

#: The longest a fragment stays cached; a change to the content makes it unreachable before.
SECONDS = 24 * 60 * 60


@once
def release():
    """A digest of the code and templates fragments are made by (read once per process)."""
    digest = hashlib.sha256()
    base = Path(settings.BASE_DIR)
    for folder in ("partnerships", "templates", "tusenet"):
        for path in sorted((base / folder).rglob("*")):
            if path.suffix in (".py", ".html") and path.is_file():
                digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def key(name, *parts):
    """The cache key of fragment ``name`` for these parts (language, host, ids, …) in this release and version."""
    digest = hashlib.sha256("\0".join(str(part) for part in parts).encode()).hexdigest()[:32]
    return f"tusenet:fragment:{release()}:{content_version.current()}:{name}:{digest}"


def site_of(request):
    """The site a request is for, as a part of a key: one per site, however many Host headers reach it.

    Any port of an allowed host passes ``ALLOWED_HOSTS``: keys made from the Host header would grow without bound.
    """
    site = Site.find_for_request(request)
    return site.pk if site is not None else None


def shared_version():
    """The content version, where what is kept under it is shared by every process and read from the primary; else None.

    A replica may not have replayed the last change yet: nothing read from it is kept.
    """
    if not settings.TUSENET_FRAGMENT_CACHE or reading_from_replica():
        return None
    return content_version.current()


def get_or_render(name, parts, render):
    """The fragment ``name`` for ``parts``, rendered by ``render()`` when it is not cached for this version."""
    if shared_version() is None:
        return render()
    return cache.get_or_set(key(name, *parts), render, SECONDS)
