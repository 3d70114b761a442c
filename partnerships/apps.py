from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def grant_new_tree_to_translators(sender, instance, created, **kwargs):
    """A new language home page (a translation of the home page) becomes its translators' tree."""
    from django.apps import apps

    from .models import HomePage
    from .roles import grant_translation_trees

    if created and isinstance(instance, HomePage):
        grant_translation_trees(apps)


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
        post_save.connect(grant_new_tree_to_translators, dispatch_uid="tusenet-translator-trees")
        post_delete.connect(locales.clear, sender=Locale, dispatch_uid="tusenet-locale-cache-delete")
