"""Search on the real content: case and accents ignored, structured data found, languages ordered."""

import re

import pytest
from wagtail.models import Page

from partnerships.search import fold, highlight

pytestmark = pytest.mark.django_db


def titles(client, language, query, page=None):
    path = {"en": "/en/search/", "tr": "/tr/ara/", "sv": "/sv/sok/"}[language]
    params = {"q": query, **({"page": page} if page else {})}
    response = client.get(path, params)
    assert response.status_code == 200
    return [re.sub(r"<[^>]+>", "", str(result.title)) for result in response.context["shown"]], response


@pytest.mark.parametrize("query", ["istanbul", "İSTANBUL", "Istanbul", "i̇stanbul", "İstanbul"])
def test_every_spelling_of_istanbul_finds_it(client, loaded_content, query):
    found, _response = titles(client, "en", query)
    assert "İstanbul Metropolitan Municipality" in found


@pytest.mark.parametrize(
    ("query", "title"),
    [
        ("sirnak", "Şırnak Municipality"),
        ("ŞIRNAK", "Şırnak Municipality"),
        ("umea", "Umeå Municipality"),
        ("malmo", "Malmö Municipality"),
        ("buyukcekmece", "Büyükçekmece Municipality"),
    ],
)
def test_folded_queries_find_turkish_and_swedish_names(client, loaded_content, query, title):
    found, _response = titles(client, "en", query)
    assert title in found, found


def test_provinces_and_counties_from_the_data_are_searchable(client, loaded_content):
    found, _response = titles(client, "en", "Bursa")
    assert {"Nilüfer Municipality", "Osmangazi Municipality", "Yıldırım Municipality"} <= set(found)
    assert any(title.startswith("Network 2") for title in found)
    found, _response = titles(client, "en", "Västerbottens")
    assert "Umeå Municipality" in found


def test_current_language_first_then_pages_only_in_another_language_labelled(client, loaded_content):
    found, response = titles(client, "sv", "sirnak")
    shown = response.context["shown"]
    # Network 5's Swedish page names Şırnak among its members; Şırnak's own page has no Swedish version.
    assert [result.other_language for result in shown] == ["", "en"]
    assert found[0].startswith("Nätverk 5") and found[1] == "Şırnak Municipality"
    html = response.content.decode()
    assert '<li lang="en">' in html and "På engelska" in html
    assert shown[1].page.fallback_url.startswith("/sv/")
    found, response = titles(client, "tr", "istanbul")
    languages = [result.page.locale.language_code for result in response.context["shown"]]
    assert languages and languages == sorted(languages, key=lambda code: code != "tr")
    assert "İstanbul Büyükşehir Belediyesi" in found


def test_a_page_translated_into_the_current_language_is_listed_once(client, loaded_content):
    _found, response = titles(client, "sv", "Stockholm")
    keys = [result.page.translation_key for result in response.context["shown"]]
    assert len(keys) == len(set(keys))


def test_results_are_counted_paginated_highlighted_and_keep_the_query(client, loaded_content):
    found, response = titles(client, "en", "municipality")
    assert response.context["count"] > 10 and len(found) == 10
    html = response.content.decode()
    assert 'value="municipality"' in html and "<mark>Municipality</mark>" in html
    second, response = titles(client, "en", "municipality", page=2)
    assert second and not set(second) & set(found)


def test_nothing_found_says_so(client, loaded_content):
    found, response = titles(client, "tr", "qqqzzzxxyy")
    assert found == [] and response.context["count"] == 0


def test_fold_and_highlight():
    assert fold("İSTANBUL Şırnak Umeå Malmö Büyükçekmece") == "istanbul sirnak umea malmo buyukcekmece"
    assert str(highlight("Şırnak <b>", ["sirnak"])) == "<mark>Şırnak</mark> &lt;b&gt;"
    assert str(highlight("İstanbul", ["istanbul"])) == "<mark>İstanbul</mark>"


def test_a_renamed_municipality_is_found_by_its_new_name(client, loaded_content):
    from django.db import transaction

    from partnerships.models import Municipality

    with transaction.atomic():
        municipality = Municipality.objects.get(slug="umea")
        municipality.region = "Norrbottensgränsen"
        municipality.save()
        found, _response = titles(client, "en", "norrbottensgransen")
        assert "Umeå Municipality" in found
        transaction.set_rollback(True)
    assert Page.objects.exists()


@pytest.mark.parametrize(
    ("address", "redirected_to"),
    [
        ("/sv/search/?q=kalmar&page=2", "/sv/sok/?q=kalmar&page=2"),
        ("/tr/sok/", "/tr/ara/"),
        ("/en/ara/?q=%C5%9F%C4%B1rnak", "/en/search/?q=%C5%9F%C4%B1rnak"),
    ],
)
def test_the_search_at_another_languages_address_redirects_to_this_languages(client, db, address, redirected_to):
    response = client.get(address)
    assert (response.status_code, response["Location"]) == (302, redirected_to)


def test_the_search_without_a_language_prefix_ends_at_the_visitors_search(client, loaded_content):
    response = client.get("/search/?q=kalmar", follow=True, HTTP_ACCEPT_LANGUAGE="sv")
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == "/sv/sok/?q=kalmar"
    assert "Kalmar kommun" in [re.sub(r"<[^>]+>", "", str(result.title)) for result in response.context["shown"]]
