"""The page cache: anonymous visitors get pages rendered once, until what they show changes.

Entries are keyed by host and path (the path holds the language: /en/, /tr/, /sv/)
and evicted through ``partnerships.cache_tags``. Only plain GETs of live Wagtail
pages by visitors without a session are cached: editors (who have a session), the
admin, previews, restricted pages, query strings (search, filters), errors and any
answer that sets a cookie or is marked private are always rendered afresh. Feeds,
the sitemap and the open data carry their own ``Cache-Control`` for a CDN.

Each page is kept plain and gzip-compressed, with every header the first answer got
from the middleware around the view (security headers, policies, languages). A hit is
answered by this middleware alone, the first of all; requests the security middleware
would redirect to HTTPS, and static files, go through the whole chain as usual.
"""

import gzip

from django.conf import settings
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


#: Keys already made in this process, by Host header and path (the oldest goes first).
_keys: dict[tuple[str, str], str] = {}
KEYS_MAX = 1000


def cache_key(request):
    """Host and path, hashed: any address is a valid key for every cache backend.

    Remembered per Host header and path: validating the host and hashing cost as
    much as a tenth of a hit. A host Django refuses raises here, and is never remembered.
    """
    known = (request.META.get("HTTP_HOST", ""), request.path)
    key = _keys.get(known)
    if key is None:
        key = cache_tags.fragment_key("page", request.get_host(), request.path)
        if len(_keys) >= KEYS_MAX:
            del _keys[next(iter(_keys))]
        _keys[known] = key
    return key


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
        wants_gzip = "gzip" in request.META.get("HTTP_ACCEPT_ENCODING", "")
        cached = cache_tags.get(key + GZIP_SUFFIX if wants_gzip else key, keep_local_copy=True)
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
