"""The whole site served once per test module, and the address of every page type in every language.

The audited modules read the real content that every browser test shares (committed once per
session, ``tests/worlds.py``): on PostgreSQL the server's thread reads it through a connection of
its own. What ``served_site`` changes for its module (two unpublished posts) it puts back after it.

Every page type has an address in every language: where a page is not translated, its fallback
address. The "untranslated page" itself is, in Swedish, a Turkish municipality (English and
Turkish only); in Turkish and English, a post whose translation in that language is unpublished,
so that each language shows a page in another language inside its own interface.
"""

from contextlib import contextmanager
from dataclasses import dataclass
from urllib.parse import urlencode

from django.db import connection
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale, Page

from partnerships.models import (
    AssociationPage,
    HomePage,
    ModulePage,
    MunicipalityIndexPage,
    MunicipalityPage,
    NetworkIndexPage,
    NetworkPage,
    PostIndexPage,
    PostPage,
    ProductsPage,
    StandardPage,
)
from tusenet.i18n import multilingual

LANGUAGES = ("en", "tr", "sv")

#: Every page type, plus search, the filtered directory, the untranslated-page fallback and the 404.
PAGE_KINDS = (
    "home",
    "about",
    "networks_index",
    "network",
    "directory_filtered",
    "municipalities_index",
    "municipality",
    "association",
    "products",
    "module",
    "posts_index",
    "post",
    "open_data",
    "search_results",
    "untranslated_fallback",
    "not_found",
)

#: A search with results in every language, and a directory filter that leaves two networks.
SEARCH_QUERY = "Kalmar"
DIRECTORY_FILTER = {"swedish": "kalmar"}
#: Paths that match no page, one per language.
UNKNOWN_PATHS = {"en": "/en/no-such-page/", "tr": "/tr/boyle-bir-sayfa-yok/", "sv": "/sv/ingen-sadan-sida/"}


@dataclass
class ServedSite:
    url: str
    #: (page kind, language code) → path.
    paths: dict
    #: The (page kind, language code) pairs shown in another language, at a fallback address.
    fallbacks: set

    def address(self, kind, language):
        return self.url + self.paths[kind, language]


def _address_in(model, language, **filters):
    """A page's address in ``language`` and whether it is a fallback: its translation's, else its fallback address."""
    translated = model.objects.live().filter(locale__language_code=language, **filters).first()
    if translated is not None:
        return translated.url, False
    source = multilingual.preferred_source(multilingual.live_versions(model.objects.filter(**filters).first()))
    return multilingual.fallback_urls([source], Locale.objects.get(language_code=language))[source.pk], True


def _english(model, slug=None, index=None):
    pages = model.objects.filter(locale__language_code="en").order_by("path")
    return (pages.get(slug=slug) if slug else pages[index]).translation_key


def _unpublished_translation(language, index):
    """Unpublish one post's translation in ``language``: its address then shows another language."""
    post = PostPage.objects.filter(locale__language_code=language).order_by("path")[index]
    post.unpublish(log_action=None)
    return post


def page_addresses(unpublished):
    """{(page kind, language): (path, shown at a fallback address)}."""
    open_data = Page.objects.get(depth=3, slug="open-data", locale__language_code="en")
    about, first_post = _english(StandardPage, slug="about-tusenet"), _english(PostPage, index=0)
    # Pages missing in a language, each in that language's interface (and in the switcher).
    unpublished += [_unpublished_translation("tr", 1), _unpublished_translation("en", 2)]
    untranslated = {
        "sv": _address_in(MunicipalityPage, "sv", municipality__slug="istanbul"),
        "tr": (unpublished[0].url, True),
        "en": (unpublished[1].url, True),
    }
    addresses = {}
    for language in LANGUAGES:
        with translation.override(language):
            search = reverse("search")
        networks_index, _translated = _address_in(NetworkIndexPage, language)
        pages = {
            "home": _address_in(HomePage, language),
            "about": _address_in(StandardPage, language, translation_key=about),
            "networks_index": (networks_index, False),
            "network": _address_in(NetworkPage, language, network__number=3),
            "directory_filtered": (f"{networks_index}?{urlencode(DIRECTORY_FILTER)}", False),
            "municipalities_index": _address_in(MunicipalityIndexPage, language),
            "municipality": _address_in(MunicipalityPage, language, municipality__slug="kalmar"),
            "association": _address_in(AssociationPage, language, association__slug="salar"),
            "products": _address_in(ProductsPage, language),
            "module": _address_in(ModulePage, language, module__number=3),
            "posts_index": _address_in(PostIndexPage, language),
            "post": _address_in(PostPage, language, translation_key=first_post),
            "open_data": _address_in(Page, language, translation_key=open_data.translation_key),
            "search_results": (f"{search}?{urlencode({'q': SEARCH_QUERY})}", False),
            "untranslated_fallback": untranslated[language],
            "not_found": (UNKNOWN_PATHS[language], False),
        }
        addresses.update({(kind, language): address for kind, address in pages.items()})
    return addresses


@contextmanager
def served_site(live_server, django_db_blocker):
    """The addresses of the content ``live_server`` serves; the posts unpublished for them are put back after."""
    with django_db_blocker.unblock():
        unpublished = []
        try:
            addresses = page_addresses(unpublished)
            yield ServedSite(
                url=live_server.url,
                paths={key: path for key, (path, _fallback) in addresses.items()},
                fallbacks={key for key, (_path, fallback) in addresses.items() if fallback},
            )
        finally:
            for post in unpublished:
                post.get_latest_revision().publish(log_action=None)
            # Playwright's greenlets can give this teardown a database connection of its own (Django keeps
            # one per context); left open, it would keep the test database from being dropped at the end.
            connection.close()
