"""Sending a translator's work to a moderator without it going live first.

wagtail-localize applies translated strings with ``Translation.save_target``, which
writes them into the page row itself: on a live page that is what visitors see,
even with ``publish=False``. Moderation needs the change held back, so the strings
are applied to a page object in memory and stored only as a draft revision; the
moderator's approval publishes that revision.
"""

from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext as _
from wagtail_localize.fields import copy_synchronised_fields
from wagtail_localize.models import MissingTranslationError, StringSegment, StringTranslation, Translation
from wagtail_localize.segments.ingest import ingest_segments

from tusenet.patches import translated_segments

from .field_labels import field_label, later_tabs


class CannotSubmit(Exception):
    """Why a page cannot be sent for approval, in words for the translator."""


def submit_for_approval(page, user):
    """Store the page's translated strings as a draft revision and start its workflow."""
    page = page.specific_class.objects.get(pk=page.pk)
    workflow = page.get_workflow()
    if workflow is None:
        raise CannotSubmit(_("No approval workflow applies to this page."))
    if page.workflow_in_progress:
        raise CannotSubmit(_("This page is already waiting for approval."))
    translation = (
        Translation.objects.filter(
            source__object_id=page.translation_key, target_locale_id=page.locale_id, enabled=True
        )
        .select_related("source")
        .first()
    )
    if translation is not None:
        source = translation.source
        original = source.get_source_instance()
        try:
            segments = translated_segments(source, page.locale)
        except MissingTranslationError:
            fields = ", ".join(untranslated_field_labels(page, source))
            raise CannotSubmit(
                _("Not translated yet: %(fields)s. Translate them, then submit the page again.") % {"fields": fields}
            ) from None
        copy_synchronised_fields(original, page)
        ingest_segments(original, page, source.locale, page.locale, segments)
        page.save_revision(user=user)  # saves only the revision pointers of the row, not its content
    elif page.get_latest_revision() is None:
        page.save_revision(user=user)
    workflow.start(page, user)
    return page


def untranslated_fields(source, locale):
    """The names of ``source``'s fields with a string not yet translated into ``locale``, in the page's order."""
    segments = list(StringSegment.objects.filter(source=source).select_related("context").order_by("order"))
    translated = set(
        StringTranslation.objects.filter(
            locale=locale, translation_of_id__in={segment.string_id for segment in segments}
        ).values_list("translation_of_id", "context_id")
    )
    names = []
    for segment in segments:
        name = segment.context.path.split(".")[0]
        if (segment.string_id, segment.context_id) not in translated and name not in names:
            names.append(name)
    return names


def untranslated_field_labels(page, source):
    """Each untranslated field as the editor labels it, with its tab when it is not on the first one (the slug)."""
    tab_of = later_tabs(page)
    labels = []
    for name in untranslated_fields(source, page.locale):
        try:
            label = str(field_label(type(page), name))
        except FieldDoesNotExist:
            label = name
        if name in tab_of:
            label = _("%(field)s (on the %(tab)s tab)") % {"field": label, "tab": tab_of[name]}
        labels.append(label)
    return labels
