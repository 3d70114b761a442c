"""Page-cache hits are answered in front of Django (``tusenet.wsgi``), with the middleware's rules."""

import gzip
import io
from wsgiref.util import setup_testing_defaults

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from wagtail.models import Page

from partnerships import page_cache

pytestmark = pytest.mark.django_db


class Answer:
    def __init__(self, status, headers, body):
        self.status_code = int(status.split()[0])
        self.headers = dict(headers)
        self.body = body


class Front:
    """Django's WSGI application behind the page cache's front, as gunicorn runs it; counts what Django handles.

    Django closes its database connections at the end of each request; like Django's test
    client, this keeps the test's connection (and transaction) open instead.
    """

    def __init__(self):
        self.application = page_cache.PageCacheApplication(WSGIHandler())
        self.handled_by_django = 0
        request_started.connect(self._count, dispatch_uid="front-count")
        request_started.disconnect(close_old_connections)
        request_finished.disconnect(close_old_connections)

    def _count(self, **kwargs):
        self.handled_by_django += 1

    def close(self):
        request_started.disconnect(dispatch_uid="front-count")
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)

    def request(self, path, method="GET", scheme="http", **environ):
        """``path`` as a WSGI server gives it: UTF-8 bytes as ISO-8859-1 characters."""
        environ = {
            "REQUEST_METHOD": method,
            "PATH_INFO": path.encode().decode("iso-8859-1"),
            "HTTP_HOST": "localhost",
            "wsgi.url_scheme": scheme,
            "wsgi.input": io.BytesIO(),
            **environ,
        }
        setup_testing_defaults(environ)
        answered = {}

        def start_response(status, headers, exc_info=None):
            answered.update(status=status, headers=headers)

        answer = self.application(environ, start_response)
        body = b"".join(answer)
        if hasattr(answer, "close"):
            answer.close()  # as a WSGI server does: Django sends request_finished
        return Answer(answered["status"], answered["headers"], body)


@pytest.fixture
def front():
    front = Front()
    yield front
    front.close()


@pytest.fixture
def site(small_site, settings):
    settings.TUSENET_PAGE_CACHE = True
    settings.ALLOWED_HOSTS = ["localhost"]
    return small_site


def test_a_hit_is_the_stored_answer_sent_without_django_handling_the_request(front, site):
    url = site["networks"][3].url
    miss = front.request(url)
    assert (miss.status_code, miss.headers["X-Page-Cache"], front.handled_by_django) == (200, "miss", 1)

    hit = front.request(url)
    assert (hit.status_code, hit.headers["X-Page-Cache"], front.handled_by_django) == (200, "hit", 1)
    assert hit.body == miss.body
    assert hit.headers["Content-Length"] == str(len(miss.body))
    for name in ("Content-Type", "Content-Language", "Content-Security-Policy", "Vary", "X-Content-Type-Options"):
        assert hit.headers[name] == miss.headers[name], name


def test_a_hit_is_compressed_for_browsers_that_accept_it_and_has_no_body_for_head(front, site):
    url = site["networks"][3].url
    plain = front.request(url)
    compressed = front.request(url, HTTP_ACCEPT_ENCODING="gzip, br")
    assert (compressed.headers["X-Page-Cache"], compressed.headers["Content-Encoding"]) == ("hit", "gzip")
    assert gzip.decompress(compressed.body) == plain.body

    head = front.request(url, method="HEAD")
    assert (head.headers["X-Page-Cache"], head.body) == ("hit", b"")
    assert head.headers["Content-Length"] == str(len(plain.body))
    assert front.handled_by_django == 1


def test_a_publish_is_seen_by_the_very_next_request(front, site, django_capture_on_commit_callbacks):
    network = site["networks"][3]
    front.request(network.url)
    assert front.request(network.url).headers["X-Page-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        page = Page.objects.get(pk=network.pk).specific
        page.title = "Network 3, renamed"
        page.save_revision().publish()

    answer = front.request(network.url)
    assert answer.headers["X-Page-Cache"] == "miss"
    assert "Network 3, renamed" in answer.body.decode()
    assert front.request(network.url).headers["X-Page-Cache"] == "hit"


def test_a_miss_asks_the_cache_once(front, site, monkeypatch):
    url = site["networks"][3].url
    front.request(url)
    front.request(url, HTTP_ACCEPT_ENCODING="gzip")  # stored by the first request: Django is not asked
    lookups = []
    monkeypatch.setattr(page_cache, "cached_answer", lambda *args: lookups.append(args))  # finds nothing
    assert front.request(url).headers["X-Page-Cache"] == "miss"
    assert len(lookups) == 1


@pytest.mark.parametrize(
    "request_kwargs",
    [
        {"HTTP_COOKIE": "sessionid=abc"},
        {"QUERY_STRING": "swedish=kalmar"},
        {"method": "POST"},
    ],
    ids=["session", "query string", "post"],
)
def test_sessions_queries_and_posts_go_to_django(front, site, request_kwargs):
    url = site["networks"][3].url
    front.request(url)
    answer = front.request(url, **request_kwargs)
    assert answer.headers.get("X-Page-Cache") != "hit"
    assert front.handled_by_django == 2


def test_a_host_django_refuses_gets_djangos_answer_for_a_cached_path(front, site):
    url = site["networks"][3].url
    front.request(url)
    assert front.request(url, HTTP_HOST="attacker.example").status_code == 400


def test_plain_http_is_still_redirected_when_https_is_required(site, settings):
    settings.SECURE_SSL_REDIRECT = True
    front = Front()  # after the setting: Django's security middleware reads it when it is made
    try:
        url = site["networks"][3].url
        front.request(url, scheme="https")
        assert front.request(url, scheme="https").headers["X-Page-Cache"] == "hit"
        answer = front.request(url)
    finally:
        front.close()
    assert answer.status_code == 301
    assert answer.headers["Location"] == f"https://localhost{url}"


def test_an_address_beyond_ascii_reaches_django_as_sent(front, site):
    """The front must not hand Django an environment its own request has already decoded."""
    front.request(site["networks"][3].url)
    answer = front.request("/en/şırnak-ağı/")
    assert answer.status_code == 404


def test_without_the_page_cache_everything_goes_to_django(front, site, settings):
    url = site["networks"][3].url
    front.request(url)
    settings.TUSENET_PAGE_CACHE = False
    assert "X-Page-Cache" not in front.request(url).headers
    assert front.handled_by_django == 2
