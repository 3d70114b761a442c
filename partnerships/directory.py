"""The network directory's filters: theme, Swedish municipality, Turkish province, country of member.

A plain GET form (``?theme=tourism&province=Bursa``) that works without JavaScript
and gives shareable addresses. Filters combine; a value that matches nothing the
data knows is ignored and reported, never an error.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from .models.partners import Country, Membership, Municipality, WorkingArea
from .search import fold

FILTER_LABELS = {
    "theme": _("Theme"),
    "swedish": _("Swedish municipality"),
    "province": _("Turkish province"),
    "country": _("Country of a member"),
}


@dataclass
class Directory:
    """The filter choices, the values in use, the ignored ones and the matching network ids."""

    choices: dict
    selected: dict = field(default_factory=dict)
    ignored: list = field(default_factory=list)
    network_ids: set | None = None  # None: no filter applied

    @property
    def is_filtered(self):
        return bool(self.selected)

    @property
    def fields(self):
        """Each filter with its label and options, the chosen one marked, for the form."""
        return [
            {
                "name": name,
                "label": label,
                "options": [
                    (value, text, fold(value) == fold(self.selected.get(name, "")))
                    for value, text in self.choices[name]
                ],
            }
            for name, label in FILTER_LABELS.items()
        ]


def choices(locale):
    """The options of each filter, in the visitor's language where the data has one."""
    areas = WorkingArea.objects.filter(locale=locale).order_by("name")
    if not areas.exists():
        areas = WorkingArea.objects.filter(locale__language_code="en").order_by("name")
    themes = {fold(area.name): area.name for area in areas}
    swedish = Municipality.objects.filter(country=Country.SWEDEN).order_by("name")
    turkish = Municipality.objects.filter(country=Country.TURKEY).only("region")
    provinces = sorted({municipality.region for municipality in turkish}, key=fold)
    return {
        "theme": list(themes.items()),
        "swedish": [(municipality.slug, municipality.name) for municipality in swedish],
        "province": [(province, province) for province in provinces],
        "country": [(code, str(label)) for code, label in Country.choices],
    }


def _networks_with_theme(value):
    """Networks whose module has a working area, in any language, containing the folded words."""
    wanted = fold(value).strip()
    modules = {area.module_id for area in WorkingArea.objects.all() if wanted and wanted in fold(area.name)}
    return set(Membership.objects.filter(network__module_id__in=modules).values_list("network_id", flat=True))


def apply(params, filter_choices):
    """Read the filters from a query dict and work out the matching networks among these ``choices(locale)``."""
    directory = Directory(filter_choices)
    valid = {name: {value for value, _label in options} for name, options in directory.choices.items()}
    valid_themes_folded = {fold(value) for value in valid["theme"]}
    for name in FILTER_LABELS:
        value = params.get(name, "").strip()
        if not value:
            continue
        if name == "theme":
            matches = _networks_with_theme(value) if fold(value) in valid_themes_folded or len(value) >= 3 else set()
            if not matches:
                directory.ignored.append((FILTER_LABELS[name], value[:100]))
                continue
        else:
            # Case and accents do not matter: "istanbul" is İstanbul, "malmo" is Malmö, "se" is SE.
            known = {fold(option): option for option in valid[name]} | {
                fold(text): option for option, text in directory.choices[name]
            }
            if fold(value) not in known:
                directory.ignored.append((FILTER_LABELS[name], value[:100]))
                continue
            value = known[fold(value)]
            matches = _networks_for(name, value)
        directory.selected[name] = value
        directory.network_ids = matches if directory.network_ids is None else directory.network_ids & matches
    return directory


def _networks_for(name, value):
    memberships = Membership.objects.all()
    if name == "swedish":
        memberships = memberships.filter(municipality__slug=value, municipality__country=Country.SWEDEN)
    elif name == "province":
        memberships = memberships.filter(municipality__region=value, municipality__country=Country.TURKEY)
    else:
        memberships = memberships.filter(municipality__country=value) | memberships.filter(association__country=value)
    return set(memberships.values_list("network_id", flat=True))
