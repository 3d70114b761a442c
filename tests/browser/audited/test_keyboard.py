"""The keyboard alone, in Chromium: skip link first, a visible focus at every stop, the menu button, the switcher.

The walk goes home → networks index → network 3 → Kalmar with Tab and Enter only. At every
stop the focused element must look different from the same element unfocused (a screenshot of it
and a margin around it, where outlines and shadows are drawn), which holds for links, buttons,
form fields and the map's points alike, whatever style gives the indicator.

That the pages the switcher leads to are in their language (``<html lang>``) is read from the HTML:
``tests/test_language_of_parts.py``.
"""

import pytest

pytestmark = pytest.mark.browser

#: More Tab presses than any page has stops before the link a test looks for.
MAX_STOPS = 150
#: Pixels around the focused element included in its screenshot: outlines and shadows lie outside it.
FOCUS_MARGIN = 10
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 740}

DESCRIBE_FOCUSED = """() => {
  const element = document.activeElement;
  return element ? element.outerHTML.slice(0, 160) : "nothing";
}"""


def open_tab(browser, viewport):
    context = browser.new_context(viewport=viewport)
    return context, context.new_page()


@pytest.fixture
def desktop(browser):
    context, tab = open_tab(browser, DESKTOP)
    yield tab
    context.close()


@pytest.fixture
def phone(browser):
    context, tab = open_tab(browser, PHONE)
    yield tab
    context.close()


def focused_is(tab, selector):
    return tab.evaluate("selector => document.activeElement.matches(selector)", selector)


def focus_indicator_is_visible(tab):
    """Whether the focused element and its surroundings look different once it loses the focus.

    The focus is given back afterwards, so the next Tab continues from the same element.
    """
    element = tab.evaluate_handle("document.activeElement")
    box = element.bounding_box()
    if box is None or box["width"] == 0 or box["height"] == 0:
        return False
    viewport = tab.viewport_size
    left, top = max(box["x"] - FOCUS_MARGIN, 0), max(box["y"] - FOCUS_MARGIN, 0)
    right = min(box["x"] + box["width"] + FOCUS_MARGIN, viewport["width"])
    bottom = min(box["y"] + box["height"] + FOCUS_MARGIN, viewport["height"])
    clip = {"x": left, "y": top, "width": right - left, "height": bottom - top}
    with_focus = tab.screenshot(clip=clip, animations="disabled")
    element.evaluate("element => element.blur()")
    without_focus = tab.screenshot(clip=clip, animations="disabled")
    element.evaluate("element => element.focus()")
    return with_focus != without_focus


def press_tab(tab, *, backwards=False):
    """Move the focus one stop and check that the new stop shows it; return its description."""
    tab.keyboard.press("Shift+Tab" if backwards else "Tab")
    description = tab.evaluate(DESCRIBE_FOCUSED)
    assert not focused_is(tab, "body"), "the focus left the page"
    assert focus_indicator_is_visible(tab), f"no visible focus indicator on {description} at {tab.url}"
    return description


def tab_to(tab, selector):
    """Press Tab until the element matching ``selector`` has the focus, checking every stop on the way."""
    stops = []
    for _ in range(MAX_STOPS):
        stops.append(press_tab(tab))
        if focused_is(tab, selector):
            return stops
    raise AssertionError(f"{selector} never received the focus at {tab.url}; stops: {stops}")


def follow(tab, selector):
    """Tab to a link and activate it with Enter."""
    tab_to(tab, selector)
    with tab.expect_navigation():
        tab.keyboard.press("Enter")


def visit(tab, address):
    response = tab.goto(address)
    assert response.status == 200, address


def link_to(address, site):
    return f'a[href="{address.removeprefix(site.url)}"]'


@pytest.mark.parametrize("language", ["en", "tr", "sv"])
def test_the_skip_link_is_the_first_stop_and_moves_the_focus_to_the_main_content(site, desktop, language):
    """The first Tab shows the skip link; Enter on it focuses <main>, and the next Tab stays inside it."""
    visit(desktop, site.address("home", language))
    press_tab(desktop)
    assert focused_is(desktop, "a.skip-link[href='#main']")
    assert desktop.locator(".skip-link").is_visible()
    desktop.keyboard.press("Enter")
    assert focused_is(desktop, "main#main")
    press_tab(desktop)
    assert desktop.evaluate("() => document.activeElement.closest('main') !== null")


def test_home_to_a_member_municipality_and_into_turkish_and_swedish_with_the_keyboard(site, desktop):
    """Tab and Enter lead from the home page to Kalmar through the networks; the switcher keeps the page."""
    visit(desktop, site.address("home", "en"))
    for kind in ("networks_index", "network", "municipality"):
        follow(desktop, link_to(site.address(kind, "en"), site))
        assert desktop.url == site.address(kind, "en")
    stops = tab_to(desktop, "a.skip-link")
    assert len(stops) == 1, "the skip link is the first stop of every page"

    for language in ("tr", "sv"):
        follow(desktop, f'.language-switcher a[hreflang="{language}"]')
        assert desktop.url == site.address("municipality", language)
    cookies = {cookie["name"]: cookie["value"] for cookie in desktop.context.cookies()}
    assert cookies.get("django_language") == "sv", "a switch made with Enter is remembered like a click"


def test_the_menu_button_opens_with_enter_closes_with_escape_and_traps_nothing(site, phone):
    """At 375 px: Enter opens the menu, Escape closes it and puts the focus back on the button, Tab leaves it."""
    visit(phone, site.address("home", "en"))
    button, menu = phone.locator(".menu-toggle"), phone.locator("#site-menu")
    tab_to(phone, ".menu-toggle")
    assert button.get_attribute("aria-expanded") == "false" and not menu.is_visible()

    phone.keyboard.press("Enter")
    assert button.get_attribute("aria-expanded") == "true" and menu.is_visible()
    assert focused_is(phone, ".menu-toggle")
    phone.keyboard.press("Escape")
    assert button.get_attribute("aria-expanded") == "false" and not menu.is_visible()
    assert focused_is(phone, ".menu-toggle")

    phone.keyboard.press("Enter")
    press_tab(phone)
    assert focused_is(phone, "#site-menu a"), "the first Tab after opening enters the menu"
    phone.keyboard.press("Escape")
    assert not menu.is_visible() and focused_is(phone, ".menu-toggle"), "Escape inside the menu returns to the button"

    press_tab(phone)
    assert not phone.evaluate("() => document.activeElement.closest('.site-nav')"), "a closed menu takes no stop"
    press_tab(phone, backwards=True)
    assert focused_is(phone, ".menu-toggle")
    press_tab(phone, backwards=True)
    assert focused_is(phone, ".header-search button"), "Shift+Tab leaves the button backwards (to the search box)"

    press_tab(phone)
    phone.keyboard.press("Enter")
    links = menu.locator("a").count()
    for _ in range(links):
        press_tab(phone)
        assert focused_is(phone, "#site-menu a")
    press_tab(phone)
    assert not phone.evaluate("() => document.activeElement.closest('.site-nav')"), "Tab leaves the open menu"

    visit(phone, site.address("home", "en"))
    tab_to(phone, ".menu-toggle")
    phone.keyboard.press("Enter")
    follow(phone, f"#site-menu {link_to(site.address('networks_index', 'en'), site)}")
    assert phone.url == site.address("networks_index", "en")
