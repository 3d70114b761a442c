"""Every address a visitor can reach without signing in: what an HTTP cache in front may hold.

The live, public pages of every language, the fallback addresses of the pages a language lacks,
and the site-wide documents (``/``, the sitemap, robots.txt, feeds, open data). ``tusenet.caching``
purges them all from the HTTP cache when the content changes.
"""

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale, Page, Site

from tusenet.i18n import multilingual

SITE_WIDE_VIEWS = [
    "choose_language",
    "sitemap",
    "robots_txt",
    "open_data_networks",
    "open_data_municipalities",
    "open_data_municipalities_csv",
    "open_data_partners",
]
FEED_VIEWS = ["posts_rss", "posts_atom"]


def site_root(request):
    """The site's own address (``https://tusenet.example``), never the Host header the request carried."""
    site = Site.find_for_request(request)
    return site.root_url if site is not None else settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def every_address():
    """Absolute addresses of every public page in every language, and of the site-wide documents."""
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return []
    root = site.root_url
    paths = [reverse(name) for name in SITE_WIDE_VIEWS]
    public = Page.objects.live().public().filter(depth__gte=2)
    english = public.filter(locale__language_code=settings.LANGUAGE_CODE)
    for locale in Locale.objects.all():
        in_locale = public.filter(locale=locale)
        paths += [page.get_url(None) for page in in_locale.specific(defer=True)]
        missing = english.exclude(translation_key__in=in_locale.values("translation_key"))
        paths += multilingual.fallback_urls(missing, locale).values()
        with translation.override(locale.language_code):
            paths += [reverse(name) for name in FEED_VIEWS]
    return [path if path.startswith("http") else root + path for path in dict.fromkeys(filter(None, paths))]
