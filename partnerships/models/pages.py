"""The page tree: the prose editors write, around facts read from the partnership data.

Network, module, municipality and association pages point at their record with a
chooser; everything factual on them (members, regions, working areas) is rendered
from that record so nothing is typed twice. Every page type is translated with
wagtail-localize: the text fields are translated, the record is synchronised.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from .. import queries

RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]


class ContentPage(Page):
    """Shared fields: a plain-text introduction and a rich-text body."""

    intro = models.TextField(_("introduction"), blank=True)
    body = RichTextField(_("body"), blank=True, features=RICH_TEXT_FEATURES)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]

    class Meta:
        abstract = True


class HomePage(ContentPage):
    """The root of each language's tree; lists the networks from the data."""

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "partnerships.StandardPage",
        "partnerships.NetworkIndexPage",
        "partnerships.MunicipalityIndexPage",
        "partnerships.ProductsPage",
        "partnerships.PostIndexPage",
    ]

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["networks"] = queries.network_summaries(self.locale_id)
        return context


class StandardPage(ContentPage):
    """A page of prose, such as "About Tusenet"."""

    parent_page_types = ["partnerships.HomePage", "partnerships.StandardPage"]
    subpage_types = ["partnerships.StandardPage"]

    class Meta:
        verbose_name = _("standard page")


class NetworkIndexPage(ContentPage):
    parent_page_types = ["partnerships.HomePage"]
    subpage_types = ["partnerships.NetworkPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("networks index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["networks"] = queries.network_summaries(self.locale_id)
        return context


class NetworkPage(ContentPage):
    network = models.ForeignKey(
        "partnerships.Network",
        on_delete=models.PROTECT,
        related_name="pages",
        verbose_name=_("network"),
    )

    content_panels = [*ContentPage.content_panels, FieldPanel("network")]
    parent_page_types = ["partnerships.NetworkIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("network page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(queries.network_details(self.network, self.locale_id))
        return context


class MunicipalityIndexPage(ContentPage):
    parent_page_types = ["partnerships.HomePage"]
    subpage_types = ["partnerships.MunicipalityPage", "partnerships.AssociationPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("municipalities index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(queries.member_directory(self.locale_id))
        return context


class MunicipalityPage(ContentPage):
    municipality = models.ForeignKey(
        "partnerships.Municipality",
        on_delete=models.PROTECT,
        related_name="pages",
        verbose_name=_("municipality"),
    )

    content_panels = [*ContentPage.content_panels, FieldPanel("municipality")]
    parent_page_types = ["partnerships.MunicipalityIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("municipality page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["networks"] = queries.networks_of(self.municipality.memberships.all(), self.locale_id)
        return context


class AssociationPage(ContentPage):
    association = models.ForeignKey(
        "partnerships.Association",
        on_delete=models.PROTECT,
        related_name="pages",
        verbose_name=_("association"),
    )

    content_panels = [*ContentPage.content_panels, FieldPanel("association")]
    parent_page_types = ["partnerships.MunicipalityIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("association page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["networks"] = queries.networks_of(self.association.memberships.all(), self.locale_id)
        return context


class ProductsPage(ContentPage):
    """ "Tusenet Products": the modules the networks ran."""

    parent_page_types = ["partnerships.HomePage"]
    subpage_types = ["partnerships.ModulePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("products page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["modules"] = queries.module_summaries(self, self.locale_id)
        return context


class ModulePage(ContentPage):
    module = models.ForeignKey(
        "partnerships.Module",
        on_delete=models.PROTECT,
        related_name="pages",
        verbose_name=_("module"),
    )

    content_panels = [
        *ContentPage.content_panels,
        FieldPanel("module"),
        InlinePanel("documents", heading=_("Product documents"), label=_("document")),
    ]
    parent_page_types = ["partnerships.ProductsPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("module page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(queries.module_details(self, self.locale_id))
        return context


class ModulePageDocument(Orderable):
    """A downloadable product document from the document library."""

    page = ParentalKey(ModulePage, on_delete=models.CASCADE, related_name="documents")
    document = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("document"),
    )

    panels = [FieldPanel("document")]


class PostIndexPage(ContentPage):
    """ "Recent posts": the posts, newest first."""

    parent_page_types = ["partnerships.HomePage"]
    subpage_types = ["partnerships.PostPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("posts index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["posts"] = PostPage.objects.child_of(self).live().order_by("-first_published_at")
        return context


class PostPage(ContentPage):
    parent_page_types = ["partnerships.PostIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("post")
