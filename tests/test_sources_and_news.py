"""Sourced facts and dated news: every fact row cites a source, pages list their sources, posts go by their date."""

import datetime
import importlib
import json
from xml.etree import ElementTree

import pytest
from django.core.exceptions import ValidationError

from partnerships import queries
from partnerships.loading.content import CONTENT_FILE, SOURCES_FILE, cited_sources, fact_rows
from partnerships.models import PostPage, StandardPage

from .builders import add_page, translate

pytestmark = pytest.mark.django_db

CONTENT = json.loads(CONTENT_FILE.read_text(encoding="utf-8"))
SOURCES = json.loads(SOURCES_FILE.read_text(encoding="utf-8"))
LANGUAGES = ("en", "tr", "sv")


def pages_of(content):
    """Every page's texts in the content file, by a readable name."""
    for key, value in content.items():
        if key == "retired_posts":
            continue
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


def test_every_post_has_its_real_date_and_a_source():
    """Each news item carries the date of its news and cites at least one source in every language."""
    assert len(CONTENT["posts"]) >= 3
    for post in CONTENT["posts"]:
        assert datetime.date.fromisoformat(post["date"]) < datetime.date(2012, 1, 1), post["en"]["title"]
        for language in LANGUAGES:
            assert cited_sources(post[language]["body"], SOURCES), (post["en"]["title"], language)


@pytest.fixture
def posts(small_site):
    """Three dated posts, published in another order than their dates (the last published is the oldest)."""
    index = small_site["posts_index"]
    made = {}
    for title, date in (("Middle", "2008-10-07"), ("Newest", "2011-03-01"), ("Oldest", "2007-02-05")):
        made[title] = add_page(index, PostPage, title, date=datetime.date.fromisoformat(date))
    return made


def test_publishing_a_post_needs_its_date_and_a_draft_does_not(small_site):
    """A post is published only with a date; a draft (an autosave) may be saved without one."""
    index = small_site["posts_index"]
    with pytest.raises(ValidationError, match="date"):
        index.add_child(instance=PostPage(title="Undated", slug="undated"))
    draft = index.add_child(instance=PostPage(title="Draft", slug="draft", live=False))
    assert draft.date is None


def test_recent_posts_box_and_index_go_by_the_posts_date(client, small_site, posts):
    """Newest by date first, whatever the publication order, and dated by it."""
    recent = queries.recent_posts(small_site["home"].locale, 3)
    assert [post.title for post in recent] == ["Newest", "Middle", "Oldest"]
    html = client.get(small_site["posts_index"].url).content.decode().split('class="post-list"')[1]
    assert html.index("Newest") < html.index("Middle") < html.index("Oldest")
    assert '<time datetime="2007-02-05">5 February 2007</time>' in html


def test_feeds_date_posts_by_their_date(client, small_site, posts):
    """The RSS item of a post of 2007 is dated 2007, not the day it was published here."""
    channel = ElementTree.fromstring(client.get("/en/feeds/posts.rss").content).find("channel")
    dates = {item.findtext("title"): item.findtext("pubDate") for item in channel.findall("item")}
    assert dates["Oldest"].startswith("Mon, 05 Feb 2007")
    assert list(dates)[:3] == ["Newest", "Middle", "Oldest"]


def test_a_page_lists_its_sources_in_every_language_under_a_translated_heading(client, small_site):
    """The sources are copied to the translations as they are; only the heading is in the page's language."""
    source = SOURCES["skl-2007-02-07"]
    page = add_page(small_site["home"], StandardPage, "Sourced page")
    page.sources = [("source", source)]
    page.save_revision().publish()
    link = f'<a href="{source["url"]}" hreflang="sv">{source["title"]}</a>'
    expected = f'<li lang="sv">{source["publisher"]}: {link} ({source["date"]})'
    for language, heading in (("en", "Sources"), ("tr", "Kaynaklar")):
        shown = page if language == "en" else translate(page, language)
        html = client.get(shown.url).content.decode()
        assert f'<h2 id="sources-heading">{heading}</h2>' in html and expected in html, language


def test_the_migration_dates_posts_published_before_posts_had_a_date(small_site):
    """An existing database's posts are dated the day they were first published, the date they showed until then."""
    from django.apps import apps

    migration = importlib.import_module("partnerships.migrations.0010_post_date")
    post = small_site["post"]
    published = datetime.datetime(2026, 11, 26, 12, tzinfo=datetime.UTC)
    PostPage.objects.filter(pk=post.pk).update(date=None, first_published_at=published)
    migration.date_published_posts(apps, None)
    assert PostPage.objects.get(pk=post.pk).date == datetime.date(2026, 11, 26)
