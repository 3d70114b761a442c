"""The language of every part, the switcher, headings, titles, names, links and the map's text, read from the HTML.

These are facts of the HTML as served, so Django's test client reads them; Chromium keeps what needs
a browser (axe, reflow and text spacing at 320 px, the keyboard, clicks, scripts, requests). Every
page type is read in English, Turkish and Swedish at the same addresses as the browser audits
(``tests/browser/audited/site.py``), fallback pages included: the two posts unpublished for them are
unpublished inside this module's transaction, which ``loaded_content`` rolls back.

WCAG 3.1.1 (language of page): ``<html lang>`` is the interface's language. WCAG 3.1.2 (language of
parts): text in another language than the page's carries its ``lang``; "the language of" an element
is that of its nearest element with a ``lang``, as ``Element.closest('[lang]')`` finds it.

The served HTML is parsed with the standard library's parser (through BeautifulSoup), which builds
the same tree as a browser for this site's markup (checked against Chromium's DOM for every page
type and language when these tests moved out of the browser).
"""

import re

import pytest
from bs4 import BeautifulSoup
from bs4.element import NavigableString, PreformattedString
from django.utils import translation
from wagtail.models import Locale

from partnerships.models import MunicipalityPage, NetworkPage
from tusenet.i18n import multilingual
from tusenet.i18n.multilingual import NATIVE_NAMES

from .browser.audited.site import LANGUAGES, PAGE_KINDS, SEARCH_QUERY, ServedSite, page_addresses

pytestmark = pytest.mark.django_db

#: How a browser collapses white space in document.title and in rendered text (ASCII white space only).
ASCII_WHITESPACE = re.compile(r"[ \t\n\f\r]+")


@pytest.fixture(scope="module")
def site(loaded_content, django_db_blocker):
    """The audited addresses of every page kind in every language (``site.address(kind, language)`` is a path)."""
    with django_db_blocker.unblock():
        addresses = page_addresses([])  # unpublishes two posts; loaded_content rolls them back with the module
    return ServedSite(
        url="",
        paths={key: path for key, (path, _fallback) in addresses.items()},
        fallbacks={key for key, (_path, fallback) in addresses.items() if fallback},
    )


def get(client, address, status=200):
    response = client.get(address)
    assert response.status_code == status, address
    return BeautifulSoup(response.content.decode(), "html.parser")


def one(html, selector):
    """The only element matching ``selector`` (a browser locator's strict mode)."""
    found = html.select(selector)
    assert len(found) == 1, (selector, len(found))
    return found[0]


def language_of(element):
    """The language in force at ``element``: ``element.closest('[lang]').getAttribute('lang')``."""
    while element is not None:
        if element.has_attr("lang"):
            return element["lang"]
        element = element.parent
    return None


def text_of(element):
    """The element's text with white space collapsed, as a browser renders it."""
    return ASCII_WHITESPACE.sub(" ", element.get_text()).strip(" ")


def localized(model, code, **filters):
    return model.objects.get(locale=Locale.objects.get(language_code=code), **filters)


def expected_title(html, kind, language):
    """The page's name as its heading says it, or the translated name of the search and the 404 page."""
    with translation.override(language):
        if kind == "search_results":
            return translation.gettext("Search results for “%(query)s”") % {"query": SEARCH_QUERY}
        if kind == "not_found":
            return translation.gettext("Page not found")
    return text_of(one(html, "h1"))


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_language_of_every_part_and_the_title(client, site, kind, language):
    """The switcher's links, fallback content and the title speak their language; flags are decorative."""
    html = get(client, site.address(kind, language), 404 if kind == "not_found" else 200)
    assert one(html, "html")["lang"] == language

    links = html.select(".language-switcher a")
    assert len(links) == len(LANGUAGES)
    for link, code in zip(links, LANGUAGES, strict=True):
        assert link.get("lang") == code and link.get("hreflang") == code
        assert text_of(link.select("span")[0]) == NATIVE_NAMES[code]
        flag = one(link, "img")
        assert flag.get("alt") == "" and flag.get("aria-label") is None
    assert len(html.select(f'.language-switcher a[aria-current="true"][lang="{language}"]')) == 1

    heading_language = language_of(one(html, "h1"))
    notices = html.select(".notice--untranslated")
    if (kind, language) in site.fallbacks:
        assert len(notices) == 1
        assert language_of(notices[0]) == language
        assert heading_language != language
        for part in html.select("main .intro, main .rich-text"):
            assert part.get("lang") == heading_language
    else:
        assert len(notices) == 0
        assert heading_language == language

    assert text_of(one(html, "head > title")) == f"{expected_title(html, kind, language)} – Tusenet"


def languages_of_text(html, text):
    """The language in force of every text node of <body> that contains ``text`` (comments excluded)."""
    return [
        language_of(node.parent)
        for node in one(html, "body").descendants
        if isinstance(node, NavigableString) and not isinstance(node, PreformattedString) and text in node
    ]


@pytest.mark.parametrize(
    ("kind", "name", "name_language", "page_languages"),
    [
        ("association", "Sveriges Kommuner och Regioner", "sv", ("en", "tr", "sv")),
        ("municipality", "Kalmar kommun", "sv", ("en", "tr", "sv")),
        ("untranslated_fallback", "İstanbul Büyükşehir Belediyesi", "tr", ("sv",)),
    ],
)
def test_names_in_another_language_carry_it(client, site, kind, name, name_language, page_languages):
    """Official names quoted on a page of another language are marked with their own language."""
    for language in page_languages:
        languages = languages_of_text(get(client, site.address(kind, language)), name)
        assert languages and set(languages) == {name_language}, (language, name, languages)


def test_links_to_pages_in_another_language_carry_it(client, site):
    """Menu items and recent posts shown in another language are marked with it (Swedish menu, Turkish posts)."""
    html = get(client, site.address("home", "sv"))
    products = [link for link in html.select(".site-menu a") if text_of(link).startswith("Tusenet Products")]
    assert len(products) == 1 and products[0].get("lang") == "en"
    assert one(products[0], ".in-language").get("lang") == "sv"  # "(på engelska)" is Swedish inside it
    recent = get(client, site.address("home", "tr")).select(".recent-posts a")  # one Turkish post is unpublished
    assert [link.get("lang") for link in recent].count("en") == 1


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("kind", ["network", "networks_index", "directory_filtered"])
def test_map_has_a_text_equivalent(client, site, kind, language):
    """The map is named and described, and every point on it is also a link in the text of the page.

    That the description is shown is a browser's to say (``test_the_map_description_is_shown``).
    """
    html = get(client, site.address(kind, language))
    figure = one(html, "main figure.map-figure")
    svg = one(figure, "svg.map")
    assert svg.get("aria-label")
    description = one(figure, "figcaption")
    assert description.get("id") and svg.get("aria-describedby") == description["id"]
    in_text = {link.get("href") for link in html.select("main a:not(figure a)")}
    points = svg.select("a.map__partner")
    assert len(points) >= 4
    for point in points:
        assert point.get("aria-label")
        assert point.get("href") in in_text, point.get("aria-label")


def test_the_turkish_networks_map_has_a_point_for_every_member(client, loaded_content):
    """The map of all networks, in Turkish, has 31 points, each a link (the browser checks where they lead)."""
    html = get(client, "/tr/ortaklik-aglari/")
    assert len(html.select("svg.map a.map__partner")) == 31


def test_the_home_page_and_the_admin_login_are_served(client, loaded_content):
    """The English home page (in English, with its three languages) and the admin login with its two fields."""
    html = get(client, "/en/")
    assert "Tusenet" in text_of(one(html, "head > title"))
    assert one(html, "html")["lang"] == "en"
    assert len(html.select(".language-switcher a")) == 3
    login = get(client, "/admin/login/")
    one(login, "input[name=username]")
    one(login, "input[name=password]")


def test_a_turkish_browser_lands_on_the_turkish_home_page(client, loaded_content):
    """The root, asked for in Turkish (Chromium's Accept-Language for the tr-TR locale), leads to a Turkish page."""
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="tr-TR,tr;q=0.9", follow=True)
    assert response.redirect_chain[-1][0] == "/tr/" and response.status_code == 200
    assert one(BeautifulSoup(response.content.decode(), "html.parser"), "html")["lang"] == "tr"


def test_the_switcher_of_a_turkish_network_leads_to_the_same_network(client, loaded_content):
    """On Kalmar and network 6 in Turkish; the flags lead to network 6 in English and Swedish, a Swedish page."""
    kalmar = get(client, localized(MunicipalityPage, "tr", municipality__slug="kalmar").url)
    assert one(kalmar, "html")["lang"] == "tr"
    network_6 = get(client, localized(NetworkPage, "tr", network__number=6).url)
    for code in ("en", "sv"):
        target = localized(NetworkPage, code, network__number=6)
        assert one(network_6, f'.language-switcher a[hreflang="{code}"]').get("href") == target.url
    swedish = get(client, one(network_6, '.language-switcher a[hreflang="sv"]')["href"])
    assert one(swedish, "html")["lang"] == "sv"


def test_the_switcher_leads_from_kalmar_into_turkish_and_swedish(client, site):
    """The walk the keyboard test takes: Kalmar in English → its Turkish flag → its Swedish flag, each in its language.

    The browser sets the language cookie when a flag is chosen; so does this test, before following it.
    """
    html = get(client, site.address("municipality", "en"))
    for language in ("tr", "sv"):
        href = one(html, f'.language-switcher a[hreflang="{language}"]')["href"]
        assert href == site.address("municipality", language)
        client.cookies["django_language"] = language
        html = get(client, href)
        assert one(html, "html")["lang"] == language


def test_a_turkish_municipality_in_swedish_keeps_the_swedish_interface(client, loaded_content):
    """İstanbul (no Swedish translation) at its Swedish fallback address: Swedish around, English inside."""
    istanbul = localized(MunicipalityPage, "en", municipality__slug="istanbul")
    address = multilingual.fallback_urls([istanbul], Locale.objects.get(language_code="sv"))[istanbul.pk]
    assert address.startswith("/sv/")
    html = get(client, address)
    assert one(html, "html")["lang"] == "sv"
    one(html, ".notice--untranslated")
    assert one(html, "h1").get("lang") == "en"
    assert text_of(one(html, '.language-switcher a[aria-current="true"]')).startswith("Svenska")


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_switcher_on_istanbul_has_three_decorative_flags_and_marks_swedish(client, loaded_content, language):
    """İstanbul in every language: three links, flags with an empty alt, and Swedish marked as not translated."""
    istanbul = localized(MunicipalityPage, "en", municipality__slug="istanbul")
    if language == "sv":
        target = multilingual.fallback_urls([istanbul], Locale.objects.get(language_code="sv"))[istanbul.pk]
    else:
        target = localized(MunicipalityPage, language, municipality__slug="istanbul").url
    html = get(client, target)
    links = html.select(".language-switcher a")
    assert len(links) == 3
    for link in links:
        assert one(link, "img").get("alt") == ""
    one(html, '.language-switcher a[hreflang="sv"] .language-switcher__note')
