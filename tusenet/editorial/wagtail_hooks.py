"""The editorial admin: the translation status report, submit for approval, safe PO uploads, refused deletions."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.admin.widgets import Button
from wagtail.models import Page

from . import access, admin_views, deletion, localize_publishing, po_upload, safe_links, translation_status


@hooks.register("register_admin_urls")
def translation_report_urls():
    return [
        path("translation-status/", admin_views.translation_report, name="partnerships_translation_report"),
        path(
            "translation-status/sync/<int:translation_id>/",
            admin_views.sync_translation,
            name="partnerships_sync_translation",
        ),
        path(
            "translation-status/start/<int:page_id>/<str:language_code>/",
            admin_views.start_translation,
            name="partnerships_start_translation",
        ),
    ]


class TranslationReportMenuItem(MenuItem):
    def is_shown(self, request):
        return bool(translation_status.languages_for(request.user))


@hooks.register("register_reports_menu_item")
def translation_report_menu_item():
    return TranslationReportMenuItem(
        _("Translation status"), reverse("partnerships_translation_report"), icon_name="site", order=50
    )


@hooks.register("construct_reports_menu")
def one_translation_report(request, menu_items):
    """Our "Translation status" replaces wagtail-localize's "Translations" in the menu: two names for one question.

    wagtail-localize's list of translation records stays at its address for those who know it.
    """
    translations_report = reverse("wagtail_localize:translations_report")
    menu_items[:] = [item for item in menu_items if item.url != translations_report]


@hooks.register("construct_homepage_panels")
def translation_status_panel(request, panels):
    languages = translation_status.languages_for(request.user)
    if languages:
        panels.append(admin_views.TranslationStatusPanel(languages))


@hooks.register("register_admin_urls")
def submit_for_approval_urls():
    return [
        path(
            "pages/<int:page_id>/submit-for-approval/",
            admin_views.submit_for_approval,
            name="partnerships_submit_for_approval",
        )
    ]


@hooks.register("register_page_listing_more_buttons")
def submit_for_approval_button(page, user, next_url=None, **kwargs):
    """For people who may edit but not publish a page (translators): send it to a moderator."""
    permissions = page.permissions_for_user(user)
    if permissions.can_edit() and not permissions.can_publish() and page.get_workflow() is not None:
        yield Button(
            _("Submit for approval"),
            reverse("partnerships_submit_for_approval", args=[page.pk]),
            icon_name="tasks",
            priority=5,
        )


@hooks.register("register_admin_urls", order=-1)
def safe_po_upload_urls():
    """Answer wagtail-localize's PO upload address before it does (see ``tusenet.editorial.po_upload``)."""
    return [
        path(
            "localize/translate/<int:translation_id>/pofile/upload/",
            po_upload.upload_pofile,
            name="partnerships_upload_pofile",
        )
    ]


@hooks.register("before_delete_page")
def refuse_deleting_translated_sources(request, page):
    """A page translations are made from is not deleted (see ``tusenet.editorial.deletion``)."""
    return deletion.translated_source_refusal(request, [page])


@hooks.register("before_delete_snippet")
def refuse_deleting_translated_snippet_sources(request, instances):
    """A working area translations are made from is not deleted: back to the listing with the reason."""
    refused = deletion.translated_snippet_sources(instances)
    for instance, translations in refused.items():
        messages.error(request, deletion.translated_snippet_message(instance, translations))
    if not refused:
        return None
    return redirect(instances[0].snippet_viewset.get_url_name("list"))


@hooks.register("before_bulk_action")
def refuse_bulk_deletions_that_lose_work(request, action_type, objects, action_view):
    """Bulk deletion: the same refusal for translated pages, a message naming the users of protected records."""
    if action_type != "delete":
        return None
    pages = [obj for obj in objects if isinstance(obj, Page)]
    if pages:
        return deletion.translated_source_refusal(request, pages)
    refused = False
    for obj in objects:
        error = deletion.protection([obj])
        if error is not None:
            messages.error(request, deletion.protected_message(obj, error, request.user))
            refused = True
    if not refused:
        return None
    # Back to the listing the action came from, else to the confirmation page, which shows the message.
    return redirect(get_valid_next_url_from_request(request) or request.get_full_path())


# wagtail-localize's translations report and snippet listing, with the checks they lack (see tusenet.editorial.access).
hooks.register("register_admin_urls", access.checked_localize_urls, order=-1)
# wagtail-localize's actions that publish or freeze, and its link overrides, with the checks they lack.
hooks.register("register_admin_urls", localize_publishing.publishing_localize_urls, order=-1)
hooks.register("register_admin_urls", safe_links.checked_override_urls, order=-1)
hooks.register("construct_reports_menu", access.hide_translations_report)
