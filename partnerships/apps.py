from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnershipsConfig(AppConfig):
    name = "partnerships"
    verbose_name = _("Partnerships")

    def ready(self):
        from django.db.models.signals import post_delete, post_save
        from wagtail.models import Locale

        from .multilingual import locales
        from .slugs import transliterate_translated_slugs

        transliterate_translated_slugs()
        post_save.connect(locales.clear, sender=Locale, dispatch_uid="tusenet-locale-cache-save")
        post_delete.connect(locales.clear, sender=Locale, dispatch_uid="tusenet-locale-cache-delete")
