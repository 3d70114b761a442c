"""Readable ASCII slugs for every language: ``Şırnak`` → ``sirnak``, ``Umeå`` → ``umea``.

Django's ``slugify`` drops letters it cannot decompose, such as the Turkish dotless
``ı`` (``Şırnak`` → ``srnak``). Transliterating with anyascii first keeps them.
"""

from anyascii import anyascii
from django.utils.text import slugify


def ascii_slugify(text):
    """The slug of ``text`` with every letter transliterated to ASCII."""
    return slugify(anyascii(str(text)))
