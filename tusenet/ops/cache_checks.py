"""A deploy check: the Redis behind the cache has a memory limit and evicts keys to stay within it.

Without ``maxmemory`` Redis grows until the machine runs out of memory; with ``noeviction`` (its
default) or a ``volatile-*`` policy it refuses writes once full, and the content version, which never
expires, could not be renewed. ``allkeys-lru`` drops the least recently used keys, all of which the
site can do without (docs/deploy.md). Reported by ``manage.py check --deploy``.
"""

from django.conf import settings
from django.core import checks

DOCS = "set maxmemory (e.g. 256mb) and maxmemory-policy allkeys-lru in redis.conf (docs/deploy.md)"


def memory_warnings(config):
    """Warnings for Redis's ``CONFIG GET maxmemory*`` answer (a dict of strings)."""
    found = []
    if config.get("maxmemory", "0") == "0":
        found.append(
            checks.Warning("The cache's Redis has no memory limit (maxmemory 0).", hint=DOCS, id="tusenet.W001")
        )
    policy = config.get("maxmemory-policy", "noeviction")
    if not policy.startswith("allkeys-"):
        found.append(
            checks.Warning(
                f"The cache's Redis evicts with {policy}: once full it refuses writes or keeps the keys that never "
                "expire, such as the content version.",
                hint=DOCS,
                id="tusenet.W002",
            )
        )
    return found


@checks.register(checks.Tags.caches, deploy=True)
def redis_memory_is_bounded(app_configs, **kwargs):
    if not settings.CACHES["default"]["BACKEND"].startswith("django_redis."):
        return []
    from django_redis import get_redis_connection
    from redis import exceptions

    try:
        config = get_redis_connection("default").config_get("maxmemory*")
    except exceptions.RedisError as error:  # e.g. a managed Redis that forbids CONFIG: say so, once
        return [
            checks.Info(f"Could not read the cache's Redis memory settings: {error}.", hint=DOCS, id="tusenet.I001")
        ]
    return memory_warnings({key: str(value) for key, value in config.items()})
