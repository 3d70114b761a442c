"""Redis connections that give up at once, for a moment, after Redis failed to answer.

django-redis with ``IGNORE_EXCEPTIONS`` turns a Redis outage into "not cached", but it still tries
Redis for every cache call, and a page that is rendered while Redis is down makes hundreds of them
(each fragment and the content version, ``tusenet/caching``). Measured, with the old page cache, with the
Redis of `make loadtest` stopped: 7 to 12 s per page, most of it formatting a logged traceback for
each call. Here, once connecting to or reading from a Redis server fails, every connection of this
process to that server fails at once for ``RETRY_SECONDS`` (one warning is logged), then tries
again: pages are rendered from the database at their usual speed while Redis is down, and the
cache is used again within ``RETRY_SECONDS`` of its return.

``cache_settings`` in ``tusenet/settings/base.py`` uses :class:`FailFastConnectionPool`.
"""

import logging
import time

from redis import exceptions
from redis.connection import Connection, ConnectionPool

RETRY_SECONDS = 1.0
logger = logging.getLogger(__name__)
#: (host, port) -> time.monotonic() until which the server counts as down, in this process.
_down_until: dict[tuple, float] = {}
#: How many times a server this process found down answered again (``tusenet.caching.content_version`` reads it).
recoveries = 0


class FailFastMixin:
    """For a redis-py connection class: fail at once while its server counts as down."""

    def fail_fast_server(self):
        return (getattr(self, "host", None), getattr(self, "port", None), getattr(self, "path", None))

    def fail_fast_mark_down(self, error):
        server = self.fail_fast_server()
        if time.monotonic() >= _down_until.get(server, 0.0):
            logger.warning("Redis %s does not answer (%s): not asked again for %s s", server, error, RETRY_SECONDS)
        _down_until[server] = time.monotonic() + RETRY_SECONDS

    def connect(self, *args, **kwargs):
        # redis-py connects only a connection that is not connected: no live socket is refused here.
        if time.monotonic() < _down_until.get(self.fail_fast_server(), 0.0):
            server = self.fail_fast_server()
            raise exceptions.ConnectionError(f"Redis {server} did not answer less than {RETRY_SECONDS} s ago")
        try:
            connected = super().connect(*args, **kwargs)
        except (exceptions.ConnectionError, exceptions.TimeoutError) as error:
            self.fail_fast_mark_down(error)
            raise
        if _down_until.pop(self.fail_fast_server(), None) is not None:
            global recoveries  # noqa: PLW0603 - a counter for the whole process, read without locking
            recoveries += 1
        return connected

    def read_response(self, *args, **kwargs):
        try:
            return super().read_response(*args, **kwargs)
        except (exceptions.ConnectionError, exceptions.TimeoutError) as error:
            self.fail_fast_mark_down(error)
            raise


_fail_fast_classes: dict[type, type] = {}


def fail_fast(connection_class):
    """``connection_class`` (plain, TLS or Unix socket) with :class:`FailFastMixin`."""
    if connection_class not in _fail_fast_classes:
        name = f"FailFast{connection_class.__name__}"
        _fail_fast_classes[connection_class] = type(name, (FailFastMixin, connection_class), {})
    return _fail_fast_classes[connection_class]


class FailFastConnectionPool(ConnectionPool):
    """A redis-py connection pool whose connections fail fast (django-redis ``CONNECTION_POOL_CLASS``)."""

    def __init__(self, connection_class=Connection, **kwargs):
        super().__init__(connection_class=fail_fast(connection_class), **kwargs)
