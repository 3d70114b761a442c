"""Errors in the visitor's language, per-language metadata and dates, and the search page."""

import datetime
import re

import pytest
from django.test import RequestFactory
from django.utils import translation
from wagtail.models import Locale, Page

from partnerships.models import PostPage

from .builders import translate

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def site(small_site, django_db_blocker):
    """The small site, with the post in Swedish too and a fixed date; rolled back after the module."""
    pages = small_site
    with django_db_blocker.unblock():
        for page in (pages["posts_index"], pages["post"]):
            translate(page, "sv")
        PostPage.objects.filter(translation_key=pages["post"].translation_key).update(date=datetime.date(2026, 11, 26))
    return pages


def test_turkish_404_has_the_turkish_navigation_and_a_search_box(client, site):
    response = client.get("/tr/nope/")
    html = response.content.decode()
    assert response.status_code == 404
    assert '<html lang="tr">' in html
    assert "<title>Sayfa bulunamadı – Tusenet</title>" in html
    assert 'aria-label="Ana menü"' in html and 'href="/tr/partnership-networks-tr/"' in html
    assert '<form class="search-form" role="search" method="get" action="/tr/ara/">' in html


@pytest.mark.parametrize("path", ["/de/", "/de/about/", "/fr-ca/x/", "/zh-hans/", "/xx/"])
def test_unknown_language_prefix_answers_404_at_once(client, site, path):
    response = client.get(path, HTTP_ACCEPT_LANGUAGE="sv")
    assert response.status_code == 404
    assert '<html lang="sv">' in response.content.decode()


def test_unprefixed_address_is_sent_into_the_visitors_language(client, site):
    response = client.get("/partnership-networks/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 302 and response["Location"] == "/en/partnership-networks/"


@pytest.mark.parametrize(
    "path",
    [
        "/tr/%00/",
        "/tr/" + "a" * 3000 + "/",
        "/sv/..%2f..%2fetc/passwd",
        "/en/partnership-networks/%3Cscript%3E/",
        "/tr/%C4%B0stanbul/",
        "/sv/%ff%fe/",
        "/en/partnership-networks/network-1/extra/deeper/",
        "/en//",
    ],
)
def test_bogus_path_segments_answer_404_never_500(client, site, path):
    assert client.get(path).status_code == 404


@pytest.mark.parametrize(
    ("language", "heading"), [("en", "Server error"), ("tr", "Sunucu hatası"), ("sv", "Serverfel")]
)
def test_500_page_is_static_translated_and_needs_no_database(django_assert_num_queries, language, heading):
    from django.views.defaults import server_error

    request = RequestFactory().get(f"/{language}/")
    with translation.override(language), django_assert_num_queries(0):
        response = server_error(request)
    html = response.content.decode()
    assert response.status_code == 500
    assert f'<html lang="{language}">' in html and f"<h1>{heading}</h1>" in html


@pytest.mark.parametrize(
    ("language", "date"), [("en", "26 November 2026"), ("tr", "26 Kasım 2026"), ("sv", "26 november 2026")]
)
def test_dates_are_written_in_each_language(client, site, language, date):
    post = Page.objects.get(translation_key=site["post"].translation_key, locale__language_code=language)
    html = client.get(post.url).content.decode()
    assert f'<time datetime="2026-11-26">{date}</time>' in html


@pytest.mark.parametrize(("language", "og_locale"), [("en", "en_GB"), ("tr", "tr_TR"), ("sv", "sv_SE")])
def test_title_description_and_open_graph_are_in_the_page_language(client, site, language, og_locale):
    page = Page.objects.get(
        translation_key=site["networks"][1].translation_key, locale__language_code=language
    ).specific
    html = client.get(page.url).content.decode()
    assert f"<title>{page.title} – Tusenet</title>" in html
    assert f'<meta name="description" content="{page.intro}">' in html
    assert f'<meta property="og:locale" content="{og_locale}">' in html
    others = set(re.findall(r'<meta property="og:locale:alternate" content="(\w+)">', html))
    assert others == {"en_GB", "tr_TR", "sv_SE"} - {og_locale}
    assert f'<meta property="og:title" content="{page.title}">' in html


def test_search_finds_pages_of_the_current_language_at_a_translated_address(client, site):
    response = client.get("/sv/sok/", {"q": "Network 1"})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'value="Network 1"' in html
    results = response.context["results"]
    assert results.paginator.count >= 1
    assert {page.locale_id for page in results} == {Locale.objects.get(language_code="sv").pk}
    assert "sidor hittades" in html or "sida hittades" in html


@pytest.mark.parametrize("query", ["", "x" * 10_000, "\x00\x01\ufffe\ud7ff", "' OR 1=1 --", "İSTANBUL"])
def test_search_gives_a_normal_page_for_any_query(client, site, query):
    response = client.get("/tr/ara/", {"q": query})
    assert response.status_code == 200
    assert '<html lang="tr">' in response.content.decode()


def test_a_session_cookie_with_a_nul_character_counts_as_no_session(client):
    """On PostgreSQL the session lookup was a server error at the admin login (found by tests/test_fuzzing.py)."""
    response = client.get("/admin/login/", HTTP_COOKIE="sessionid=abcdefgh\x00ijkl; django_language=sv")
    assert response.status_code == 200
    assert "sessionid" not in response.wsgi_request.COOKIES
    assert response.wsgi_request.COOKIES["django_language"] == "sv"


@pytest.mark.parametrize(
    ("language", "short"),
    [("en", "3 Dec 2026, 14:37"), ("tr", "03 Ara 2026 14:37"), ("sv", "2026-12-03 14:37")],
)
def test_dates_in_the_admin_and_reports_are_day_first_in_every_language(language, short):
    """The English admin wrote 12/03/2026 2:37 p.m., which Swedish and Turkish readers take for 12 March."""
    from datetime import datetime

    from django.utils import translation
    from django.utils.formats import date_format

    moment = datetime(2026, 12, 3, 14, 37)
    with translation.override(language):
        assert date_format(moment, "SHORT_DATETIME_FORMAT") == short
