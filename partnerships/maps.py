"""Maps of the partners, drawn on the server as inline SVG: no tiles, no scripts, no third party.

Sweden and Turkey are far apart, so each gets its own framed panel, named and with a
scale bar: Sweden tall on the left, Turkey wide on the right. Every member is a point linking
to its page, drawn on its place or, where places crowd, beside it on a leader line
(``map_layout``); lines join each network's Swedish members to its Turkish members,
one colour per network. The network lists next to the map say the same in text.
"""

import json
import math
from dataclasses import dataclass
from functools import lru_cache

from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from .geography import OUTLINES_FILE
from .map_layout import place_markers
from .models import Country

WIDTH, HEIGHT = 1000, 700
#: Kilometres along a meridian per degree of latitude (the mean Earth radius of 6,371 km).
KM_PER_DEGREE = 6371 * math.pi / 180
SCALE_BAR_KM = 200
#: Colours per network number (distinguishable, and at least 3:1 against the pale sea).
NETWORK_COLOURS = ["#1b5e9b", "#b3261e", "#2e7d32", "#7b1fa2", "#b35900", "#00717a", "#5d4037"]


@dataclass(frozen=True)
class Panel:
    """A rectangle of the SVG showing one country, in an equirectangular projection."""

    min_longitude: float
    max_longitude: float
    min_latitude: float
    max_latitude: float
    left: float
    top: float
    width: float

    @property
    def x_factor(self):
        return math.cos(math.radians((self.min_latitude + self.max_latitude) / 2))

    @property
    def scale(self):
        return self.width / ((self.max_longitude - self.min_longitude) * self.x_factor)

    @property
    def height(self):
        return (self.max_latitude - self.min_latitude) * self.scale

    @property
    def pixels_per_km(self):
        return self.scale / KM_PER_DEGREE

    def project(self, longitude, latitude):
        x = self.left + (float(longitude) - self.min_longitude) * self.x_factor * self.scale
        y = self.top + (self.max_latitude - float(latitude)) * self.scale
        return round(x, 1), round(y, 1)


PANELS = {
    "SE": Panel(10.5, 24.5, 55.0, 69.5, left=10, top=10, width=305),
    "TR": Panel(25.5, 45.0, 35.5, 42.5, left=350, top=330, width=640),
}


@lru_cache(maxsize=1)
def country_paths():
    """The SVG path of each country, projected into its panel (read once per process)."""
    outlines = json.loads(OUTLINES_FILE.read_text())["countries"]
    paths = {}
    for country, rings in outlines.items():
        panel = PANELS[country]
        parts = []
        for ring in rings:
            points = [panel.project(longitude, latitude) for longitude, latitude in ring]
            parts.append("M" + "L".join(f"{x},{y}" for x, y in points) + "Z")
        paths[country] = "".join(parts)
    return paths


def panel_furniture():
    """Each panel's frame, its country's name in the active language and a scale bar of ``SCALE_BAR_KM``."""
    parts = []
    for country, panel in PANELS.items():
        bottom = panel.top + panel.height
        bar = round(SCALE_BAR_KM * panel.pixels_per_km, 1)
        parts.append(
            format_html(
                '<rect class="map__inset" x="{}" y="{}" width="{}" height="{}"/>'
                '<text class="map__country-name" x="{}" y="{}">{}</text>'
                '<g class="map__scale"><path d="M{},{}v6h{}v-6"/><text x="{}" y="{}">{} km</text></g>',
                panel.left,
                panel.top,
                panel.width,
                round(panel.height, 1),
                panel.left + 10,
                panel.top + 8,
                Country(country).label,
                panel.left + 12,
                round(bottom - 16, 1),
                bar,
                round(panel.left + 12 + bar + 8, 1),
                round(bottom - 9, 1),
                SCALE_BAR_KM,
            )
        )
    return mark_safe("".join(parts))  # nosec B308, B703 - each part is format_html's


def colour(number):
    return NETWORK_COLOURS[(number - 1) % len(NETWORK_COLOURS)]


def _key(link):
    return (type(link.member).__name__, link.member.pk)


def _point(link):
    member = link.member
    if member.latitude is None or member.longitude is None:
        return None
    return PANELS[member.country].project(member.longitude, member.latitude)


def partner_map(summaries, title, url_of, description_id):
    """The SVG of some networks (``queries.NetworkSummary``); ``url_of(page)`` gives a member page's address.

    ``title`` names the map; the element ``description_id`` describes it and leads to the same in text.
    """
    points = {}
    for summary in summaries:
        for link in summary.swedish + summary.turkish:
            position = _point(link)
            key = _key(link)
            if position is None:
                continue
            if key not in points:
                points[key] = {"link": link, "position": position, "networks": []}
            points[key]["networks"].append(summary.network.number)
    markers = place_markers([entry["position"] for entry in points.values()])
    for entry, marker in zip(points.values(), markers, strict=True):
        entry["marker"] = marker
    lines = []
    for summary in summaries:
        number = summary.network.number
        for swedish in summary.swedish:
            for turkish in summary.turkish:
                if _key(swedish) in points and _key(turkish) in points:
                    start, end = points[_key(swedish)]["position"], points[_key(turkish)]["position"]
                    lines.append((colour(number), number, *start, *end))
    countries = country_paths()
    outlines = format_html_join(
        "", '<path class="map__country" d="{}"/>', ((countries[country],) for country in ("SE", "TR"))
    )
    line_html = format_html_join(
        "",
        '<line class="map__line" data-network="{}" stroke="{}" x1="{}" y1="{}" x2="{}" y2="{}"/>',
        ((number, stroke, x1, y1, x2, y2) for stroke, number, x1, y1, x2, y2 in lines),
    )
    points_markup = "".join(_point_html(entry, url_of) for entry in points.values())
    # Safe: every point is made by format_html (_point_html), which escapes each value.
    point_html = mark_safe(points_markup)  # nosec B308, B703
    return format_html(
        '<svg class="map" viewBox="0 0 {} {}" role="group" aria-label="{}" aria-describedby="{}" focusable="false">'
        '<rect class="map__sea" width="{}" height="{}"/>{}{}{}{}</svg>',
        WIDTH,
        HEIGHT,
        title,
        description_id,
        WIDTH,
        HEIGHT,
        outlines,
        panel_furniture(),
        line_html,
        point_html,
    )


def _label(link):
    """A partner's accessible name: its place name, or an association's name in the visitor's language."""
    member = link.member
    if not hasattr(member, "local_name"):
        return member.name
    if link.page is not None and not getattr(link.page, "is_fallback", False):
        return link.page.title
    return f"{member.local_name} ({member.local_acronym or member.acronym})"


def _name_html(label, marker_x, marker_y):
    """The partner's name beside its marker, shown on hover and focus (toward the middle near the right edge)."""
    anchor, x = ("end", marker_x - 14) if marker_x > WIDTH * 0.7 else ("start", marker_x + 14)
    return format_html(
        '<text class="map__name" x="{}" y="{}" text-anchor="{}" aria-hidden="true">{}</text>',
        round(x, 1),
        round(marker_y + 5, 1),
        anchor,
        label,
    )


def _point_html(entry, url_of):
    """A partner's dot on its place and its marker, on the dot or joined to it by a leader line (``map_layout``)."""
    link, (x, y), (marker_x, marker_y) = entry["link"], entry["position"], entry["marker"]
    fill = colour(entry["networks"][0]) if len(entry["networks"]) == 1 else "#1b1f24"
    label = _label(link)
    drawing = format_html(
        '<circle class="map__point" cx="{}" cy="{}" r="9" fill="{}"/>{}',
        marker_x,
        marker_y,
        fill,
        _name_html(label, marker_x, marker_y),
    )
    if (marker_x, marker_y) != (x, y):
        drawing = format_html(
            '<line class="map__leader" x1="{}" y1="{}" x2="{}" y2="{}"/>'
            '<circle class="map__place" cx="{}" cy="{}" r="3"/>{}',
            x,
            y,
            marker_x,
            marker_y,
            x,
            y,
            drawing,
        )
    if link.page is None:
        return format_html(
            '<g class="map__partner" role="img" aria-label="{}"><title>{}</title>{}</g>', label, label, drawing
        )
    return format_html(
        '<a class="map__partner" href="{}" aria-label="{}"><title>{}</title>{}</a>',
        url_of(link.page),
        label,
        label,
        drawing,
    )
