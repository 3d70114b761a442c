"""Real clicks in Chromium through the public site.

What the pages say (their language, the switcher's addresses) is read from the HTML by
``tests/test_language_of_parts.py``; the admin login's fields are filled in Chromium by the
``signed_in_admin`` fixture (``tests/browser/conftest.py``), which needs them visible and editable.
"""

import pytest
from wagtail.models import Locale

from partnerships.models import MunicipalityPage, NetworkIndexPage, NetworkPage

pytestmark = pytest.mark.browser


def localized(model, code, **filters):
    return model.objects.get(locale=Locale.objects.get(language_code=code), **filters)


def test_turkish_click_through_and_flags_keep_the_page(page, loaded_site):
    """Home → networks → network 3 → Kalmar → network 6 in Turkish; the Swedish flag leads to network 6 in sv."""
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
    page.locator("main").get_by_role("link", name=network_6.title, exact=True).click()
    assert page.url.endswith(network_6.url)

    page.locator('.language-switcher a[hreflang="sv"]').click()
    assert page.url.endswith(localized(NetworkPage, "sv", network__number=6).url)
