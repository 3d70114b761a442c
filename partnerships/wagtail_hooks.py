"""Admin for the partnership data: snippet view sets grouped under one menu item."""

from collections import OrderedDict

import django_filters
from django.contrib import messages
from django.core.exceptions import FieldDoesNotExist
from django.shortcuts import redirect
from django.urls import path
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.coreutils import multigetattr
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.chooser import ChooseResultsView, ChooseView, SnippetChooserViewSet
from wagtail.snippets.views.snippets import DeleteView, IndexView, SnippetViewSet, SnippetViewSetGroup

from tusenet.editorial import deletion
from tusenet.editorial.field_labels import field_label
from tusenet.i18n.rich_text import LocalizedPageLinkHandler
from tusenet.ops import spreadsheets

from . import member_pages
from .models import Association, Country, Module, Municipality, MunicipalityKind, Network, Publication, WorkingArea


class ProtectedDeleteView(DeleteView):
    """Name what still uses the object, and refuse with a message (never a 403 or a 500) while it does.

    Wagtail's own check relies on its reference index; this asks the database's
    foreign keys as well (see ``tusenet.editorial.deletion``).
    """

    def get(self, request, *args, **kwargs):
        error = deletion.protection([self.object])
        if error is not None:
            messages.error(request, deletion.protected_message(self.object, error, request.user))
        return super().get(request, *args, **kwargs)

    def form_valid(self, form):
        error = deletion.protection([self.object])
        if error is not None:
            messages.error(self.request, deletion.protected_message(self.object, error, self.request.user))
            return redirect(self.get_success_url())
        return super().form_valid(form)


class SpreadsheetSafeIndexView(IndexView):
    """The listing and its exports, made for spreadsheets in any language.

    Choices are written as their labels in the admin's language (not codes), a CSV file starts with a
    byte-order mark (Excel set to Swedish or Turkish reads it as UTF-8 only then), and text a spreadsheet
    would run as a formula is written as text.
    """

    #: Columns the view works out: export name -> function of the item.
    computed_exports = {}

    def to_row_dict(self, item):
        return OrderedDict((field, self.export_value(item, field)) for field in self.list_export)

    def export_value(self, item, field):
        if field in self.computed_exports:
            return self.computed_exports[field](item)
        try:
            model_field = item._meta.get_field(field)
        except FieldDoesNotExist:
            return multigetattr(item, field)
        return getattr(item, f"get_{field}_display")() if model_field.choices else multigetattr(item, field)

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        return spreadsheets.as_text_cell(value) if export_format == self.FORMAT_CSV else value

    def stream_csv(self, queryset):
        rows, language = super().stream_csv(queryset), translation.get_language()

        # The rows are written while the response is sent, after the admin's language was switched off again.
        def in_the_admins_language():
            with translation.override(language):
                yield spreadsheets.BYTE_ORDER_MARK
                yield from rows

        return in_the_admins_language()

    def write_csv_response(self, queryset):
        response = super().write_csv_response(queryset)
        response["Content-Type"] = "text/csv; charset=utf-8"
        return response


def network_names(member):
    """The networks a municipality or association belongs to, in number order ("Network 3, Network 6")."""
    networks = sorted((membership.network for membership in member.memberships.all()), key=lambda n: n.number)
    return ", ".join(str(network) for network in networks)


class MemberIndexView(SpreadsheetSafeIndexView):
    """A listing of network members, whose exports have a column of their networks."""

    computed_exports = {"networks": network_names}

    def get_base_queryset(self):
        return super().get_base_queryset().prefetch_related("memberships__network")


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


class WithPlaceColumns:
    """A chooser's listing with each municipality's province or county and country beside its name."""

    @property
    def columns(self):
        return [
            *super().columns,
            Column("region", label=field_label(Municipality, "region")),
            Column("country", label=field_label(Municipality, "country"), accessor="get_country_display"),
        ]


class MunicipalityChooseView(WithPlaceColumns, ChooseView):
    pass


class MunicipalityChooseResultsView(WithPlaceColumns, ChooseResultsView):
    pass


class MunicipalityChooserViewSet(SnippetChooserViewSet):
    choose_view_class = MunicipalityChooseView
    choose_results_view_class = MunicipalityChooseResultsView


class MunicipalityViewSet(SnippetViewSet):
    model = Municipality
    chooser_viewset_class = MunicipalityChooserViewSet
    icon = "home"
    menu_label = _("Municipalities")
    index_view_class = MemberIndexView
    delete_view_class = ProtectedDeleteView
    list_display = ["name", "official_name", "country", "kind", "region"]
    list_export = ["name", "official_name", "slug", "country", "kind", "region", "latitude", "longitude", "networks"]
    export_headings = {"networks": _("Networks")}
    export_filename = "municipalities"
    filterset_class = MunicipalityFilterSet
    ordering = ["name"]
    list_per_page = 50


class AssociationViewSet(SnippetViewSet):
    model = Association
    icon = "group"
    menu_label = _("Associations")
    index_view_class = MemberIndexView
    delete_view_class = ProtectedDeleteView
    list_display = ["acronym", "name", "local_name", "country"]
    list_export = ["acronym", "name", "local_acronym", "local_name", "slug", "country", "networks"]
    export_headings = {"networks": _("Networks")}
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


class PublicationViewSet(SnippetViewSet):
    model = Publication
    icon = "doc-full"
    menu_label = _("Publications")
    index_view_class = SpreadsheetSafeIndexView
    list_display = ["__str__", "kind", "module", "year", "languages", "document"]
    list_export = ["slug", "kind", "module", "issue", "title", "year", "languages", "parts", "document"]
    export_filename = "publications"
    list_filter = ["kind", "module"]


class PartnershipViewSetGroup(SnippetViewSetGroup):
    items = (
        MunicipalityViewSet,
        AssociationViewSet,
        NetworkViewSet,
        ModuleViewSet,
        WorkingAreaViewSet,
        PublicationViewSet,
    )
    menu_icon = "group"
    menu_label = _("Partnerships")
    menu_name = "partnerships"


register_snippet(PartnershipViewSetGroup)


@hooks.register("register_rich_text_features", order=100)
def link_pages_in_the_readers_language(features):
    """Replace Wagtail's page link handler (registered earlier) with the language-keeping one."""
    features.register_link_type(LocalizedPageLinkHandler)


@hooks.register("after_create_snippet")
def offer_the_new_municipality_a_page(request, instance):
    if isinstance(instance, Municipality):
        member_pages.offer_page(request, instance)


@hooks.register("register_admin_urls")
def member_page_urls():
    return [
        path(
            "municipalities/<int:municipality_id>/create-page/",
            member_pages.create_municipality_page,
            name="partnerships_create_municipality_page",
        )
    ]
