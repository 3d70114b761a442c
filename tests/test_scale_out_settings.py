"""The scale-out switches of tusenet/settings/scale_out.py, each off and on.

PostgreSQL, Redis and an HTTP purge cache are really used: the PostgreSQL server at
TEST_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/postgres), the Redis at
TEST_REDIS_URL (default redis://127.0.0.1:6379/0, only keys under a random prefix, removed
afterwards) and a purge server started by the test. Without PostgreSQL or Redis those tests skip
with a reason, except in CI (CI=true), where they fail. S3, OpenSearch/Elasticsearch, Cloudflare
and CloudFront cannot be reached from here: their switches are checked as configuration only.
"""

import importlib
import importlib.util
import os
import socket
import threading
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

import pytest
from django.contrib.auth.models import AnonymousUser, Group, User
from django.contrib.sessions.models import Session
from django.core.cache import caches
from django.core.exceptions import ImproperlyConfigured
from django.db import router
from django.db.utils import ConnectionHandler
from django.http import HttpResponse
from django.test import RequestFactory, override_settings
from django.utils.module_loading import import_string

from tusenet.connections import db_router
from tusenet.settings import scale_out, sqlite

POSTGRES_URL = os.environ.get("TEST_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


def require_service(name, url, default_port):
    parts = urlsplit(url)
    try:
        socket.create_connection((parts.hostname, parts.port or default_port), timeout=2).close()
    except OSError as error:
        message = f"{name} is not reachable at {parts.hostname}:{parts.port or default_port} ({error})"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{message}; CI must start it.")
        pytest.skip(f"{message} - test skipped locally.")


# --- PostgreSQL ---------------------------------------------------------------------------------


def test_database_needs_a_url():
    with pytest.raises(ImproperlyConfigured, match="DATABASE_URL"):
        scale_out.database({})


def test_database_default_url_when_unset():
    fragment = scale_out.database({}, default_url="sqlite:////tmp/tusenet.sqlite3")
    assert fragment == {
        "DATABASES": {
            "default": {
                "ENGINE": "django.db.backends.sqlite3",
                "NAME": "/tmp/tusenet.sqlite3",
                "USER": "",
                "PASSWORD": "",
                "HOST": "",
                "PORT": "",
                "CONN_MAX_AGE": 60,
                "CONN_HEALTH_CHECKS": True,
                "OPTIONS": sqlite.CONCURRENT_WRITERS,  # tusenet/settings/sqlite.py
            }
        }
    }


def test_database_from_url_without_replica():
    fragment = scale_out.database(
        {"DATABASE_URL": "postgres://tusenet:secret@db.internal:6432/tusenet?sslmode=require", "DB_CONN_MAX_AGE": "0"}
    )
    assert set(fragment) == {"DATABASES"}, "no router without a replica"
    default = fragment["DATABASES"]["default"]
    assert default["ENGINE"] == "django.db.backends.postgresql"
    assert (default["HOST"], default["PORT"], default["NAME"]) == ("db.internal", 6432, "tusenet")
    assert (default["USER"], default["PASSWORD"]) == ("tusenet", "secret")
    assert default["OPTIONS"] == {"sslmode": "require"}
    assert default["CONN_MAX_AGE"] == 0
    assert default["CONN_HEALTH_CHECKS"] is True
    assert list(fragment["DATABASES"]) == ["default"]


def test_database_with_replica():
    fragment = scale_out.database(
        {"DATABASE_URL": "postgres://u@primary/tusenet", "DATABASE_REPLICA_URL": "postgres://u@replica/tusenet"}
    )
    replica = fragment["DATABASES"]["replica"]
    assert replica["HOST"] == "replica"
    assert replica["CONN_MAX_AGE"] == 60 and replica["CONN_HEALTH_CHECKS"] is True
    assert replica["TEST"] == {"MIRROR": "default"}
    assert fragment["DATABASE_ROUTERS"] == ["tusenet.connections.db_router.ReplicaRouter"]
    assert import_string(fragment["DATABASE_ROUTERS"][0]) is db_router.ReplicaRouter


def test_database_rejects_a_bad_conn_max_age():
    with pytest.raises(ImproperlyConfigured, match="DB_CONN_MAX_AGE"):
        scale_out.database({"DATABASE_URL": "postgres://u@h/db", "DB_CONN_MAX_AGE": "a minute"})


def test_database_reads_an_environ_env(monkeypatch):
    import environ

    monkeypatch.setenv("DATABASE_URL", "postgres://u@from-process-environment/db")
    monkeypatch.delenv("DATABASE_REPLICA_URL", raising=False)
    fragment = scale_out.database(environ.Env())
    assert fragment["DATABASES"]["default"]["HOST"] == "from-process-environment"


@pytest.mark.parametrize("conn_max_age, persistent", [("60", True), ("0", False)])
def test_postgresql_switch_really_connects(django_db_blocker, conn_max_age, persistent):
    """Both aliases open a real psycopg connection; DB_CONN_MAX_AGE decides whether it outlives a request."""
    require_service("PostgreSQL", POSTGRES_URL, 5432)
    databases = scale_out.database(
        {"DATABASE_URL": POSTGRES_URL, "DATABASE_REPLICA_URL": POSTGRES_URL, "DB_CONN_MAX_AGE": conn_max_age}
    )["DATABASES"]
    handler = ConnectionHandler(databases)
    try:
        with django_db_blocker.unblock():
            for alias in ("default", "replica"):
                connection = handler[alias]
                assert connection.vendor == "postgresql"
                with connection.cursor() as cursor:
                    cursor.execute("SELECT 1, pg_backend_pid()")
                    one, pid = cursor.fetchone()
                assert one == 1
                assert connection.health_check_enabled is True
                # What Django does at the end of every request:
                connection.close_if_unusable_or_obsolete()
                assert (connection.connection is not None) is persistent
                if persistent:
                    with connection.cursor() as cursor:
                        cursor.execute("SELECT pg_backend_pid()")
                        assert cursor.fetchone()[0] == pid, "the next request reuses the same connection"
    finally:
        handler.close_all()


# --- the replica router -------------------------------------------------------------------------

REPLICA_ROUTING = override_settings(DATABASE_ROUTERS=["tusenet.connections.db_router.ReplicaRouter"])


@REPLICA_ROUTING
def test_router_reads_from_replica_only_inside_replica_reads():
    assert User.objects.all().db == "default"
    with db_router.replica_reads():
        assert User.objects.all().db == "replica"
        assert router.db_for_read(Group) == "replica"
        assert router.db_for_write(User) == "default"
    assert User.objects.all().db == "default"


@REPLICA_ROUTING
def test_router_sends_reads_to_the_primary_after_a_write():
    with db_router.replica_reads():
        assert User.objects.all().db == "replica"
        router.db_for_write(Group)
        assert User.objects.all().db == "default", "read your own writes"
    with db_router.replica_reads():
        assert User.objects.all().db == "replica", "the next request starts on the replica again"


@REPLICA_ROUTING
def test_router_migrates_the_primary_only_and_allows_relations():
    assert router.allow_migrate("default", "auth") is True
    assert router.allow_migrate("replica", "auth") is False
    assert router.allow_relation(User(), Group()) is True


def _request_routing(request, *, write=False):
    """Run the replica middleware around a view that records where its reads would go."""
    seen = []

    def view(request):
        seen.append(User.objects.all().db)
        if write:
            Group.objects.create(name=f"written-{uuid.uuid4().hex}")
            seen.append(User.objects.all().db)
        return HttpResponse()

    db_router.ReplicaReadsMiddleware(view)(request)
    return seen


def _anonymous(request):
    request.user = AnonymousUser()
    return request


@REPLICA_ROUTING
@pytest.mark.django_db
def test_middleware_routes_only_anonymous_safe_requests_to_the_replica():
    factory = RequestFactory()

    assert _request_routing(_anonymous(factory.get("/en/search/", {"q": "kalmar"}))) == ["replica"]
    assert _request_routing(_anonymous(factory.head("/api/v2/pages/"))) == ["replica"]
    assert _request_routing(_anonymous(factory.post("/en/search/"))) == ["default"]

    editor_get = factory.get("/admin/")
    editor_get.user = User.objects.create_user("editor")
    assert _request_routing(editor_get) == ["default"]

    no_auth_middleware = factory.get("/api/v2/pages/")
    assert _request_routing(no_auth_middleware) == ["default"]

    assert _request_routing(_anonymous(factory.get("/api/v2/pages/")), write=True) == ["replica", "default"]

    assert User.objects.all().db == "default", "nothing leaks out of the request"


@REPLICA_ROUTING
@pytest.mark.django_db
def test_pages_an_http_cache_stores_read_the_primary():
    """A page rendered from a lagging replica must not be stored by an HTTP cache in front until the next purge."""
    factory = RequestFactory()
    assert _request_routing(_anonymous(factory.get("/en/municipalities/"))) == ["default"]
    assert _request_routing(_anonymous(factory.get("/documents/1/report.pdf"))) == ["replica"]


def test_replica_middleware_is_added_after_authentication_only_with_a_replica():
    middleware = [
        "django.contrib.sessions.middleware.SessionMiddleware",
        "django.contrib.auth.middleware.AuthenticationMiddleware",
        "django.contrib.messages.middleware.MessageMiddleware",
    ]
    assert scale_out.replica_middleware({"DATABASE_URL": "postgres://u@h/db"}, middleware) == {}
    on = {"DATABASE_URL": "postgres://u@h/db", "DATABASE_REPLICA_URL": "postgres://u@r/db"}
    assert scale_out.replica_middleware(on, middleware) == {
        "MIDDLEWARE": [
            "django.contrib.sessions.middleware.SessionMiddleware",
            "django.contrib.auth.middleware.AuthenticationMiddleware",
            "tusenet.connections.db_router.ReplicaReadsMiddleware",
            "django.contrib.messages.middleware.MessageMiddleware",
        ]
    }
    assert import_string("tusenet.connections.db_router.ReplicaReadsMiddleware") is db_router.ReplicaReadsMiddleware
    with pytest.raises(ImproperlyConfigured, match="AuthenticationMiddleware"):
        scale_out.replica_middleware(on, middleware[:1])


def test_replica_middleware_fits_the_project_middleware():
    from django.conf import settings

    fragment = scale_out.replica_middleware({"DATABASE_REPLICA_URL": "postgres://u@r/db"}, settings.MIDDLEWARE)
    position = fragment["MIDDLEWARE"].index("tusenet.connections.db_router.ReplicaReadsMiddleware")
    assert fragment["MIDDLEWARE"][position - 1] == "django.contrib.auth.middleware.AuthenticationMiddleware"
    assert len(fragment["MIDDLEWARE"]) == len(settings.MIDDLEWARE) + 1


# --- Redis: sessions ----------------------------------------------------------------------------


def test_sessions_off_without_redis():
    assert scale_out.sessions({}) == {}
    assert scale_out.sessions({"REDIS_URL": "  "}) == {}


def test_sessions_cached_db_with_redis():
    assert scale_out.sessions({"REDIS_URL": "redis://cache.internal:6379/0"}) == {
        "SESSION_ENGINE": "django.contrib.sessions.backends.cached_db"
    }


@pytest.fixture
def redis_sessions():
    """Settings as production builds them with REDIS_URL: the Redis cache as "default", cached_db sessions."""
    require_service("Redis", REDIS_URL, 6379)
    import redis

    prefix = f"tusenet-test-{uuid.uuid4().hex}"
    cache_settings = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": prefix,
        }
    }
    client = redis.Redis.from_url(REDIS_URL)
    try:
        with override_settings(CACHES=cache_settings, **scale_out.sessions({"REDIS_URL": REDIS_URL})):
            yield client
    finally:
        for key in client.scan_iter(match=f"{prefix}:*"):
            client.delete(key)
        client.close()


def _session_store():
    from django.conf import settings

    return importlib.import_module(settings.SESSION_ENGINE).SessionStore


@pytest.mark.django_db
def test_redis_cache_really_talks_to_redis(redis_sessions):
    cache = caches["default"]
    cache.set("greeting", "merhaba", 60)
    raw_key = cache.make_and_validate_key("greeting")
    assert redis_sessions.exists(raw_key) == 1, "the value is in Redis itself"
    assert caches["default"].get("greeting") == "merhaba"


@pytest.mark.django_db
def test_session_is_read_from_redis(redis_sessions):
    SessionStore = _session_store()
    store = SessionStore()
    store["chosen_language"] = "sv"
    store.save()
    raw_key = caches["default"].make_and_validate_key(store.cache_key)
    assert redis_sessions.exists(raw_key) == 1
    assert Session.objects.filter(session_key=store.session_key).exists(), "also written to the database"

    Session.objects.filter(session_key=store.session_key).delete()
    assert SessionStore(session_key=store.session_key)["chosen_language"] == "sv", "served by Redis"


@pytest.mark.django_db
def test_session_survives_a_redis_flush(redis_sessions):
    SessionStore = _session_store()
    store = SessionStore()
    store["chosen_language"] = "tr"
    store.save()
    raw_key = caches["default"].make_and_validate_key(store.cache_key)
    assert redis_sessions.delete(raw_key) == 1, "the session is gone from Redis"

    assert SessionStore(session_key=store.session_key)["chosen_language"] == "tr", "read back from the database"
    assert redis_sessions.exists(raw_key) == 1, "and put back into Redis"


# --- media on S3-compatible storage (configuration only) ----------------------------------------

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
}


def test_media_on_the_file_system_without_a_bucket():
    assert scale_out.media_storage({}, STORAGES) == {"STORAGES": STORAGES}


def test_media_on_s3_with_a_bucket():
    fragment = scale_out.media_storage(
        {
            "AWS_STORAGE_BUCKET_NAME": "tusenet-media",
            "AWS_S3_ENDPOINT_URL": "https://fra1.digitaloceanspaces.com",
            "AWS_S3_REGION_NAME": "fra1",
            "AWS_S3_CUSTOM_DOMAIN": "media.example.org",
            "AWS_ACCESS_KEY_ID": "never-copied-into-settings",
        },
        STORAGES,
    )
    assert fragment == {
        "STORAGES": {
            "default": {
                "BACKEND": "storages.backends.s3.S3Storage",
                "OPTIONS": {
                    "bucket_name": "tusenet-media",
                    "querystring_auth": False,
                    "default_acl": None,
                    "file_overwrite": False,
                    "endpoint_url": "https://fra1.digitaloceanspaces.com",
                    "region_name": "fra1",
                    "custom_domain": "media.example.org",
                },
            },
            "staticfiles": STORAGES["staticfiles"],
        }
    }


def test_media_on_s3_leaves_unset_options_to_django_storages():
    options = scale_out.media_storage({"AWS_STORAGE_BUCKET_NAME": "b"}, STORAGES)["STORAGES"]["default"]["OPTIONS"]
    assert options == {"bucket_name": "b", "querystring_auth": False, "default_acl": None, "file_overwrite": False}


# --- search (configuration only) ----------------------------------------------------------------


def _backend_module_exists(dotted):
    return importlib.util.find_spec(dotted) is not None


def test_search_on_the_database_by_default():
    assert scale_out.search_backends({}) == {
        "WAGTAILSEARCH_BACKENDS": {"default": {"BACKEND": "wagtail.search.backends.database"}}
    }


def test_search_on_opensearch():
    fragment = scale_out.search_backends(
        {"OPENSEARCH_URL": "https://search:pw@os1.internal:443, https://search:pw@os2.internal:443"}
    )
    backend = fragment["WAGTAILSEARCH_BACKENDS"]["default"]
    assert backend == {
        "BACKEND": "wagtail.search.backends.opensearch3",
        "URLS": ["https://search:pw@os1.internal:443", "https://search:pw@os2.internal:443"],
        "INDEX_PREFIX": "tusenet_",
    }
    assert _backend_module_exists(backend["BACKEND"]), "Wagtail ships this backend"


def test_search_on_opensearch_2_and_elasticsearch_versions():
    for variables, expected in [
        ({"OPENSEARCH_URL": "http://os:9200", "OPENSEARCH_VERSION": "2"}, "wagtail.search.backends.opensearch2"),
        ({"ELASTICSEARCH_URL": "http://es:9200"}, "wagtail.search.backends.elasticsearch8"),
        (
            {"ELASTICSEARCH_URL": "http://es:9200", "ELASTICSEARCH_VERSION": "7"},
            "wagtail.search.backends.elasticsearch7",
        ),
        (
            {"ELASTICSEARCH_URL": "http://es:9200", "ELASTICSEARCH_VERSION": "9"},
            "wagtail.search.backends.elasticsearch9",
        ),
    ]:
        backend = scale_out.search_backends({**variables, "SEARCH_INDEX_PREFIX": "site_"})["WAGTAILSEARCH_BACKENDS"]
        assert backend["default"]["BACKEND"] == expected
        assert backend["default"]["INDEX_PREFIX"] == "site_"
        assert _backend_module_exists(expected), expected


def test_search_rejects_both_engines_and_unknown_versions():
    with pytest.raises(ImproperlyConfigured, match="not both"):
        scale_out.search_backends({"OPENSEARCH_URL": "http://os:9200", "ELASTICSEARCH_URL": "http://es:9200"})
    with pytest.raises(ImproperlyConfigured, match="OPENSEARCH_VERSION"):
        scale_out.search_backends({"OPENSEARCH_URL": "http://os:9200", "OPENSEARCH_VERSION": "1"})


# --- CDN: Wagtail's frontend cache invalidation -------------------------------------------------

APPS = ["partnerships", "wagtail"]


def test_frontend_cache_off():
    assert scale_out.frontend_cache({}, APPS) == {}


def test_frontend_cache_cloudflare():
    from wagtail.contrib.frontend_cache.backends import CloudflareBackend
    from wagtail.contrib.frontend_cache.utils import get_backends

    fragment = scale_out.frontend_cache(
        {
            "FRONTEND_CACHE": "cloudflare",
            "CLOUDFLARE_BEARER_TOKEN": "token",
            "CLOUDFLARE_ZONE_ID": "zone",
            "FRONTEND_CACHE_HOSTNAMES": "www.example.org,example.org",
        },
        APPS,
    )
    assert fragment["INSTALLED_APPS"] == ["partnerships", "wagtail", "wagtail.contrib.frontend_cache"]
    assert fragment["WAGTAILFRONTENDCACHE"] == {
        "default": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
            "BEARER_TOKEN": "token",
            "ZONEID": "zone",
            "HOSTNAMES": ["www.example.org", "example.org"],
        }
    }
    # Wagtail's own backend accepts the configuration (no request is sent).
    backend = get_backends(fragment["WAGTAILFRONTENDCACHE"])["default"]
    assert isinstance(backend, CloudflareBackend)
    assert backend.cloudflare_token == "token" and backend.cloudflare_zoneid == "zone"
    assert backend.invalidates_hostname("www.example.org") and not backend.invalidates_hostname("other.org")


def test_frontend_cache_cloudfront():
    fragment = scale_out.frontend_cache({"FRONTEND_CACHE": "cloudfront", "CLOUDFRONT_DISTRIBUTION_ID": "E123"}, APPS)
    assert fragment["WAGTAILFRONTENDCACHE"] == {
        "default": {"BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend", "DISTRIBUTION_ID": "E123"}
    }
    assert import_string(fragment["WAGTAILFRONTENDCACHE"]["default"]["BACKEND"]).__name__ == "CloudfrontBackend"


def test_frontend_cache_incomplete_or_unknown_is_refused():
    with pytest.raises(ImproperlyConfigured, match="CLOUDFLARE_ZONE_ID"):
        scale_out.frontend_cache({"FRONTEND_CACHE": "cloudflare", "CLOUDFLARE_BEARER_TOKEN": "t"}, APPS)
    with pytest.raises(ImproperlyConfigured, match="CLOUDFRONT_DISTRIBUTION_ID"):
        scale_out.frontend_cache({"FRONTEND_CACHE": "cloudfront"}, APPS)
    with pytest.raises(ImproperlyConfigured, match="FRONTEND_CACHE must be"):
        scale_out.frontend_cache({"FRONTEND_CACHE": "akamai"}, APPS)


def test_frontend_cache_app_added_once():
    fragment = scale_out.frontend_cache(
        {"FRONTEND_CACHE": "http://varnish:6081"}, [*APPS, "wagtail.contrib.frontend_cache"]
    )
    assert fragment["INSTALLED_APPS"].count("wagtail.contrib.frontend_cache") == 1


class PurgeRecorder(BaseHTTPRequestHandler):
    def do_PURGE(self):  # noqa: N802 - the HTTP method's name
        self.server.purged.append((self.headers["Host"], self.path))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def purge_server():
    server = ThreadingHTTPServer(("127.0.0.1", 0), PurgeRecorder)
    server.purged = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.django_db
def test_publishing_purges_the_page_in_every_language_from_an_http_cache(purge_server):
    """FRONTEND_CACHE=http://... really sends PURGE requests when a page is published."""
    from django.apps import apps
    from wagtail.contrib.frontend_cache import signal_handlers
    from wagtail.models import Page
    from wagtail.signals import page_published, page_unpublished

    from partnerships.models import StandardPage
    from tests.builders import add_page, home_page

    host, port = purge_server.server_address
    fragment = scale_out.frontend_cache({"FRONTEND_CACHE": f"http://{host}:{port}"}, APPS)
    page_models = [model for model in apps.get_models() if issubclass(model, Page)]
    with override_settings(WAGTAILFRONTENDCACHE=fragment["WAGTAILFRONTENDCACHE"]):
        # What the app's ready() does when "wagtail.contrib.frontend_cache" is installed.
        signal_handlers.register_signal_handlers()
        try:
            page = add_page(home_page(), StandardPage, "Purged on publish")
        finally:
            for model in page_models:
                page_published.disconnect(signal_handlers.page_published_signal_handler, sender=model)
                page_unpublished.disconnect(signal_handlers.page_unpublished_signal_handler, sender=model)

    path = urlsplit(page.get_full_url()).path
    assert path == "/en/purged-on-publish/"
    assert sorted(purge_server.purged) == sorted(
        ("localhost", f"/{code}/purged-on-publish/") for code in ("en", "tr", "sv")
    )
