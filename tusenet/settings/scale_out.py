"""Settings for running the site on several app servers, each part switched on by environment variables.

Every function takes a django-environ ``Env`` (or a plain mapping of variable names to values, for
tests) and returns a dict of setting names to values, for ``globals().update(...)`` in
``production.py``. A variable that is unset or empty counts as unset. A switch that is on but
incomplete raises ``ImproperlyConfigured`` at start-up rather than failing on the first request.

See docs/deploy.md for what each variable does.
"""

from collections.abc import Mapping

import environ
from django.core.exceptions import ImproperlyConfigured

from . import sqlite

AUTHENTICATION_MIDDLEWARE = "django.contrib.auth.middleware.AuthenticationMiddleware"
REPLICA_MIDDLEWARE = "tusenet.connections.db_router.ReplicaReadsMiddleware"
REPLICA_ROUTER = "tusenet.connections.db_router.ReplicaRouter"

FILE_SYSTEM_STORAGE = "django.core.files.storage.FileSystemStorage"
S3_STORAGE = "storages.backends.s3.S3Storage"

DATABASE_SEARCH_BACKEND = "wagtail.search.backends.database"
#: Wagtail 8's search backends for external engines, by engine and major version of the server.
SEARCH_ENGINE_BACKENDS = {
    "opensearch": {"2": "wagtail.search.backends.opensearch2", "3": "wagtail.search.backends.opensearch3"},
    "elasticsearch": {
        "7": "wagtail.search.backends.elasticsearch7",
        "8": "wagtail.search.backends.elasticsearch8",
        "9": "wagtail.search.backends.elasticsearch9",
    },
}
DEFAULT_SEARCH_VERSION = {"opensearch": "3", "elasticsearch": "8"}

FRONTEND_CACHE_APP = "wagtail.contrib.frontend_cache"
CLOUDFLARE_BACKEND = "wagtail.contrib.frontend_cache.backends.CloudflareBackend"
CLOUDFRONT_BACKEND = "wagtail.contrib.frontend_cache.backends.CloudfrontBackend"
HTTP_PURGE_BACKEND = "wagtail.contrib.frontend_cache.backends.HTTPBackend"


def as_env(source=None):
    """An ``environ.Env`` reading ``source`` (a mapping) instead of the process environment."""
    if isinstance(source, environ.Env):
        return source
    env = environ.Env()
    if source is not None:
        if not isinstance(source, Mapping):
            raise TypeError(f"expected an environ.Env or a mapping, got {type(source).__name__}")
        env.ENVIRON = dict(source)
    return env


def _value(env, name):
    return env.str(name, default="").strip()


def _int(env, name, default):
    raw = _value(env, name)
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}.") from None


def _list(env, name):
    return [item.strip() for item in _value(env, name).split(",") if item.strip()]


def _require(env, names, switch):
    missing = [name for name in names if not _value(env, name)]
    if missing:
        raise ImproperlyConfigured(f"{switch} also needs {', '.join(missing)}.")


def replica_configured(env):
    return bool(_value(as_env(env), "DATABASE_REPLICA_URL"))


def _database_settings(url, conn_max_age):
    config = sqlite.for_concurrent_writers(environ.Env.db_url_config(url))
    config["CONN_MAX_AGE"] = conn_max_age
    config["CONN_HEALTH_CHECKS"] = True
    return config


def database(env, default_url=None):
    """DATABASES from DATABASE_URL (else ``default_url``), plus ``replica`` from DATABASE_REPLICA_URL.

    Connections are kept for DB_CONN_MAX_AGE seconds (default 60; 0 closes them after every
    request) and checked before reuse. With a replica, DATABASE_ROUTERS sends anonymous reads there
    (see tusenet/connections/db_router.py); add the middleware with ``replica_middleware``.
    """
    env = as_env(env)
    url = _value(env, "DATABASE_URL") or default_url
    if not url:
        raise ImproperlyConfigured("Set DATABASE_URL, e.g. postgres://user:password@host:5432/tusenet.")
    conn_max_age = _int(env, "DB_CONN_MAX_AGE", 60)
    databases = {"default": _database_settings(url, conn_max_age)}
    fragment = {"DATABASES": databases}
    replica_url = _value(env, "DATABASE_REPLICA_URL")
    if replica_url:
        replica = _database_settings(replica_url, conn_max_age)
        # Test runs use the primary's test database instead of creating one for the replica.
        replica["TEST"] = {"MIRROR": "default"}
        databases["replica"] = replica
        fragment["DATABASE_ROUTERS"] = [REPLICA_ROUTER]
    return fragment


def replica_middleware(env, middleware):
    """MIDDLEWARE with the replica middleware right after authentication; {} without a replica."""
    if not replica_configured(env):
        return {}
    middleware = list(middleware)
    if REPLICA_MIDDLEWARE in middleware:
        return {"MIDDLEWARE": middleware}
    if AUTHENTICATION_MIDDLEWARE not in middleware:
        raise ImproperlyConfigured(f"The read replica needs {AUTHENTICATION_MIDDLEWARE} in MIDDLEWARE.")
    middleware.insert(middleware.index(AUTHENTICATION_MIDDLEWARE) + 1, REPLICA_MIDDLEWARE)
    return {"MIDDLEWARE": middleware}


def sessions(env):
    """With REDIS_URL, sessions are written to the database and read through the cache.

    The ``cached_db`` engine reads a session from the "default" cache and falls back to the
    database, so logins survive a Redis restart or flush. Without REDIS_URL, Django's default
    (database sessions) stays.
    """
    if not _value(as_env(env), "REDIS_URL"):
        return {}
    return {"SESSION_ENGINE": "django.contrib.sessions.backends.cached_db"}


def media_storage(env, storages):
    """STORAGES with uploads (images, documents) on S3-compatible storage when AWS_STORAGE_BUCKET_NAME is set.

    ``storages`` is the current STORAGES; only its "default" entry changes. Needs the ``s3`` extra
    (django-storages with boto3). Credentials are read by django-storages from AWS_ACCESS_KEY_ID
    and AWS_SECRET_ACCESS_KEY in the environment, so they never appear in settings.
    """
    env = as_env(env)
    bucket = _value(env, "AWS_STORAGE_BUCKET_NAME")
    if not bucket:
        default = {"BACKEND": FILE_SYSTEM_STORAGE}
    else:
        options = {
            "bucket_name": bucket,
            # Plain public URLs (cacheable by a CDN), no per-object ACL, never overwrite an upload.
            "querystring_auth": False,
            "default_acl": None,
            "file_overwrite": False,
        }
        for option, name in (
            ("endpoint_url", "AWS_S3_ENDPOINT_URL"),
            ("region_name", "AWS_S3_REGION_NAME"),
            ("custom_domain", "AWS_S3_CUSTOM_DOMAIN"),
        ):
            if _value(env, name):
                options[option] = _value(env, name)
        default = {"BACKEND": S3_STORAGE, "OPTIONS": options}
    return {"STORAGES": {**storages, "default": default}}


def search_backends(env):
    """WAGTAILSEARCH_BACKENDS: the database by default, OpenSearch or Elasticsearch when their URL is set.

    OPENSEARCH_URL / ELASTICSEARCH_URL may list several nodes, comma-separated, with credentials in
    the URL (https://user:password@host:443). OPENSEARCH_VERSION (2 or 3, default 3) and
    ELASTICSEARCH_VERSION (7, 8 or 9, default 8) pick the backend matching the server's major
    version; the installed client package must match it too. Index names start with
    SEARCH_INDEX_PREFIX (default "tusenet_").
    """
    env = as_env(env)
    urls = {engine: _list(env, f"{engine.upper()}_URL") for engine in SEARCH_ENGINE_BACKENDS}
    engines = [engine for engine, engine_urls in urls.items() if engine_urls]
    if not engines:
        return {"WAGTAILSEARCH_BACKENDS": {"default": {"BACKEND": DATABASE_SEARCH_BACKEND}}}
    if len(engines) > 1:
        raise ImproperlyConfigured("Set OPENSEARCH_URL or ELASTICSEARCH_URL, not both.")
    engine = engines[0]
    version_variable = f"{engine.upper()}_VERSION"
    version = _value(env, version_variable) or DEFAULT_SEARCH_VERSION[engine]
    backends = SEARCH_ENGINE_BACKENDS[engine]
    if version not in backends:
        raise ImproperlyConfigured(f"{version_variable} must be one of {', '.join(backends)}, not {version!r}.")
    backend = {
        "BACKEND": backends[version],
        "URLS": urls[engine],
        "INDEX_PREFIX": _value(env, "SEARCH_INDEX_PREFIX") or "tusenet_",
    }
    return {"WAGTAILSEARCH_BACKENDS": {"default": backend}}


def frontend_cache(env, installed_apps):
    """Wagtail's frontend cache invalidation: purge a page's URLs from the CDN when it is published.

    FRONTEND_CACHE is "cloudflare" (needs CLOUDFLARE_BEARER_TOKEN and CLOUDFLARE_ZONE_ID),
    "cloudfront" (needs CLOUDFRONT_DISTRIBUTION_ID, the ``s3`` extra for boto3, and AWS
    credentials in the environment) or the http(s) URL of a cache that accepts PURGE requests
    (Varnish and the like). FRONTEND_CACHE_HOSTNAMES limits purging to those host names.
    Returns INSTALLED_APPS with the app added and WAGTAILFRONTENDCACHE; {} when FRONTEND_CACHE is unset.
    """
    env = as_env(env)
    kind = _value(env, "FRONTEND_CACHE")
    if not kind:
        return {}
    if kind.lower() == "cloudflare":
        _require(env, ["CLOUDFLARE_BEARER_TOKEN", "CLOUDFLARE_ZONE_ID"], "FRONTEND_CACHE=cloudflare")
        backend = {
            "BACKEND": CLOUDFLARE_BACKEND,
            "BEARER_TOKEN": _value(env, "CLOUDFLARE_BEARER_TOKEN"),
            "ZONEID": _value(env, "CLOUDFLARE_ZONE_ID"),
        }
    elif kind.lower() == "cloudfront":
        _require(env, ["CLOUDFRONT_DISTRIBUTION_ID"], "FRONTEND_CACHE=cloudfront")
        backend = {"BACKEND": CLOUDFRONT_BACKEND, "DISTRIBUTION_ID": _value(env, "CLOUDFRONT_DISTRIBUTION_ID")}
    elif kind.lower().startswith(("http://", "https://")):
        backend = {"BACKEND": HTTP_PURGE_BACKEND, "LOCATION": kind}
    else:
        raise ImproperlyConfigured(
            f'FRONTEND_CACHE must be "cloudflare", "cloudfront" or an http(s) purge URL, not {kind!r}.'
        )
    hostnames = _list(env, "FRONTEND_CACHE_HOSTNAMES")
    if hostnames:
        backend["HOSTNAMES"] = hostnames
    apps = list(installed_apps)
    if FRONTEND_CACHE_APP not in apps:
        apps.append(FRONTEND_CACHE_APP)
    return {"INSTALLED_APPS": apps, "WAGTAILFRONTENDCACHE": {"default": backend}}
