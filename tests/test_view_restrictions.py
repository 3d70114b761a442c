"""A view restriction protects its branch at once; search and lists leave restricted pages out."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import translation
from wagtail.models import Page, PageViewRestriction
from wagtail_localize.models import TranslationSource

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


# Every language version (tusenet/editorial/restrictions.py)


def versions(page):
    """The page's versions by language code."""
    return {
        version.locale.language_code: version for version in Page.objects.filter(translation_key=page.translation_key)
    }


def found_by_search(client, version):
    """The search page of the version's language, asked for its title."""
    with translation.override(version.locale.language_code):
        return client.get(reverse("search"), {"q": version.title}).content.decode()


def test_a_restriction_on_one_language_protects_every_version_of_the_page(client, pages):
    """Page, sitemap, search and API: the Turkish and Swedish versions of a restricted English page are not public."""
    about = versions(pages["about"])
    assert set(about) == {"en", "tr", "sv"}
    assert all(version.url in found_by_search(client, version) for version in about.values())
    PageViewRestriction.objects.create(page=about["en"], restriction_type=PageViewRestriction.LOGIN)
    sitemap = client.get("/sitemap.xml").content.decode()
    for code, version in about.items():
        refused = client.get(version.url)
        assert refused.status_code == 302 and "login" in refused["Location"], code
        assert version.full_url not in sitemap, code
        assert client.get(f"/api/v2/pages/{version.pk}/").status_code == 404, code
        assert version.url not in found_by_search(client, version), code


def test_removing_the_restriction_opens_every_version_again(client, pages):
    about = versions(pages["about"])
    restriction = PageViewRestriction.objects.create(page=about["tr"], restriction_type=PageViewRestriction.LOGIN)
    assert client.get(about["en"].url).status_code == 302
    restriction.delete()
    assert not PageViewRestriction.objects.exists()
    assert all(client.get(version.url).status_code == 200 for version in about.values())


def test_a_sync_of_the_translations_keeps_a_restriction_set_on_a_translation(client, pages):
    """A moderator restricts the Swedish page; an editor's sync from English does not remove it."""
    about = versions(pages["about"])
    restriction = PageViewRestriction.objects.create(page=about["sv"], restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.set(Group.objects.filter(name="Moderators"))
    source = TranslationSource.objects.get_for_instance(about["en"])
    source.update_target_view_restrictions(about["sv"].locale)
    kept = PageViewRestriction.objects.get(page=about["sv"])
    assert kept.restriction_type == PageViewRestriction.GROUPS
    assert [group.name for group in kept.groups.all()] == ["Moderators"]
    assert client.get(about["sv"].url).status_code == 302


def test_deleting_one_version_leaves_the_others_restricted(pages):
    about = versions(pages["about"])
    PageViewRestriction.objects.create(page=about["en"], restriction_type=PageViewRestriction.LOGIN)
    about["tr"].delete()
    assert set(PageViewRestriction.objects.values_list("page_id", flat=True)) == {about["en"].pk, about["sv"].pk}
