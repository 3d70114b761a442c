"""Each patch of ``tusenet.patches`` still fits the upstream code it works around: an upgrade breaking it fails here."""

import inspect

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale, Site
from wagtail.models import sites as wagtail_sites
from wagtail_localize import models as localize_models
from wagtail_localize.models import MissingTranslationError, TranslationSource

from partnerships.models import StandardPage
from tusenet import patches
from tusenet.i18n.slugs import ascii_slugify

from .builders import add_page, home_page

pytestmark = pytest.mark.django_db


def test_wagtail_localize_still_slugifies_translated_slugs_through_the_name_the_patch_rebinds():
    """``transliterate_translated_page_slugs``: the call site and the rebound name are still there."""
    source = inspect.getsource(TranslationSource.create_or_update_translation)
    assert "slugify(translation.slug)" in source
    assert localize_models.slugify is ascii_slugify, "the patch is applied when the app is ready"


def test_wagtail_localize_still_gives_translated_segments_and_refuses_missing_ones():
    """``translated_segments``: the method exists, returns segments in the locale, raises for untranslated text."""
    page = add_page(home_page(), StandardPage, "A page nobody translated")
    source, _created = TranslationSource.get_or_create_from_instance(page)
    with pytest.raises(MissingTranslationError):
        patches.translated_segments(source, Locale.objects.get(language_code="tr"))


def site_lookups(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return sum('FROM "wagtailcore_site"' in query["sql"] for query in captured.captured_queries)


def test_wagtail_still_finds_a_requests_site_through_the_name_the_patch_rebinds():
    """``remember_sites``: the call site and the rebound name are still there."""
    assert "get_site_for_hostname(hostname, port)" in inspect.getsource(Site._find_for_request)
    assert "remember_sites" in wagtail_sites.get_site_for_hostname.__qualname__, "applied when the app is ready"


def test_a_requests_site_is_looked_up_once_per_content_version(client, small_site):
    url = small_site["about"].url
    assert site_lookups(client, url) >= 1  # Wagtail's own list of site root paths, cached, and the lookup
    assert site_lookups(client, url) == 0
    Site.objects.get(is_default_site=True).save()  # a site's change changes the content version
    assert site_lookups(client, url) >= 1


def test_a_host_no_site_serves_is_still_refused_after_the_first_time(client, small_site, settings):
    settings.ALLOWED_HOSTS = ["*"]
    Site.objects.update(is_default_site=False)
    for _ in range(2):
        assert client.get(small_site["about"].url, HTTP_HOST="elsewhere.example").status_code == 404


def test_without_a_shared_cache_every_request_looks_its_site_up(client, small_site, settings):
    settings.TUSENET_FRAGMENT_CACHE = False
    url = small_site["about"].url
    site_lookups(client, url)
    assert [site_lookups(client, url) for _ in range(2)] == [1, 1]


def test_a_translations_date_is_written_in_the_admins_language_where_upstream_writes_english():
    """``localize_translation_comment_dates``: upstream's comment still has an English month; ours the admin's."""
    import datetime

    from django.utils import translation
    from wagtail_localize.models import String, StringTranslation, TranslationContext

    page = add_page(home_page(), StandardPage, "Dated")
    source, _created = TranslationSource.get_or_create_from_instance(page)
    string = String.from_value(source.locale, localize_models.StringValue.from_plaintext("Dated"))
    translated = StringTranslation(
        translation_of=string,
        locale=Locale.objects.get(language_code="tr"),
        context=TranslationContext.objects.get(object_id=page.translation_key, path="title"),
        data="Tarihli",
        translation_type=StringTranslation.TRANSLATION_TYPE_MANUAL,
        updated_at=datetime.datetime(2026, 12, 6, 10, 0, tzinfo=datetime.UTC),
    )
    with translation.override("tr"):
        assert StringTranslation.get_comment.upstream(translated) == "6 December 2026 tarihinde elle çevrildi"
        assert translated.get_comment() == "6 Aralık 2026 tarihinde elle çevrildi"
    with translation.override("sv"):
        assert "6 december 2026" in translated.get_comment()
