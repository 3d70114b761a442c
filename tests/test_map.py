"""The partner map: every partner a linked point, the right lines, drawn from the repository's outlines."""

import math
import re

import pytest

from partnerships.map_layout import MIN_DISTANCE, place_markers
from partnerships.maps import PANELS, country_paths

pytestmark = pytest.mark.django_db


def svg(html):
    return html[html.index('<svg class="map"') : html.index("</svg>") + 6]


def test_networks_index_map_has_31_partner_points_and_one_line_per_partner_pair(client, loaded_content):
    from partnerships.models import Network

    drawing = svg(client.get("/en/partnership-networks/").content.decode())
    partners = re.findall(r'<a class="map__partner" href="([^"]+)" aria-label="([^"]+)">', drawing)
    assert len(partners) == 31
    assert ("İstanbul" in {name for _href, name in partners}) and ("SKR" not in drawing)
    expected_lines = sum(
        len([m for m in n.memberships.all() if m.member.country == "SE"])
        * len([m for m in n.memberships.all() if m.member.country == "TR"])
        for n in Network.objects.prefetch_related("memberships__municipality", "memberships__association")
    )
    lines = re.findall(r'<line class="map__line" data-network="(\d+)"', drawing)
    assert len(lines) == expected_lines
    assert lines.count("1") == 2 * 4 and lines.count("7") == 1
    assert drawing.count('class="map__country"') == 2


def test_network_page_map_shows_only_its_members(client, loaded_content):
    from partnerships.models import NetworkPage

    page = NetworkPage.objects.get(locale__language_code="tr", network__number=3)
    drawing = svg(client.get(page.url).content.decode())
    names = set(re.findall(r'class="map__partner" href="[^"]+" aria-label="([^"]+)"', drawing))
    assert names == {"Kalmar", "Manisa", "Karşıyaka", "Bornova"}
    assert set(re.findall(r'data-network="(\d+)"', drawing)) == {"3"}
    assert all(href.startswith("/tr/") for href in re.findall(r'<a class="map__partner" href="([^"]+)"', drawing))


def test_swedish_map_links_untranslated_members_to_swedish_fallback_addresses(client, loaded_content):
    drawing = svg(client.get("/sv/partnerskapsnatverk/").content.decode())
    hrefs = re.findall(r'<a class="map__partner" href="([^"]+)"', drawing)
    assert len(hrefs) == 31 and all(href.startswith("/sv/") for href in hrefs)


def test_filtered_directory_maps_only_the_networks_found(client, loaded_content):
    drawing = svg(client.get("/en/partnership-networks/", {"swedish": "kalmar"}).content.decode())
    assert set(re.findall(r'data-network="(\d+)"', drawing)) == {"3", "6"}


def test_outlines_come_from_the_repository_and_fit_their_panels():
    paths = country_paths()
    assert set(paths) == {"SE", "TR"}
    for country, path in paths.items():
        panel = PANELS[country]
        numbers = [float(value) for value in re.findall(r"-?\d+\.?\d*", path)]
        xs, ys = numbers[0::2], numbers[1::2]
        assert panel.left - 1 <= min(xs) and max(xs) <= panel.left + panel.width + 1
        assert panel.top - 1 <= min(ys) and max(ys) <= panel.top + panel.height + 1


# Public coordinates (decimal degrees) of İzmir's Konak and three partners around it: Konak lies west of Manisa.
IZMIR = {
    "manisa": (27.4289, 38.6191),
    "karsiyaka": (27.1096, 38.4594),
    "bornova": (27.2167, 38.4697),
    "konak": (27.1287, 38.4189),
    "ordu": (37.8764, 40.9839),
}


def test_crowded_places_get_markers_apart_in_their_own_directions_and_lone_places_keep_theirs():
    names = list(IZMIR)
    places = [PANELS["TR"].project(*IZMIR[name]) for name in names]
    marker = dict(zip(names, place_markers(places), strict=True))
    assert marker["ordu"] == places[names.index("ordu")]
    crowd = ["manisa", "karsiyaka", "bornova", "konak"]
    assert all(math.dist(marker[a], marker[b]) >= MIN_DISTANCE - 0.2 for a in crowd for b in crowd if a < b)
    assert marker["konak"][0] < marker["manisa"][0]  # west stays west
    assert marker["karsiyaka"][1] < marker["konak"][1]  # north stays north
    assert marker["bornova"][0] > marker["konak"][0]


def test_places_that_coincide_get_markers_apart():
    markers = place_markers([(100.0, 100.0)] * 3)
    assert len(set(markers)) == 3
    assert all(math.dist(a, b) >= MIN_DISTANCE - 0.2 for a in markers for b in markers if a != b)


def test_every_partner_is_drawn_on_its_true_place(client, loaded_content):
    """A dot on each member's own coordinates (Stockholm, Nacka and SALAR's seat included), its marker beside it."""
    from partnerships.models import Association, Municipality

    drawing = svg(client.get("/en/partnership-networks/").content.decode())
    partners = re.findall(r'<a class="map__partner" href="[^"]+" aria-label="([^"]+)">(.*?)</a>', drawing)
    drawn = {}
    for name, markup in partners:
        place = re.search(r'class="map__place" cx="([\d.]+)" cy="([\d.]+)"', markup) or re.search(
            r'class="map__point" cx="([\d.]+)" cy="([\d.]+)"', markup
        )
        drawn[name] = (float(place[1]), float(place[2]))
    members = [*Municipality.objects.all(), *Association.objects.all()]
    expected = {m.name: PANELS[m.country].project(m.longitude, m.latitude) for m in members if m.name in drawn}
    assert len(expected) >= 28 and all(drawn[name] == place for name, place in expected.items())


def great_circle_km(a, b):
    """The distance between two (latitude, longitude) places on a sphere of the Earth's mean radius."""
    (lat1, lon1), (lat2, lon2) = (map(math.radians, place) for place in (a, b))
    cosine = math.sin(lat1) * math.sin(lat2) + math.cos(lat1) * math.cos(lat2) * math.cos(lon2 - lon1)
    return 6371 * math.acos(min(1.0, cosine))


@pytest.mark.parametrize(
    ("country", "a", "b"),
    [("SE", (56.6634, 16.3568), (63.8258, 20.2630)), ("TR", (41.0082, 28.9784), (39.9334, 32.8597))],
)
def test_each_panels_scale_bar_measures_true_distances_between_real_places(country, a, b):
    """Kalmar–Umeå and İstanbul–Ankara, drawn in their panels, measure their real distance on the bar's scale.

    The projection is true along meridians and on the panel's middle parallel: the bar is a guide, 3 % at most
    off for these partners' places.
    """
    panel = PANELS[country]
    (x1, y1), (x2, y2) = panel.project(a[1], a[0]), panel.project(b[1], b[0])
    drawn_km = math.dist((x1, y1), (x2, y2)) / panel.pixels_per_km
    assert drawn_km == pytest.approx(great_circle_km(a, b), rel=0.03)


def test_each_panel_is_framed_named_in_the_visitors_language_and_has_its_scale_bar(client, loaded_content):
    """Two insets, not one map with Sweden beside Turkey: each framed, named, with a 200 km bar of its own scale."""
    drawing = svg(client.get("/tr/ortaklik-aglari/").content.decode())
    assert drawing.count('class="map__inset"') == 2
    assert re.findall(r'class="map__country-name"[^>]*>([^<]+)<', drawing) == ["İsveç", "Türkiye"]
    bars = [
        float(length) for length in re.findall(r'<g class="map__scale"><path d="M[\d.]+,[\d.]+v6h([\d.]+)v-6"', drawing)
    ]
    expected = [round(200 * PANELS[country].pixels_per_km, 1) for country in ("SE", "TR")]
    assert bars == expected and drawing.count(">200 km</text>") == 2


def test_every_partner_has_its_name_for_hover_and_for_keyboard_focus(client, loaded_content):
    """A tooltip (title) on hover and a drawn name shown by CSS on hover and focus, both the partner's name."""
    drawing = svg(client.get("/sv/partnerskapsnatverk/").content.decode())
    partners = re.findall(
        r'class="map__partner" href="[^"]+" aria-label="([^"]+)"><title>([^<]+)</title>(?:(?!</a>).)*?'
        r'<text class="map__name"[^>]*>([^<]+)</text>',
        drawing,
    )
    assert len(partners) == 31
    assert all(label == title == name for label, title, name in partners)
