from django.apps import AppConfig


def grant_new_tree_to_translators(sender, instance, created, raw=False, **kwargs):
    """A new language home page (a page at the top of a language's tree) becomes its translators' tree.

    Not for raw saves (fixtures, restored rows): the rows they need may not be loaded yet.
    """
    from django.apps import apps
    from wagtail.models import Page

    from .roles import grant_translation_trees

    if created and not raw and isinstance(instance, Page) and instance.depth == 2:
        grant_translation_trees(apps)


class EditorialConfig(AppConfig):
    name = "tusenet.editorial"
    label = "tusenet_editorial"

    def ready(self):
        from django.db.models.signals import post_save

        from . import restrictions

        post_save.connect(grant_new_tree_to_translators, dispatch_uid="tusenet-translator-trees")
        restrictions.connect()
