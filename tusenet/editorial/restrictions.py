"""A view restriction protects every language version of its page, and no translation sync removes one.

Wagtail restricts one page (and its subtree); the Turkish and Swedish versions of a restricted
English page are other pages, which stayed public (page, sitemap, search, API). wagtail-localize's
sync then copies the source's restrictions onto its translations, deleting one a moderator set on a
translation only. So every restriction saved, changed or deleted on a page is mirrored onto all its
language versions here: the source always has what its translations have, and a sync keeps it.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from wagtail.models import Page, PageViewRestriction

#: True while this module mirrors a restriction: the mirrored saves are not mirrored again.
_mirroring = ContextVar("tusenet_mirroring_restrictions", default=False)
#: Pages being deleted: their restrictions go with them and stay on the other language versions.
_pages_being_deleted = set()


def other_versions(page):
    """The page's versions in the other languages."""
    return Page.objects.filter(translation_key=page.translation_key).exclude(pk=page.pk)


@contextmanager
def mirroring():
    """While this module itself saves or deletes restrictions (its receivers then stand aside)."""
    token = _mirroring.set(True)
    try:
        yield
    finally:
        _mirroring.reset(token)


def mirror(restriction):
    """Give every other language version of the restriction's page the same restriction."""
    with mirroring():
        groups = list(restriction.groups.all())
        for page in other_versions(restriction.page):
            copy = PageViewRestriction.objects.filter(page=page).first() or PageViewRestriction(page=page)
            copy.restriction_type = restriction.restriction_type
            copy.password = restriction.password
            copy.save()
            copy.groups.set(groups)


def restriction_saved(sender, instance, raw=False, **kwargs):
    if not raw and not _mirroring.get():
        mirror(instance)


def restriction_groups_changed(sender, instance, action, **kwargs):
    if action.startswith("post_") and isinstance(instance, PageViewRestriction) and not _mirroring.get():
        mirror(instance)


def page_deletion_starts(sender, instance, **kwargs):
    if isinstance(instance, Page):
        _pages_being_deleted.add(instance.pk)


def page_deletion_ends(sender, instance, **kwargs):
    if sender is Page:  # the base rows go last, after the page type's rows and the restrictions
        _pages_being_deleted.discard(instance.pk)


def restriction_deleted(sender, instance, **kwargs):
    if _mirroring.get() or instance.page_id in _pages_being_deleted:
        return
    with mirroring():
        for copy in PageViewRestriction.objects.filter(page__in=other_versions(instance.page)):
            copy.delete()  # one by one: Wagtail logs each and the content version changes


def connect():
    """Connect the receivers (called once, by the app's ``ready``)."""
    post_save.connect(restriction_saved, sender=PageViewRestriction, dispatch_uid="tusenet-restriction-saved")
    post_delete.connect(restriction_deleted, sender=PageViewRestriction, dispatch_uid="tusenet-restriction-deleted")
    pre_delete.connect(page_deletion_starts, dispatch_uid="tusenet-restriction-page-deletion-starts")
    post_delete.connect(page_deletion_ends, dispatch_uid="tusenet-restriction-page-deletion-ends")
    m2m_changed.connect(
        restriction_groups_changed,
        sender=PageViewRestriction.groups.through,
        dispatch_uid="tusenet-restriction-groups",
    )
