"""Reflow at 320 px, text spacing and the map's shown description, in Chromium.

WCAG 1.4.10 (reflow): 320 CSS pixels wide is a 1280 px window at 400 % zoom; no page may scroll
sideways there. WCAG 1.4.12 (text spacing): with the spacing a reader may force through a user
stylesheet, no content may be cut off. Every page type is checked in English, Turkish and Swedish.

The language of each part (WCAG 3.1.2), the switcher, the titles, the flags' text alternatives and the
map's text equivalent are facts of the HTML as served: ``tests/test_language_of_parts.py`` reads them
with Django's test client, for the same pages in the same languages.
"""

import pytest

from .site import LANGUAGES, PAGE_KINDS

pytestmark = pytest.mark.browser

#: The spacing WCAG 1.4.12 says a reader may set, as the W3C's own test bookmarklet sets it.
TEXT_SPACING_CSS = """
* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; }
p { margin-bottom: 2em !important; }
"""

#: How the tests name an element in a failure message.
DESCRIBE = """
  const describe = element => {
    const classes = String(element.className.baseVal ?? element.className).trim().replace(/\\s+/g, ".");
    const text = (element.textContent || "").trim().slice(0, 40);
    return `${element.tagName.toLowerCase()}${classes ? "." + classes : ""} “${text}”`;
  };
"""

#: The page's scroll width and every visible element that reaches past the left or right edge.
SIDEWAYS = (
    "() => {"
    + DESCRIBE
    + """
  const width = document.documentElement.clientWidth;
  const outside = [];
  for (const element of document.body.querySelectorAll("*")) {
    if (element.closest(".visually-hidden")) continue;
    const box = element.getBoundingClientRect();
    if (box.width === 0 && box.height === 0) continue;
    if (box.left < -0.5 || box.right > width + 0.5) {
      outside.push(`${describe(element)}: ${Math.round(box.left)} to ${Math.round(box.right)} px`);
    }
  }
  return {scrollWidth: document.documentElement.scrollWidth, width, outside};
}"""
)

#: Visible elements that hold text and cut off what does not fit (overflow other than visible).
CLIPPED = (
    "() => {"
    + DESCRIBE
    + """
  const clipped = [];
  for (const element of document.body.querySelectorAll("*")) {
    if (element.closest(".visually-hidden, svg") || !element.textContent.trim()) continue;
    const style = getComputedStyle(element);
    if (style.overflowX === "visible" && style.overflowY === "visible") continue;
    if (!element.getClientRects().length) continue;
    const [width, height] = [element.clientWidth, element.clientHeight];
    if (element.scrollHeight > height + 1 || element.scrollWidth > width + 1) {
      clipped.push(`${describe(element)}: ${element.scrollWidth}×${element.scrollHeight} in ${width}×${height}`);
    }
  }
  return clipped;
}"""
)


@pytest.fixture(scope="module")
def narrow_tab(browser):
    """320 CSS px wide: a 1280 px window zoomed to 400 %."""
    context = browser.new_context(viewport={"width": 320, "height": 640})
    yield context.new_page()
    context.close()


@pytest.fixture(scope="module")
def spaced_tab(browser):
    """320 px wide, with the text spacing of WCAG 1.4.12 forced by an added stylesheet.

    ``bypass_csp``: the site's Content-Security-Policy allows stylesheets from the site only, so it
    would refuse the inline stylesheet that stands in for a reader's own (a browser extension or
    user stylesheet is not subject to the page's policy). Only this tab bypasses it.
    """
    context = browser.new_context(viewport={"width": 320, "height": 640}, bypass_csp=True)
    yield context.new_page()
    context.close()


@pytest.fixture(scope="module")
def tab(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


def open_menu(tab):
    """Open the phone menu, so that its items are measured too."""
    button = tab.locator(".menu-toggle")
    if button.is_visible():
        button.click()
        assert tab.locator("#site-menu").is_visible()


def assert_nothing_sideways(tab, where):
    measured = tab.evaluate(SIDEWAYS)
    assert measured["scrollWidth"] <= measured["width"], f"{where} scrolls sideways: {measured}"
    assert not measured["outside"], f"{where}: elements reach past the edge: {measured['outside']}"


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_no_page_scrolls_sideways_at_320_px(site, narrow_tab, kind, language):
    """At 320 px (400 % zoom) nothing reaches past the edges, with the phone menu closed and open."""
    narrow_tab.goto(site.address(kind, language))
    assert_nothing_sideways(narrow_tab, f"{kind} ({language})")
    open_menu(narrow_tab)
    assert_nothing_sideways(narrow_tab, f"{kind} ({language}) with the menu open")


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_text_spacing_cuts_nothing_off(site, spaced_tab, kind, language):
    """With WCAG 1.4.12's line, paragraph, letter and word spacing at 320 px, no text is clipped or pushed aside."""
    spaced_tab.goto(site.address(kind, language))
    spaced_tab.add_style_tag(content=TEXT_SPACING_CSS)
    assert spaced_tab.evaluate("getComputedStyle(document.body).wordSpacing") != "0px"  # the stylesheet applies
    open_menu(spaced_tab)
    assert_nothing_sideways(spaced_tab, f"{kind} ({language}) with wider text spacing")
    clipped = spaced_tab.evaluate(CLIPPED)
    assert not clipped, f"{kind} ({language}): text cut off with wider spacing: {clipped}"
    for link in spaced_tab.locator(".site-menu a, .language-switcher a").all():
        assert link.is_visible(), link.inner_text()


def test_the_measures_see_what_they_look_for(site, narrow_tab, spaced_tab):
    """The reflow and spacing checks are real: a box wider than the screen, and text cut off, are reported."""
    heading = "h1 “Tusenet Municipal Partnership Networks”"
    narrow_tab.goto(site.address("home", "en"))
    narrow_tab.locator("main h1").evaluate("h1 => { h1.style.width = '400px'; }")
    measured = narrow_tab.evaluate(SIDEWAYS)
    assert measured["scrollWidth"] > measured["width"]
    assert [entry.split(":")[0] for entry in measured["outside"]] == [heading]
    spaced_tab.goto(site.address("home", "en"))
    spaced_tab.locator("main h1").evaluate("h1 => { h1.style.height = '1em'; h1.style.overflow = 'hidden'; }")
    assert [entry.split(":")[0] for entry in spaced_tab.evaluate(CLIPPED)] == [heading]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("kind", ["network", "networks_index", "directory_filtered"])
def test_the_map_description_is_shown(site, tab, kind, language):
    """The map's description is visible on the page (Playwright's visibility: a box, not hidden by style).

    That the map is named, described by this caption and that its points are links of the text is read
    from the HTML (``tests/test_language_of_parts.py``).
    """
    tab.goto(site.address(kind, language))
    assert tab.locator("main figure.map-figure figcaption").is_visible()
