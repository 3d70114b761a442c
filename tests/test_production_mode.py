"""Production mode: settings from the environment, compressed static files, health check, fragments in Redis."""

import os

import pytest
from django.test import override_settings

from bench import server
from tusenet.caching import content_version
from tusenet.ops import cache_checks
from tusenet.settings.base import cache_settings

from .production import BASIC, production_settings, run_in_production

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


def test_production_settings_take_redis_and_turn_the_fragment_cache_on_only_with_it():
    with_redis = production_settings(**BASIC, REDIS_URL=REDIS_URL)
    assert with_redis.DEBUG is False
    assert with_redis.CACHES["default"]["BACKEND"] == "django_redis.cache.RedisCache"
    assert with_redis.TUSENET_FRAGMENT_CACHE is True
    assert "whitenoise.middleware.WhiteNoiseMiddleware" in with_redis.MIDDLEWARE
    assert with_redis.STORAGES["staticfiles"]["BACKEND"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"
    assert with_redis.DATABASES["default"]["CONN_HEALTH_CHECKS"] is True
    # Each worker's own memory would not see another worker's change of the content version: no fragments then.
    without = production_settings(**BASIC)
    assert without.CACHES["default"]["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"
    assert without.TUSENET_FRAGMENT_CACHE is False


def test_static_files_are_served_compressed_with_far_future_caching(tmp_path):
    code = """
    from django.core.management import call_command
    from django.test import Client
    from django.templatetags.static import static
    # The project's own files: Wagtail's and the REST framework's (thousands, compressed the same way) are left out.
    call_command("collectstatic", interactive=False, verbosity=0, ignore_patterns=["wagtail*", "rest_framework"])
    url = static("css/tusenet.css")
    response = Client().get(url, HTTP_ACCEPT_ENCODING="br, gzip", HTTP_HOST="tusenet.example", secure=True)
    print(json.dumps({"url": url, "status": response.status_code, "encoding": response.get("Content-Encoding"),
                      "cache": response.get("Cache-Control")}))
    """
    with server.static_files_lock():
        served = run_in_production(code, **BASIC, DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}")
    assert served["url"].startswith("/static/css/tusenet.") and served["url"] != "/static/css/tusenet.css"
    assert served["status"] == 200
    assert served["encoding"] in ("br", "gzip")
    assert "max-age=315360000" in served["cache"] and "immutable" in served["cache"]


@pytest.mark.django_db
def test_healthz_answers_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_healthz_fails_when_the_configured_cache_is_down(client):
    dead_redis = cache_settings("redis://127.0.0.1:1/0")  # nothing listens on port 1
    with override_settings(CACHES=dead_redis):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "ok", "cache": "down"}


def redis_available():
    import redis

    try:
        return redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.RedisError:
        return False


@pytest.fixture
def redis_cache():
    """The fragment cache in a real Redis (a dedicated key prefix, removed afterwards)."""
    if not redis_available():
        if os.environ.get("CI"):
            pytest.fail(f"Redis is not reachable at {REDIS_URL}")
        pytest.skip(f"Redis is not reachable at {REDIS_URL}")
    prefix = f"tusenet-test-{os.getpid()}"
    redis_settings = cache_settings(REDIS_URL)
    redis_settings["default"]["KEY_PREFIX"] = prefix
    import redis

    connection = redis.Redis.from_url(REDIS_URL)
    with override_settings(CACHES=redis_settings):
        yield lambda pattern: [key.decode() for key in connection.scan_iter(f"{prefix}:*{pattern}*")]
    for key in connection.scan_iter(f"{prefix}:*"):
        connection.delete(key)


@pytest.mark.django_db
def test_fragments_and_the_content_version_live_in_redis_and_a_publish_shows_at_once(
    redis_cache, client, small_site, django_capture_on_commit_callbacks
):
    pages = small_site
    url = pages["networks_index"].url
    client.get(url)
    assert redis_cache("tusenet:fragment:"), "the fragments are stored in Redis itself"
    assert redis_cache(content_version.KEY)
    with django_capture_on_commit_callbacks(execute=True):
        page = pages["networks"][1].specific_class.objects.get(pk=pages["networks"][1].pk)
        page.title = "Network 1 in Redis"
        page.save_revision().publish()
    assert "Network 1 in Redis" in client.get(url).content.decode()


@pytest.mark.django_db
def test_pages_are_served_from_the_database_while_redis_is_down(client, small_site):
    pages = small_site
    dead_redis = cache_settings("redis://127.0.0.1:1/0")  # nothing listens on port 1
    with override_settings(CACHES=dead_redis):
        response = client.get(pages["networks"][3].url)
    assert response.status_code == 200
    assert pages["networks"][3].title in response.content.decode()


def mail_settings(settings):
    return [
        settings.EMAIL_BACKEND,
        settings.EMAIL_HOST,
        settings.EMAIL_PORT,
        settings.EMAIL_USE_TLS,
        settings.DEFAULT_FROM_EMAIL,
    ]


def test_production_mail_goes_to_the_server_named_or_else_to_the_log():
    """Without EMAIL_URL a password-reset mail was sent to localhost:25 and lost; now it is written to the log."""
    assert production_settings(**BASIC).EMAIL_BACKEND == "django.core.mail.backends.console.EmailBackend"
    configured = production_settings(**BASIC, EMAIL_URL="smtp+tls://tusenet:secret@mail.example:587")
    assert mail_settings(configured) == [
        "django.core.mail.backends.smtp.EmailBackend",
        "mail.example",
        587,
        True,
        "Tusenet <noreply@tusenet.example>",
    ]


DEPLOY_CHECK_IDS = """
from django.core import checks
print(json.dumps(sorted(message.id for message in checks.run_checks(include_deployment_checks=True)
                        if message.id.startswith("tusenet."))))
"""


def test_the_deploy_checks_ask_for_a_redis_that_is_bounded_and_evicts():
    """The machine's Redis runs with its defaults (no maxmemory, noeviction): both are reported."""
    found = run_in_production(DEPLOY_CHECK_IDS, **BASIC, REDIS_URL=REDIS_URL)
    assert found == ["tusenet.W001", "tusenet.W002"]


@pytest.mark.parametrize(
    ("config", "expected"),
    [
        ({"maxmemory": "268435456", "maxmemory-policy": "allkeys-lru"}, []),
        ({"maxmemory": "268435456", "maxmemory-policy": "allkeys-lfu"}, []),
        ({"maxmemory": "0", "maxmemory-policy": "allkeys-lru"}, ["tusenet.W001"]),
        ({"maxmemory": "268435456", "maxmemory-policy": "volatile-lru"}, ["tusenet.W002"]),
    ],
)
def test_a_bounded_redis_that_evicts_any_key_passes(config, expected):
    assert [warning.id for warning in cache_checks.memory_warnings(config)] == expected
