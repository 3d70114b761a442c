"""Exploring in Chromium: the map makes no third-party request, filters work without JavaScript, search from a 404."""

import pytest

pytestmark = pytest.mark.browser


def test_map_pages_make_no_third_party_requests(page, loaded_site):
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(f"{loaded_site.url}/tr/ortaklik-aglari/")
    page.wait_for_load_state("networkidle")
    first = page.locator("svg.map a.map__partner").first  # 31 points: tests/test_language_of_parts.py
    first.focus()
    assert page.evaluate("document.activeElement.getAttribute('class')") == "map__partner"
    href = first.get_attribute("href")
    first.locator("circle.map__point").click()
    page.wait_for_load_state("networkidle")
    assert page.url.endswith(href)
    assert requested and all(url.startswith(loaded_site.url) for url in requested), [
        url for url in requested if not url.startswith(loaded_site.url)
    ]


def test_directory_filters_work_without_javascript_and_give_a_shareable_address(browser, loaded_site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{loaded_site.url}/sv/partnerskapsnatverk/")
    page.select_option("#filter-swedish", "kalmar")
    page.locator(".directory-form button[type=submit]").click()
    page.wait_for_load_state()
    assert "swedish=kalmar" in page.url
    assert page.locator(".network-list > li").count() == 2
    assert page.locator(".result-count").inner_text() == "2 nätverk"
    shared = context.new_page()
    shared.goto(page.url)
    assert shared.locator(".network-list > li").count() == 2
    context.close()


def test_search_from_the_404_page_in_turkish(page, loaded_site):
    page.goto(f"{loaded_site.url}/tr/boyle-bir-sayfa-yok/")
    page.fill("#search-query", "ŞIRNAK")
    page.locator(".search-form button").click()
    page.wait_for_load_state()
    assert "/tr/ara/" in page.url
    assert page.locator(".search-results mark").first.inner_text() in ("Şırnak", "ŞIRNAK")


def test_a_map_points_name_shows_on_keyboard_focus_and_on_hover(page, loaded_site):
    page.goto(f"{loaded_site.url}/tr/ortaklik-aglari/")
    points = page.locator("svg.map a.map__partner")
    first, second = points.nth(0), points.nth(1)
    assert not first.locator(".map__name").is_visible()
    first.focus()
    assert first.locator(".map__name").is_visible()
    assert first.locator(".map__name").text_content() == first.get_attribute("aria-label")
    second.locator("circle.map__point").hover()
    assert second.locator(".map__name").is_visible()
