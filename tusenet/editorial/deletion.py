"""Deletions that would lose editors' or translators' work are refused, with the reason.

**Records still in use.** Foreign keys to the partnership data are ``PROTECT``
(``tusenet.ops.checks`` makes sure of it). The admin names what still uses a record
instead of failing with a ``ProtectedError``.

**Pages translations are made from.**
Wagtail deletes only the page asked for (and its descendants); its translations stay.
But wagtail-localize then removes the translation records of every page deleted
as a source (``wagtail_localize.models.cleanup_translation_on_delete``): the
translation sources, the links to the translated pages and every translated string.
The Turkish and Swedish pages would survive, cut off from their English source,
with their translators' strings gone and no way to sync them again.

So the admin refuses such a deletion and lists the translations to delete first.
Unpublishing, which keeps everything, stays possible. Deleting a translation
itself, or a page nobody translated, goes on to Wagtail's usual confirmation.
Translated snippets (working areas) are treated alike.
"""

from dataclasses import dataclass

from django.db import router
from django.db.models import ProtectedError, Q
from django.db.models.deletion import Collector
from django.template.response import TemplateResponse
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.models import Page, TranslatableMixin
from wagtail_localize.models import TranslationSource

from tusenet.i18n.multilingual import name_in_text

TEMPLATE = "editorial/page_delete_refused.html"


@dataclass(frozen=True)
class DependentTranslation:
    """A page in another language translated from a page that would be deleted."""

    translation: Page
    source: Page

    @property
    def language_name(self):
        return name_in_text(self.translation.locale.language_code)


def dependent_translations(pages):
    """The translations made from ``pages`` or from any page below them, outside the pages being deleted."""
    if not pages:
        return []
    subtree = Q()
    for page in pages:
        subtree |= Q(path__startswith=page.path)
    rows = Page.objects.filter(subtree).values_list("translation_key", "locale_id", "pk")
    doomed = {(key, locale): pk for key, locale, pk in rows}
    sources = TranslationSource.objects.filter(object_id__in={key for key, _locale in doomed}).values_list(
        "object_id", "locale_id"
    )
    source_page_ids = {key: doomed[key, locale] for key, locale in sources if (key, locale) in doomed}
    if not source_page_ids:
        return []
    translations = (
        Page.objects.filter(translation_key__in=source_page_ids, alias_of__isnull=True)
        .exclude(subtree)
        .select_related("locale")
        .order_by("path")
    )
    source_pages = Page.objects.in_bulk(source_page_ids.values())
    return [
        DependentTranslation(translation=page, source=source_pages[source_page_ids[page.translation_key]])
        for page in translations
    ]


def translated_source_refusal(request, pages):
    """The refusal page when deleting ``pages`` would strip translations of their source, else None.

    It answers 200 to the request for the confirmation page and 409 (Conflict) to a
    deletion posted anyway; nothing is deleted either way.
    """
    dependents = dependent_translations(pages)
    if not dependents:
        return None
    context = {
        "header_title": _("Delete"),
        "pages": pages,
        "page": pages[0] if len(pages) == 1 else None,
        "dependents": dependents,
    }
    status = 409 if request.method == "POST" else 200
    return TemplateResponse(request, TEMPLATE, context, status=status)


#: How many of the records that still use an object a message names.
NAMED_USERS = 5


def protection(objects):
    """The ``ProtectedError`` deleting ``objects`` would raise, or None when nothing protects them."""
    if not objects:
        return None
    try:
        Collector(using=router.db_for_write(type(objects[0]))).collect(list(objects))
    except ProtectedError as error:
        return error
    return None


def _edited_in(record):
    """The record a person edits ``record`` in: an inline row (a network's member) is edited in its parent."""
    for field in record._meta.get_fields():
        if isinstance(field, ParentalKey):
            return getattr(record, field.name)
    return record


def protected_message(obj, error, user=None):
    """ "“Kalmar” cannot be deleted because it is still used by: municipality page “Kalmar”, …".

    With ``user``, each record they may edit links to its edit view (a member row to its network's), so the
    refusal leads somewhere instead of ending the journey.
    """
    finder = AdminURLFinder(user) if user is not None else None
    users = {}
    for record in error.protected_objects:
        label = f"{capfirst(record._meta.verbose_name)} “{record}”"
        users[label] = finder.get_edit_url(_edited_in(record)) if finder else None
    pieces = [
        format_html('<a href="{}">{}</a>', users[label], label) if users[label] else escape(label)
        for label in sorted(users)[:NAMED_USERS]
    ]
    named = format_html_join(", ", "{}", ((piece,) for piece in pieces))
    if len(users) > NAMED_USERS:
        others = len(users) - NAMED_USERS
        more = ngettext("and %(count)d more", "and %(count)d more", others) % {"count": others}
        named = format_html("{} {}", named, more)
    message = gettext("“%(object)s” cannot be deleted because it is still used by: %(users)s.")
    # Safe: the object's name and each record's label are escaped, the links made by format_html.
    return mark_safe(escape(message) % {"object": escape(obj), "users": named})  # nosec B308, B703


def translated_snippet_sources(instances):
    """{instance: its translations} for the translatable snippets that other-language rows are made from."""
    instances = list(instances)
    if not instances or not isinstance(instances[0], TranslatableMixin):
        return {}
    model = type(instances[0])
    doomed = {(obj.translation_key, obj.locale_id): obj for obj in instances}
    sources = TranslationSource.objects.filter(object_id__in={key for key, _locale in doomed}).values_list(
        "object_id", "locale_id"
    )
    found = {}
    for key, locale in sources:
        if (key, locale) in doomed:
            translations = model.objects.filter(translation_key=key).exclude(pk__in=[obj.pk for obj in instances])
            translations = list(translations.select_related("locale").order_by("locale__language_code"))
            if translations:
                found[doomed[key, locale]] = translations
    return found


def translated_snippet_message(instance, translations):
    """ "“Tourism” cannot be deleted yet: “Turizm” (Turkish), … are translated from it. Delete them first." """
    named = ", ".join(
        f"“{translation}” ({name_in_text(translation.locale.language_code)})" for translation in translations
    )
    return gettext(
        "“%(object)s” cannot be deleted yet: %(translations)s translated from it would lose their source and "
        "translated texts. Delete the translations first."
    ) % {"object": instance, "translations": named}
