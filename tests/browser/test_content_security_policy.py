"""With the Content-Security-Policy on, nothing is blocked: public pages, the page editor and its preview."""

import pytest

from partnerships.models import NetworkPage

pytestmark = pytest.mark.browser

#: Records every violation in every frame, the preview's included.
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
});
"""


def violations(page):
    found = []
    for frame in page.frames:
        found += frame.evaluate("window.__cspViolations || []")
    return found


def record_violations(page):
    """From the next page load on, collect the tab's policy violations and console messages."""
    page.context.add_init_script(RECORD_VIOLATIONS)
    messages = []
    page.on("console", lambda message: messages.append(message.text))
    page.csp_console = messages
    return page


@pytest.fixture
def recording_page(page):
    return record_violations(page)


def test_public_pages_run_under_the_strict_policy(recording_page, loaded_site):
    page = recording_page
    for path in ("/en/", "/tr/ortaklik-aglari/", "/sv/sok/?q=kalmar", "/en/no-such-page/"):
        page.goto(f"{loaded_site.url}{path}")
        assert page.evaluate("document.querySelector('script[src*=site]') !== null")
        assert violations(page) == [], path
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(f"{loaded_site.url}/en/")
    page.get_by_role("button", name="Menu").click()  # the site's own script runs under the policy
    assert page.get_by_role("button", name="Menu").get_attribute("aria-expanded") == "true"
    assert not [text for text in page.csp_console if "Content Security Policy" in text]


def test_editing_and_previewing_a_page_under_the_admin_policy(signed_in_admin, loaded_site):
    page = record_violations(signed_in_admin)
    network = NetworkPage.objects.get(locale__language_code="en", network__number=3)

    page.goto(f"{loaded_site.url}/admin/pages/{network.pk}/edit/")
    page.fill("#id_title", "Network 3, previewed")
    page.locator("[data-side-panel-toggle='preview']").click()
    preview = page.frame_locator("#w-preview-iframe")
    preview.locator("h1").filter(has_text="Network 3, previewed").wait_for(timeout=15000)

    assert violations(page) == []
    assert not [text for text in page.csp_console if "Content Security Policy" in text]
