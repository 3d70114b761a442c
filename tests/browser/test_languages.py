"""Language choice in a real browser: negotiation, the sticky switcher, fallbacks, admin slugs, phone width.

The language of the pages reached (``<html lang>``, the headings, the switcher's links and flags) is read
from the HTML by ``tests/test_language_of_parts.py``.
"""

from pathlib import Path

import pytest
from playwright.sync_api import expect
from wagtail.models import Locale

from partnerships.models import MunicipalityPage, NetworkPage
from tusenet.i18n import multilingual

pytestmark = pytest.mark.browser

#: Screenshots for a person to look at (not compared automatically); git ignores the folder.
SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots" / "tmp"


def localized(model, code, **filters):
    return model.objects.get(locale=Locale.objects.get(language_code=code), **filters)


def test_browser_language_then_switcher_choice_decide_where_root_leads(browser, loaded_site):
    """A Turkish browser lands on /tr/; after picking Svenska in the switcher, / leads to /sv/."""
    context = browser.new_context(locale="tr-TR")
    page = context.new_page()
    page.goto(f"{loaded_site.url}/")
    assert page.url == f"{loaded_site.url}/tr/"

    network = localized(NetworkPage, "tr", network__number=1)
    page.goto(f"{loaded_site.url}{network.url}")
    page.locator('.language-switcher a[hreflang="sv"]').click()
    assert page.url.endswith(localized(NetworkPage, "sv", network__number=1).url)
    cookies = {cookie["name"]: cookie["value"] for cookie in context.cookies()}
    assert cookies["django_language"] == "sv"

    page.goto(f"{loaded_site.url}/")
    assert page.url == f"{loaded_site.url}/sv/"
    context.close()


def test_swedish_visitor_stays_swedish_through_untranslated_pages(page, loaded_site):
    """From a Swedish network page, a Turkish member (not in Swedish) opens in the Swedish interface."""
    network = localized(NetworkPage, "sv", network__number=1)
    istanbul = localized(MunicipalityPage, "en", municipality__slug="istanbul")
    page.goto(f"{loaded_site.url}{network.url}")
    page.locator("main .members__side").get_by_role("link", name="İstanbul", exact=True).click()
    expected = multilingual.fallback_urls([istanbul], Locale.objects.get(language_code="sv"))[istanbul.pk]
    assert page.url.endswith(expected) and expected.startswith("/sv/")
    assert page.locator(".notice--untranslated").is_visible()
    page.locator("main").get_by_role("link", name=network.title, exact=True).click()
    assert page.url.endswith(network.url)


def test_admin_slug_field_transliterates_turkish_titles(signed_in_admin, loaded_site):
    """In the page editor, typing a Turkish title fills an ASCII slug (Wagtail's slugifier, unicode off)."""
    page = signed_in_admin
    home = localized(NetworkPage, "en", network__number=1).get_parent().get_parent()
    page.goto(f"{loaded_site.url}/admin/pages/add/partnerships/standardpage/{home.pk}/")
    title = page.locator("#id_title")
    title.click()
    title.press_sequentially("Şırnak ağları ve Umeå")
    title.press("Tab")
    # A locator assertion, not wait_for_function: the admin's policy forbids evaluating strings.
    expect(page.locator("#id_slug")).to_have_value("sirnak-aglari-ve-umea")


@pytest.mark.parametrize("language", ["en", "tr", "sv"])
def test_switcher_fits_a_phone_screen_in_every_language(browser, loaded_site, language):
    """At 375 px the three languages, flag, name and "not translated" mark, fit; nothing scrolls sideways.

    İstanbul's page has no Swedish translation, so the Swedish link carries its mark,
    and the Swedish version is the fallback page.
    """
    context = browser.new_context(viewport={"width": 375, "height": 740}, device_scale_factor=2)
    page = context.new_page()
    istanbul = localized(MunicipalityPage, "en", municipality__slug="istanbul")
    if language == "sv":
        target = multilingual.fallback_urls([istanbul], Locale.objects.get(language_code="sv"))[istanbul.pk]
    else:
        target = localized(MunicipalityPage, language, municipality__slug="istanbul").url
    page.goto(f"{loaded_site.url}{target}")
    links = page.locator(".language-switcher a").all()  # three, with decorative flags: tests/test_language_of_parts.py
    assert links
    for index, link in enumerate(links):
        box = link.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 375, (language, index, box)
        assert box["height"] >= 24  # a comfortable touch target (WCAG 2.5.8)
    assert page.locator('.language-switcher a[hreflang="sv"] .language-switcher__note').is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    clip = {"x": 0, "y": 0, "width": 375, "height": 300}
    page.screenshot(path=str(SCREENSHOTS / f"switcher-375-{language}.png"), clip=clip)
    page.screenshot(path=str(SCREENSHOTS / f"istanbul-375-{language}.png"), full_page=True)
    context.close()
