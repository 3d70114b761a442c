"""The loader and the news: dated posts on a fresh load; on an existing database, old posts retired unless edited."""

import datetime
import json
from io import StringIO

import pytest
from django.core.management import call_command
from wagtail.models import Page

from partnerships.loading.content import CONTENT_FILE
from partnerships.models import PostIndexPage, PostPage

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
