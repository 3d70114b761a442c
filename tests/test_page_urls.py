"""Page addresses built from the cached home paths (``partnerships.page_urls``) are exactly Wagtail's."""

import pytest
from django.test import RequestFactory
from wagtail.models import Page, Site

from partnerships import page_urls
from partnerships.models import StandardPage

from .builders import add_page, home_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def partnership_data(db):
    """The partnership data, loaded in the test's transaction (the module's other world is the real content)."""
    from partnerships.loading.data import load_partnership_data

    load_partnership_data()


def visitor_request(path="/en/"):
    """A request as the routing middleware leaves it: its Wagtail site found."""
    request = RequestFactory().get(path, HTTP_HOST="localhost")
    request._wagtail_site = Site.find_for_request(request)
    return request


def wagtails(page, request):
    """Wagtail's own answers, past the override on the content page models."""
    return Page.get_url_parts(page, request), Page.get_url(page, request), Page.get_full_url(page, request)


def ours(page, request):
    return page_urls.url_parts(page, request), page_urls.relative_url(page, request), page_urls.full_url(page, request)


def test_every_page_of_the_site_has_wagtails_address_in_every_language(loaded_content):
    """All pages of the real content, specific and not, drafts included: the same parts, path and full address."""
    request = visitor_request()
    pages = list(Page.objects.filter(depth__gte=2).order_by("path"))
    specific = list(Page.objects.filter(depth__gte=2).order_by("path").specific())
    languages = {page.locale.language_code for page in pages}
    assert len(pages) > 100 and languages == {"en", "tr", "sv"}
    placed = 0
    for page in [*pages, *specific]:
        assert ours(page, request) == wagtails(page, request), page.url_path
        assert page.get_url(request) == Page.get_url(page, request)
        placed += page_urls.url_parts(page, request) is not None
    assert placed == len(pages) * 2, "every page was placed from the home paths, none left to Wagtail"


def test_a_slug_with_letters_beyond_ascii_is_quoted_as_wagtail_quotes_it(partnership_data):
    """The admin keeps slugs ASCII, but a page saved in code may have any letter in its slug."""
    page = home_page().add_child(instance=Page(title="Şırnak ili", slug="şırnak-ili"))
    request = visitor_request()
    assert ours(page, request) == wagtails(page, request)
    assert page_urls.relative_url(page, request) == "/en/%C5%9F%C4%B1rnak-ili/"


def test_pages_outside_a_language_home_and_requests_without_a_site_are_left_to_wagtail(partnership_data):
    """A page beside the home page (not under any site root) and a request that was never routed."""
    outside = Page.get_first_root_node().add_child(instance=Page(title="Elsewhere", slug="elsewhere"))
    inside = add_page(home_page(), StandardPage, "Inside")
    request = visitor_request()
    assert page_urls.url_parts(outside, request) is None
    assert ours(outside, request) == wagtails(outside, request)
    unrouted = RequestFactory().get("/en/", HTTP_HOST="localhost")
    assert page_urls.url_parts(inside, unrouted) is None
    assert page_urls.relative_url(inside, unrouted) == Page.get_url(inside, unrouted) == "/en/inside/"
    assert page_urls.url_parts(inside, None) is None
    assert page_urls.relative_url(inside, None) == Page.get_url(inside, None)


def test_a_page_moved_under_another_parent_gets_its_new_address(partnership_data):
    """The home paths are cached; a page's own address comes from its row, so a move is seen at once."""
    home = home_page()
    first, second = add_page(home, StandardPage, "First"), add_page(home, StandardPage, "Second")
    child = add_page(first, StandardPage, "Child")
    request = visitor_request()
    assert page_urls.relative_url(child, request) == "/en/first/child/"
    child.move(second, pos="last-child")
    child.refresh_from_db()
    assert page_urls.relative_url(child, visitor_request()) == "/en/second/child/" == Page.get_url(child, request)
