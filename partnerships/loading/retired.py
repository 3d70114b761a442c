"""Unpublish pages an earlier content file loaded and the current one retired, unless someone edited them.

Only the loader's own, untouched pages go: a page with any revision made by a user belongs to the
editors and stays as they left it. Retired pages are unpublished, not deleted, so an editor can
publish one again.
"""

from wagtail.models import Page, Revision


def retire_pages(model, slugs, locale):
    """Unpublish, in every language, the live ``model`` pages of ``locale`` with these slugs that nobody edited."""
    retired = 0
    for source in model.objects.filter(locale=locale, slug__in=slugs).live():
        versions = Page.objects.filter(translation_key=source.translation_key)
        edited = Revision.page_revisions.filter(
            object_id__in=[str(pk) for pk in versions.values_list("pk", flat=True)], user__isnull=False
        )
        if edited.exists():
            continue
        for version in versions.live().specific():
            version.unpublish()
        retired += 1
    return retired
