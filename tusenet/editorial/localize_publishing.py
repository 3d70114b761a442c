"""wagtail-localize's actions that make content live or stop it following its source demand Wagtail's publish right.

wagtail-localize checks only that the user may *edit* the page for three of them, so a translator,
who may edit but not publish their language's tree, could publish without a moderator's approval:

- **convert to alias** makes the page a copy of its (live) source at once;
- **update translations** with "publish immediately" publishes every translation of the source;
- **stop translation** freezes a translation, which then no longer follows its source.

Each is answered here at wagtail-localize's own address, ahead of it (``wagtail_hooks``), and handed
to wagtail-localize only for people who may publish what it changes. Its translation editor's own
"publish" button already asks for the publish right. ``tests/test_access_matrix.py`` covers each role.
"""

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import path
from wagtail.models import Page
from wagtail_localize.models import Translation, TranslationSource
from wagtail_localize.views import convert, edit_translation
from wagtail_localize.views.update_translations import UpdateTranslationsView

_update_translations = UpdateTranslationsView.as_view()


def may_publish(user, instance):
    """Whether ``user`` may publish ``instance``: a page's publish right; for a snippet, editing is publishing."""
    if isinstance(instance, Page):
        return instance.permissions_for_user(user).can_publish()
    return edit_translation.user_can_edit_instance(user, instance)


def convert_to_alias(request, page_id):
    page = get_object_or_404(Page, id=page_id)
    if request.method == "POST" and not may_publish(request.user, page):
        raise PermissionDenied
    return convert.convert_to_alias(request, page_id)


def update_translations(request, translation_source_id):
    if request.method == "POST" and request.POST.get("publish_translations"):
        source = get_object_or_404(TranslationSource, id=translation_source_id)
        for translation in source.translations.filter(enabled=True):
            try:
                target = translation.get_target_instance()
            except ObjectDoesNotExist:
                target = source.get_source_instance()  # publishing creates it: the source's right is asked
            if not may_publish(request.user, target):
                raise PermissionDenied
    return _update_translations(request, translation_source_id=translation_source_id)


def translated_target(translation_id):
    """The page or record a translation translates into; 404 when either is missing."""
    translation = get_object_or_404(Translation, id=translation_id)
    try:
        return translation.get_target_instance()
    except ObjectDoesNotExist as missing:
        raise Http404 from missing


def stop_translation(request, translation_id):
    target = translated_target(translation_id)
    if request.method == "POST" and not may_publish(request.user, target):
        raise PermissionDenied
    return edit_translation.stop_translation(request, translation_id)


def publishing_localize_urls():
    """The admin addresses answered here before wagtail-localize (register them before its own)."""
    return [
        path("localize/page/<int:page_id>/convert_to_alias/", convert_to_alias, name="tusenet_convert_to_alias"),
        path(
            "localize/update/<int:translation_source_id>/",
            update_translations,
            name="tusenet_update_translations",
        ),
        path("localize/translate/<int:translation_id>/disable/", stop_translation, name="tusenet_stop_translation"),
    ]
