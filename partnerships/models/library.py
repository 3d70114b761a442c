"""The programme's newsletters and products as public sources list them, with the file once an editor attaches it."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.fields import StreamField

from .sources import SourceBlock


class PublicationKind(models.TextChoices):
    NEWSLETTER = "newsletter", _("newsletter")
    PRODUCT = "product", _("product of a module")


def validate_language_codes(value):
    unknown = [code for code in value.split() if code not in dict(settings.LANGUAGES)]
    if unknown:
        raise ValidationError(_("Unknown language code: %(codes)s.") % {"codes": ", ".join(unknown)})


class Publication(models.Model):
    """A document of the programme, known from a source that lists it; the file is attached only if someone has it.

    Nothing here is guessed: a year or language the source does not give stays empty and the
    page says it is not known. The title is quoted as the source lists it, in the source's language.
    """

    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=PublicationKind.choices)
    module = models.ForeignKey(
        "partnerships.Module",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="publications",
        verbose_name=_("module"),
        help_text=_("The module whose result this product is; empty for a newsletter."),
    )
    issue = models.CharField(
        _("issue"), max_length=20, blank=True, help_text=_("A newsletter's number, such as 1/2007.")
    )
    title = models.CharField(_("title"), max_length=300, help_text=_("As the source lists it, in its language."))
    year = models.PositiveSmallIntegerField(
        _("year"), null=True, blank=True, help_text=_("Empty if no source gives it.")
    )
    languages = models.CharField(
        _("languages"),
        max_length=20,
        blank=True,
        validators=[validate_language_codes],
        help_text=_("The document's language codes separated by spaces, such as “en tr”; empty if not known."),
    )
    parts = models.PositiveSmallIntegerField(_("parts"), default=1, help_text=_("The number of files it is in."))
    source = StreamField(
        [("source", SourceBlock())],
        min_num=1,
        max_num=1,
        verbose_name=_("source"),
        help_text=_("The public source that lists this document."),
    )
    document = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("document"),
        help_text=_("The file, once it is in the document library; until then the site says it is not available here."),
    )

    panels = [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("module"), FieldPanel("issue")]),
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("year"), FieldPanel("languages"), FieldPanel("parts")]),
        FieldPanel("source"),
        FieldPanel("document"),
        FieldPanel("slug"),
    ]

    class Meta:
        verbose_name = _("publication")
        verbose_name_plural = _("publications")
        ordering = ["kind", "module__number", "year", "issue", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind=PublicationKind.NEWSLETTER, module__isnull=True)
                | Q(kind=PublicationKind.PRODUCT, module__isnull=False),
                name="publication_product_has_its_module",
                violation_error_message=_("A product belongs to a module; a newsletter to none."),
            ),
        ]

    def __str__(self):
        return f"{self.issue} {self.title}".strip()

    @property
    def listed_by(self):
        """The source, as a plain dict (publisher, title, date, url, language)."""
        return self.source.raw_data[0]["value"]

    @property
    def language_codes(self):
        return self.languages.split()
