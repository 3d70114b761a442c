from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


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
        from django.db.models.signals import post_save

        from .models import Association, Membership, Municipality

        for model in (Municipality, Association, Membership):
            post_save.connect(reindex_pages_showing, sender=model, dispatch_uid=f"tusenet-reindex-{model.__name__}")
