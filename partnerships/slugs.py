"""Readable ASCII slugs for every language: ``Şırnak`` → ``sirnak``, ``Umeå`` → ``umea``.

Django's ``slugify`` drops letters it cannot decompose, such as the Turkish dotless
``ı`` (``Şırnak`` → ``srnak``). Transliterating with anyascii first keeps them.
"""

from anyascii import anyascii
from django.utils.text import slugify


def ascii_slugify(text):
    """The slug of ``text`` with every letter transliterated to ASCII."""
    return slugify(anyascii(str(text)))


def transliterate_translated_slugs():
    """Make wagtail-localize slugify translated page slugs with ``ascii_slugify``.

    ``TranslationSource.create_or_update_translation`` passes the translated slug
    through Django's ``slugify``, a name it imports into its module; rebinding that
    name is the only hook it offers. ``tests/test_slugs.py`` proves the effect on a
    real translation, so an upstream change cannot go unnoticed.
    """
    from wagtail_localize import models as localize_models

    localize_models.slugify = ascii_slugify
