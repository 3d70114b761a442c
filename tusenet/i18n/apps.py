from django.apps import AppConfig


class I18nConfig(AppConfig):
    name = "tusenet.i18n"
    label = "tusenet_i18n"

    def ready(self):
        from django.db.models.signals import post_delete, post_save
        from wagtail.models import Locale

        from tusenet import patches

        from .multilingual import locales
        from .slugs import ascii_slugify

        patches.transliterate_translated_page_slugs(ascii_slugify)
        patches.localize_translation_comment_dates()
        post_save.connect(locales.clear, sender=Locale, dispatch_uid="tusenet-locale-cache-save")
        post_delete.connect(locales.clear, sender=Locale, dispatch_uid="tusenet-locale-cache-delete")
