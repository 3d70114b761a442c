"""Admin journeys walked in Chromium as the role's user, with their admin in Turkish or Swedish.

Each counts the user's clicks and checks the journey ends where it should, with no error page.
"""

import pytest
from playwright.sync_api import expect

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
    user.click(tab.get_by_role("button", name="Rapporter"))
    user.click(tab.get_by_role("link", name="Översättningsstatus"))
    user.choose(tab.locator("#report-status"), "missing")
    user.click(tab.get_by_role("button", name="Filtrera"))
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
