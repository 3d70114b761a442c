"""The public site: every page type in its languages, facts from the data, fixed query counts."""

import re

import pytest
from wagtail.models import Locale, Page

from .builders import translate

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def site(small_site, django_db_blocker):
    """The small site, with a page of every type in Swedish; in the module's transaction, rolled back after it.

    The small site has products, modules, posts and associations in English and Turkish only: one page of
    each is translated into Swedish here (each after its parent).
    """
    pages = small_site
    with django_db_blocker.unblock():
        for page in (pages["products"], pages["modules"][1], pages["posts_index"], pages["post"]):
            translate(page, "sv")
        translate(pages["associations"]["salar"], "sv")
    return pages


def html_lang(response):
    return re.search(r'<html lang="([^"]+)"', response.content.decode()).group(1)


def test_every_page_renders_in_each_language_with_its_html_lang(client, site):
    """Every live page answers 200 with the matching <html lang>; pages of every type do so in en, tr and sv."""
    types_seen = set()
    for page in Page.objects.live().filter(depth__gte=2).specific():
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        assert html_lang(response) == page.locale.language_code, page.url
        types_seen.add((type(page).__name__, page.locale.language_code))
    page_types = {name for name, _ in types_seen}
    assert len(page_types) == 11
    assert all((name, code) in types_seen for name in page_types for code in ("en", "tr", "sv"))


def test_network_page_shows_exactly_its_members(client, site):
    """Network 1 lists Stockholm, Nacka, İstanbul, Büyükçekmece, Zeytinburnu and Adalar, nobody else."""
    html = client.get(site["networks"][1].url).content.decode()
    members = html[html.index('id="members-heading"') : html.index('id="module-heading"')]
    linked = set(re.findall(r'<a href="[^"]+">([^<]+)</a>', members))
    assert linked == {"Stockholm", "Nacka", "İstanbul", "Büyükçekmece", "Zeytinburnu", "Adalar"}
    assert "İstanbul" in members and "(Province: İstanbul)" in members
    assert "(County: Stockholms län)" in members


def test_network_page_shows_module_and_working_areas_in_its_language(client, site):
    """The Turkish network page lists the module's working areas in Turkish."""
    turkish = site["networks"][1].get_translation(Locale.objects.get(language_code="tr"))
    html = client.get(turkish.url).content.decode()
    assert "Katı atık yönetimi" in html
    assert "Solid waste management" not in html


@pytest.mark.parametrize(
    ("code", "said"),
    [
        ("en", "Not available on this site."),
        ("tr", "Bu sitede bulunmuyor."),
        ("sv", "Finns inte på den här webbplatsen."),
    ],
)
def test_a_module_page_says_plainly_that_its_product_is_not_on_the_site(client, site, code, said):
    module = site["modules"][1].get_translation(Locale.objects.get(language_code=code))
    html = client.get(module.url).content.decode()
    assert 'id="products-heading"' in html and said in html


def test_municipality_page_lists_every_network_it_belongs_to(client, site):
    """Kalmar's page lists networks 3 and 6."""
    html = client.get(site["municipalities"]["kalmar"].url).content.decode()
    section = html[html.index('id="networks-heading"') :]
    assert re.findall(r">Network (\d+)</a>", section) == ["3", "6"]


def test_language_switcher_links_to_the_same_page_in_each_language(client, site):
    """On the English network page, the flags lead to its Turkish and Swedish translations."""
    page = site["networks"][1]
    html = client.get(page.url).content.decode()
    for code in ("tr", "sv"):
        translation = page.get_translation(Locale.objects.get(language_code=code))
        assert f'href="{translation.url}" lang="{code}" hreflang="{code}"' in html
    assert "Türkçe" in html and "Svenska" in html and "English" in html


def test_unknown_page_gives_a_translated_404(client, site):
    """A missing Turkish address answers 404 with a Turkish page."""
    response = client.get("/tr/yok-boyle-bir-sayfa/")
    assert response.status_code == 404
    assert html_lang(response) == "tr"
