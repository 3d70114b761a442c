"""Page addresses from the cached home paths: what Wagtail's ``get_url_parts`` gives, without its cost per link.

A page's address is its language prefix followed by its ``url_path`` below its
language's home page. Wagtail finds it by walking the site root paths and calling
``reverse()`` inside ``translation.override()`` for every link, which was about a
tenth of an uncached render (some thirty links a page). Here each language's home
path and prefix are looked up once per request. Pages this cannot place with
certainty (no site on the request, a page outside its language's home) are left to
Wagtail.
"""

from urllib.parse import quote

from django.urls.resolvers import RFC3986_SUBDELIMS

from . import multilingual, routing

#: What ``reverse()`` leaves unquoted in a path (a slug saved in code may hold any letter).
_SAFE = RFC3986_SUBDELIMS + "/~:@"


def _homes(request, site):
    """{locale id: (home page's url_path, language prefix)} for the request's site, once per request."""
    cached = getattr(request, "_tusenet_homes", None)
    if cached is None or cached[0] != site.pk:
        homes = {
            locale_id: (home_path, multilingual.language_home_url(multilingual.locales.language_of(locale_id)))
            for locale_id, home_path in routing.home_paths(request, site).items()
        }
        cached = request._tusenet_homes = (site.pk, homes)
    return cached[1]


def url_parts(page, request):
    """``(site id, root URL, path)`` as ``Page.get_url_parts`` gives them, or None to let Wagtail find them."""
    site = getattr(request, "_wagtail_site", None)
    if site is None:
        return None
    home = _homes(request, site).get(page.locale_id)
    if home is None or not page.url_path.startswith(home[0]):
        return None
    home_path, prefix = home
    return site.pk, site.root_url, prefix + quote(page.url_path[len(home_path) :], safe=_SAFE)


def relative_url(page, request):
    """``page.get_url(request)`` for any page, specific or not: the path on the request's site."""
    parts = url_parts(page, request)
    return parts[2] if parts is not None else page.get_url(request)


def full_url(page, request):
    """``page.get_full_url(request)`` for any page, specific or not."""
    parts = url_parts(page, request)
    return parts[1] + parts[2] if parts is not None else page.get_full_url(request)
