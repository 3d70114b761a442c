"""load_tusenet on a database it loaded before: its own pages brought up to date, old posts retired, edits kept."""

import datetime
import json
from io import StringIO

import pytest
from django.core.management import call_command
from wagtail.models import Locale, Page, Revision

from partnerships.loading.content import CONTENT_FILE
from partnerships.loading.translation import translate_object
from partnerships.models import PostIndexPage, PostPage, StandardPage

from .builders import add_page, translate
from .factories import UserFactory

pytestmark = pytest.mark.django_db

RETIRED = json.loads(CONTENT_FILE.read_text(encoding="utf-8"))["retired_posts"]


def english_posts():
    return PostPage.objects.filter(locale__language_code="en")


def test_a_fresh_load_has_the_dated_news_in_three_languages_and_no_retired_post(loaded_content):
    """The three news items carry the dates of their events; the posts that restated the home page are not loaded."""
    dates = sorted(english_posts().values_list("date", flat=True))
    assert dates == [datetime.date(2007, 2, 5), datetime.date(2007, 8, 27), datetime.date(2008, 10, 7)]
    for post in english_posts():
        assert sorted(post.get_translations().values_list("locale__language_code", flat=True)) == ["sv", "tr"]
        assert {version.specific.date for version in post.get_translations()} == {post.date}
    assert not Page.objects.filter(slug__in=RETIRED).exists()


def old_post(slug, *, edited_by=None):
    """A post as an earlier content file loaded it (English and Turkish), optionally edited since by someone."""
    index = PostIndexPage.objects.get(locale__language_code="en")
    post = add_page(index, PostPage, slug, slug=slug, date=datetime.date.today())  # the migration dates old posts
    translate(post, "tr")
    if edited_by is not None:
        post.intro = "An editor's words."
        post.save_revision(user=edited_by).publish(user=edited_by)
    return post


def test_loading_again_retires_untouched_old_posts_and_keeps_every_edit(loaded_content):
    """On an existing database the loader's own old posts are unpublished; edited posts and news are kept."""
    editor = UserFactory(role="Editors")
    untouched, edited = old_post(RETIRED[0]), old_post(RETIRED[1], edited_by=editor)
    news = english_posts().get(date=datetime.date(2008, 10, 7))
    news.title, news.date = "Edited news", datetime.date(2008, 10, 8)
    news.save_revision(user=editor).publish(user=editor)
    pages_before = Page.objects.count()

    call_command("load_tusenet", stdout=StringIO())

    assert not Page.objects.filter(translation_key=untouched.translation_key).live().exists()
    assert Page.objects.filter(translation_key=edited.translation_key).live().count() == 2
    news = PostPage.objects.get(pk=news.pk)
    assert (news.title, news.date, news.live) == ("Edited news", datetime.date(2008, 10, 8), True)
    assert Page.objects.count() == pages_before


def test_loading_again_brings_the_loaders_own_pages_up_to_date_in_every_language(loaded_content):
    """About as an earlier file had it (no sources, older words), never edited: the file's story replaces it."""
    turkish_locale = Locale.objects.get(language_code="tr")
    about = StandardPage.objects.get(locale__language_code="en", slug="about-tusenet")
    turkish = about.get_translation(turkish_locale)
    story, sources = about.body, [source["value"] for source in about.sources.raw_data]
    about.body, about.sources = "<p>Older words.</p>", []
    about.save_revision().publish()
    older = {about.title: turkish.title, about.slug: turkish.slug, about.intro: turkish.intro, "Older words.": "Eski."}
    translate_object(about, turkish_locale, older)

    call_command("load_tusenet", stdout=StringIO())

    about = StandardPage.objects.get(pk=about.pk)
    assert (about.body, [source["value"] for source in about.sources.raw_data]) == (story, sources)
    turkish = about.get_translation(turkish_locale)
    assert "Zaman çizelgesi" in turkish.body and len(turkish.sources) == len(sources)


def test_loading_twice_saves_nothing(loaded_content):
    """A second load on an up-to-date database saves no revision: nothing is brought up to date twice."""
    revisions = Revision.objects.count()
    call_command("load_tusenet", stdout=StringIO())
    assert Revision.objects.count() == revisions


def test_an_earlier_site_gets_the_publications_and_loses_the_products_page_pointer(loaded_content):
    """A database loaded before publications existed gets them; an untouched network page stops pointing elsewhere."""
    from partnerships.models import NetworkPage, Publication

    Publication.objects.all().delete()
    network = NetworkPage.objects.get(locale__language_code="en", network__number=1)
    swedish_locale = Locale.objects.get(language_code="sv")
    old = "The module's working areas are listed on the Tusenet Products page."
    network.body = f"<p>{old}</p>"
    network.save_revision().publish()
    swedish = network.get_translation(swedish_locale)
    strings = {network.title: swedish.title, network.slug: swedish.slug, network.intro: swedish.intro, old: "Finns."}
    translate_object(network, swedish_locale, strings)

    call_command("load_tusenet", stdout=StringIO())

    assert Publication.objects.count() == 6
    for version in NetworkPage.objects.filter(translation_key=network.translation_key):
        assert "Products" not in version.body and "Finns." not in version.body, version.locale
