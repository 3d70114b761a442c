"""Reads of anonymous visitors from a PostgreSQL read replica, everything else from the primary.

Installed only when ``DATABASE_REPLICA_URL`` is set (see ``tusenet.settings.scale_out.database``),
together with ``ReplicaReadsMiddleware``:

- The middleware turns replica reads on for one request when it is a GET, HEAD or OPTIONS request
  from a visitor who is not logged in, for an answer an HTTP cache in front does not store (it has
  a query string, or is the API or a document). Editors, the admin's forms and every POST read the
  primary, so nobody who just saved something reads an older copy of it. Pages an HTTP cache stores
  read the primary too: a page rendered from a replica that has not yet replayed a publication
  would be stored and served until the next purge. The replica therefore takes searches, directory
  filters, the API and documents. Fragments read from the replica are not cached (``tusenet.caching``).
- Outside such a request (management commands, tasks, the shell) every read goes to the primary.
- Writes always go to the primary, and the first write in a request sends the rest of that
  request's reads to the primary too (read your own writes).
- Migrations run on the primary only; a replica follows the primary by replication.
"""

from contextlib import contextmanager
from contextvars import ContextVar

PRIMARY = "default"
REPLICA = "replica"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
#: Answers an HTTP cache in front never stores, besides those with a query string.
NEVER_STORED_PREFIXES = ("/api/", "/documents/")

_replica_reads = ContextVar("tusenet_replica_reads", default=False)


def reading_from_replica():
    """True while reads go to the replica (for code that must not cache what it reads)."""
    return _replica_reads.get()


@contextmanager
def replica_reads():
    """Send reads inside this block to the replica (until the first write)."""
    token = _replica_reads.set(True)
    try:
        yield
    finally:
        _replica_reads.reset(token)


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        # None lets Django fall back to the database the related instance came from, else default.
        return REPLICA if _replica_reads.get() else None

    def db_for_write(self, model, **hints):
        _replica_reads.set(False)
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        # Both aliases hold the same data.
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == PRIMARY


class ReplicaReadsMiddleware:
    """Place directly after ``AuthenticationMiddleware``; without ``request.user`` it reads the primary."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self.reads_replica(request):
            with replica_reads():
                return self.get_response(request)
        return self.get_response(request)

    @staticmethod
    def reads_replica(request):
        user = getattr(request, "user", None)
        return (
            request.method in SAFE_METHODS
            and user is not None
            and not user.is_authenticated
            and (bool(request.META.get("QUERY_STRING")) or request.path.startswith(NEVER_STORED_PREFIXES))
        )
