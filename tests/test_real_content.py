"""The real Tusenet content, as `make run` loads it: page counts per language, no English on Turkish pages."""

import re

import polib
import pytest
from django.conf import settings
from wagtail.models import Locale, Page

from tusenet.i18n import multilingual

pytestmark = pytest.mark.django_db


def test_page_counts_per_language(loaded_content):
    """English and Turkish trees are complete; Swedish holds home, about, networks, the Swedish members and the news."""
    live = Page.objects.live().filter(depth__gte=2)
    english = live.filter(locale__language_code="en").count()
    assert english == 56
    assert live.filter(locale__language_code="tr").count() == english
    swedish = {p.specific_class.__name__ for p in live.filter(locale__language_code="sv")}
    assert swedish == {
        "HomePage",
        "StandardPage",
        "NetworkIndexPage",
        "NetworkPage",
        "MunicipalityIndexPage",
        "MunicipalityPage",
        "AssociationPage",
        "PostIndexPage",
        "PostPage",
    }
    assert live.filter(locale__language_code="sv", depth=4).count() == 7 + 6 + 2 + 3
    assert live.filter(locale__language_code="sv", depth=3).count() == 6  # about, open data, accessibility, 3 indexes


def test_translations_are_wagtail_localize_translations(loaded_content):
    """Every Turkish page has a translation source and translated strings, not a loose copy."""
    from wagtail_localize.models import StringTranslation, TranslationSource

    english_home = Page.objects.get(depth=2, locale__language_code="en")
    source = TranslationSource.objects.get_for_instance(english_home)
    assert source.translations.filter(target_locale__language_code="tr").exists()
    assert StringTranslation.objects.filter(locale__language_code="tr").count() > 150
    turkish_home = english_home.get_translation(english_home.locale.__class__.objects.get(language_code="tr"))
    assert turkish_home.title == "Tusenet Belediye Ortaklık Ağları"


def english_ui_strings(language):
    """English msgids of our catalogue whose translation into ``language`` differs from them."""
    catalogue = polib.pofile(str(settings.BASE_DIR / f"locale/{language}/LC_MESSAGES/django.po"))
    return {
        entry.msgid
        for entry in catalogue
        if entry.msgstr and entry.msgstr != entry.msgid and len(entry.msgid) > 3 and "%" not in entry.msgid
    }


def visible_text(html, language):
    """The page's text, without parts marked as another language (switcher names, fallback content)."""
    html = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", html, flags=re.S)
    other_language = rf'<(\w+)\b[^>]*\slang="(?!{language}")[^"]*"[^>]*>.*?</\1>'
    html = re.sub(other_language, " ", html[html.index("<body") :], flags=re.S)
    text = re.sub(r"<[^>]+>", " ", html)
    return " ".join(re.sub(r"/[\w/.?=-]+", " ", text).split())  # addresses such as /data/v1/networks.json are not words


def addresses_in(language):
    """Every page a visitor can reach in ``language``: its live pages and the fallback addresses of the rest."""
    locale = Locale.objects.get(language_code=language)
    live = Page.objects.live().filter(depth__gte=2)
    translated = set(live.filter(locale=locale).values_list("translation_key", flat=True))
    missing = live.filter(locale__language_code="en").exclude(translation_key__in=translated)
    urls = [page.url for page in live.filter(locale=locale)]
    return urls + list(multilingual.fallback_urls(missing, locale).values())


@pytest.mark.parametrize("language", ["tr", "sv"])
def test_no_english_ui_string_on_turkish_or_swedish_pages(client, loaded_content, language):
    """No page reachable in Turkish or Swedish shows a UI string of the English catalogue."""
    strings = english_ui_strings(language)
    assert len(strings) > 20
    addresses = addresses_in(language)
    assert len(addresses) == 56
    for url in addresses:
        response = client.get(url)
        assert response.status_code == 200, url
        text = visible_text(response.content.decode(), language)
        leaked = [s for s in strings if re.search(rf"(?<!\w){re.escape(s)}(?!\w)", text)]
        assert not leaked, (url, leaked)


def test_every_slug_in_every_tree_is_readable_ascii(loaded_content):
    readable = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
    slugs = list(Page.objects.filter(depth__gte=2).values_list("locale__language_code", "slug"))
    assert len(slugs) == 56 + 56 + 25
    assert [(code, slug) for code, slug in slugs if not readable.match(slug)] == []


def test_index_pages_have_slugs_in_their_own_language(loaded_content):
    indexes = Page.objects.filter(depth=3).exclude(locale__language_code="en")
    english = dict(Page.objects.filter(depth=3, locale__language_code="en").values_list("translation_key", "slug"))
    assert all(page.slug != english[page.translation_key] for page in indexes)
    slugs = set(indexes.values_list("slug", flat=True))
    assert {"ortaklik-aglari", "belediyeler-ve-birlikler", "partnerskapsnatverk", "kommuner-och-forbund"} <= slugs
    turkish_sirnak = Page.objects.get(locale__language_code="tr", slug__startswith="sirnak")
    assert turkish_sirnak.url == "/tr/belediyeler-ve-birlikler/sirnak-belediyesi/"


def test_menus_of_all_trees_follow_the_english_order(client, loaded_content):
    def menu_keys(language):
        response = client.get(f"/{language}/")
        html = response.content.decode()
        nav = html[html.index('id="site-menu"') : html.index("</nav>", html.index('id="site-menu"'))]
        hrefs = re.findall(r'<li(?: class="is-current-section")?>\s*<a href="([^"]+)"', nav)
        hrefs = [href for href in hrefs if href not in ("/en/search/", "/tr/ara/", "/sv/sok/")]
        return [client.get(href).context["page"].translation_key for href in hrefs]

    english = menu_keys("en")
    assert len(english) == 6
    assert menu_keys("tr") == english
    assert menu_keys("sv") == english


def test_the_loaded_translations_are_up_to_date_or_missing_never_changed_or_out_of_date(loaded_content):
    """A fresh load leaves no work waiting: the same text translated for another page (a working area listed on
    the home page and on its module) does not mark the page as changed."""
    from tusenet.editorial.translation_status import MISSING, UP_TO_DATE, build_report

    statuses = {cell.status for row in build_report(["tr", "sv"]) for cell in row.cells.values()}
    assert statuses == {UP_TO_DATE, MISSING}
