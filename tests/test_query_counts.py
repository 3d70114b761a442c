"""Pages cost a fixed number of SQL queries however much data there is."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from partnerships.models import Municipality

from .builders import build_site
from .factories import MembershipFactory, MunicipalityFactory, network_with_members

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def without_page_cache(settings):
    """Counts are of pages rendered, not served from the page cache (site-wide fragments stay cached)."""
    settings.TUSENET_PAGE_CACHE = False


def count_queries(client, url):
    """Queries of a request once per-process caches (locales, content types) are warm."""
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def grow_tenfold(pages, networks=63):
    """Ten times the networks (each with an English page), and a page for every new municipality."""
    from partnerships.models import MunicipalityPage, NetworkPage

    for _ in range(networks):
        network = network_with_members(swedish=1, turkish=3)
        pages["networks_index"].add_child(instance=NetworkPage(title=f"N{network.number}", network=network))
    for municipality in Municipality.objects.filter(pages__isnull=True):
        pages["municipalities_index"].add_child(
            instance=MunicipalityPage(title=municipality.name, slug=municipality.slug, municipality=municipality)
        )


def test_network_page_query_count_does_not_grow_with_members(client, seed_data):
    """A network with 30 members costs the same queries as one with 3."""
    small = network_with_members(swedish=1, turkish=2)
    pages = build_site(languages=())
    url = pages["networks"][small.number].url
    before = count_queries(client, url)
    for _ in range(27):
        MembershipFactory(network=small, municipality=MunicipalityFactory(turkish=True))
    assert count_queries(client, url) == before


def test_index_pages_query_count_does_not_grow_with_data(client, seed_data):
    """Home, networks index and municipalities index cost the same queries with ten times the networks."""
    pages = build_site(languages=())
    urls = [pages["home"].url, pages["networks_index"].url, pages["municipalities_index"].url]
    before = [count_queries(client, url) for url in urls]
    grow_tenfold(pages)
    after = [count_queries(client, url) for url in urls]
    assert after == before
    assert max(before) <= 12, dict(zip(urls, before, strict=True))


def test_municipality_page_query_count_is_fixed(client, seed_data):
    """A municipality page costs the same with 1 or 10 networks."""
    pages = build_site(languages=())
    kalmar = Municipality.objects.get(slug="kalmar")
    url = pages["municipalities"]["kalmar"].url
    before = count_queries(client, url)
    for _ in range(8):
        network = network_with_members(swedish=0, turkish=2)
        MembershipFactory(network=network, municipality=kalmar)
    assert count_queries(client, url) == before


def test_swedish_pages_with_fallbacks_cost_fixed_queries(client, seed_data):
    """Swedish index and fallback pages, whose links go to fallback addresses, do not grow with the data."""
    from wagtail.models import Locale

    from partnerships import multilingual

    from .builders import translate

    pages = build_site(languages=())
    for key in ("home", "networks_index", "municipalities_index"):
        translate(pages[key], "sv")
    swedish = Locale.objects.get(language_code="sv")
    fallback = multilingual.fallback_urls([pages["networks"][1]], swedish)[pages["networks"][1].pk]
    urls = ["/sv/", "/sv/partnership-networks-sv/", "/sv/municipalities-sv/", fallback, "/sitemap.xml"]
    before = [count_queries(client, url) for url in urls]
    grow_tenfold(pages)
    after = [count_queries(client, url) for url in urls]
    assert after == before
    counts = dict(zip(urls, before, strict=True))
    assert max(counts[url] for url in urls[:3]) <= 12, counts  # translated pages linking fallbacks
    assert counts[fallback] <= 18, counts  # a page shown in English at its Swedish address
    assert counts["/sitemap.xml"] <= 30, counts  # every page in every language


def one_url_of_each_type(pages, code):
    """A page of every type in the language ``code`` (all are translated by build_site)."""
    from wagtail.models import Page

    english = [
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
    keys = [page.translation_key for page in english]
    versions = {
        p.translation_key: p.url for p in Page.objects.filter(translation_key__in=keys, locale__language_code=code)
    }
    return [versions[key] for key in keys]


SEARCH_URLS = {"en": "/en/search/?q=kalmar", "tr": "/tr/ara/?q=kalmar", "sv": "/sv/sok/?q=kalmar"}


def test_every_page_type_costs_at_most_twelve_queries_in_every_language_whatever_the_data(client, seed_data):
    """Every page type in English, Turkish and Swedish, and the search: ≤ 12 queries, the same with 10× the data."""
    pages = build_site()
    grow_tenfold(pages, networks=1)  # one untranslated network: Turkish and Swedish pages now link fallbacks
    urls = [url for code in ("en", "tr", "sv") for url in [*one_url_of_each_type(pages, code), SEARCH_URLS[code]]]
    before = {url: count_queries(client, url) for url in urls}
    grow_tenfold(pages)
    after = {url: count_queries(client, url) for url in urls}
    assert {url: after[url] - before[url] for url in urls if after[url] != before[url]} == {}
    assert max(before.values()) <= 12, before
