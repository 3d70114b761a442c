"""Menus, lists and maps are cached between requests, and every change that can alter a page shows at the next one.

Fragments are kept under the site's content version (``tusenet.caching``); publishing, unpublishing,
moving, deleting, restricting a page and saving partnership data change the version.
"""

import datetime

import pytest
from django.db import connection
from django.http import HttpResponse
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale, Page

from partnerships.models import Municipality, PostPage
from tusenet.caching import content_version, fragments

from .builders import add_page, translate

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(small_site):
    """The small site: every page in English and Turkish; home, about, the indexes, network 1, Stockholm in Swedish."""
    return small_site


def url_in(page, code):
    return Page.objects.get(translation_key=page.translation_key, locale__language_code=code).url


def fresh(page):
    return Page.objects.get(pk=page.pk).specific


def html(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_a_fragment_is_rendered_once_per_content_version(db):
    renders = []

    def render():
        renders.append(1)
        return "menu"

    assert [fragments.get_or_render("menu", ["en"], render) for _ in range(2)] == ["menu", "menu"]
    assert len(renders) == 1
    assert fragments.get_or_render("menu", ["tr"], render) == "menu"  # other parts, another fragment
    assert len(renders) == 2
    content_version.change()
    fragments.get_or_render("menu", ["en"], render)
    assert len(renders) == 3


def test_a_second_view_of_a_page_reads_its_fragments_from_the_cache(client, site):
    url = site["networks"][3].url
    with CaptureQueriesContext(connection) as first:
        client.get(url)
    with CaptureQueriesContext(connection) as second:
        client.get(url)
    assert len(second) < len(first)


def test_a_page_reads_the_content_version_from_the_cache_once(client, site, monkeypatch):
    """Not once per fragment: with Redis each read is a round trip."""
    reads = []
    original = content_version.read
    monkeypatch.setattr(content_version, "read", lambda: reads.append(1) or original())
    assert client.get(site["home"].url).status_code == 200
    assert len(reads) == 1


def test_a_change_made_during_a_request_is_seen_by_the_rest_of_that_request(db):
    seen = []

    def view(request):
        seen.append(content_version.current())
        content_version.change()
        seen.append(content_version.current())
        return HttpResponse()

    content_version.OneVersionPerRequestMiddleware(view)(RequestFactory().get("/"))
    assert seen[0] != seen[1]


def test_without_a_shared_cache_fragments_are_rendered_on_every_request(db, settings):
    """Production without Redis: another worker's version changes would not reach this one, so nothing is kept."""
    renders = []
    settings.TUSENET_FRAGMENT_CACHE = False
    for _ in range(2):
        fragments.get_or_render("menu", ["en"], lambda: renders.append(1))
    assert len(renders) == 2


def test_a_change_saved_in_a_transaction_changes_the_version_again_at_its_commit(
    db, django_capture_on_commit_callbacks
):
    """A render that read the data before the commit must not be kept under the version the change set."""
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        content_version.change()
        during = content_version.current()
    for callback in callbacks:
        callback()
    assert content_version.current() != during


def test_publishing_shows_where_the_page_is_listed_and_where_it_stands_in_for_a_translation(
    client, site, django_capture_on_commit_callbacks
):
    network = site["networks"][3]  # in English and Turkish: the Swedish index shows the English one
    listing = [url_in(site["networks_index"], code) for code in ("en", "sv")]
    listing += [site["municipalities"]["kalmar"].url, site["networks"][1].url]  # a member; a page of its section
    for url in listing:
        html(client, url)
    with django_capture_on_commit_callbacks(execute=True):
        page = fresh(network)
        page.title = "Network 3, renamed"
        page.save_revision().publish()
    for url in listing:
        assert "Network 3, renamed" in html(client, url), url


def test_unpublishing_a_post_removes_it_from_every_page_that_listed_it(
    client, site, django_capture_on_commit_callbacks
):
    # A post in English only: the small site's post is in Turkish too, which its English address would fall back to.
    post = add_page(fresh(site["posts_index"]), PostPage, "A post in English only", date=datetime.date.today())
    others = [site["posts_index"].url, site["about"].url, site["networks"][1].url]
    for url in others:
        assert post.title in html(client, url), url  # the recent posts beside every page
    with django_capture_on_commit_callbacks(execute=True):
        fresh(post).unpublish()
    assert client.get(post.url).status_code == 404
    for url in others:
        assert post.title not in html(client, url), url


def test_a_new_post_appears_at_once_on_pages_listing_recent_posts(client, site, django_capture_on_commit_callbacks):
    about = site["about"].url
    html(client, about)
    with django_capture_on_commit_callbacks(execute=True):
        add_page(fresh(site["posts_index"]), PostPage, "A brand new post", date=datetime.date.today())
    assert "A brand new post" in html(client, about)


def test_a_new_translation_replaces_the_fallback_in_that_language(client, site, django_capture_on_commit_callbacks):
    products = site["products"]  # a section of the menu that the small site has in English and Turkish only
    assert not Page.objects.filter(translation_key=products.translation_key, locale__language_code="sv").exists()
    swedish_home = url_in(site["home"], "sv")
    fallback = f"{swedish_home}{products.slug}/"
    assert 'lang="en"' in html(client, fallback)
    assert f'href="{fallback}"' in html(client, swedish_home)  # the menu links the fallback
    with django_capture_on_commit_callbacks(execute=True):
        translate(fresh(products), "sv")
    swedish_products = url_in(products, "sv")
    assert client.get(fallback).status_code == 302  # the fallback address now leads to the translation
    assert f'href="{swedish_products}"' in html(client, swedish_home)
    assert f'href="{swedish_products}"' in html(client, products.url)  # the switcher names the translation


def test_moving_a_page_shows_in_its_old_and_new_places(client, site, django_capture_on_commit_callbacks):
    about, products = site["about"], site["products"]
    old_url = about.url
    assert f'href="{old_url}"' in html(client, site["home"].url)
    with django_capture_on_commit_callbacks(execute=True):
        fresh(about).move(fresh(products), pos="last-child")
    new_url = f"{products.url}{about.slug}/"
    old = client.get(old_url)
    assert (old.status_code, old["Location"]) == (301, new_url)  # Wagtail's automatic redirect
    assert client.get(new_url).status_code == 200
    assert f'href="{old_url}"' not in html(client, site["home"].url)


def test_deleting_a_page_removes_it_from_the_menus(client, site, django_capture_on_commit_callbacks):
    post = add_page(fresh(site["posts_index"]), PostPage, "A post soon deleted", date=datetime.date.today())
    assert post.title in html(client, site["about"].url)
    with django_capture_on_commit_callbacks(execute=True):
        fresh(post).delete()
    assert post.title not in html(client, site["about"].url)


def test_network_lists_and_maps_follow_a_renamed_member(client, site, django_capture_on_commit_callbacks):
    """The cached fragments (summaries, cards, maps) change with the data: no stale name anywhere."""
    urls = [site["networks_index"].url, site["networks"][3].url, site["networks"][6].url]
    for url in [site["home"].url, *urls]:  # the home page's map and cards are cached too
        assert "Kalmar" in html(client, url)
    with django_capture_on_commit_callbacks(execute=True):
        kalmar = Municipality.objects.get(slug="kalmar")
        kalmar.name = "Kalmarsund"
        kalmar.save()
    assert html(client, site["networks_index"].url).count("Kalmarsund") >= 2, "in the cards and on the map"
    for url in urls:
        assert "Kalmarsund" in html(client, url), url


def test_swedish_pages_follow_a_change_like_english_ones(client, site, django_capture_on_commit_callbacks):
    swedish_home = url_in(site["home"], "sv")
    html(client, swedish_home)
    sv = Locale.objects.get(language_code="sv")
    with django_capture_on_commit_callbacks(execute=True):
        page = Page.objects.get(translation_key=site["networks_index"].translation_key, locale=sv).specific
        page.title = "Alla nätverken"
        page.save_revision().publish()
    assert "Alla nätverken" in html(client, swedish_home)


def test_a_fragment_read_from_a_replica_is_not_kept(db):
    """A replica may not have replayed the last change: what it gave is used once, never stored."""
    from tusenet.connections.db_router import replica_reads

    renders = []
    with replica_reads():
        for _ in range(2):
            fragments.get_or_render("menu", ["en"], lambda: renders.append(1))
    assert len(renders) == 2


@pytest.fixture
def purged(monkeypatch):
    """The lists of addresses wagtail.contrib.frontend_cache was asked to purge (none is sent anywhere)."""
    purges = []
    monkeypatch.setattr("wagtail.contrib.frontend_cache.utils.purge_urls_from_cache", purges.append)
    return purges


@pytest.fixture
def http_cache(settings):
    """An HTTP cache in front, as FRONTEND_CACHE configures it in production."""
    settings.WAGTAILFRONTENDCACHE = {
        "front": {"BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend", "LOCATION": "http://127.0.0.1:9"}
    }


def test_a_change_purges_every_public_address_from_the_http_cache_once_per_transaction(
    site, http_cache, purged, django_capture_on_commit_callbacks
):
    """Through wagtail.contrib.frontend_cache: every language's pages, fallback addresses and site-wide documents."""
    from tusenet.i18n import multilingual

    with django_capture_on_commit_callbacks(execute=True):
        page = fresh(site["networks"][3])
        page.title = "Network 3, purged"
        page.save_revision().publish()
        kalmar = Municipality.objects.get(slug="kalmar")
        kalmar.save()
    assert len(purged) == 1, "one purge for the whole transaction"
    paths = {url.removeprefix("http://localhost") for url in purged[0]}
    swedish = Locale.objects.get(language_code="sv")
    fallback = multilingual.fallback_urls([site["networks"][3]], swedish)[site["networks"][3].pk]
    expected = {site["networks"][3].url, url_in(site["networks"][3], "tr"), fallback, "/", "/sitemap.xml", "/sv/"}
    assert expected <= paths


def test_without_an_http_cache_configured_nothing_is_purged(site, purged, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        fresh(site["about"]).save_revision().publish()
    assert purged == []


def test_a_rolled_back_change_does_not_hold_back_the_next_purge(
    site, http_cache, purged, django_capture_on_commit_callbacks
):
    from django.db import transaction

    with django_capture_on_commit_callbacks(execute=False), transaction.atomic():
        fresh(site["about"]).save_revision().publish()
        transaction.set_rollback(True)  # the purge it registered is discarded with it
    with django_capture_on_commit_callbacks(execute=True):
        fresh(site["about"]).save_revision().publish()
    assert len(purged) == 1
