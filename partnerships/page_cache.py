"""The page cache: anonymous visitors get pages rendered once, until what they show changes.

Entries are keyed by host and path (the path holds the language: /en/, /tr/, /sv/)
and evicted through ``partnerships.cache_tags``. Only plain GETs of live Wagtail
pages by visitors without a session are cached: editors (who have a session), the
admin, previews, restricted pages, query strings (search, filters), errors and any
answer that sets a cookie or is marked private are always rendered afresh. Feeds,
the sitemap and the open data carry their own ``Cache-Control`` for a CDN.

Each page is kept plain and gzip-compressed, with every header the first answer got
from the middleware around the view (security headers, policies, languages).

A hit is answered in front of Django by :class:`PageCacheApplication` (``tusenet.wsgi``
wraps Django's application in it): it builds no response object and runs no middleware
or request signals, so a hit costs little more than the cache read. Everything else goes
to Django, where :class:`PageCacheMiddleware`, the first middleware, renders and stores
the page (and answers hits too when Django is called without the wrapper, as by the test
client). Requests the security middleware would redirect to HTTPS, and static files, go
through the whole chain as usual.
"""

import gzip

from django.conf import settings
from django.core.handlers.wsgi import WSGIRequest
from django.http import HttpResponse
from django.utils.cache import patch_vary_headers

from . import cache_tags

#: Paths never looked up (the admin and its previews, documents, the API, static files).
UNCACHED_PREFIXES = ("/admin/", "/documents/", "/api/", "/static/", "/media/")
#: Headers of the first answer not kept: set anew for each answer (cookies: such answers are not cached).
DROPPED_HEADERS = {"set-cookie", "date", "content-length", "content-encoding", "x-page-cache"}
CACHE_STATUS_HEADER = "X-Page-Cache"
#: The compressed copy of an entry is a second entry (a hit reads only the copy it sends).
GZIP_SUFFIX = ":gzip"
#: Set in the WSGI environment by :class:`PageCacheApplication` when the cache has no fresh entry.
MISSED = "tusenet.page_cache.missed"


#: Keys already made in this process, by Host header and path (the oldest goes first).
_keys: dict[tuple[str, str], str] = {}
KEYS_MAX = 1000


def _address(request):
    """Host header and path, as sent: what ``_keys`` remembers keys by."""
    return request.META.get("HTTP_HOST", ""), request.path


def known_key(request):
    """The key of an address this process has cached before (its host validated then), or None."""
    return _keys.get(_address(request))


def cache_key(request):
    """Host and path, hashed: any address is a valid key for every cache backend.

    Remembered per Host header and path: validating the host and hashing cost as
    much as a tenth of a hit. A host Django refuses raises here, and is never remembered.
    """
    key = known_key(request)
    if key is None:
        key = cache_tags.fragment_key("page", request.get_host(), request.path)
        if len(_keys) >= KEYS_MAX:
            del _keys[next(iter(_keys))]
        _keys[_address(request)] = key
    return key


def cached_answer(request, key):
    """The cached (content, headers) of the page at ``key`` in the encoding the request accepts, or None."""
    wants_gzip = "gzip" in request.META.get("HTTP_ACCEPT_ENCODING", "")
    return cache_tags.get(key + GZIP_SUFFIX if wants_gzip else key, keep_local_copy=True)


def is_cacheable_request(request):
    return (
        settings.TUSENET_PAGE_CACHE
        and request.method in ("GET", "HEAD")
        and not request.META.get("QUERY_STRING")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not request.path.startswith(UNCACHED_PREFIXES)
        and (request.is_secure() or not settings.SECURE_SSL_REDIRECT)
    )


def is_cacheable_response(request, response):
    cache_control = response.get("Cache-Control", "")
    return (
        getattr(request, "is_public_page_view", False)
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
        and "private" not in cache_control
        and "no-store" not in cache_control
    )


class PageCacheApplication:
    """Answers page-cache hits in front of Django's WSGI application, which gets everything else.

    Only addresses this process has looked up in Django before are looked up here: Django
    validated their host then. The request is checked exactly as the middleware checks it
    (same request class, same rules), on a copy of the environment, because Django's request
    decodes the path in the environment it is given. A miss is marked in the environment, so
    that the middleware renders the page without asking the cache again.
    """

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        if settings.TUSENET_PAGE_CACHE:
            request = WSGIRequest(environ.copy())
            key = known_key(request)
            if key is not None and is_cacheable_request(request):
                with cache_tags.request_scope():
                    cached = cached_answer(request, key)
                if cached is not None:
                    content, headers = cached
                    extra = [("Content-Length", str(len(content))), (CACHE_STATUS_HEADER, "hit")]
                    start_response("200 OK", [*headers.items(), *extra])
                    return [b"" if request.method == "HEAD" else content]
                environ[MISSED] = True
        return self.application(environ, start_response)


class PageCacheMiddleware:
    """Serve anonymous page views from the cache; render, record and store them on a miss."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with cache_tags.request_scope():
            return self._respond(request)

    def _respond(self, request):
        if not is_cacheable_request(request):
            return self.get_response(request)
        key = cache_key(request)
        cached = None if request.META.get(MISSED) else cached_answer(request, key)
        if cached is not None:
            content, headers = cached
            response = HttpResponse(content, headers=headers)
            response[CACHE_STATUS_HEADER] = "hit"
            return response
        with cache_tags.recording() as render:
            response = self.get_response(request)
        if request.method == "GET" and is_cacheable_response(request, response):
            patch_vary_headers(response, ["Accept-Encoding"])
            headers = {name: value for name, value in response.items() if name.lower() not in DROPPED_HEADERS}
            # Public pages hold no secret, so compressing them once here is safe (no BREACH).
            compressed = gzip.compress(response.content, compresslevel=6, mtime=0)
            seconds = settings.TUSENET_PAGE_CACHE_SECONDS
            gzip_headers = {**headers, "Content-Encoding": "gzip"}
            cache_tags.store(key, (response.content, headers), render, seconds, keep_local_copy=True)
            cache_tags.store(key + GZIP_SUFFIX, (compressed, gzip_headers), render, seconds, keep_local_copy=True)
            response[CACHE_STATUS_HEADER] = "miss"
        return response
