"""Sourced facts: every fact row cites a source, and pages list their sources."""

import json

import pytest

from partnerships.loading.content import CONTENT_FILE, SOURCES_FILE, fact_rows
from partnerships.models import StandardPage

from .builders import add_page, translate

pytestmark = pytest.mark.django_db

CONTENT = json.loads(CONTENT_FILE.read_text(encoding="utf-8"))
SOURCES = json.loads(SOURCES_FILE.read_text(encoding="utf-8"))
LANGUAGES = ("en", "tr", "sv")


def pages_of(content):
    """Every page's texts in the content file, by a readable name."""
    for key, value in content.items():
        if key == "posts":
            yield from ((f"posts[{number}]", texts) for number, texts in enumerate(value))
        elif "en" in value:
            yield key, value
        else:
            yield from ((f"{key}.{name}", texts) for name, texts in value.items())


def test_every_fact_row_cites_a_source_with_publisher_title_date_and_address():
    """A fact row without a known source, or a source without its publisher, title or address, fails the data."""
    for key, source in SOURCES.items():
        assert source["publisher"] and source["title"] and source["url"].startswith("http"), key
        assert "date" in source and source["language"] in LANGUAGES, key
    for name, texts in pages_of(CONTENT):
        cited = {}
        for language in (code for code in LANGUAGES if code in texts):
            rows = list(fact_rows(texts[language]["body"]))
            assert all(row.get("source") in SOURCES for row in rows), (name, language)
            cited[language] = [row["source"] for row in rows]
        # Translations copy the English list of sources: each must cite the same ones.
        assert all(sources == cited["en"] for sources in cited.values()), name


def test_a_page_lists_its_sources_in_every_language_under_a_translated_heading(client, small_site):
    """The sources are copied to the translations as they are; only the heading is in the page's language."""
    source = SOURCES["skl-2007-02-07"]
    page = add_page(small_site["home"], StandardPage, "Sourced page")
    page.sources = [("source", source)]
    page.save_revision().publish()
    link = f'<a href="{source["url"]}">{source["title"]}</a>'
    expected = f'<li lang="sv">{source["publisher"]}: {link} ({source["date"]})'
    for language, heading in (("en", "Sources"), ("tr", "Kaynaklar")):
        shown = page if language == "en" else translate(page, language)
        html = client.get(shown.url).content.decode()
        assert f'<h2 id="sources-heading">{heading}</h2>' in html and expected in html, language
