"""The page cache serves anonymous views until what they show changes, and evicts exactly that."""

import gzip
import time

import pytest
from django.core.cache import cache
from django.test import Client, RequestFactory
from wagtail.models import Locale, Page

from partnerships import cache_tags, page_cache
from partnerships.models import Municipality, PostPage

from .builders import add_page, translate

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(small_site, settings):
    """The small site: every page in English and Turkish; home, about, the indexes, network 1, Stockholm in Swedish."""
    settings.TUSENET_PAGE_CACHE = True
    return small_site


@pytest.fixture
def swedish_network_3(site):
    """Network 3 in Swedish too (the small site has it in English and Turkish only)."""
    return translate(fresh(site["networks"][3]), "sv")


def url_in(page, code):
    return Page.objects.get(translation_key=page.translation_key, locale__language_code=code).url


def cache_status(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.headers.get("X-Page-Cache")


def warm(client, urls):
    for url in urls:
        client.get(url)
        assert cache_status(client, url) == "hit", url


def fresh(page):
    return Page.objects.get(pk=page.pk).specific


def test_anonymous_views_come_from_the_cache_unchanged(client, site):
    url = site["networks"][3].url
    first = client.get(url)
    assert first.headers["X-Page-Cache"] == "miss"
    second = client.get(url)
    assert second.headers["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]
    assert second["Content-Language"] == "en"


def test_publishing_evicts_the_page_in_every_language_and_where_it_is_listed(
    client, site, swedish_network_3, django_capture_on_commit_callbacks
):
    network = site["networks"][3]
    affected = [url_in(network, code) for code in ("en", "tr", "sv")]
    affected += [url_in(site["networks_index"], code) for code in ("en", "tr", "sv")]
    affected.append(site["municipalities"]["kalmar"].url)  # Kalmar is a member of network 3
    affected.append(site["networks"][1].url)  # its menu lists the other networks of its section
    unaffected = [site["about"].url, site["products"].url, site["municipalities"]["nacka"].url]
    warm(client, affected + unaffected)

    with django_capture_on_commit_callbacks(execute=True):
        page = fresh(network)
        page.title = "Network 3, renamed"
        page.save_revision().publish()

    for url in affected:
        assert cache_status(client, url) == "miss", url
    for url in unaffected:
        assert cache_status(client, url) == "hit", url
    assert "Network 3, renamed" in client.get(site["networks_index"].url).content.decode()
    assert "Network 3, renamed" in client.get(site["municipalities"]["kalmar"].url).content.decode()


def test_saving_a_draft_evicts_nothing(client, site, django_capture_on_commit_callbacks):
    url = site["networks"][3].url
    warm(client, [url])
    with django_capture_on_commit_callbacks(execute=True):
        page = fresh(site["networks"][3])
        page.title = "Not yet"
        page.save_revision()
    assert cache_status(client, url) == "hit"
    assert "Not yet" not in client.get(url).content.decode()


def test_unpublishing_a_post_removes_it_from_every_page_that_listed_it(
    client, site, django_capture_on_commit_callbacks
):
    # A post in English only: the small site's post is in Turkish too, which its English address would fall back to.
    post = add_page(fresh(site["posts_index"]), PostPage, "A post in English only")
    others = [site["posts_index"].url, site["about"].url, site["networks"][1].url]
    warm(client, [post.url, *others])
    assert post.title in client.get(site["about"].url).content.decode()  # the recent posts beside every page

    with django_capture_on_commit_callbacks(execute=True):
        fresh(post).unpublish()

    assert client.get(post.url).status_code == 404
    for url in others:
        response = client.get(url)
        assert response.headers["X-Page-Cache"] == "miss", url
        assert post.title not in response.content.decode(), url


def test_a_new_post_appears_at_once_on_pages_listing_recent_posts(client, site, django_capture_on_commit_callbacks):
    about = site["about"].url
    warm(client, [about])
    with django_capture_on_commit_callbacks(execute=True):
        add_page(fresh(site["posts_index"]), PostPage, "A brand new post")
    response = client.get(about)
    assert response.headers["X-Page-Cache"] == "miss"
    assert "A brand new post" in response.content.decode()


def test_a_new_translation_replaces_the_fallback_in_that_language(client, site, django_capture_on_commit_callbacks):
    products = site["products"]  # a section of the menu that the small site has in English and Turkish only
    assert not Page.objects.filter(translation_key=products.translation_key, locale__language_code="sv").exists()
    swedish_home = url_in(site["home"], "sv")
    fallback = f"{swedish_home}{products.slug}/"
    warm(client, [fallback, swedish_home, products.url])
    assert 'lang="en"' in client.get(fallback).content.decode()
    assert f'href="{fallback}"' in client.get(swedish_home).content.decode()  # the menu links the fallback

    with django_capture_on_commit_callbacks(execute=True):
        translate(fresh(products), "sv")

    swedish_products = url_in(products, "sv")
    assert client.get(fallback).status_code == 302  # the fallback address now leads to the translation
    home = client.get(swedish_home)
    assert home.headers["X-Page-Cache"] == "miss"
    assert f'href="{swedish_products}"' in home.content.decode()
    english = client.get(products.url)
    assert english.headers["X-Page-Cache"] == "miss"
    assert f'href="{swedish_products}"' in english.content.decode()  # the switcher names the translation


def test_moving_a_page_evicts_its_old_and_new_places(client, site, django_capture_on_commit_callbacks):
    about, products = site["about"], site["products"]
    old_url = about.url
    warm(client, [old_url, site["home"].url, products.url])

    with django_capture_on_commit_callbacks(execute=True):
        fresh(about).move(fresh(products), pos="last-child")

    new_url = f"{products.url}{about.slug}/"
    old = client.get(old_url)
    assert (old.status_code, old["Location"]) == (301, new_url)  # Wagtail's automatic redirect
    assert client.get(new_url).status_code == 200
    home = client.get(site["home"].url)
    assert home.headers["X-Page-Cache"] == "miss"
    assert f'href="{old_url}"' not in home.content.decode()


def test_editing_partnership_data_evicts_exactly_the_pages_showing_it(
    client, site, swedish_network_3, django_capture_on_commit_callbacks
):
    kalmar = Municipality.objects.get(slug="kalmar")
    networks = site["networks"]
    affected = [
        site["municipalities"]["kalmar"].url,
        networks[3].url,
        networks[6].url,  # Kalmar is a member of networks 3 and 6
        url_in(networks[3], "sv"),
        site["municipalities_index"].url,
    ]
    unaffected = [networks[1].url, site["municipalities"]["nacka"].url, site["about"].url]
    warm(client, affected + unaffected)

    with django_capture_on_commit_callbacks(execute=True):
        kalmar.official_name = "Kalmar kommun (renamed)"
        kalmar.save()

    for url in affected:
        assert cache_status(client, url) == "miss", url
    for url in unaffected:
        assert cache_status(client, url) == "hit", url


def test_editors_queries_and_previews_are_never_served_from_the_cache(admin_client_logged_in, site):
    client = Client()
    url = site["networks"][3].url
    warm(client, [url])
    editor_view = admin_client_logged_in.get(url)
    assert editor_view.status_code == 200
    assert "X-Page-Cache" not in editor_view.headers
    assert "X-Page-Cache" not in client.get(f"{url}?swedish=kalmar").headers
    preview = admin_client_logged_in.get(f"/admin/pages/{site['networks'][3].pk}/edit/preview/")
    assert "X-Page-Cache" not in preview.headers


def test_errors_and_other_views_are_not_cached(client, site):
    assert client.get("/en/no-such-page/").status_code == 404
    assert "X-Page-Cache" not in client.get("/en/no-such-page/").headers
    assert "X-Page-Cache" not in client.get("/sitemap.xml").headers
    assert "X-Page-Cache" not in client.get("/healthz").headers


def test_a_host_django_refuses_is_refused_even_for_a_cached_page(client, site, settings):
    url = site["networks"][3].url
    settings.ALLOWED_HOSTS = ["tusenet.example"]
    warm(Client(HTTP_HOST="tusenet.example"), [url])
    assert client.get(url, HTTP_HOST="attacker.example").status_code == 400


def test_a_change_during_a_render_makes_that_render_stale(db):
    with cache_tags.recording() as render:
        cache_tags.note("page:1")
        cache_tags.evict("page:1")  # an editor publishes while the page is being rendered
    cache_tags.store("tusenet:test", "old", render, 60)
    assert cache_tags.get("tusenet:test") is None


def test_a_lost_change_time_makes_older_entries_stale(db):
    with cache_tags.recording() as render:
        cache_tags.note("page:1")
    cache_tags.store("tusenet:test", "value", render, 60)
    assert cache_tags.get("tusenet:test") == "value"
    cache.delete(cache_tags.CHANGED_PREFIX + "page:1")  # the cache dropped it (memory pressure, restart)
    assert cache_tags.get("tusenet:test") is None


def test_site_wide_menu_follows_a_renamed_section_without_the_page_cache(
    client, site, settings, django_capture_on_commit_callbacks
):
    settings.TUSENET_PAGE_CACHE = False
    client.get(site["about"].url)  # the menu is now a cached fragment
    with django_capture_on_commit_callbacks(execute=True):
        page = fresh(site["networks_index"])
        page.title = "All the networks"
        page.save_revision().publish()
    assert "All the networks" in client.get(site["about"].url).content.decode()


def test_swedish_pages_are_cached_and_evicted_like_english_ones(
    client, site, swedish_network_3, django_capture_on_commit_callbacks
):
    swedish_network = url_in(site["networks"][3], "sv")
    warm(client, [swedish_network])
    sv = Locale.objects.get(language_code="sv")
    with django_capture_on_commit_callbacks(execute=True):
        page = Page.objects.get(translation_key=site["networks"][3].translation_key, locale=sv).specific
        page.title = "Nätverk 3 – nytt namn"
        page.save_revision().publish()
    response = client.get(swedish_network)
    assert response.headers["X-Page-Cache"] == "miss"
    assert "Nätverk 3 – nytt namn" in response.content.decode()


def test_a_cached_page_is_sent_compressed_to_browsers_that_accept_it(client, site):
    url = site["networks"][3].url
    plain = client.get(url)
    compressed = client.get(url, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert compressed.headers["X-Page-Cache"] == "hit"
    assert compressed["Content-Encoding"] == "gzip"
    assert gzip.decompress(compressed.content) == plain.content
    assert "Accept-Encoding" in compressed["Vary"] and "Accept-Encoding" in plain["Vary"]


def test_entries_checked_after_a_change_need_one_round_trip_again(client, site, django_capture_on_commit_callbacks):
    """After an unrelated change, an entry is checked once, marked fresh, and then served as before."""
    url = site["municipalities"]["nacka"].url
    warm(client, [url])
    with django_capture_on_commit_callbacks(execute=True):
        page = fresh(site["networks"][3])
        page.save_revision().publish()
    checked = page_cache.cache_key(RequestFactory().get(url)) + cache_tags.CHECKED_SUFFIX
    rendered_at = cache.get(checked)
    assert cache.get(cache_tags.LAST_CHANGE_KEY) > rendered_at  # so its tags must be checked once
    assert cache_status(client, url) == "hit"
    assert cache.get(checked) == pytest.approx(cache_tags.now() - cache_tags.RECHECK_MARGIN, abs=500_000_000)


def test_network_lists_and_maps_follow_a_renamed_member(client, site, settings, django_capture_on_commit_callbacks):
    """The cached fragments (summaries, cards, maps) are evicted like pages: no stale name anywhere."""
    settings.TUSENET_PAGE_CACHE = False
    urls = [site["networks_index"].url, site["networks"][3].url]  # cards link pages by their titles
    for url in [site["home"].url, *urls]:
        assert "Kalmar" in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        kalmar = Municipality.objects.get(slug="kalmar")
        kalmar.name = "Kalmarsund"
        kalmar.save()
    index = client.get(site["networks_index"].url).content.decode()
    assert index.count("Kalmarsund") >= 2, "in the cards and on the map"
    for url in urls:
        assert "Kalmarsund" in client.get(url).content.decode(), url


def test_a_local_copy_is_only_used_while_the_cache_holds_the_same_entry(db):
    with cache_tags.recording() as first:
        cache_tags.note("page:1")
    cache_tags.store("tusenet:test", b"old page", first, 60, keep_local_copy=True)
    assert cache_tags.get("tusenet:test", keep_local_copy=True) == b"old page"

    time.sleep(0.01)
    with cache_tags.recording() as second:  # another worker renders the page again and stores it
        cache_tags.note("page:1")
    cache_tags.store("tusenet:test", b"new page", second, 60)
    assert cache_tags.get("tusenet:test", keep_local_copy=True) == b"new page"

    cache.clear()  # the cache lost everything: so does what this process may serve
    assert cache_tags.get("tusenet:test", keep_local_copy=True) is None


def test_without_a_shared_cache_fragments_are_computed_on_every_request(db, settings):
    """Production without Redis: another worker's evictions would not reach this one, so nothing is kept."""
    computed = []

    def compute():
        computed.append(1)
        return "menu"

    settings.TUSENET_FRAGMENT_CACHE = False
    assert [cache_tags.get_or_render("tusenet:test", compute, 60) for _ in range(2)] == ["menu", "menu"]
    assert len(computed) == 2 and cache.get("tusenet:test") is None
    settings.TUSENET_FRAGMENT_CACHE = True
    assert [cache_tags.get_or_render("tusenet:test", compute, 60) for _ in range(2)] == ["menu", "menu"]
    assert len(computed) == 3


@pytest.fixture
def cache_reads(monkeypatch):
    """The cache reads of fragments and pages (each one round trip to Redis), by the keys read."""
    reads = []
    read = cache_tags._get_many

    def counted(keys):
        reads.append(keys)
        return read(keys)

    monkeypatch.setattr(cache_tags, "_get_many", counted)
    return reads


def test_a_request_reads_the_cache_once_for_all_the_fragments_found_fresh_before(
    client, site, settings, monkeypatch, cache_reads, django_capture_on_commit_callbacks
):
    """Menus, lists and the site: one read of the last change time, not one read each; a change is seen at once."""
    settings.TUSENET_PAGE_CACHE = False
    monkeypatch.setattr(cache_tags, "RECHECK_MARGIN", 0)  # one clock here: no margin for other servers'
    url = site["about"].url
    client.get(url)  # renders and stores the fragments
    client.get(url)  # finds them fresh
    cache_reads.clear()
    assert client.get(url).status_code == 200
    assert cache_reads == [[cache_tags.LAST_CHANGE_KEY]]

    with django_capture_on_commit_callbacks(execute=True):
        page = fresh(site["networks_index"])
        page.title = "All the networks"
        page.save_revision().publish()
    cache_reads.clear()
    assert "All the networks" in client.get(url).content.decode()
    assert len(cache_reads) > 1, "after a change, every fragment is checked again"


def test_a_change_made_during_a_request_is_seen_by_the_rest_of_that_request(db, monkeypatch):
    monkeypatch.setattr(cache_tags, "RECHECK_MARGIN", 0)
    with cache_tags.recording() as render:
        cache_tags.note("page:1")
    cache_tags.store("tusenet:test", "menu", render, 60, keep_local_copy=True)
    with cache_tags.request_scope():
        assert cache_tags.get("tusenet:test", keep_local_copy=True) == "menu"  # checked: fresh
    with cache_tags.request_scope():
        assert cache_tags.get("tusenet:test", keep_local_copy=True) == "menu"  # without a check
        cache_tags.evict("page:1")
        assert cache_tags.get("tusenet:test", keep_local_copy=True) is None


def test_outside_a_request_every_local_copy_is_checked(db, monkeypatch, cache_reads):
    monkeypatch.setattr(cache_tags, "RECHECK_MARGIN", 0)
    with cache_tags.recording() as render:
        cache_tags.note("page:1")
    cache_tags.store("tusenet:test", "menu", render, 60, keep_local_copy=True)
    for _ in range(3):
        assert cache_tags.get("tusenet:test", keep_local_copy=True) == "menu"
    assert len(cache_reads) == 3


def test_a_process_keeps_at_most_local_copies_max_local_copies_dropping_the_oldest(db, monkeypatch):
    monkeypatch.setattr(cache_tags, "LOCAL_COPIES_MAX", 2)
    monkeypatch.setattr(cache_tags, "_local_copies", {})
    for key in ("tusenet:a", "tusenet:b", "tusenet:c"):
        with cache_tags.recording() as render:
            cache_tags.note("page:1")
        cache_tags.store(key, key, render, 60, keep_local_copy=True)
    assert list(cache_tags._local_copies) == ["tusenet:b", "tusenet:c"]
