"""Open data files and the pages API: valid formats, stable identifiers, local names, links per language."""

import csv
import io
import json

import pytest

pytestmark = pytest.mark.django_db


def fetch(client, path, content_type):
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "max-age=3600" in response["Cache-Control"] and "public" in response["Cache-Control"]
    return response


def test_partners_geojson_has_31_wgs84_points(client, loaded_content):
    document = json.loads(fetch(client, "/data/v1/partners.geojson", "application/geo+json; charset=utf-8").content)
    assert document["type"] == "FeatureCollection" and document["version"] == "1"
    features = document["features"]
    assert len(features) == 31
    assert len({feature["id"] for feature in features}) == 31
    for feature in features:
        longitude, latitude = feature["geometry"]["coordinates"]
        assert feature["geometry"]["type"] == "Point"
        assert 10 < longitude < 46 and 35 < latitude < 70, feature["id"]  # Sweden and Turkey, longitude first
    umea = next(feature for feature in features if feature["id"] == "municipality/umea")
    assert umea["properties"]["name"] == "Umeå" and umea["properties"]["networks"] == [2]
    salar = next(feature for feature in features if feature["id"] == "association/salar")
    assert salar["properties"]["acronym"] == "SKR" and salar["properties"]["networks"] == [7]


def test_municipalities_json_keeps_local_names_and_links_each_language(client, loaded_content):
    document = json.loads(fetch(client, "/data/v1/municipalities.json", "application/json; charset=utf-8").content)
    records = {record["id"]: record for record in document["municipalities"]}
    assert len(records) == 29 and document["licence"] == "CC0-1.0"
    assert records["sirnak"]["name"] == "Şırnak" and records["sirnak"]["region"] == "Şırnak"
    assert records["kalmar"]["networks"] == [3, 6]
    assert set(records["kalmar"]["pages"]) == {"en", "tr", "sv"}
    assert set(records["istanbul"]["pages"]) == {"en", "tr"}
    assert records["istanbul"]["pages"]["tr"].endswith("/tr/belediyeler-ve-birlikler/istanbul-buyuksehir-belediyesi/")


def test_municipalities_csv_opens_with_headers_and_turkish_and_swedish_letters(client, loaded_content):
    response = fetch(client, "/data/v1/municipalities.csv", "text/csv; charset=utf-8")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8"))))
    assert len(rows) == 29
    assert list(rows[0])[:3] == ["id", "name", "official_name"] and "page_sv" in rows[0]
    by_id = {row["id"]: row for row in rows}
    assert by_id["umea"]["name"] == "Umeå" and by_id["buyukcekmece"]["official_name"] == "Büyükçekmece Belediyesi"
    assert by_id["kalmar"]["networks"] == "3 6"


def test_networks_json_lists_members_and_working_areas_per_language(client, loaded_content):
    document = json.loads(fetch(client, "/data/v1/networks.json", "application/json; charset=utf-8").content)
    networks = {network["number"]: network for network in document["networks"]}
    assert sorted(networks) == [1, 2, 3, 4, 5, 6, 7]
    expected = {"stockholm", "nacka", "istanbul", "buyukcekmece", "zeytinburnu", "adalar"}
    assert {member["id"] for member in networks[1]["members"]} == expected
    assert {member["type"] for member in networks[7]["members"]} == {"association"}
    areas = networks[3]["module"]["working_areas"]
    assert "Sustainable tourism" in areas["en"] and "Sürdürülebilir turizm" in areas["tr"]


def test_open_data_is_read_only(client, loaded_content):
    assert client.post("/data/v1/networks.json").status_code == 405


def test_pages_api_filters_by_locale_and_hides_drafts(client, loaded_content):
    from wagtail.models import Page

    response = client.get("/api/v2/pages/", {"locale": "sv", "limit": 20})
    assert response.status_code == 200 and response["Access-Control-Allow-Origin"] == "*"
    document = response.json()
    assert document["items"] and {item["meta"]["locale"] for item in document["items"]} == {"sv"}
    assert document["meta"]["total_count"] == Page.objects.live().public().filter(locale__language_code="sv").count()
    draft = Page.objects.filter(locale__language_code="sv", depth=3).first()
    draft.unpublish()
    ids = {item["id"] for item in client.get("/api/v2/pages/", {"locale": "sv", "limit": 20}).json()["items"]}
    assert draft.pk not in ids
    assert client.get(f"/api/v2/pages/{draft.pk}/").status_code == 404


@pytest.mark.parametrize("language", ["en", "tr", "sv"])
def test_the_open_data_page_exists_in_every_language_and_is_linked_from_the_footer(client, loaded_content, language):
    html = client.get(f"/{language}/").content.decode()
    footer = html[html.index('<footer class="site-footer">') :]
    slug = {"en": "open-data", "tr": "acik-veri", "sv": "oppna-data"}[language]
    assert f'href="/{language}/{slug}/"' in footer
    page_html = client.get(f"/{language}/{slug}/").content.decode()
    assert "/data/v1/partners.geojson" in page_html and "CC0" in page_html


@pytest.mark.parametrize(
    "query",
    [
        {"locale": "\x00"},
        {"search": "a\x00b"},
        {"site": "\x00"},
        {"offset": "99999999999999999999999"},
        {"search": "kalmar", "search_operator": "nand"},
        {"first_published_at": "x"},
        {"last_published_at": "2026-13-45"},
    ],
)
def test_pages_api_refuses_what_the_database_cannot_take_with_a_400(client, loaded_content, query):
    """Each was a server error (found by tests/test_fuzzing.py): PostgreSQL refuses NUL, offsets past bigint."""
    response = client.get("/api/v2/pages/", query)
    assert response.status_code == 400
    assert response.json()["message"]


@pytest.mark.parametrize("query", [{"id": "abc"}, {"html_path": "/\x00/"}])
def test_pages_api_find_refuses_a_malformed_lookup_with_a_400(client, loaded_content, query):
    response = client.get("/api/v2/pages/find/", query)
    assert response.status_code == 400
    assert response.json()["message"]


@pytest.mark.parametrize("requested_format", ["xml", "api"])
def test_pages_api_answers_json_whatever_format_is_asked_for(client, loaded_content, requested_format):
    """Not an empty 404 for ?format=xml, nor the REST framework's browsable HTML page for ?format=api."""
    response = client.get("/api/v2/pages/", {"format": requested_format}, HTTP_ACCEPT="text/html")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json()["items"]
