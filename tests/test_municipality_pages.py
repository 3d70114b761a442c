"""Municipality and network pages: the official website, what each did in its network, today's names, sourced."""

import html
import json

import pytest
from wagtail.models import Locale

from partnerships.loading.content import SOURCES_FILE
from partnerships.models import MunicipalityPage, NetworkPage
from tusenet.i18n import multilingual

pytestmark = pytest.mark.django_db

SOURCES = json.loads(SOURCES_FILE.read_text(encoding="utf-8"))


def page_html(client, model, language, **record):
    """The page of ``record`` as a visitor gets it in ``language``: its translation or its fallback address."""
    english = model.objects.get(locale__language_code="en", **record)
    translated = english.get_translations(inclusive=True).filter(locale__language_code=language).first()
    if translated is not None:
        url = translated.url
    else:
        url = multilingual.fallback_urls([english], Locale.objects.get(language_code=language))[english.pk]
    response = client.get(url)
    assert response.status_code == 200, url
    return html.unescape(response.content.decode())


def sources_part(page):
    return page[page.index('id="sources-heading"') :]


def test_a_municipality_page_links_its_website_marked_with_its_language(client, loaded_content):
    """Karlstad links karlstad.se, with hreflang="sv" where the page is in another language; Osmaniye shows none."""
    link = '<a href="https://karlstad.se/"{}>karlstad.se</a>'
    for language, label in (("en", "Official website"), ("tr", "Resmî web sitesi")):
        page = page_html(client, MunicipalityPage, language, municipality__slug="karlstad")
        assert f"<dt>{label}</dt>" in page and link.format(' hreflang="sv"') in page, language
    page = page_html(client, MunicipalityPage, "sv", municipality__slug="karlstad")
    assert "<dt>Officiell webbplats</dt>" in page and link.format("") in page
    page = page_html(client, MunicipalityPage, "en", municipality__slug="osmaniye")
    assert "Official website" not in page


@pytest.mark.parametrize("slug", ["manisa", "mugla", "ordu"])
def test_todays_metropolitan_name_beside_the_name_of_the_time(client, loaded_content, slug):
    """Manisa, Muğla and Ordu show today's Büyükşehir name in en, tr and sv, citing Law 6360 and the 2014 elections."""
    name = {"manisa": "Manisa", "mugla": "Muğla", "ordu": "Ordu"}[slug]
    today = f'<span lang="tr">{name} Büyükşehir Belediyesi</span>'
    for language, words in (("en", "today:"), ("tr", "bugün:"), ("sv", "i dag:")):
        page = page_html(client, MunicipalityPage, language, municipality__slug=slug)
        assert f'<span lang="tr">{name} Belediyesi</span>' in page, language
        assert f"({words} {today})" in page, language
        assert "30" in page and "2014" in page, language
        for source in ("law-6360", "celikyay-2014"):
            assert SOURCES[source]["url"] in sources_part(page), (language, source)


@pytest.mark.parametrize(
    ("slug", "languages", "source"),
    [
        ("umea", ("en", "tr", "sv"), "umea-2007-02-02"),
        ("karlstad", ("en", "tr", "sv"), "karlstad-2023-02-14"),
        ("gaziantep", ("en", "tr"), "gaziantep-karlstad"),
        ("bornova", ("en", "tr"), "citiesprogramme-bornova"),
        ("manisa", ("en", "tr"), "turkiyeturizm-manisa-kalmar"),
        ("tarsus", ("en", "tr"), "tarsus-tusenet"),
    ],
)
def test_a_municipality_page_says_what_it_did_in_its_network(client, loaded_content, slug, languages, source):
    """Where a source documents it, the page has an "In the network" section and lists that source."""
    headings = {"en": "In the network", "tr": "Ağdaki çalışmaları", "sv": "I nätverket"}
    for language in languages:
        page = page_html(client, MunicipalityPage, language, municipality__slug=slug)
        assert f"<h2>{headings[language]}</h2>" in page, language
        assert SOURCES[source]["url"] in sources_part(page), language


@pytest.mark.parametrize(
    ("number", "sources"),
    [
        (2, ["umea-2007-08-28"]),
        (3, ["citiesprogramme-bornova", "turkiyeturizm-manisa-kalmar"]),
        (
            5,
            [
                "karlstad-2023-02-14",
                "gaziantep-karlstad",
                "tusenet-karlstad-south-east-turkey",
                "sida-karlstad-gaziantep",
            ],
        ),
    ],
)
def test_a_network_page_names_its_documented_joint_activities(client, loaded_content, number, sources):
    """Networks 2, 3 and 5 have a "Joint activities" section in en, tr and sv, its sources listed in order."""
    headings = {"en": "Joint activities", "tr": "Ortak çalışmalar", "sv": "Gemensamma aktiviteter"}
    for language, heading in headings.items():
        page = page_html(client, NetworkPage, language, network__number=number)
        assert f"<h2>{heading}</h2>" in page, language
        listed = sources_part(page)
        positions = [listed.index(SOURCES[source]["url"]) for source in sources]
        assert positions == sorted(positions), language
