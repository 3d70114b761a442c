"""The switcher leads to the same page in every language; untranslated pages get a fallback address.

The tree is fully translated into Turkish and only partly into Swedish, as on the
real site, so every page type meets both cases.
"""

import re

import pytest
from django.test import Client
from wagtail.models import Locale, Page, Site

from tusenet.i18n import multilingual

from .builders import translate

pytestmark = pytest.mark.django_db

#: The search, the last item of every menu.
SEARCH_PAGES = {"/en/search/", "/tr/ara/", "/sv/sok/"}


@pytest.fixture(scope="module")
def site(small_site, django_db_blocker):
    """The small site (every page in English and Turkish, a few in Swedish) at a public hostname.

    In the module's transaction, rolled back after it.
    """
    with django_db_blocker.unblock():
        Site.objects.filter(is_default_site=True).update(hostname="tusenet.example.org", port=443)
    return small_site


def switcher_links(html):
    """{language code: (href, marked as not translated)} from the language switcher."""
    nav = html[html.index('class="language-switcher"') : html.index("</nav>", html.index('class="language-switcher"'))]
    links = {}
    for href, code, rest in re.findall(r'<a href="([^"]+)" lang="(\w+)" hreflang="\w+"(.*?)</a>', nav, re.S):
        links[code] = (href, "is-untranslated" in rest)
    return links


def alternates(html):
    return dict(re.findall(r'<link rel="alternate" hreflang="([\w-]+)" href="([^"]+)">', html))


def one_page_of_each_type():
    pages = {}
    for page in Page.objects.filter(locale__language_code="en", depth__gte=2).specific().order_by("path"):
        pages.setdefault(type(page), page)
    return list(pages.values())


def test_switcher_leads_to_the_same_page_in_every_language_pair(client, site):
    """For one page of every type, from each language, each switcher link shows that same page."""
    types = one_page_of_each_type()
    assert len(types) == 11
    for english in types:
        for version in Page.objects.filter(translation_key=english.translation_key).live():
            response = client.get(version.url)
            assert response.status_code == 200, version.url
            links = switcher_links(response.content.decode())
            assert set(links) == {"en", "tr", "sv"}, version.url
            for code, (href, _untranslated) in links.items():
                target = client.get(href)
                assert target.status_code == 200, href
                assert f'<html lang="{code}">' in target.content.decode(), href
                assert target.context["page"].translation_key == english.translation_key, href


def test_switcher_marks_languages_the_page_is_not_translated_into(client, site):
    html = client.get(site["networks"][2].url).content.decode()
    links = switcher_links(html)
    assert links["en"] == (site["networks"][2].url, False)
    assert links["tr"][1] is False
    href, untranslated = links["sv"]
    assert untranslated and href == "/sv/partnership-networks-sv/network-2/"
    assert '<small class="language-switcher__note">(inte översatt)</small>' in html
    assert 'aria-current="true"' in html.split(f'href="{site["networks"][2].url}"')[1].split(">")[0]


def test_fallback_shows_source_content_inside_the_swedish_interface(client, site):
    """The Swedish address of an untranslated page: Swedish interface, English content marked as such."""
    response = client.get("/sv/partnership-networks-sv/network-2/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="sv">' in html
    assert "Den här sidan har inte översatts till svenska ännu. Den visas på engelska." in html
    assert '<h1 lang="en">Network 2</h1>' in html
    assert '<p class="intro" lang="en">Network 2 intro</p>' in html
    assert '<h2 id="members-heading">Medlemmar</h2>' in html
    assert 'aria-label="Huvudmeny"' in html and "Hoppa till huvudinnehållet" in html
    assert '<meta name="robots" content="noindex">' in html
    canonical = re.search(r'<link rel="canonical" href="([^"]+)">', html).group(1)
    assert canonical == "https://tusenet.example.org/en/partnership-networks/network-2/"
    assert alternates(html) == {}
    assert '<meta property="og:locale" content="sv_SE">' in html


def test_fallback_keeps_the_visitor_in_their_language(client, site):
    """Every page link on a Swedish fallback page stays under /sv/, except the switcher's other languages."""
    html = client.get("/sv/partnership-networks-sv/network-2/").content.decode()
    body = html[html.index("</header>") :]
    page_links = [href for href in re.findall(r'href="(/[^"]*)"', body) if not href.startswith("/static/")]
    assert page_links and all(href.startswith("/sv/") for href in page_links), page_links
    for href in set(page_links):
        assert client.get(href).status_code == 200, href


def test_a_home_page_falls_back_to_the_language_home(site):
    """A page at the depth of the language homes has no segments of its own: its fallback is ``/sv/``."""
    home = site["home"]
    assert home.depth == 2
    assert multilingual.fallback_urls([home], Locale.objects.get(language_code="sv")) == {home.pk: "/sv/"}


def test_fallback_addresses_work_at_every_depth(client, site):
    """Sections missing in Swedish and the pages below them have working Swedish addresses."""
    for page in (site["posts_index"], site["post"], site["products"], site["modules"][1]):
        url = multilingual.fallback_urls([page], Locale.objects.get(language_code="sv"))[page.pk]
        assert url.startswith("/sv/") and "-sv" not in url.removeprefix("/sv/")
        response = client.get(url)
        assert response.status_code == 200, url
        assert response.context["page"].pk == page.pk
        assert response.context["fallback"]["language"] == "en"


def test_fallback_address_redirects_once_the_translation_is_live(client, site):
    from django.db import transaction

    with transaction.atomic():
        swedish = translate(site["networks"][3], "sv")
        response = client.get("/sv/partnership-networks-sv/network-3/")
        assert response.status_code == 302
        assert response["Location"] == swedish.url
        transaction.set_rollback(True)


def test_unpublished_translation_falls_back_instead_of_404(client, site):
    from django.db import transaction

    swedish = site["networks"][1].get_translation(Locale.objects.get(language_code="sv"))
    with transaction.atomic():
        swedish.unpublish()
        response = client.get(swedish.url)
        assert response.status_code == 200
        assert response.context["page"].pk == site["networks"][1].pk
        assert "fallback" in response.context
        transaction.set_rollback(True)


def test_unknown_slug_under_a_language_is_a_translated_404(client, site):
    response = client.get("/sv/partnership-networks-sv/no-such-network/")
    assert response.status_code == 404
    assert "Sidan hittades inte" in response.content.decode()


def test_head_lists_live_translations_as_absolute_alternates_with_x_default(client, site):
    english = site["networks"][1]
    html = client.get(english.url).content.decode()
    expected = {
        "en": "https://tusenet.example.org/en/partnership-networks/network-1/",
        "tr": "https://tusenet.example.org/tr/partnership-networks-tr/network-1-tr/",
        "sv": "https://tusenet.example.org/sv/partnership-networks-sv/network-1-sv/",
    }
    assert alternates(html) == {**expected, "x-default": expected["en"]}
    assert '<meta property="og:locale" content="en_GB">' in html
    assert set(re.findall(r'<meta property="og:locale:alternate" content="(\w+)">', html)) == {"tr_TR", "sv_SE"}
    turkish = client.get(expected["tr"].removeprefix("https://tusenet.example.org")).content.decode()
    assert alternates(turkish) == alternates(html)


def test_head_never_lists_a_fallback(client, site):
    html = client.get(site["networks"][2].url).content.decode()
    assert set(alternates(html)) == {"en", "tr", "x-default"}
    assert '<meta property="og:locale:alternate" content="sv_SE">' not in html


def test_sitemap_lists_every_live_page_in_each_language_with_alternates(client, site):
    import xml.etree.ElementTree as ElementTree

    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    namespaces = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    root = ElementTree.fromstring(response.content)
    entries = {
        url.find("s:loc", namespaces).text: {
            link.get("hreflang"): link.get("href") for link in url.findall("x:link", namespaces)
        }
        for url in root.findall("s:url", namespaces)
    }
    live = Page.objects.live().filter(depth__gte=2)
    assert len(entries) == live.count()
    assert {page.full_url for page in live} == set(entries)
    network_1 = entries["https://tusenet.example.org/en/partnership-networks/network-1/"]
    assert set(network_1) == {"en", "tr", "sv", "x-default"}
    assert entries[network_1["sv"]] == network_1
    assert set(entries["https://tusenet.example.org/en/partnership-networks/network-2/"]) == {"en", "tr", "x-default"}


def test_robots_txt_points_to_the_sitemap_at_the_sites_own_address(client, site, settings):
    """Never at the Host the request carried (any port of an allowed host passes ``ALLOWED_HOSTS``)."""
    settings.ALLOWED_HOSTS = ["*"]
    for host in ("testserver", "127.0.0.1:8123"):
        response = client.get("/robots.txt", HTTP_HOST=host)
        assert response["Content-Type"].startswith("text/plain")
        assert "Sitemap: https://tusenet.example.org/sitemap.xml\n" in response.content.decode()


def test_menus_of_every_language_follow_the_english_order(client, site):
    """Sections translated into Swedish in another order, and untranslated ones, keep the English order."""

    def menu(url):
        html = client.get(url).content.decode()
        nav = html[html.index('id="site-menu"') : html.index("</nav>", html.index('id="site-menu"'))]
        hrefs = re.findall(r'<li(?: class="is-current-section")?>\s*<a href="([^"]+)"', nav)
        return [href for href in hrefs if href not in SEARCH_PAGES]

    en_menu = menu("/en/")
    for code in ("tr", "sv"):
        localized = menu(f"/{code}/")
        assert len(localized) == len(en_menu) == 6  # home and five sections
        keys = [client.get(href).context["page"].translation_key for href in localized]
        assert keys == [client.get(href).context["page"].translation_key for href in en_menu]


def test_menu_order_follows_english_moves(client, site):
    from django.db import transaction

    with transaction.atomic():
        site["about"].move(site["home"], pos="last-child")
        for code in ("en", "tr", "sv"):
            html = client.get(f"/{code}/").content.decode()
            nav = html[html.index('id="site-menu"') : html.index("</nav>", html.index('id="site-menu"'))]
            titles = re.findall(r'<li(?: class="is-current-section")?>\s*<a href="[^"]+"[^>]*>([^<]+)</a>', nav)
            assert titles[-2].endswith("About Tusenet") and titles[-1] in {"Search", "Ara", "Sök"}, (code, titles)
        transaction.set_rollback(True)


def test_a_new_client_without_cookie_or_header_gets_english(site):
    assert Client().get("/")["Location"] == "/en/"


def test_rich_text_links_keep_the_reader_in_their_language(client, site):
    """A link in rich text to a page missing in Swedish goes to its Swedish fallback address."""
    from django.db import transaction

    swedish = Locale.objects.get(language_code="sv")
    about_sv = site["about"].get_translation(swedish).specific
    network_1, network_2 = site["networks"][1], site["networks"][2]
    with transaction.atomic():
        about_sv.body = (
            f'<p><a linktype="page" id="{network_1.pk}">one</a> <a linktype="page" id="{network_2.pk}">two</a></p>'
        )
        about_sv.save_revision().publish()
        html = client.get(about_sv.url).content.decode()
        assert f'<a href="{network_1.get_translation(swedish).url}">one</a>' in html
        assert '<a href="/sv/partnership-networks-sv/network-2/">two</a>' in html
        transaction.set_rollback(True)


def url_of(page, code):
    """The page's own address in a language (its live version there)."""
    return Page.objects.get(translation_key=page.translation_key, locale__language_code=code).url


def header_search_action(html):
    found = re.search(r'<form class="header-search" role="search" method="get" action="([^"]+)"', html)
    return found and found.group(1)


def test_every_page_has_a_search_box_in_its_header_that_searches_in_its_language(client, site):
    about = site["about"]
    for code, search in (("en", "/en/search/"), ("tr", "/tr/ara/"), ("sv", "/sv/sok/")):
        html = client.get(url_of(about, code)).content.decode()
        assert header_search_action(html) == search, code
        assert 'for="header-search-query"' in html
    assert header_search_action(client.get("/en/no-such-page/").content.decode()) == "/en/search/"


def test_the_search_page_is_not_indexed_and_has_one_search_box(client, site):
    html = client.get("/sv/sok/?q=kalmar").content.decode()
    assert '<meta name="robots" content="noindex">' in html
    assert header_search_action(html) is None and html.count('role="search"') == 1


def test_a_menu_item_shown_in_english_says_so_in_words(client, site):
    """The Swedish menu: the products page has no Swedish version (the small site's), the networks index has."""
    html = client.get(url_of(site["home"], "sv")).content.decode()
    menu = html[html.index('class="site-nav"') : html.index("</nav>", html.index('class="site-nav"'))]
    marked = r'lang="en">Tusenet Products <span class="in-language" lang="sv">\(på engelska\)</span></a>'
    assert re.search(marked, menu)
    assert menu.count('class="in-language"') == menu.count('lang="en">')
    turkish = client.get(url_of(site["home"], "tr")).content.decode()
    assert 'class="in-language"' not in turkish
