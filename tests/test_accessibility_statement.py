"""The accessibility statement: a page in English, Turkish and Swedish, linked from every footer, saying
the standard, the test methods, the known exceptions and a contact route."""

import re
from io import StringIO

import pytest
from django.core.management import call_command
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

from .factories import UserFactory

pytestmark = pytest.mark.django_db

LANGUAGES = ("en", "tr", "sv")
ADDRESSES = {
    "en": "/en/accessibility/",
    "tr": "/tr/erisilebilirlik-beyani/",
    "sv": "/sv/tillganglighetsredogorelse/",
}
TITLES = {"en": "Accessibility statement", "tr": "Erişilebilirlik beyanı", "sv": "Tillgänglighetsredogörelse"}
#: What each version must say, in its own words: the standard, each test method, the exceptions, the contact.
REQUIRED_TEXT = {
    "en": [
        "(WCAG) 2.2 at level AA",
        "EN 301 549",
        "axe-core",
        "1280 and 375 pixels",
        "keyboard test",
        "reflow test at 320 pixels",
        "text-spacing test",
        "Manual checks",
        "Known exceptions",
        "Feedback and contact",
        "skr.se",
        "tbb.gov.tr",
        "prepared in 2026",
    ],
    "tr": [
        "AA düzeyinde",
        "EN 301 549",
        "axe-core",
        "1280 ve 375 piksel",
        "Klavye testi",
        "Yeniden akış testi",
        "Metin aralığı testi",
        "Elle yapılan denetimler",
        "Bilinen istisnalar",
        "Geri bildirim ve iletişim",
        "skr.se",
        "tbb.gov.tr",
        "2026 yılında",
    ],
    "sv": [
        "WCAG 2.2, på nivå AA",
        "EN 301 549",
        "axe-core",
        "1280 och 375 pixlars",
        "tangentbordstest",
        "omflöde i 320 pixlars bredd",
        "textavstånd",
        "Manuella kontroller",
        "Kända undantag",
        "Återkoppling och kontakt",
        "skr.se",
        "tbb.gov.tr",
        "upprättades 2026",
    ],
}


def footer_of(html):
    return html[html.index('<footer class="site-footer">') :]


def statement_link(language):
    return f'<a href="{ADDRESSES[language]}">{TITLES[language]}</a>'


def address_in(model, language, **filters):
    """A page's address in ``language``: its translation's, or its fallback address where it has none."""
    translated = model.objects.live().filter(locale__language_code=language, **filters).first()
    if translated is not None:
        return translated.url
    source = model.objects.live().filter(locale__language_code="en", **filters).first()
    return multilingual.fallback_urls([source], Locale.objects.get(language_code=language))[source.pk]


def english_key(model, **filters):
    return model.objects.filter(locale__language_code="en", **filters).order_by("path").first().translation_key


def every_page_type(language):
    """One address per page type in ``language`` (fallback addresses included), search and a 404."""
    with translation.override(language):
        search = reverse("search")
    return [
        address_in(HomePage, language),
        address_in(StandardPage, language, translation_key=english_key(StandardPage, slug="about-tusenet")),
        address_in(NetworkIndexPage, language),
        address_in(NetworkPage, language, network__number=3),
        address_in(MunicipalityIndexPage, language),
        address_in(MunicipalityPage, language, municipality__slug="kalmar"),
        address_in(MunicipalityPage, language, municipality__slug="istanbul"),
        address_in(AssociationPage, language, association__slug="umt"),
        address_in(ProductsPage, language),
        address_in(ModulePage, language, module__number=3),
        address_in(PostIndexPage, language),
        address_in(PostPage, language, translation_key=english_key(PostPage)),
        ADDRESSES[language],
        f"{search}?q=Kalmar",
        f"/{language}/no-such-page/",
    ]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_statement_is_a_page_in_every_language_with_the_right_lang(client, loaded_content, language):
    """Each language has its own live version, served with its own <html lang> and no untranslated-page notice."""
    slug = ADDRESSES[language].split("/")[2]
    page = Page.objects.live().get(depth=3, slug=slug, locale__language_code=language)
    assert page.title == TITLES[language]
    response = client.get(ADDRESSES[language])
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert "notice--untranslated" not in html
    assert f"<h1>{TITLES[language]}</h1>" in html


def test_the_turkish_and_swedish_statements_are_wagtail_localize_translations(loaded_content):
    """Translators can open the Turkish and Swedish versions in the translation editor and sync them."""
    from wagtail_localize.models import TranslationSource

    english = Page.objects.get(depth=3, slug="accessibility", locale__language_code="en")
    source = TranslationSource.objects.get_for_instance(english)
    targets = set(source.translations.values_list("target_locale__language_code", flat=True))
    assert targets == {"tr", "sv"}
    assert {page.locale.language_code for page in english.get_translations().live()} == {"tr", "sv"}


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_statement_names_the_standard_the_test_methods_the_exceptions_and_a_contact_route(
    client, loaded_content, language
):
    """WCAG 2.2 AA, axe at two widths, keyboard, reflow, text spacing, manual checks, exceptions and a contact."""
    html = client.get(ADDRESSES[language]).content.decode()
    text = " ".join(re.sub(r"<[^>]+>", " ", html).split())
    missing = [phrase for phrase in REQUIRED_TEXT[language] if phrase not in text]
    assert not missing, missing
    assert "WCAG 2.2" in text and "2018:1937" in text
    body = html[html.index('<div class="rich-text">') :]
    body = body[: body.index("</div>")]
    assert len(re.findall(r"<h2\b", body)) == 4, "standard, tests, exceptions, contact: one heading each"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_type_links_to_the_statement_in_its_footer_in_the_visitor_language(client, loaded_content, language):
    """Every page type, fallback pages, search and the 404 included, links to the statement in its language."""
    for address in every_page_type(language):
        response = client.get(address)
        assert response.status_code in (200, 404), address
        footer = footer_of(response.content.decode())
        assert statement_link(language) in footer, address
        for other in set(LANGUAGES) - {language}:
            assert ADDRESSES[other] not in footer, address


def test_loading_again_keeps_one_statement_per_language_and_an_editors_changes(loaded_content):
    """The loader is idempotent for the statement, and an editor's published edit survives it."""
    english = StandardPage.objects.get(depth=3, slug="accessibility", locale__language_code="en")
    editor = UserFactory(role="Editors")
    english.intro = "Edited by an editor."
    english.save_revision(user=editor).publish(user=editor)
    call_command("load_tusenet", stdout=StringIO())
    statements = Page.objects.filter(translation_key=english.translation_key)
    assert sorted(statements.values_list("locale__language_code", flat=True)) == ["en", "sv", "tr"]
    assert StandardPage.objects.get(pk=english.pk).intro == "Edited by an editor."


def test_editors_can_edit_the_statement_in_every_language(client, loaded_content):
    """The statement is an ordinary page: the Editors group opens its edit view in each language."""
    client.force_login(UserFactory(role="Editors"))
    english = Page.objects.get(depth=3, slug="accessibility", locale__language_code="en")
    for page in [english, *english.get_translations()]:
        response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
        assert response.status_code == 200, page.locale.language_code
