"""Admin screens of our own: the translation status report, its dashboard panel, sync, submit for approval."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from wagtail.admin.ui.components import Component
from wagtail.models import Locale, Page
from wagtail_localize.models import Translation
from wagtail_localize.operations import TranslationCreator

from tusenet.i18n.multilingual import NAMES_IN_TEXT, name_in_text

from . import moderation, translation_status


def _language_choices(languages):
    return [(code, NAMES_IN_TEXT[code]) for code in languages]


def translation_report(request):
    """One row per source page, one column per language the user may translate into, filterable."""
    allowed = translation_status.languages_for(request.user)
    if not allowed:
        raise PermissionDenied
    language = request.GET.get("language", "")
    languages = [language] if language in allowed else allowed
    status = request.GET.get("status", "")
    if status not in translation_status.STATUS_LABELS:
        status = ""
    rows = translation_status.build_report(languages)
    if status:
        rows = [row for row in rows if any(cell.status == status for cell in row.cells.values())]
    context = {
        "header_title": _("Translation status"),
        "rows": rows,
        "languages": _language_choices(languages),
        "language_choices": _language_choices(allowed),
        "status_choices": list(translation_status.STATUS_LABELS.items()),
        "selected_language": language if language in allowed else "",
        "selected_status": status,
        # Translators cannot open the English pages in the admin: they are led to the public pages instead.
        "can_edit_sources": Page.objects.get(depth=2, locale=Locale.get_default())
        .permissions_for_user(request.user)
        .can_edit(),
    }
    return TemplateResponse(request, "editorial/translation_report.html", context)


class TranslationStatusPanel(Component):
    """Dashboard counts of pages per status, for the languages the user may translate into."""

    name = "translation_status"
    template_name = "editorial/translation_status_panel.html"
    order = 150

    def __init__(self, languages):
        self.languages = languages

    def get_context_data(self, parent_context):
        rows = translation_status.build_report(self.languages)
        totals = translation_status.counts(rows, self.languages)
        return {
            "totals": [(code, NAMES_IN_TEXT[code], totals[code]) for code in self.languages],
            "status_labels": translation_status.STATUS_LABELS,
        }


def submit_for_approval(request, page_id):
    """A translator's way to send their work to a moderator (see ``tusenet.editorial.moderation``)."""
    page = get_object_or_404(Page, pk=page_id).specific
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    if request.method == "POST":
        try:
            moderation.submit_for_approval(page, request.user)
        except moderation.CannotSubmit as reason:
            messages.error(request, str(reason))
        else:
            title = page.get_admin_display_title()
            messages.success(request, _("“%(title)s” was submitted for approval.") % {"title": title})
        return redirect("wagtailadmin_explore", page.get_parent().pk)
    context = {"page": page, "workflow": page.get_workflow(), "header_title": _("Submit for approval")}
    return TemplateResponse(request, "editorial/submit_for_approval.html", context)


@require_POST
def sync_translation(request, translation_id):
    """Bring the English changes into the translation editor of one language, for whoever may edit that translation.

    wagtail-localize's own sync (its "update translations" view) asks for the right to start translations, which
    translators lack, and its ``save_target`` writes the texts into the translated page at once, English where a
    text is new: visitors would read English on a Turkish page before any moderator saw it. Here only the source's
    texts are updated; the translated page changes when its translation is submitted and approved (or published
    by an editor).
    """
    translation = get_object_or_404(Translation.objects.select_related("source", "target_locale"), pk=translation_id)
    target = get_object_or_404(
        Page, translation_key=translation.source.object_id, locale_id=translation.target_locale_id
    ).specific
    if not target.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    translation.source.update_from_db()
    language = name_in_text(translation.target_locale.language_code)
    messages.success(
        request,
        _("The %(language)s translation of “%(title)s” is synced: translate the new texts here.")
        % {"language": language, "title": translation.source.get_source_instance().title},
    )
    return redirect("wagtailadmin_pages:edit", target.pk)


@require_POST
def start_translation(request, page_id, language_code):
    """Start the translation of one page into one language, for whoever may add pages to that language's tree.

    Translators lack wagtail-localize's right to start translations (it lets one start them in every language);
    here a Swedish translator starts a missing Swedish page, as a draft, and goes on to its translation editor.
    """
    source = get_object_or_404(Page, pk=page_id, locale=Locale.get_default()).specific
    locale = get_object_or_404(Locale.objects.exclude(pk=source.locale_id), language_code=language_code)
    parent = source.get_parent().get_translation_or_none(locale)
    if parent is None or not parent.permissions_for_user(request.user).can_add_subpage():
        raise PermissionDenied
    existing = source.get_translation_or_none(locale)
    if existing is None:
        with transaction.atomic():
            TranslationCreator(request.user, [locale]).create_translations(source)
        existing = source.get_translation(locale)
        messages.success(
            request,
            _("The %(language)s translation of “%(title)s” is started: translate its texts here.")
            % {"language": name_in_text(language_code), "title": source.title},
        )
    return redirect("wagtailadmin_pages:edit", existing.pk)
