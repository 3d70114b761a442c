"""Admin for the partnership data: snippet view sets grouped under one menu item."""

import django_filters
from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import DeleteView, IndexView, SnippetViewSet, SnippetViewSetGroup

from tusenet.editorial import deletion
from tusenet.i18n.rich_text import LocalizedPageLinkHandler
from tusenet.ops import spreadsheets

from .models import Association, Country, Module, Municipality, MunicipalityKind, Network, WorkingArea


class ProtectedDeleteView(DeleteView):
    """Name what still uses the object, and refuse with a message (never a 403 or a 500) while it does.

    Wagtail's own check relies on its reference index; this asks the database's
    foreign keys as well (see ``tusenet.editorial.deletion``).
    """

    def get(self, request, *args, **kwargs):
        error = deletion.protection([self.object])
        if error is not None:
            messages.error(request, deletion.protected_message(self.object, error))
        return super().get(request, *args, **kwargs)

    def form_valid(self, form):
        error = deletion.protection([self.object])
        if error is not None:
            messages.error(self.request, deletion.protected_message(self.object, error))
            return redirect(self.get_success_url())
        return super().form_valid(form)


class SpreadsheetSafeIndexView(IndexView):
    """The listing, whose CSV export writes text a spreadsheet would run as a formula as text."""

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        return spreadsheets.as_text_cell(value) if export_format == self.FORMAT_CSV else value


class MunicipalityFilterSet(WagtailFilterSet):
    country = django_filters.ChoiceFilter(label=_("Country"), choices=Country.choices)
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=MunicipalityKind.choices)
    network = django_filters.ModelChoiceFilter(
        label=_("Network"),
        field_name="memberships__network",
        queryset=Network.objects.all(),
        distinct=True,
    )

    class Meta:
        model = Municipality
        fields = ["country", "kind", "network"]


class MunicipalityViewSet(SnippetViewSet):
    model = Municipality
    icon = "home"
    menu_label = _("Municipalities")
    index_view_class = SpreadsheetSafeIndexView
    delete_view_class = ProtectedDeleteView
    list_display = ["name", "official_name", "country", "kind", "region"]
    list_export = ["name", "official_name", "slug", "country", "kind", "region", "latitude", "longitude"]
    export_filename = "municipalities"
    filterset_class = MunicipalityFilterSet
    ordering = ["name"]
    list_per_page = 50


class AssociationViewSet(SnippetViewSet):
    model = Association
    icon = "group"
    menu_label = _("Associations")
    index_view_class = SpreadsheetSafeIndexView
    delete_view_class = ProtectedDeleteView
    list_display = ["acronym", "name", "local_name", "country"]
    list_export = ["acronym", "name", "local_acronym", "local_name", "slug", "country"]
    export_filename = "associations"
    list_filter = ["country"]


class NetworkViewSet(SnippetViewSet):
    model = Network
    icon = "site"
    menu_label = _("Networks")
    index_view_class = SpreadsheetSafeIndexView
    delete_view_class = ProtectedDeleteView
    list_display = ["__str__", "slug", "module"]
    list_export = ["number", "slug", "module"]
    export_filename = "networks"
    list_filter = ["module"]
    ordering = ["number"]


class ModuleViewSet(SnippetViewSet):
    model = Module
    icon = "folder-open-inverse"
    menu_label = _("Modules")
    index_view_class = SpreadsheetSafeIndexView
    delete_view_class = ProtectedDeleteView
    list_display = ["__str__", "slug"]
    list_export = ["number", "slug"]
    export_filename = "modules"
    ordering = ["number"]


class WorkingAreaViewSet(SnippetViewSet):
    model = WorkingArea
    icon = "list-ul"
    menu_label = _("Working areas")
    index_view_class = SpreadsheetSafeIndexView
    list_display = ["name", "module", "locale"]
    list_export = ["name", "module", "locale"]
    export_filename = "working-areas"
    list_filter = ["module", "locale"]


class PartnershipViewSetGroup(SnippetViewSetGroup):
    items = (MunicipalityViewSet, AssociationViewSet, NetworkViewSet, ModuleViewSet, WorkingAreaViewSet)
    menu_icon = "group"
    menu_label = _("Partnerships")
    menu_name = "partnerships"


register_snippet(PartnershipViewSetGroup)


@hooks.register("register_rich_text_features", order=100)
def link_pages_in_the_readers_language(features):
    """Replace Wagtail's page link handler (registered earlier) with the language-keeping one."""
    features.register_link_type(LocalizedPageLinkHandler)
