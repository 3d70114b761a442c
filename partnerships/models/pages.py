"""The page tree: the prose editors write, around facts read from the partnership data.

Network, module, municipality and association pages point at their record with a
chooser; everything factual on them (members, regions, working areas) is rendered
from that record so nothing is typed twice. Every page type is translated with
wagtail-localize: the text fields are translated, the record is synchronised.
"""

import datetime

from django.db import models
from django.http import Http404
from django.shortcuts import redirect
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from tusenet.i18n import multilingual
from tusenet.i18n.slugs import ascii_slugify

from ..forms import ContentPageForm
from ..search import fold
from .sources import SourceBlock

RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link", "image"]


def _member_facts(member):
    """The words that name a municipality or association: names, acronyms, province or county."""
    fields = ("name", "official_name", "official_name_today", "region", "acronym", "local_name", "local_acronym")
    return [getattr(member, field) for field in fields if getattr(member, field, "")]


class ContentPage(Page):
    """Shared fields (a plain-text introduction and a rich-text body) and multilingual serving.

    Pages are always shown in the interface of the language in the address. A page
    missing in that language is served at its fallback address (see
    ``tusenet.i18n.multilingual``) with its content in the language it exists in.
    """

    intro = models.TextField(_("introduction"), blank=True)
    body = RichTextField(_("body"), blank=True, features=RICH_TEXT_FEATURES)
    sources = StreamField(
        [("source", SourceBlock())],
        blank=True,
        verbose_name=_("sources"),
        help_text=_("The public sources of the facts on this page, shown under it as they are, in every language."),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body"), FieldPanel("sources")]
    # A source is cited in its own language and words: translations copy the list, never translate it.
    override_translatable_fields = [SynchronizedField("sources")]
    base_form_class = ContentPageForm
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
        index.SearchField("search_text"),
    ]

    class Meta:
        abstract = True

    def search_facts(self):
        """Names and places from the partnership data that should find this page."""
        return []

    def search_text(self):
        """The page's words, ASCII-folded, for accent- and case-insensitive search (see ``partnerships.search``)."""
        words = [self.title, self.intro, strip_tags(self.body or ""), *self.search_facts()]
        return fold(" ".join(str(word) for word in words if word))

    def full_clean(self, *args, **kwargs):
        self.make_slug_ascii()
        super().full_clean(*args, **kwargs)

    def minimal_clean(self):
        self.make_slug_ascii()
        super().minimal_clean()

    def make_slug_ascii(self):
        """Keep slugs ASCII: transliterate a typed one, derive a missing one from the title.

        Wagtail (which validates a page with ``full_clean`` or ``minimal_clean`` before saving it)
        would keep ``umeå`` as typed, and derive a missing slug with Django's ``slugify``, which drops
        the Turkish ``ı`` (``Şırnak`` → ``srnak``). A derived slug taken by a sibling gets ``-2``,
        ``-3``, … as Wagtail's would, once the page's place in the tree is known.
        """
        if self.slug and not self.slug.isascii():
            self.slug = ascii_slugify(self.slug)
        base = ascii_slugify(self.title or "")
        if self.slug or not base:
            return
        self.slug = base
        if self.path:
            siblings = Page.objects.filter(path__startswith=self.path[: -self.steplen], depth=self.depth)
            taken = set(siblings.exclude(pk=self.pk).filter(slug__startswith=base).values_list("slug", flat=True))
            suffix = 1
            while self.slug in taken:
                suffix += 1
                self.slug = f"{base}-{suffix}"

    def route(self, request, path_components):
        """Route like Wagtail, in one query for the whole path; fall back to another language where this tree lacks it.

        Wagtail loads each page on the way down (two queries a level). Every page stores its
        address below the root in ``url_path``, so the deepest page of this tree on the path is
        found at once; routing goes on from there exactly as it would have on reaching it.
        """
        if not path_components:
            return super().route(request, path_components)
        on_the_way = [
            self.url_path + "".join(f"{slug}/" for slug in path_components[:depth])
            for depth in range(1, len(path_components) + 1)
        ]
        deepest = (
            Page.objects.filter(path__startswith=self.path, url_path__in=on_the_way)
            .only("depth", "live", "content_type")
            .order_by("-depth")
            .first()
        )
        remaining = path_components[deepest.depth - self.depth :] if deepest is not None else path_components
        if deepest is not None and (remaining or deepest.live):
            return deepest.specific.route(request, remaining)
        return self.route_next_level(request, path_components)

    def route_next_level(self, request, path_components):
        """The next page on the path, or its fallback in another language's tree."""
        slug, remaining = path_components[0], path_components[1:]
        child = self.get_children().filter(slug=slug).first()
        if child is None or not (remaining or child.live):
            child = multilingual.fallback_child(self, slug, draft_child=child) or child
            if child is None:
                raise Http404
        return child.specific.route(request, remaining)

    def serve(self, request, *args, **kwargs):
        """Send a visitor who reached a fallback to the real translation once it is live."""
        locale = multilingual.active_locale(request)
        if self.locale_id != locale.pk:
            translated = Page.objects.filter(translation_key=self.translation_key, locale=locale).live().first()
            if translated is not None:
                return redirect(translated.get_url(request))
        return super().serve(request, *args, **kwargs)

    def display_locale(self, request):
        """The locale the page is shown in: the language of the address, not of the page."""
        return multilingual.active_locale(request)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        locale = self.display_locale(request)
        if self.locale_id != locale.pk:
            language = multilingual.locales.language_of(self.locale_id)
            context["fallback"] = {
                "language": language,
                "language_name": multilingual.NAMES_IN_TEXT[language],
                "missing_language_name": multilingual.NAMES_IN_TEXT[locale.language_code],
                "canonical_url": self.get_full_url(request),
            }
        return context


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

    def search_facts(self):
        members = self.network.memberships.select_related("municipality", "association")
        return [fact for membership in members for fact in _member_facts(membership.member)]


class MunicipalityIndexPage(ContentPage):
    parent_page_types = ["partnerships.HomePage"]
    subpage_types = ["partnerships.MunicipalityPage", "partnerships.AssociationPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("municipalities index")


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

    def search_facts(self):
        return _member_facts(self.municipality)


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

    def search_facts(self):
        return _member_facts(self.association)


class ProductsPage(ContentPage):
    """ "Tusenet Products": the modules the networks ran."""

    parent_page_types = ["partnerships.HomePage"]
    subpage_types = ["partnerships.ModulePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("products page")


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
        posts = PostPage.objects.child_of(self).live().public().order_by(*PostPage.NEWEST_FIRST)
        context["posts"] = multilingual.mark_fallbacks(posts, self.display_locale(request))
        return context


class PostPage(ContentPage):
    """A dated news item: its date is the day of the news, set by the editor, not the day it was published here."""

    # Null only for drafts: Wagtail saves a draft without its required fields and asks for them on publishing.
    date = models.DateField(
        _("date"), null=True, help_text=_("The day of the news this post reports, such as the day of the event.")
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("date"),
        FieldPanel("intro"),
        FieldPanel("body"),
        FieldPanel("sources"),
    ]
    parent_page_types = ["partnerships.PostIndexPage"]
    subpage_types = []

    NEWEST_FIRST = (models.F("date").desc(nulls_last=True), "-first_published_at")

    class Meta:
        verbose_name = _("post")

    def sort_key(self):
        """``NEWEST_FIRST`` in Python, reversed: by date, then by first publication."""
        return (self.date or datetime.date.min, self.first_published_at)
