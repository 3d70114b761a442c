"""Create real wagtail-localize translations from known source → target strings.

The loader uses this instead of copying objects, so every Turkish or Swedish
page is a translation of its English source that translators can open in the
translation editor and sync later.
"""

from wagtail.models import Page
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource
from wagtail_localize.strings import StringValue


class MissingStringError(Exception):
    """The content file has no translation for one of the source's segments."""


def translation_differs(instance, locale, strings):
    """Whether the translation of ``instance`` into ``locale`` says anything other than ``strings``."""
    source = TranslationSource.objects.get_for_instance(instance)
    translated = {
        (translation.translation_of_id, translation.context_id): StringValue(translation.data).render_text()
        for translation in StringTranslation.objects.filter(locale=locale, context__object_id=source.object_id)
    }
    for segment in StringSegment.objects.filter(source=source).select_related("string"):
        wanted = strings.get(StringValue(segment.string.data).render_text())
        if translated.get((segment.string_id, segment.context_id)) != wanted:
            return True
    return False


def translate_object(instance, locale, strings, *, publish=True, user=None):
    """Translate ``instance`` into ``locale`` and return the translated object.

    Pages are published only when ``publish`` is true; otherwise they stay drafts.

    ``strings`` maps each source segment, as plain text, to its translation as
    plain text. Every segment must be covered: a translation is never saved
    half in the source language.
    """
    # Re-extracts the source only when it changed, so translations made earlier stay up to date.
    source, _created = TranslationSource.update_or_create_from_instance(instance)
    translation, _ = Translation.objects.get_or_create(source=source, target_locale=locale, defaults={"enabled": True})
    segments = StringSegment.objects.filter(source=source).select_related("string", "context")
    for segment in segments:
        text = StringValue(segment.string.data).render_text()
        if text not in strings:
            raise MissingStringError(
                f"No {locale.language_code} translation for “{text}” ({segment.context.path}) of {instance}."
            )
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=locale,
            context=segment.context,
            defaults={"data": StringValue.from_plaintext(strings[text]).data},
        )
    if not isinstance(instance, Page):
        translation.save_target(user=user, publish=True)
        return instance.get_translation(locale)
    # wagtail-localize publishes pages in a transaction.on_commit callback, from a
    # page object whose tree fields may be stale by then; save a draft and
    # publish its revision here instead, from fresh rows.
    translation.save_target(user=user, publish=False)
    translated = instance.get_translation(locale)
    if publish:
        translated.get_latest_revision().publish(user=user)
        translated.refresh_from_db()
    return translated
