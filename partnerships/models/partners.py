"""The structured partnership data: language-neutral facts that pages render.

Names of places and organisations are official names and stay the same in every
language. The only translatable text here is the working-area label, kept as a
translatable snippet so translators can work on it with wagtail-localize.
"""

from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, URLValidator
from django.db import models
from django.db.models import Q
from django.utils import formats
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, TitleFieldPanel
from wagtail.models import Orderable, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from ..forms import MunicipalityForm, NetworkForm, PlaceForm, SnippetChooser, ascii_slug_input
from ..geography import COUNTRY_BOUNDS

# The ranges the numbers' meanings allow, as model validators: admin forms and full_clean() refuse
# anything outside them with a field error on every database (SQLite enforces no integer range).
#: Degrees north or south of the equator.
LATITUDE_RANGE = [MinValueValidator(-90), MaxValueValidator(90)]
#: Degrees east or west of Greenwich.
LONGITUDE_RANGE = [MinValueValidator(-180), MaxValueValidator(180)]
#: A module's or network's number counts them from 1 ("Network 7"); the programme has seven of each.
NUMBER_RANGE = [MinValueValidator(1), MaxValueValidator(99)]
#: A website is linked from public pages: only web addresses, never ftp or other schemes.
WEB_ADDRESS = URLValidator(schemes=["http", "https"])
#: Far more than any network had (six members at most); it bounds the rows one admin form may send.
MAX_NETWORK_MEMBERS = 40


class Country(models.TextChoices):
    SWEDEN = "SE", _("Sweden")
    TURKEY = "TR", _("Turkey")


class MunicipalityKind(models.TextChoices):
    METROPOLITAN = "metropolitan", _("Metropolitan municipality")
    PROVINCIAL = "provincial", _("Provincial municipality")
    DISTRICT = "district", _("District municipality")
    KOMMUN = "kommun", _("Municipality (kommun)")


#: Which kinds of municipality exist in which country.
KINDS_BY_COUNTRY = {
    Country.SWEDEN: {MunicipalityKind.KOMMUN},
    Country.TURKEY: {
        MunicipalityKind.METROPOLITAN,
        MunicipalityKind.PROVINCIAL,
        MunicipalityKind.DISTRICT,
    },
}


class WebAddressField(models.URLField):
    """A website's address: an address typed without its scheme (``www.umea.se``) is taken as https."""

    default_validators = [WEB_ADDRESS]

    def formfield(self, **kwargs):
        return super().formfield(**{"assume_scheme": "https", **kwargs})


def coordinates_outside_the_country(place):
    """Field errors for a latitude or longitude outside the box of ``place``'s country, each on its own field."""
    bounds = COUNTRY_BOUNDS.get(place.country)
    errors = {}
    if bounds is None:
        return errors
    country = place.get_country_display()
    if place.latitude is not None and not bounds.latitude_within(place.latitude):
        errors["latitude"] = gettext("%(country)s lies between latitudes %(south)s and %(north)s.") % {
            "country": country,
            "south": formats.number_format(bounds.min_latitude),
            "north": formats.number_format(bounds.max_latitude),
        }
    if place.longitude is not None and not bounds.longitude_within(place.longitude):
        errors["longitude"] = gettext("%(country)s lies between longitudes %(west)s and %(east)s.") % {
            "country": country,
            "west": formats.number_format(bounds.min_longitude),
            "east": formats.number_format(bounds.max_longitude),
        }
    return errors


class Municipality(index.Indexed, models.Model):
    """A Swedish or Turkish municipality taking part in a partnership network.

    ``name`` is the place name as written locally (İstanbul, Umeå); the
    ``official_name`` is the body's own name in its own language
    (İstanbul Büyükşehir Belediyesi, Umeå kommun).
    """

    name = models.CharField(_("name"), max_length=100)
    official_name = models.CharField(_("official name"), max_length=150)
    official_name_today = models.CharField(
        _("official name today"),
        max_length=150,
        blank=True,
        help_text=_(
            "Only if the name changed after the programme, e.g. Manisa Büyükşehir Belediyesi; "
            "the official name stays the one of the programme's time."
        ),
    )
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        unique=True,
        allow_unicode=False,
        help_text=_("ASCII only, e.g. “sirnak” for Şırnak."),
    )
    country = models.CharField(_("country"), max_length=2, choices=Country.choices)
    kind = models.CharField(_("kind"), max_length=20, choices=MunicipalityKind.choices)
    website = WebAddressField(
        _("official website"),
        blank=True,
        help_text=_("The municipality's own website, e.g. https://www.umea.se/; empty unless a source confirms it."),
    )
    region = models.CharField(
        _("province or county"),
        max_length=100,
        help_text=_("The Turkish province or Swedish county, with its official name."),
    )
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=8,
        decimal_places=5,
        validators=LATITUDE_RANGE,
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=8,
        decimal_places=5,
        validators=LONGITUDE_RANGE,
    )

    base_form_class = MunicipalityForm
    panels = [
        # The slug follows the name as it is typed (Şırnak -> sirnak), until someone edits the slug itself.
        FieldRowPanel(
            [
                TitleFieldPanel("name", targets=["slug"], placeholder=False),
                FieldPanel("slug", widget=ascii_slug_input()),
            ]
        ),
        FieldRowPanel([FieldPanel("official_name"), FieldPanel("official_name_today")]),
        FieldRowPanel([FieldPanel("country"), FieldPanel("kind")]),
        FieldPanel("region"),
        FieldPanel("website"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")])],
            heading=_("Location"),
        ),
    ]

    search_fields = [
        index.SearchField("name"),
        index.SearchField("official_name"),
        index.SearchField("official_name_today"),
        index.SearchField("region"),
        index.AutocompleteField("name"),
        # Filter fields also let the admin's listing sort search results by its columns.
        index.FilterField("name"),
        index.FilterField("official_name"),
        index.FilterField("region"),
        index.FilterField("country"),
        index.FilterField("kind"),
    ]

    class Meta:
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        ordering = ["country", "name"]
        constraints = [
            models.UniqueConstraint(fields=["name", "country"], name="unique_municipality_name_per_country"),
            models.CheckConstraint(
                condition=Q(latitude__gte=-90, latitude__lte=90, longitude__gte=-180, longitude__lte=180),
                name="municipality_coordinates_on_earth",
            ),
        ]

    def __str__(self):
        return self.name

    @classmethod
    def kind_choices_by_country(cls):
        """Each kind of municipality with the countries it exists in: (value, label, countries)."""
        return [
            (kind.value, kind.label, [country.value for country, kinds in KINDS_BY_COUNTRY.items() if kind in kinds])
            for kind in MunicipalityKind
        ]

    @property
    def region_label(self):
        """ "Province" for Turkey, "County" for Sweden."""
        return _("County") if self.country == Country.SWEDEN else _("Province")

    @property
    def local_language(self):
        """The language of the municipality's names and website."""
        return "sv" if self.country == Country.SWEDEN else "tr"

    @property
    def website_host(self):
        """The website's address as people write it: ``www.umea.se``."""
        return urlsplit(self.website).hostname or ""

    def clean(self):
        errors = {}
        if self.country and self.kind and self.kind not in KINDS_BY_COUNTRY[self.country]:
            errors["kind"] = gettext("This kind of municipality does not exist in %(country)s.") % {
                "country": self.get_country_display()
            }
        errors.update(coordinates_outside_the_country(self))
        if self.name and self.country:
            clash = Municipality.objects.filter(name=self.name, country=self.country).exclude(pk=self.pk)
            if clash.exists():
                errors["name"] = gettext("%(country)s already has a municipality with this name.") % {
                    "country": self.get_country_display()
                }
        if errors:
            raise ValidationError(errors)


class Association(index.Indexed, models.Model):
    """A national association of local governments (SALAR in Sweden, UMT in Turkey)."""

    name = models.CharField(_("name in English"), max_length=150, unique=True)
    acronym = models.CharField(_("acronym in English"), max_length=20, unique=True)
    local_name = models.CharField(_("official name"), max_length=150)
    local_acronym = models.CharField(_("official acronym"), max_length=20, blank=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    country = models.CharField(_("country"), max_length=2, choices=Country.choices)
    latitude = models.DecimalField(
        _("latitude of the seat"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=LATITUDE_RANGE,
        help_text=_("Where the association has its seat (the city centre), for maps and open data."),
    )
    longitude = models.DecimalField(
        _("longitude of the seat"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=LONGITUDE_RANGE,
    )

    base_form_class = PlaceForm
    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("acronym")]),
        FieldRowPanel([FieldPanel("local_name"), FieldPanel("local_acronym")]),
        FieldRowPanel([FieldPanel("slug"), FieldPanel("country")]),
        FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
    ]

    search_fields = [
        index.SearchField("name"),
        index.SearchField("acronym"),
        index.SearchField("local_name"),
        index.SearchField("local_acronym"),
        index.FilterField("acronym"),
        index.FilterField("name"),
        index.FilterField("local_name"),
        index.FilterField("country"),
    ]

    class Meta:
        verbose_name = _("association")
        verbose_name_plural = _("associations")
        ordering = ["acronym"]

    def __str__(self):
        return f"{self.acronym} ({self.name})"

    def clean(self):
        errors = coordinates_outside_the_country(self)
        if errors:
            raise ValidationError(errors)


class Module(ClusterableModel):
    """The thematic module a network runs; its title lives on its module page."""

    number = models.PositiveSmallIntegerField(_("number"), unique=True, validators=NUMBER_RANGE)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)

    panels = [FieldRowPanel([FieldPanel("number"), FieldPanel("slug")])]

    class Meta:
        verbose_name = _("module")
        verbose_name_plural = _("modules")
        ordering = ["number"]

    def __str__(self):
        return gettext("Module %(number)s") % {"number": self.number}


class WorkingArea(TranslatableMixin, Orderable):
    """A working area of a module: a short label that is translated per language."""

    # PROTECT: a module's translated working-area labels are translators' work; delete them first.
    module = models.ForeignKey(Module, on_delete=models.PROTECT, related_name="working_areas", verbose_name=_("module"))
    name = models.CharField(_("name"), max_length=200)

    panels = [FieldPanel("module", widget=SnippetChooser(Module)), FieldPanel("name")]
    translatable_fields = [
        TranslatableField("name"),
        SynchronizedField("module"),
        SynchronizedField("sort_order"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("working area")
        verbose_name_plural = _("working areas")
        ordering = ["module__number", "sort_order"]

    def __str__(self):
        return self.name


class Network(ClusterableModel):
    """A partnership network: Swedish and Turkish members running one module."""

    number = models.PositiveSmallIntegerField(_("number"), unique=True, validators=NUMBER_RANGE)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    module = models.ForeignKey(Module, on_delete=models.PROTECT, related_name="networks", verbose_name=_("module"))

    panels = [
        FieldRowPanel([FieldPanel("number"), FieldPanel("slug")]),
        FieldPanel("module", widget=SnippetChooser(Module)),
        InlinePanel("memberships", heading=_("Members"), label=_("member"), min_num=2, max_num=MAX_NETWORK_MEMBERS),
    ]

    base_form_class = NetworkForm

    class Meta:
        verbose_name = _("network")
        verbose_name_plural = _("networks")
        ordering = ["number"]

    @staticmethod
    def member_errors(members):
        """The messages that make this list of members invalid (``network_member_errors``), for the admin form."""
        return network_member_errors(members)

    def __str__(self):
        return gettext("Network %(number)s") % {"number": self.number}


class Role(models.TextChoices):
    SWEDISH_PARTNER = "swedish_partner", _("Swedish partner")
    TURKISH_PARTNER = "turkish_partner", _("Turkish partner")


ROLE_BY_COUNTRY = {Country.SWEDEN: Role.SWEDISH_PARTNER, Country.TURKEY: Role.TURKISH_PARTNER}


class Membership(Orderable):
    """One member of a network: either a municipality or an association."""

    network = ParentalKey(Network, on_delete=models.CASCADE, related_name="memberships")
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("municipality"),
    )
    association = models.ForeignKey(
        Association,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("association"),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)

    panels = [
        FieldRowPanel(
            [
                FieldPanel("municipality", widget=SnippetChooser(Municipality)),
                FieldPanel("association", widget=SnippetChooser(Association)),
            ]
        ),
        FieldPanel("role"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(municipality__isnull=False, association__isnull=True)
                    | Q(municipality__isnull=True, association__isnull=False)
                ),
                name="membership_has_exactly_one_member",
            ),
            models.UniqueConstraint(fields=["network", "municipality"], name="unique_municipality_per_network"),
            models.UniqueConstraint(fields=["network", "association"], name="unique_association_per_network"),
        ]

    def __str__(self):
        return f"{self.network}: {self.member}"

    @property
    def member(self):
        return self.municipality or self.association

    def clean(self):
        if bool(self.municipality_id) == bool(self.association_id):
            message = gettext("Choose either a municipality or an association.")
            raise ValidationError({"municipality": message, "association": message})
        expected = ROLE_BY_COUNTRY[self.member.country]
        if self.role and self.role != expected:
            raise ValidationError(
                {
                    "role": gettext("A member from %(country)s has the role “%(role)s”.")
                    % {"country": self.member.get_country_display(), "role": expected.label}
                }
            )


def network_member_errors(members):
    """Return the messages that make a list of network members invalid.

    ``members`` is the list of Municipality or Association objects in one
    network. A network needs a Swedish and a Turkish side and no member twice.
    """
    errors = []
    countries = {member.country for member in members}
    if not {Country.SWEDEN, Country.TURKEY} <= countries:
        errors.append(gettext("A network needs at least one Swedish and one Turkish member."))
    if len(members) > MAX_NETWORK_MEMBERS:
        errors.append(gettext("A network has at most %(most)s members.") % {"most": MAX_NETWORK_MEMBERS})
    seen = set()
    for member in members:
        key = (type(member).__name__, member.pk)
        if key in seen:
            errors.append(gettext("%(member)s is listed twice.") % {"member": member})
        seen.add(key)
    return errors
