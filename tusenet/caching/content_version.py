"""One version of the whole site's public content, kept in the cache: every change that can alter a page changes it.

Fragments are stored under keys that contain the version (``fragments``), so a new version makes
every stored fragment unreachable at once, in every worker that shares the cache, and the cache drops
the old entries by their expiry. Coarse on purpose: a change renders every fragment afresh once, and no
fragment ever shows what was true before a change.
"""

from contextvars import ContextVar
from uuid import uuid4

from django.core.cache import cache
from django.db import transaction

from tusenet.connections import redis_connection

KEY = "tusenet:content-version"
#: The Redis recoveries this process has answered with a new version.
_recoveries_seen = [0]
#: Within a request (``OneVersionPerRequestMiddleware``): a holder of the version read first, else None.
_held = ContextVar("tusenet_content_version_held", default=None)


class OneVersionPerRequestMiddleware:
    """The content version is read from the cache once per request, not once per fragment.

    Safe because the version is read before any fragment's data: whatever a request stores is filed
    under a version at least as old as the data it read, and a change made during the request is
    read again (``change``).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _held.set([None])
        try:
            return self.get_response(request)
        finally:
            _held.reset(token)


def current():
    """The version now, read once per request where ``OneVersionPerRequestMiddleware`` is installed."""
    holder = _held.get()
    if holder is None:
        return read()
    if holder[0] is None:
        holder[0] = read()
    return holder[0]


def read():
    """The version now; a new one if the cache has none (after a restart or an eviction) or is back after an outage.

    A change made while Redis did not answer could not be recorded there; every process that saw
    the outage therefore changes the version once Redis answers again, so no fragment stored before
    the outage is read after it.
    """
    version = cache.get(KEY)
    if redis_connection.recoveries != _recoveries_seen[0]:
        _recoveries_seen[0] = redis_connection.recoveries
        version = uuid4().hex
        cache.set(KEY, version, timeout=None)
    if version is None:
        cache.add(KEY, uuid4().hex, timeout=None)
        version = cache.get(KEY)
    return version


def change():
    """A new version now, for reads later in this transaction, and again when it commits.

    Again at the commit: a request that rendered from the data before the change, while the
    transaction was open, may have stored its fragments under the version set at the start.
    """
    renew()
    transaction.on_commit(renew)


def renew():
    """A new version in the cache, which this request reads again at its next fragment."""
    cache.set(KEY, uuid4().hex, timeout=None)
    holder = _held.get()
    if holder is not None:
        holder[0] = None
