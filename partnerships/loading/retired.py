"""Unpublish pages an earlier content file loaded and the current one retired, unless someone edited them.

Retired pages are unpublished, not deleted, so an editor can publish one again.
"""

from .ownership import nobody_edited


def retire_pages(model, slugs, locale):
    """Unpublish, in every language, the live ``model`` pages of ``locale`` with these slugs that nobody edited."""
    retired = 0
    for source in model.objects.filter(locale=locale, slug__in=slugs).live():
        if not nobody_edited(source):
            continue
        for version in model.objects.filter(translation_key=source.translation_key).live():
            version.unpublish()
        retired += 1
    return retired
