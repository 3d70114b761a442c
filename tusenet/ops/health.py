"""``/healthz`` for load balancers and monitoring: 200 only when the database and the cache answer."""

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_safe

CACHE_PROBE_KEY = "tusenet:healthz"


def _database_answers():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except DatabaseError:
        return False


def _cache_answers():
    """Only a configured shared cache (Redis) is checked; a process's own memory always answers."""
    if "locmem" in settings.CACHES["default"]["BACKEND"]:
        return None
    try:
        cache.set(CACHE_PROBE_KEY, "ok", timeout=10)
        return cache.get(CACHE_PROBE_KEY) == "ok"
    except Exception:  # noqa: BLE001 - any client error (refused, timeout) means "down"
        return False


@require_safe
def healthz(request):
    checks = {"database": _database_answers()}
    cache_ok = _cache_answers()
    if cache_ok is not None:
        checks["cache"] = cache_ok
    healthy = all(checks.values())
    response = JsonResponse(
        {"status": "ok" if healthy else "unavailable", **{name: "ok" if ok else "down" for name, ok in checks.items()}},
        status=200 if healthy else 503,
    )
    add_never_cache_headers(response)
    return response
