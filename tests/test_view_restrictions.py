"""A view restriction protects its branch at once; search and lists leave restricted pages out."""

import pytest
from wagtail.models import PageViewRestriction

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages(small_site):
    """The small site, which restricts no page."""
    assert not PageViewRestriction.objects.exists()
    return small_site


@pytest.mark.parametrize("restriction_type", [PageViewRestriction.LOGIN, PageViewRestriction.PASSWORD])
def test_a_new_restriction_protects_the_branch_at_once_and_its_removal_opens_it(client, pages, restriction_type):
    """Saved, the restriction applies at the next request; deleted, the branch is open again."""
    section, network = pages["networks_index"], pages["networks"][3]
    assert client.get(network.url).status_code == 200
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


def test_search_leaves_out_restricted_pages(client, pages):
    search = "/en/search/?q=Kalmar"
    kalmar = pages["municipalities"]["kalmar"]
    assert kalmar.url in client.get(search).content.decode()
    PageViewRestriction.objects.create(page=kalmar, restriction_type=PageViewRestriction.LOGIN)
    assert kalmar.url not in client.get(search).content.decode()
