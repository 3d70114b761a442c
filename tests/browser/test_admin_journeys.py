"""Admin journeys walked in Chromium as the role's user, with their admin in Turkish or Swedish.

Each counts the user's clicks and checks the journey ends where it should, with no error page.
"""

import re

import pytest
from playwright.sync_api import expect
from wagtail.models import Page

from partnerships.models import Municipality

from . import SCREENSHOTS

pytestmark = pytest.mark.browser


class Clicks:
    """A tab whose clicks and choices are counted (a choice in a list is one click)."""

    def __init__(self, tab):
        self.tab, self.count = tab, 0

    def click(self, locator):
        locator.click()
        self.count += 1

    def choose(self, locator, value):
        locator.select_option(value)
        self.count += 1

    def open_the_translation_report(self, language, status=None):
        """From any admin page: the Reports menu, the translation status report, and its status filter if given."""
        reports, report, apply = REPORT_WORDS[language]
        self.click(self.tab.get_by_role("button", name=reports))
        self.click(self.tab.get_by_role("link", name=report))
        if status:
            self.choose(self.tab.locator("#report-status"), status)
            self.click(self.tab.get_by_role("button", name=apply))


#: The Reports menu, the translation status report and its filter button, in the Turkish and Swedish admin.
REPORT_WORDS = {"tr": ("Raporlar", "Çeviri durumu", "Uygula"), "sv": ("Rapporter", "Översättningsstatus", "Filtrera")}


def test_a_data_admin_adds_a_municipality_in_the_turkish_admin(sign_in_as, loaded_site, django_db_blocker):
    """Konak, İzmir: the slug follows the name, Türkiye offers only Turkish kinds, a decimal comma is a comma."""
    tab = sign_in_as("Data admins", "tr")
    user = Clicks(tab)
    tab.goto(f"{loaded_site.url}/admin/snippets/partnerships/municipality/")
    user.click(tab.get_by_role("link", name="Belediye ekle"))

    tab.locator("#id_name").press_sequentially("Balçova")
    expect(tab.locator("#id_slug")).to_have_value("balcova")  # ASCII, from the Turkish letters
    tab.locator("#id_name").fill("")
    tab.locator("#id_name").press_sequentially("Konak")
    expect(tab.locator("#id_slug")).to_have_value("konak")

    user.choose(tab.locator("#id_country"), "TR")
    offered = tab.locator("#id_kind option").evaluate_all("options => options.map(o => o.value)")
    assert "kommun" not in offered and {"metropolitan", "provincial", "district"} <= set(offered)
    user.choose(tab.locator("#id_kind"), "district")
    tab.locator("#id_official_name").fill("Konak Belediyesi")
    tab.locator("#id_region").fill("İzmir")
    tab.locator("#id_latitude").fill("38,4189")
    tab.locator("#id_longitude").fill("27,1287")
    SCREENSHOTS.mkdir(exist_ok=True)
    tab.screenshot(path=SCREENSHOTS / "journey-add-municipality-tr.png", full_page=True)
    user.click(tab.get_by_role("button", name="Kaydet"))

    tab.wait_for_url(f"{loaded_site.url}/admin/snippets/partnerships/municipality/")
    assert "Belediye 'Konak' oluşturuldu." in tab.locator(".messages").inner_text()
    with django_db_blocker.unblock():
        konak = Municipality.objects.get(slug="konak")
        assert (konak.name, konak.kind, str(konak.latitude), str(konak.longitude)) == (
            "Konak",
            "district",
            "38.41890",
            "27.12870",
        )
        konak.delete()
    assert user.count == 4


def test_a_swedish_translator_starts_a_missing_page_from_the_report(sign_in_as, loaded_site, django_db_blocker):
    """The report's missing row has an action; it ends in the translation editor of a new Swedish draft."""
    from wagtail.models import Locale, Page
    from wagtail_localize.models import Translation

    tab = sign_in_as("Swedish translators", "sv")
    user = Clicks(tab)
    tab.goto(f"{loaded_site.url}/admin/")
    user.open_the_translation_report("sv", "missing")
    user.click(tab.get_by_role("button", name="Börja den svenska översättningen").first)
    tab.wait_for_url("**/edit/")
    assert "påbörjad" in tab.locator(".messages").inner_text()
    with django_db_blocker.unblock():
        swedish = Page.objects.get(pk=int(tab.url.rstrip("/").split("/")[-2]))
        assert swedish.locale == Locale.objects.get(language_code="sv") and not swedish.live
        # The world stays as it was for the other browser tests: the translation record, then the page.
        Translation.objects.filter(source__object_id=swedish.translation_key, target_locale=swedish.locale).delete()
        swedish.delete()
    assert user.count == 5


@pytest.fixture
def translated_page(loaded_site, django_db_blocker):
    """An English page with its Turkish and Swedish translations, all live; deleted afterwards with their records."""
    from wagtail_localize.models import TranslationSource

    from partnerships.models import StandardPage

    from ..builders import add_page, home_page, translate

    with django_db_blocker.unblock():
        english = add_page(home_page(), StandardPage, "Journey notes")
        translations = {language: translate(english, language) for language in ("tr", "sv")}
    yield english, translations
    with django_db_blocker.unblock():
        # The translation source (and with it the translations), then the pages with their revisions and workflows.
        TranslationSource.objects.filter(object_id=english.translation_key).delete()
        for page in [*translations.values(), english]:
            Page.objects.get(pk=page.pk).delete()


def in_the_editor_words(tab):
    """The translation editor's own texts a translator reads: its heading, footer, progress and screen-reader labels."""
    editor = tab.locator(".js-translation-editor")
    return {
        "heading": editor.locator("section h3").first.inner_text(),
        "actions": [text.strip() for text in tab.locator("footer:visible :is(button, a):visible").all_inner_texts()],
        "labels": editor.locator(".w-sr-only").all_text_contents(),
    }


def test_a_turkish_translator_brings_an_english_change_into_turkish(
    sign_in_as, translated_page, loaded_site, django_db_blocker
):
    """The report's "sync" leads to the new text in the editor; submitted, a moderator's approval publishes it."""
    english, translations = translated_page
    turkish = translations["tr"]
    with django_db_blocker.unblock():
        english.intro = "The notes were rewritten in December."
        english.save_revision().publish()

    tab = sign_in_as("Turkish translators", "tr")
    translator = Clicks(tab)
    tab.goto(f"{loaded_site.url}/admin/")
    translator.open_the_translation_report("tr", "out_of_date")
    row = tab.locator("tr", has_text="Journey notes")
    translator.click(row.get_by_role("button", name="Türkçe çeviriyi eşitle"))
    tab.wait_for_url(f"**/admin/pages/{turkish.pk}/edit/")
    assert "eşitlendi" in tab.locator(".messages").inner_text()
    expect(tab.locator("[data-translation-progress]")).to_have_text(
        "Çevrilen metinler: 2 / 3 · çevrilmeyi bekleyen sekmeler: İçerik"
    )
    words = in_the_editor_words(tab)
    assert words["heading"] == "Çeviri: İngilizce → Türkçe"
    # A translator is offered what the access matrix lets them do: submit and preview, not stop sync or make an alias.
    assert words["actions"] == ["Onaya gönder", "Önizleme"]
    assert "More actions" not in words["labels"]

    new_text = tab.locator(".js-translation-editor li.incomplete")
    expect(new_text).to_contain_text("The notes were rewritten in December.")
    translate_every_text(tab, translator, {"The notes were rewritten in December.": "Notlar aralıkta yeniden yazıldı."})
    expect(tab.locator("[data-translation-progress]")).to_have_text("Çevrilen metinler: 3 / 3")
    SCREENSHOTS.mkdir(exist_ok=True)
    tab.screenshot(path=SCREENSHOTS / "journey-sync-translation-tr.png")
    translator.click(tab.get_by_role("button", name="Onaya gönder"))
    expect(tab.locator(".messages")).to_contain_text("onaya gönderildi")
    assert translator.count == 8

    assert approve_in_the_swedish_dashboard(sign_in_as, loaded_site.url, turkish.title) == 2
    public = tab.context.new_page()
    public.goto(f"{loaded_site.url}{turkish.url}")
    expect(public.locator("main")).to_contain_text("Notlar aralıkta yeniden yazıldı.")


def test_a_swedish_translator_sends_an_offline_translation_back_as_a_po_file(
    sign_in_as, translated_page, loaded_site, tmp_path
):
    """After the upload the report says the page changed and offers to submit it; submitting starts the approval."""
    import polib

    _english, translations = translated_page
    swedish = translations["sv"]
    tab = sign_in_as("Swedish translators", "sv")
    user = Clicks(tab)
    tab.goto(f"{loaded_site.url}/admin/")
    user.open_the_translation_report("sv")
    row = tab.locator("tr", has_text="Journey notes")
    expect(row).to_contain_text("Aktuell")
    user.click(row.get_by_role("link", name="Översätt"))
    tab.wait_for_url(f"**/admin/pages/{swedish.pk}/edit/")
    with tab.expect_download() as download:
        user.click(tab.get_by_role("link", name="Ladda ner PO-fil").first)
    po = polib.pofile(open(download.value.path(), encoding="utf-8").read())  # noqa: SIM115 - Playwright's file
    next(entry for entry in po if entry.msgctxt == "intro").msgstr = "Anteckningar från resan, översatta offline"
    po.save(tmp_path / "journey-notes.po")
    with tab.expect_file_chooser() as chooser:
        user.click(tab.get_by_role("button", name="Ladda upp PO-fil").first)
    chooser.value.set_files(tmp_path / "journey-notes.po")
    expect(tab.locator(".messages")).to_contain_text("importerades")

    user.open_the_translation_report("sv")
    expect(row).to_contain_text("Ändrad, inte publicerad än")
    SCREENSHOTS.mkdir(exist_ok=True)
    tab.screenshot(path=SCREENSHOTS / "journey-po-upload-report-sv.png")
    user.click(row.get_by_role("link", name="Skicka för godkännande"))
    user.click(tab.get_by_role("button", name="Skicka för godkännande"))
    expect(tab.locator(".messages")).to_contain_text("skickades för godkännande")
    assert user.count == 9


@pytest.fixture
def pages_made_in_the_journey(django_db_blocker):
    """Titles of the English pages a test makes in the browser: deleted afterwards, with their translations."""
    from wagtail_localize.models import TranslationSource

    titles = []
    yield titles
    with django_db_blocker.unblock():
        for english in Page.objects.filter(title__in=titles, locale__language_code="en"):
            versions = list(Page.objects.filter(translation_key=english.translation_key))
            TranslationSource.objects.filter(object_id=english.translation_key).delete()
            for page in sorted(versions, key=lambda version: version.locale.language_code != "en"):
                page.delete()


def approve_in_the_swedish_dashboard(sign_in_as, site_url, title):
    """A moderator, admin in Swedish, approves ``title`` from the dashboard's "Awaiting your review"; the clicks."""
    tab = sign_in_as("Moderators", "sv")
    moderator = Clicks(tab)
    tab.goto(f"{site_url}/admin/")
    waiting = tab.locator("tr", has_text=title)
    moderator.click(waiting.get_by_role("button", name="Handlingar"))
    moderator.click(tab.get_by_role("button", name="Godkänn", exact=True))
    expect(tab.locator(".messages")).to_contain_text("är godkänd")
    return moderator.count


def translate_every_text(tab, user, translations):
    """Translate each text the open translation editor shows untranslated, as a translator types it, going only to
    the tabs the editor's progress names as waiting."""
    for tab_name in tab.locator(".js-translation-editor [role=tab]").all_inner_texts():
        if tab_name.strip() not in tab.locator("[data-translation-progress]").inner_text():
            continue
        editor_tab = tab.locator(".js-translation-editor").get_by_role("tab", name=tab_name.strip())
        if editor_tab.get_attribute("aria-selected") != "true":
            user.click(editor_tab)
        untranslated = tab.locator(".js-translation-editor li.incomplete:visible")
        for left in reversed(range(untranslated.count())):
            text = untranslated.first
            source = text.locator("p").first.inner_text()
            user.click(text.get_by_role("button", name="Çevir"))
            text.locator("textarea").fill(translations[source])
            user.click(text.get_by_role("button", name="Kaydet"))
            expect(untranslated).to_have_count(left)


def test_an_english_post_is_published_translated_into_turkish_and_approved(
    sign_in_as, loaded_site, pages_made_in_the_journey
):
    """An editor (Turkish admin) publishes a dated post and asks for Turkish; the translator translates it from the
    report; a Swedish moderator approves it, and the Turkish post is public with its date."""
    from partnerships.models import PostIndexPage

    pages_made_in_the_journey.append("Twinning visit to Gaziantep")
    posts = PostIndexPage.objects.get(locale__language_code="en")
    tab = sign_in_as("Editors", "tr")
    editor = Clicks(tab)
    tab.goto(f"{loaded_site.url}/admin/pages/{posts.pk}/")
    editor.click(tab.locator("#w-slim-header-buttons").get_by_role("link", name="Alt sayfa ekle"))
    tab.locator("#id_title").fill("Twinning visit to Gaziantep")
    tab.locator("#id_date").fill("2026-11-30")
    tab.locator("#id_intro").fill("Karlstad's rescue service visited Gaziantep.")
    tab.locator(".w-field:has(#id_body) .public-DraftEditor-content").click()
    tab.keyboard.type("They compared their training of fire fighters.")
    expect(tab.locator("#id_body")).to_have_value(re.compile("fire fighters"))  # Draftail has stored the text
    editor.click(tab.get_by_role("button", name="Diğer işlemler"))
    editor.click(tab.get_by_role("button", name="Yayınla"))
    expect(tab.locator(".messages")).to_contain_text("oluşturuldu ve yayınlandı")
    editor.click(tab.get_by_role("button", name="'Twinning visit to Gaziantep' için daha fazla seçenek"))
    editor.click(tab.get_by_role("link", name="Bu sayfayı çevir"))
    editor.click(tab.get_by_label("Türkçe"))
    editor.click(tab.get_by_role("button", name="Gönder"))
    expect(tab.locator(".messages")).to_contain_text("çeviriye gönderildi")
    assert editor.count == 7

    tab = sign_in_as("Turkish translators", "tr")
    translator = Clicks(tab)
    tab.goto(f"{loaded_site.url}/admin/")
    translator.open_the_translation_report("tr", "draft")
    translator.click(tab.locator("tr", has_text="Twinning visit to Gaziantep").get_by_role("link", name="Çevir"))
    expect(tab.locator("[data-translation-progress]")).to_contain_text("Çevrilen metinler: 0 / 4")
    translate_every_text(
        tab,
        translator,
        {
            "Twinning visit to Gaziantep": "Gaziantep'e kardeş kent ziyareti",
            "Karlstad's rescue service visited Gaziantep.": "Karlstad'ın itfaiyesi Gaziantep'i ziyaret etti.",
            "They compared their training of fire fighters.": "İtfaiyecilerin eğitimini karşılaştırdılar.",
            "twinning-visit-to-gaziantep": "gaziantepe-kardes-kent-ziyareti",
        },
    )
    expect(tab.locator("[data-translation-progress]")).to_have_text("Çevrilen metinler: 4 / 4")
    translator.click(tab.get_by_role("button", name="Onaya gönder"))
    expect(tab.locator(".messages")).to_contain_text("onaya gönderildi")
    assert translator.count == 15

    assert approve_in_the_swedish_dashboard(sign_in_as, loaded_site.url, "Gaziantep'e kardeş kent ziyareti") == 2

    tab.goto(f"{loaded_site.url}/tr/son-yazilar/gaziantepe-kardes-kent-ziyareti/")
    expect(tab.locator("h1")).to_have_text("Gaziantep'e kardeş kent ziyareti")
    expect(tab.locator("main")).to_contain_text("30 Kasım 2026")
    SCREENSHOTS.mkdir(exist_ok=True)
    tab.screenshot(path=SCREENSHOTS / "journey-post-approved-tr.png", full_page=True)


def test_a_data_admin_exports_the_municipalities_for_a_swedish_excel(sign_in_as, loaded_site):
    """The CSV a data admin downloads in the Swedish admin: a byte-order mark, names not codes, the networks."""
    import csv
    import io

    tab = sign_in_as("Data admins", "sv")
    user = Clicks(tab)
    tab.goto(f"{loaded_site.url}/admin/snippets/partnerships/municipality/")
    user.click(tab.get_by_role("button", name="Handlingar", exact=True))  # the header's menu of actions
    with tab.expect_download() as download:
        user.click(tab.get_by_role("link", name="Ladda ner CSV"))
    content = open(download.value.path(), "rb").read()  # noqa: SIM115 - Playwright's own temporary file
    assert content.startswith(b"\xef\xbb\xbf")  # Excel reads the file as UTF-8 only then
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    kalmar = dict(zip(rows[0], next(row for row in rows if row[0] == "Kalmar"), strict=True))
    assert (kalmar["Land"], kalmar["Typ"], kalmar["Nätverk"]) == ("Sverige", "Kommun", "Nätverk 3, Nätverk 6")
    assert user.count == 2
