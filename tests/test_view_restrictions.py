"""Wagtail's view-restriction check is skipped while no page is restricted, and never when one is."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def without_page_cache(settings):
    """Pages rendered on every request: what is measured is the check, not the page cache."""
    settings.TUSENET_PAGE_CACHE = False


@pytest.fixture
def pages(small_site):
    """The small site, which restricts no page."""
    assert not PageViewRestriction.objects.exists()
    return small_site


def queries_of(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return response, len(queries)


def test_pages_skip_the_check_only_while_no_page_is_restricted(client, pages):
    """Two queries fewer while nothing is restricted; a restriction anywhere brings the full check back."""
    kalmar = pages["municipalities"]["kalmar"].url
    client.get(kalmar)
    unrestricted, skipped = queries_of(client, kalmar)
    PageViewRestriction.objects.create(page=pages["post"], restriction_type=PageViewRestriction.LOGIN)
    client.get(kalmar)
    restricted_elsewhere, checked = queries_of(client, kalmar)
    assert unrestricted.status_code == restricted_elsewhere.status_code == 200
    assert checked == skipped + 2


@pytest.mark.parametrize("restriction_type", [PageViewRestriction.LOGIN, PageViewRestriction.PASSWORD])
def test_a_new_restriction_protects_the_branch_at_once_and_its_removal_opens_it(client, pages, restriction_type):
    """The cached "nothing is restricted" answer is evicted by the restriction saved, and again by its deletion."""
    section, network = pages["networks_index"], pages["networks"][3]
    assert client.get(network.url).status_code == 200  # "nothing is restricted" is now cached
    restriction = PageViewRestriction.objects.create(
        page=section, restriction_type=restriction_type, password="a long shared password"
    )
    refused = client.get(network.url)
    assert network.title not in refused.content.decode()
    if restriction_type == PageViewRestriction.LOGIN:
        assert refused.status_code == 302 and "login" in refused["Location"]
    else:
        assert 'name="password"' in refused.content.decode()
    restriction.delete()
    reopened = client.get(network.url)
    assert reopened.status_code == 200 and network.title in reopened.content.decode()


def test_search_leaves_out_restricted_pages_with_one_query_more_only_when_there_are_some(client, pages):
    """``.public()`` reads every restriction to exclude their branches: not needed while there is none."""
    search = "/en/search/?q=Kalmar"
    client.get(search)
    found, skipped = queries_of(client, search)
    kalmar = pages["municipalities"]["kalmar"]
    assert kalmar.url in found.content.decode()
    PageViewRestriction.objects.create(page=pages["post"], restriction_type=PageViewRestriction.LOGIN)
    client.get(search)
    same_results, checked = queries_of(client, search)
    assert kalmar.url in same_results.content.decode() and checked == skipped + 1
    PageViewRestriction.objects.create(page=kalmar, restriction_type=PageViewRestriction.LOGIN)
    assert kalmar.url not in client.get(search).content.decode()
