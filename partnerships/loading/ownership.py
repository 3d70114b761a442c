"""Which loaded pages are still the loader's: those nobody has saved a revision of, in any language.

Editors, translators and moderators always act as users, so a revision with a user marks a page
as theirs; the loader saves without one.
"""

from wagtail.models import Page, Revision


def nobody_edited(page):
    """Whether no user saved a revision of ``page`` or of any of its translations."""
    versions = Page.objects.filter(translation_key=page.translation_key).values_list("pk", flat=True)
    revisions = Revision.page_revisions.filter(object_id__in=[str(pk) for pk in versions])
    return not revisions.filter(user__isnull=False).exists()
