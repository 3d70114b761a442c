"""Find the page for an address in one query instead of one or two per level of the tree.

Wagtail routes ``/en/a/b/c/`` by loading the site, its root page, the root's
translation, and then each page on the way down. Every live page stores its full
address in ``url_path``, so the page can be looked up directly. This middleware does
that before Wagtail's view runs and hands the result over through the attribute
Wagtail caches its own routing in (``request._wagtail_route_for_request``, set by
``Page.route_for_request``). Below the deepest page found, routing (fallbacks to
another language included) goes on in ``ContentPage.route``; anything it cannot
answer with certainty is left to Wagtail's routing.

The site and each language's home page come from the fragment cache
(``partnerships.cache_tags``), evicted when a site or a home page changes.
"""

from django.http import Http404
from django.urls import Resolver404, resolve
from django.utils import translation
from wagtail.models import Page, Site

from . import cache_tags, multilingual

#: Depth of each language's home page (the site root) in Wagtail's tree.
HOME_DEPTH = 2


def _site(request):
    host = request._get_raw_host()

    def find():
        return Site._find_for_request(request)

    return cache_tags.get_or_render(f"tusenet:site:{host}", find, cache_tags.FRAGMENT_SECONDS)


def _home_paths(site):
    """The ``url_path`` of the site's root page in each language, by locale id."""

    def find():
        homes = Page.objects.filter(translation_key=site.root_page.translation_key).only("locale_id", "url_path")
        return {home.locale_id: home.url_path for home in homes}

    return cache_tags.get_or_render(f"tusenet:home-paths:{site.pk}", find, cache_tags.FRAGMENT_SECONDS)


def home_paths(request, site):
    """``_home_paths(site)``, looked up once per request (``page_urls`` uses it too)."""
    cached = getattr(request, "_tusenet_home_paths", None)
    if cached is None or cached[0] != site.pk:
        cached = request._tusenet_home_paths = (site.pk, _home_paths(site))
    return cached[1]


def _is_page_address(path):
    try:
        return resolve(path).url_name == "wagtail_serve"
    except Resolver404:
        return False


#: What ``route`` answers when it cannot tell: Wagtail's own routing then runs.
UNKNOWN = object()


def route(request):
    """Wagtail's route result for this address in the active language, None for a 404, or UNKNOWN.

    The deepest page of the language's tree on the address is found in one query;
    routing goes on from it exactly as Wagtail's would have on reaching it
    (``ContentPage.route`` finds the fallbacks below it).
    """
    path = request.path_info
    prefix = f"/{translation.get_language()}/"
    if not path.startswith(prefix) or not path.endswith("/") or not _is_page_address(path):
        return UNKNOWN
    site = _site(request)
    if site is None:
        return UNKNOWN
    locale = multilingual.active_locale(request)
    home_path = home_paths(request, site).get(locale.pk)
    if home_path is None:
        return UNKNOWN
    segments = [segment for segment in path[len(prefix) :].split("/") if segment]
    on_the_way = [
        home_path + "".join(f"{segment}/" for segment in segments[:depth]) for depth in range(len(segments) + 1)
    ]
    on_the_way_pages = Page.objects.filter(locale=locale, url_path__in=on_the_way).only("depth", "live", "content_type")
    deepest = on_the_way_pages.order_by("-depth").first()
    if deepest is None:
        return UNKNOWN
    remaining = segments[deepest.depth - HOME_DEPTH :]
    if not remaining and not deepest.live:
        return UNKNOWN  # a draft translation: its parent's route shows the live version instead
    try:
        return deepest.specific.route(request, remaining)
    except Http404:
        return None


class PageRouteMiddleware:
    """Route page addresses in two queries (see the module docstring); runs after the language is set."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in ("GET", "HEAD"):
            request._wagtail_site = _site(request)
            found = route(request)
            if found is not UNKNOWN:
                request._wagtail_route_for_request = found
        return self.get_response(request)
