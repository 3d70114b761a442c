"""Pages cost a fixed number of SQL queries however much data there is."""

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.documents.models import Document
from wagtail.models import Page

from partnerships.models import Municipality, NetworkPage

from .builders import add_page, translate
from .factories import MembershipFactory, MunicipalityFactory, PublicationFactory, network_with_members

pytestmark = pytest.mark.django_db


def count_queries(client, url):
    """Queries of a request once per-process caches (locales, content types) are warm."""
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def fresh(page):
    """The page as the database has it now (the small site's page objects are shared by the module's tests)."""
    return Page.objects.get(pk=page.pk).specific


def grow_tenfold(pages, networks=63):
    """Ten times the networks (each with an English page), a page for every new municipality, and ten products
    of every module and ten newsletters, each with an attached file."""
    from partnerships.models import Module, MunicipalityPage

    networks_index, municipalities_index = fresh(pages["networks_index"]), fresh(pages["municipalities_index"])
    for _ in range(networks):
        network = network_with_members(swedish=1, turkish=3)
        networks_index.add_child(instance=NetworkPage(title=f"N{network.number}", network=network))
    for municipality in Municipality.objects.filter(pages__isnull=True):
        municipalities_index.add_child(
            instance=MunicipalityPage(title=municipality.name, slug=municipality.slug, municipality=municipality)
        )
    for _ in range(10):
        for module in Module.objects.all():
            PublicationFactory(kind="product", module=module, document=attached_file())
        PublicationFactory(document=attached_file())


def attached_file():
    return Document.objects.create(title="A product", file=ContentFile(b"%PDF-1.4\n", name="product.pdf"))


def test_network_page_query_count_does_not_grow_with_members(client, small_site):
    """A network with 30 members costs the same queries as one with 3."""
    small = network_with_members(swedish=1, turkish=2)
    page = add_page(fresh(small_site["networks_index"]), NetworkPage, f"Network {small.number}", network=small)
    url = page.url
    before = count_queries(client, url)
    for _ in range(27):
        MembershipFactory(network=small, municipality=MunicipalityFactory(turkish=True))
    assert count_queries(client, url) == before


def test_municipality_page_query_count_is_fixed(client, small_site):
    """A municipality page costs the same with 1 or 10 networks."""
    pages = small_site
    kalmar = Municipality.objects.get(slug="kalmar")
    url = pages["municipalities"]["kalmar"].url
    before = count_queries(client, url)
    for _ in range(8):
        network = network_with_members(swedish=0, turkish=2)
        MembershipFactory(network=network, municipality=kalmar)
    assert count_queries(client, url) == before


def pages_of_each_type(pages):
    """An English page of every type."""
    return [
        pages["home"],
        pages["about"],
        pages["networks_index"],
        pages["networks"][3],
        pages["municipalities_index"],
        pages["municipalities"]["kalmar"],
        pages["associations"]["salar"],
        pages["products"],
        next(iter(pages["modules"].values())),
        pages["posts_index"],
        pages["post"],
    ]


def one_url_of_each_type(pages, code):
    """A page of every type in the language ``code`` (each must be translated into it)."""
    keys = [page.translation_key for page in pages_of_each_type(pages)]
    versions = {
        p.translation_key: p.url for p in Page.objects.filter(translation_key__in=keys, locale__language_code=code)
    }
    return [versions[key] for key in keys]


SEARCH_URLS = {"en": "/en/search/?q=kalmar", "tr": "/tr/ara/?q=kalmar", "sv": "/sv/sok/?q=kalmar"}


def test_every_page_costs_a_fixed_number_of_queries_in_every_language_whatever_the_data(client, small_site):
    """Every page type in English, Turkish and Swedish, the search, a Swedish fallback page and the sitemap.

    Each costs the same queries with ten times the networks and municipalities: at most 12 for a page
    (its links to untranslated pages at their fallback addresses included), 18 for a page shown in English
    at its Swedish address, 30 for the sitemap (every page in every language).
    """
    from wagtail.models import Locale

    from tusenet.i18n import multilingual

    pages = small_site  # every page is in Turkish; the pages of each type not yet in Swedish are translated here
    untranslated = pages["networks"][4]
    swedish = set(Page.objects.filter(locale__language_code="sv").values_list("translation_key", flat=True))
    assert untranslated.translation_key not in swedish
    for page in pages_of_each_type(pages):
        if page.translation_key not in swedish:
            translate(fresh(page), "sv")
    grow_tenfold(pages, networks=1)  # one network only in English: the Turkish pages link fallbacks too
    fallback = multilingual.fallback_urls([untranslated], Locale.objects.get(language_code="sv"))[untranslated.pk]
    pages_urls = [url for code in ("en", "tr", "sv") for url in [*one_url_of_each_type(pages, code), SEARCH_URLS[code]]]
    urls = [*pages_urls, fallback, "/sitemap.xml"]
    before = {url: count_queries(client, url) for url in urls}
    grow_tenfold(pages)
    after = {url: count_queries(client, url) for url in urls}
    assert {url: after[url] - before[url] for url in urls if after[url] != before[url]} == {}
    assert max(before[url] for url in pages_urls) <= 12, "\n".join(f"{n} {u}" for u, n in before.items())
    assert before[fallback] <= 18, before
    assert before["/sitemap.xml"] <= 30, before
