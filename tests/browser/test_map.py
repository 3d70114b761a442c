"""The map in Chromium: every partner point is a focusable link, and no request leaves the site."""

import pytest

pytestmark = pytest.mark.browser


def test_map_pages_make_no_third_party_requests(page, loaded_site):
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(f"{loaded_site.url}/tr/ortaklik-aglari/")
    page.wait_for_load_state("networkidle")
    partners = page.locator("svg.map a.map__partner")
    assert partners.count() == 31
    first = partners.first
    first.focus()
    assert page.evaluate("document.activeElement.getAttribute('class')") == "map__partner"
    href = first.get_attribute("href")
    first.click()
    page.wait_for_load_state("networkidle")
    assert page.url.endswith(href)
    assert requested and all(url.startswith(loaded_site.url) for url in requested), [
        url for url in requested if not url.startswith(loaded_site.url)
    ]
