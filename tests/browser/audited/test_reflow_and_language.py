"""Reflow at 320 px, text spacing, the language of each part, the map's text equivalent and the flags, in Chromium.

WCAG 1.4.10 (reflow): 320 CSS pixels wide is a 1280 px window at 400 % zoom; no page may scroll
sideways there. WCAG 1.4.12 (text spacing): with the spacing a reader may force through a user
stylesheet, no content may be cut off. WCAG 3.1.2 (language of parts): text in another language
than the page's carries its ``lang``. Every page type is checked in English, Turkish and Swedish.
"""

import pytest
from django.utils import translation

from partnerships.multilingual import NATIVE_NAMES

from .site import LANGUAGES, PAGE_KINDS, SEARCH_QUERY

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

#: The language in force (the nearest ``lang``) of every text node that contains the given text.
LANGUAGES_OF_TEXT = """text => {
  const languages = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    if (walker.currentNode.textContent.includes(text)) {
      languages.push(walker.currentNode.parentElement.closest("[lang]").getAttribute("lang"));
    }
  }
  return languages;
}"""


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


def expected_title(tab, kind, language):
    """The page's name as its heading says it, or the translated name of the search and the 404 page."""
    with translation.override(language):
        if kind == "search_results":
            return translation.gettext("Search results for “%(query)s”") % {"query": SEARCH_QUERY}
        if kind == "not_found":
            return translation.gettext("Page not found")
    return tab.locator("h1").inner_text()


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_language_of_every_part_and_the_title(site, tab, kind, language):
    """The switcher's links, fallback content and the title speak their language; flags are decorative."""
    tab.goto(site.address(kind, language))
    assert tab.locator("html").get_attribute("lang") == language

    links = tab.locator(".language-switcher a")
    assert links.count() == len(LANGUAGES)
    for index, code in enumerate(LANGUAGES):
        link = links.nth(index)
        assert link.get_attribute("lang") == code and link.get_attribute("hreflang") == code
        assert link.locator("span").first.inner_text() == NATIVE_NAMES[code]
        flag = link.locator("img")
        assert flag.get_attribute("alt") == "" and flag.get_attribute("aria-label") is None
    assert tab.locator(f'.language-switcher a[aria-current="true"][lang="{language}"]').count() == 1

    heading_language = tab.locator("h1").evaluate("h1 => h1.closest('[lang]').getAttribute('lang')")
    notice = tab.locator(".notice--untranslated")
    if (kind, language) in site.fallbacks:
        assert notice.count() == 1
        assert notice.evaluate("notice => notice.closest('[lang]').getAttribute('lang')") == language
        assert heading_language != language
        for part in tab.locator("main .intro, main .rich-text").all():
            assert part.get_attribute("lang") == heading_language
    else:
        assert notice.count() == 0
        assert heading_language == language

    assert tab.title() == f"{expected_title(tab, kind, language)} – Tusenet"


@pytest.mark.parametrize(
    ("kind", "name", "name_language", "page_languages"),
    [
        ("association", "Sveriges Kommuner och Regioner", "sv", ("en", "tr", "sv")),
        ("municipality", "Kalmar kommun", "sv", ("en", "tr", "sv")),
        ("untranslated_fallback", "İstanbul Büyükşehir Belediyesi", "tr", ("sv",)),
    ],
)
def test_names_in_another_language_carry_it(site, tab, kind, name, name_language, page_languages):
    """Official names quoted on a page of another language are marked with their own language."""
    for language in page_languages:
        tab.goto(site.address(kind, language))
        languages = tab.evaluate(LANGUAGES_OF_TEXT, name)
        assert languages and set(languages) == {name_language}, (language, name, languages)


def test_links_to_pages_in_another_language_carry_it(site, tab):
    """In Swedish, menu items and recent posts shown in English or Turkish are marked with that language."""
    tab.goto(site.address("home", "sv"))
    products = tab.locator(".site-menu").get_by_role("link", name="Tusenet Products", exact=True)
    assert products.get_attribute("lang") == "en"
    recent = tab.locator(".recent-posts a").all()  # posts have no Swedish translation
    assert recent and all(link.get_attribute("lang") in ("en", "tr") for link in recent)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("kind", ["network", "networks_index", "directory_filtered"])
def test_map_has_a_text_equivalent(site, tab, kind, language):
    """The map is named and described, and every point on it is also a link in the text of the page."""
    tab.goto(site.address(kind, language))
    figure = tab.locator("main figure.map-figure")
    svg = figure.locator("svg.map")
    assert svg.get_attribute("aria-label")
    description = figure.locator("figcaption")
    assert svg.get_attribute("aria-describedby") == description.get_attribute("id")
    assert description.is_visible()
    in_text = {link.get_attribute("href") for link in tab.locator("main a:not(figure a)").all()}
    points = svg.locator("a.map__partner")
    assert points.count() >= 4
    for point in points.all():
        assert point.get_attribute("aria-label")
        assert point.get_attribute("href") in in_text, point.get_attribute("aria-label")
