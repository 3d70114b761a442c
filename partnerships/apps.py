from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def grant_new_tree_to_translators(sender, instance, created, raw=False, **kwargs):
    """A new language home page (a translation of the home page) becomes its translators' tree.

    Not for raw saves (fixtures, restored rows): the rows they need may not be loaded yet.
    """
    from django.apps import apps

    from .models import HomePage
    from .roles import grant_translation_trees

    if created and not raw and isinstance(instance, HomePage):
        grant_translation_trees(apps)


def reindex_pages_showing(sender, instance, raw=False, **kwargs):
    """Pages index the names and places of the partnership data they show: refresh them when it changes."""
    from wagtail.search.index import insert_or_update_object

    from .models import AssociationPage, Membership, MunicipalityPage, NetworkPage

    if raw:
        return
    if isinstance(instance, Membership):
        pages = list(NetworkPage.objects.filter(network_id=instance.network_id))
    else:
        field = "municipality" if sender.__name__ == "Municipality" else "association"
        model = MunicipalityPage if field == "municipality" else AssociationPage
        networks = Membership.objects.filter(**{field: instance}).values("network_id")
        pages = [*model.objects.filter(**{field: instance}), *NetworkPage.objects.filter(network_id__in=networks)]
    for page in pages:
        insert_or_update_object(page)


class PartnershipsConfig(AppConfig):
    name = "partnerships"
    verbose_name = _("Partnerships")

    def ready(self):
        from django.db.models.signals import post_delete, post_save
        from wagtail.models import Locale

        from tusenet import patches

        from . import checks  # noqa: F401 (the no-cascade check)
        from .multilingual import locales
        from .slugs import ascii_slugify

        patches.transliterate_translated_page_slugs(ascii_slugify)
        post_save.connect(locales.clear, sender=Locale, dispatch_uid="tusenet-locale-cache-save")
        post_save.connect(grant_new_tree_to_translators, dispatch_uid="tusenet-translator-trees")
        from .models import Association, Membership, Municipality

        for model in (Municipality, Association, Membership):
            post_save.connect(reindex_pages_showing, sender=model, dispatch_uid=f"tusenet-reindex-{model.__name__}")
        post_delete.connect(locales.clear, sender=Locale, dispatch_uid="tusenet-locale-cache-delete")
