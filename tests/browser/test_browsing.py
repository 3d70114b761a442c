"""Real clicks in Chromium through the public site and the admin login."""

import pytest
from wagtail.models import Locale

from partnerships.models import MunicipalityPage, NetworkIndexPage, NetworkPage

pytestmark = pytest.mark.browser


def test_home_page_and_admin_login_open(page, loaded_site):
    """The English home page and the admin login page load in Chromium."""
    response = page.goto(f"{loaded_site.url}/en/")
    assert response.status == 200
    assert "Tusenet" in page.title()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator(".language-switcher a").count() == 3
    response = page.goto(f"{loaded_site.url}/admin/login/")
    assert response.status == 200
    assert page.locator("input[name=username]").is_visible()
    assert page.locator("input[name=password]").is_visible()


def localized(model, code, **filters):
    return model.objects.get(locale=Locale.objects.get(language_code=code), **filters)


def test_turkish_click_through_and_flags_keep_the_page(page, loaded_site):
    """Home → networks → network 3 → Kalmar → network 6 in Turkish; the flags lead to network 6 in en and sv."""
    networks_index = localized(NetworkIndexPage, "tr")
    network_3 = localized(NetworkPage, "tr", network__number=3)
    kalmar = localized(MunicipalityPage, "tr", municipality__slug="kalmar")
    network_6 = localized(NetworkPage, "tr", network__number=6)

    page.goto(f"{loaded_site.url}/tr/")
    page.locator(".site-menu").get_by_role("link", name=networks_index.title, exact=True).click()
    assert page.url.endswith(networks_index.url)
    page.locator("main").get_by_role("link", name=network_3.title, exact=True).click()
    assert page.url.endswith(network_3.url)
    page.locator("main").get_by_role("link", name=kalmar.title, exact=True).click()
    assert page.url.endswith(kalmar.url)
    assert page.locator("html").get_attribute("lang") == "tr"
    page.locator("main").get_by_role("link", name=network_6.title, exact=True).click()
    assert page.url.endswith(network_6.url)

    for code in ("en", "sv"):
        target = localized(NetworkPage, code, network__number=6)
        flag_link = page.locator(f'.language-switcher a[hreflang="{code}"]')
        assert flag_link.get_attribute("href") == target.url
    page.locator('.language-switcher a[hreflang="sv"]').click()
    assert page.url.endswith(localized(NetworkPage, "sv", network__number=6).url)
    assert page.locator("html").get_attribute("lang") == "sv"
