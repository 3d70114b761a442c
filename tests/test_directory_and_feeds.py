"""The network directory's filters and the post feeds, on the real content."""

import re
import xml.etree.ElementTree as ElementTree
from html import unescape

import pytest
from wagtail.models import Site

from partnerships.search import fold

pytestmark = pytest.mark.django_db


def networks(client, language="en", **filters):
    """The numbers of the networks listed, from the cards' headings, and the response."""
    path = {"en": "/en/partnership-networks/", "tr": "/tr/ortaklik-aglari/", "sv": "/sv/partnerskapsnatverk/"}
    response = client.get(path[language], filters)
    assert response.status_code == 200
    headings = re.findall(r'<li class="network-card">\s*<h2>(.*?)</h2>', response.content.decode(), re.S)
    return sorted(int(re.search(r"\d+", re.sub(r"<[^>]+>", "", heading)).group()) for heading in headings), response


def selected_filters(response):
    """The value chosen in each of the form's lists."""
    html = response.content.decode()
    chosen = {}
    for name, options in re.findall(r'<select id="filter-\w+" name="(\w+)">(.*?)</select>', html, re.S):
        value = re.search(r'<option value="([^"]*)" selected>', options)
        if value:
            chosen[name] = fold(unescape(value.group(1)))
    return chosen


def ignored_filters(response):
    return re.findall(r"matches nothing in our data and was ignored", response.content.decode())


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({}, [1, 2, 3, 4, 5, 6, 7]),
        ({"swedish": "kalmar"}, [3, 6]),
        ({"province": "Bursa"}, [2]),
        ({"theme": "tourism"}, [3, 6]),
        ({"theme": "Sustainable tourism"}, [3]),
        ({"swedish": "kalmar", "theme": "Sustainable tourism"}, [3]),
        ({"swedish": "stockholm", "province": "İstanbul"}, [1]),
        ({"swedish": "umea", "province": "Bursa"}, [2]),
        ({"country": "TR", "province": "Ankara"}, [2]),
        ({"swedish": "kalmar", "province": "Bursa"}, []),
    ],
)
def test_filters_combine_to_exactly_the_right_networks(client, loaded_content, filters, expected):
    found, response = networks(client, **filters)
    assert found == expected
    # The form's options carry the values folded (case and accents ignored: partnerships.search.fold).
    assert selected_filters(response) == {name: fold(value) for name, value in filters.items()}


def test_theme_works_in_turkish_and_swedish_words_too(client, loaded_content):
    assert networks(client, "tr", theme="turizm")[0] == [3, 6]
    assert networks(client, "sv", theme="turism")[0] == [3, 6]


@pytest.mark.parametrize(
    "filters",
    [
        {"swedish": "göteborg"},
        {"province": "<script>alert(1)</script>"},
        {"country": "DE"},
        {"theme": "x" * 5000},
        {"theme": "\x00\x01"},
    ],
)
def test_invalid_filter_values_are_ignored_with_a_notice(client, loaded_content, filters):
    found, response = networks(client, **filters)
    assert found == [1, 2, 3, 4, 5, 6, 7]
    html = response.content.decode()
    assert "matches nothing in our data and was ignored" in html
    assert "<script>alert(1)</script>" not in html


def test_directory_form_keeps_choices_and_counts_in_the_visitors_language(client, loaded_content):
    _found, response = networks(client, "tr", swedish="kalmar")
    html = response.content.decode()
    assert '<option value="kalmar" selected>Kalmar</option>' in html
    assert "2 ağ" in html
    assert '<form method="get" class="directory-form">' in html


@pytest.mark.parametrize("language", ["en", "tr", "sv"])
def test_feeds_are_valid_and_in_each_language(client, loaded_content, language):
    atom = client.get(f"/{language}/feeds/posts.atom")
    assert atom["Content-Type"].startswith("application/atom+xml")
    root = ElementTree.fromstring(atom.content)
    ns = {"a": "http://www.w3.org/2005/Atom"}
    assert root.tag == "{http://www.w3.org/2005/Atom}feed"
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == language
    entries = root.findall("a:entry", ns)
    assert len(entries) == 3
    for entry in entries:
        for required in ("a:title", "a:id", "a:updated", "a:link"):
            assert entry.find(required, ns) is not None
        assert entry.find("a:link", ns).get("href").startswith(f"/{language}/") or "://" in entry.find(
            "a:link", ns
        ).get("href")
    rss = client.get(f"/{language}/feeds/posts.rss")
    channel = ElementTree.fromstring(rss.content).find("channel")
    assert channel.find("language").text == language
    assert len(channel.findall("item")) == 3
    assert all(item.find("pubDate") is not None and item.find("guid") is not None for item in channel.findall("item"))


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_feed_links_use_the_sites_own_address_whatever_the_host(client, loaded_content, settings, kind):
    settings.ALLOWED_HOSTS = ["*"]
    feed = client.get(f"/tr/feeds/posts.{kind}", HTTP_HOST="127.0.0.1:8123").content.decode()
    assert "127.0.0.1:8123" not in feed
    root = Site.objects.get(is_default_site=True).root_url
    assert f"{root}/tr/" in feed


def test_every_page_announces_its_feeds(client, loaded_content):
    html = client.get("/sv/").content.decode()
    atom_link = r'<link rel="alternate" type="application/atom\+xml" title="[^"]+" href="/sv/feeds/posts.atom">'
    assert re.search(atom_link, html)
    assert 'type="application/rss+xml"' in html


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"province": "istanbul"}, [1]),
        ({"province": "İSTANBUL"}, [1]),
        ({"swedish": "Malmö"}, [4]),
        ({"country": "se"}, [1, 2, 3, 4, 5, 6, 7]),
    ],
)
def test_filter_values_ignore_case_and_accents(client, loaded_content, filters, expected):
    found, response = networks(client, **filters)
    assert found == expected
    assert not ignored_filters(response)


def test_empty_combination_is_explained_and_language_switch_keeps_filters(client, loaded_content):
    found, response = networks(client, "sv", swedish="stockholm", province="Bursa")
    html = response.content.decode()
    assert found == [] and "Inget nätverk matchar alla dessa filter samtidigt" in html
    assert 'href="/tr/ortaklik-aglari/?swedish=stockholm&amp;province=Bursa"' in html


def test_every_page_links_to_the_search(client, loaded_content):
    for path, search in (("/en/", "/en/search/"), ("/tr/", "/tr/ara/"), ("/sv/", "/sv/sok/")):
        assert f'<a href="{search}"' in client.get(path).content.decode()
