"""While Redis is down, cache calls fail at once (tusenet/connections/redis_connection.py), not each trying again."""

import logging
import os
import socket
import time

import pytest
from django.core.cache import cache
from redis.connection import Connection

from tusenet.connections import redis_connection
from tusenet.settings.base import cache_settings

CALLS = 50


@pytest.fixture(autouse=True)
def no_server_known_down():
    redis_connection._down_until.clear()
    yield
    redis_connection._down_until.clear()


@pytest.fixture
def connection_attempts(monkeypatch):
    """How many times a socket to Redis is opened."""
    attempts = []
    connect = Connection._connect

    def counted(self):
        attempts.append(self.port)
        return connect(self)

    monkeypatch.setattr(Connection, "_connect", counted)
    return attempts


@pytest.fixture
def stopped_redis(settings):
    """The cache on a port where nothing listens (connections refused)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.CACHES = cache_settings(f"redis://127.0.0.1:{port}/0")
    return port


@pytest.fixture
def hung_redis(settings):
    """The cache on a port that takes connections and never answers (a stuck Redis)."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(8)
        settings.CACHES = cache_settings(f"redis://127.0.0.1:{listener.getsockname()[1]}/0")
        yield


def use_the_cache():
    for number in range(CALLS):
        cache.add(f"tusenet:test-outage:{number}", number)
        assert cache.get(f"tusenet:test-outage:{number}") is None
    assert cache.get_many(["a", "b"]) == {}


def test_a_stopped_redis_is_tried_once_for_many_cache_calls(stopped_redis, connection_attempts):
    use_the_cache()
    assert connection_attempts == [stopped_redis]


def test_a_stopped_redis_is_tried_again_after_the_pause(stopped_redis, connection_attempts, monkeypatch):
    use_the_cache()
    later = time.monotonic() + redis_connection.RETRY_SECONDS + 0.1
    monkeypatch.setattr(redis_connection.time, "monotonic", lambda: later)
    use_the_cache()
    assert connection_attempts == [stopped_redis, stopped_redis]


def test_a_hung_redis_costs_one_timeout_not_one_per_cache_call(hung_redis):
    started = time.monotonic()
    use_the_cache()
    # Without failing fast: 2 * CALLS + 1 calls of at least 0.5 s each (SOCKET_TIMEOUT).
    assert time.monotonic() - started < 3


def test_an_outage_is_logged_once_without_a_traceback_per_cache_call(stopped_redis, caplog):
    with caplog.at_level(logging.DEBUG):
        use_the_cache()
    from_django_redis = [record for record in caplog.records if record.name.startswith("django_redis")]
    warnings = [record for record in caplog.records if record.name == redis_connection.__name__]
    assert from_django_redis == []
    assert len(warnings) == 1
    assert warnings[0].levelno == logging.WARNING and warnings[0].exc_info is None


def test_a_redis_answering_again_after_an_outage_changes_the_content_version(settings):
    """Changes made during the outage could not be recorded: fragments stored before it must not be read after it."""
    from tusenet.caching import content_version

    redis_url = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/0").rsplit("/", 1)[0] + "/14"
    settings.CACHES = cache_settings(redis_url)
    settings.CACHES["default"]["KEY_PREFIX"] = f"tusenet-test-{os.getpid()}"
    host, port = redis_url.split("//")[1].split("/")[0].split(":")
    before = content_version.current()
    recoveries = redis_connection.recoveries
    redis_connection._down_until[(host, int(port), None)] = 0.0  # found down earlier; the pause is over
    cache.close()  # the next cache call opens a connection
    after = content_version.current()
    assert redis_connection.recoveries == recoveries + 1
    assert after != before and content_version.current() == after
    cache.delete(content_version.KEY)
