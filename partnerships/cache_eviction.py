"""What each change evicts from the page and fragment caches (see ``partnerships.cache_tags``).

- Publishing a page: the pages that showed it, in every language (its translations'
  switchers and alternates name it, fallback addresses show it, menus and lists
  show its title).
- A page going live for the first time or again, or going offline: also the lists
  of its parent's children in every language (menus, indexes) and the lists of its
  type made by a query (recent posts, pages of members).
- Moving a page or changing its slug: the same, for the whole branch (every
  address in it changes) and for the children of the old parent too.
- Deleting a page: the same as unpublishing it, for the branch.
- Making a page private or public again (a view restriction saved or deleted): the same as a
  move, for the branch: a private page must leave the cache of anonymous views and every list;
  and whether any page is restricted at all (``partnerships.view_restrictions``).
- Saving, creating or deleting partnership data, an image or a document: the
  pages that showed that row; a new or deleted row also evicts the lists of its
  kind.
- Sites and locales: everything.

Drafts and revisions evict nothing: visitors never see them. Evictions happen when
the change is saved and again when its transaction commits, so no page rendered
in between (from data about to change) stays cached.
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver
from wagtail.models import Locale, Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from . import cache_tags, view_restrictions


def _evict_on_commit(tags):
    """Evict now (for reads in this transaction) and again once committed (for renders in between)."""
    tags = set(tags)
    cache_tags.evict(*tags)
    transaction.on_commit(lambda: cache_tags.evict(*tags))


def _page_tags(pages):
    """Tags of these pages and of their versions in every language."""
    keys = {page.translation_key for page in pages}
    ids = set(Page.objects.filter(translation_key__in=keys).values_list("pk", flat=True))
    ids.update(page.pk for page in pages)
    return {cache_tags.page_tag(pk) for pk in ids}


def _listing_tags(pages):
    """Lists made by a query on the pages' types (recent posts, pages of members) may gain or lose them."""
    return {cache_tags.listing_tag(page.specific_class) for page in pages if page.specific_class}


def _children_of_parent(page):
    return {cache_tags.children_tag(page.get_parent().translation_key)} if page.depth > 1 else set()


@receiver(page_published)
@receiver(page_unpublished)
def evict_published_page(sender, instance, **kwargs):
    _evict_on_commit(_page_tags([instance]))


@receiver(pre_save)
def remember_live_state(sender, instance, raw=False, **kwargs):
    """Whether a page was live before this save, to tell a first publish from a new revision."""
    if isinstance(instance, Page) and instance.pk and not raw:
        instance._was_live = Page.objects.filter(pk=instance.pk).values_list("live", flat=True).first()


def evict_lists_on_live_change(instance, raw):
    """A page going live or offline joins or leaves its parent's lists and the lists of its type."""
    if raw or bool(getattr(instance, "_was_live", False)) == instance.live:
        return
    _evict_on_commit(_page_tags([instance]) | _children_of_parent(instance) | _listing_tags([instance]))


@receiver(post_page_move)
def evict_moved_branch(sender, instance, parent_page_before, parent_page_after, **kwargs):
    branch = list(Page.objects.descendant_of(instance, inclusive=True))
    parents = {cache_tags.children_tag(parent.translation_key) for parent in (parent_page_before, parent_page_after)}
    _evict_on_commit(_page_tags(branch) | parents | _listing_tags(branch))


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def evict_restricted_branch(sender, instance, raw=False, **kwargs):
    if raw:
        return
    _evict_on_commit({view_restrictions.TAG})
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is None:
        return
    branch = list(Page.objects.descendant_of(page, inclusive=True))
    _evict_on_commit(_page_tags(branch) | _children_of_parent(page) | _listing_tags(branch))


@receiver(page_slug_changed)
def evict_renamed_branch(sender, instance, **kwargs):
    branch = list(Page.objects.descendant_of(instance, inclusive=True))
    cache_tags.evict(*_page_tags(branch), *_children_of_parent(instance), *_listing_tags(branch))


@receiver(post_delete)
def evict_deleted_row(sender, instance, **kwargs):
    if isinstance(instance, Page):
        tags = {cache_tags.page_tag(instance.pk)} | _children_of_deleted_parent(instance)
        _evict_on_commit(tags | _listing_tags([instance]))
    elif sender._meta.app_label in cache_tags.TRACKED_APPS:
        _evict_on_commit({cache_tags.record_tag(sender._meta.label_lower, instance.pk), cache_tags.listing_tag(sender)})
    elif sender in (Site, Locale):
        _evict_on_commit({cache_tags.SITE_TAG})


@receiver(post_save)
def evict_saved_row(sender, instance, created, raw=False, **kwargs):
    if isinstance(instance, Page):
        evict_lists_on_live_change(instance, raw)
    elif raw:
        return
    elif sender in (Site, Locale):
        _evict_on_commit({cache_tags.SITE_TAG})
    elif sender._meta.app_label in cache_tags.TRACKED_APPS:
        tags = {cache_tags.record_tag(sender._meta.label_lower, instance.pk)}
        if created:
            tags.add(cache_tags.listing_tag(sender))
        _evict_on_commit(tags)


def _children_of_deleted_parent(page):
    """The parent of a deleted page, found by path (the row itself is gone)."""
    if page.depth <= 1:
        return set()
    parent = Page.objects.filter(path=page.path[: -page.steplen]).first()
    return {cache_tags.children_tag(parent.translation_key)} if parent is not None else set()
