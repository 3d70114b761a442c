"""The real Tusenet content, as `make run` loads it: page counts per language, no English on Turkish pages."""

import re

import polib
import pytest
from django.conf import settings
from django.core.management import call_command
from wagtail.models import Page


@pytest.fixture(scope="module")
def loaded_content(django_db_setup, django_db_blocker):
    """Run load_tusenet once for this module and roll it back afterwards."""
    from django.db import transaction

    with django_db_blocker.unblock(), transaction.atomic(), open("/dev/null", "w") as devnull:
        call_command("load_tusenet", stdout=devnull)
        yield
        transaction.set_rollback(True)


pytestmark = pytest.mark.django_db


def test_page_counts_per_language(loaded_content):
    """English and Turkish trees are complete; Swedish holds home, about, networks and the Swedish members."""
    live = Page.objects.live().filter(depth__gte=2)
    english = live.filter(locale__language_code="en").count()
    assert english == 54
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
    }
    assert live.filter(locale__language_code="sv", depth=4).count() == 7 + 6 + 2


def test_translations_are_wagtail_localize_translations(loaded_content):
    """Every Turkish page has a translation source and translated strings, not a loose copy."""
    from wagtail_localize.models import StringTranslation, TranslationSource

    english_home = Page.objects.get(depth=2, locale__language_code="en")
    source = TranslationSource.objects.get_for_instance(english_home)
    assert source.translations.filter(target_locale__language_code="tr").exists()
    assert StringTranslation.objects.filter(locale__language_code="tr").count() > 150
    turkish_home = english_home.get_translation(english_home.locale.__class__.objects.get(language_code="tr"))
    assert turkish_home.title == "Tusenet Belediye Ortaklık Ağları"


def english_ui_strings():
    """English msgids of our catalogue whose Turkish translation differs from them."""
    catalogue = polib.pofile(str(settings.BASE_DIR / "locale/tr/LC_MESSAGES/django.po"))
    return {
        entry.msgid
        for entry in catalogue
        if entry.msgstr and entry.msgstr != entry.msgid and len(entry.msgid) > 3 and "%" not in entry.msgid
    }


def visible_text(html):
    """The page's text, without parts marked as another language (switcher names, official names)."""
    html = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", html, flags=re.S)
    html = re.sub(r'<(\w+)\b[^>]*\slang="(?!tr")[^"]*"[^>]*>.*?</\1>', " ", html[html.index("<body") :], flags=re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_no_english_ui_string_on_turkish_pages(client, loaded_content):
    """No page of the Turkish tree shows a UI string of the English catalogue."""
    strings = english_ui_strings()
    assert len(strings) > 20
    turkish = Page.objects.live().filter(locale__language_code="tr", depth__gte=2)
    for page in turkish:
        text = visible_text(client.get(page.url).content.decode())
        leaked = [s for s in strings if re.search(rf"(?<!\w){re.escape(s)}(?!\w)", text)]
        assert not leaked, (page.url, leaked)
