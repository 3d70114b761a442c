"""Every change that can alter a public page changes the content version (``content_version.change``).

Pages: any save (publishing, unpublishing, a translation applied to a live page, a slug or title change),
a move, a deletion. Who may see them: view restrictions saved or deleted. What they show: the partnership
data, images, documents, sites and locales. Coarse, like the version: a saved draft changes it too.
"""

from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published, page_unpublished, post_page_move

from . import content_version, http_cache

#: Apps whose rows public pages show, besides pages.
CONTENT_APPS = {"partnerships", "wagtailimages", "wagtaildocs"}
#: Models of wagtailcore whose rows decide what pages show and to whom.
CORE_MODELS = {"page", "pageviewrestriction", "site", "locale"}


def shows_on_pages(model):
    """Whether a row of ``model`` can change what a public page shows."""
    from wagtail.models import Page

    meta = model._meta
    if meta.app_label in CONTENT_APPS or issubclass(model, Page):
        return not meta.label_lower.endswith("rendition")
    return meta.app_label == "wagtailcore" and meta.model_name in CORE_MODELS


def content_changed(sender, raw=False, **kwargs):
    if not raw and shows_on_pages(sender):
        page_changed(sender)


def page_changed(sender, **kwargs):
    content_version.change()
    http_cache.purge_after_commit()


def connect():
    """Connect the receivers (called once, by the app's ``ready``)."""
    post_save.connect(content_changed, dispatch_uid="tusenet-content-saved")
    post_delete.connect(content_changed, dispatch_uid="tusenet-content-deleted")
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(page_changed, dispatch_uid=f"tusenet-content-{id(signal)}")
