"""Each patch of ``tusenet.patches`` still fits the upstream code it works around: an upgrade breaking it fails here."""

import inspect

import pytest
from wagtail.models import Locale
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
