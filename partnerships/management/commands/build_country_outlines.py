"""Extract the outlines of Sweden and Turkey from world-atlas (Natural Earth) into partnerships/data.

Run once when updating the outlines; the result is committed:

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    manage.py build_country_outlines package/countries-50m.json
"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand

from partnerships.geography import OUTLINES_FILE

#: ISO 3166-1 numeric codes, as world-atlas identifies countries.
COUNTRIES = {"SE": "752", "TR": "792"}
PRECISION = 2  # hundredths of a degree: about 1 km, plenty for a map a few hundred pixels wide


def decode_arcs(topology):
    """TopoJSON arcs as lists of [longitude, latitude] (undoing quantisation and delta encoding)."""
    scale_x, scale_y = topology["transform"]["scale"]
    shift_x, shift_y = topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append([x * scale_x + shift_x, y * scale_y + shift_y])
        arcs.append(points)
    return arcs


def ring(arc_indexes, arcs):
    points = []
    for index in arc_indexes:
        arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        points.extend(arc if not points else arc[1:])
    rounded = []
    for longitude, latitude in points:
        point = [round(longitude, PRECISION), round(latitude, PRECISION)]
        if not rounded or rounded[-1] != point:
            rounded.append(point)
    return rounded


class Command(BaseCommand):
    help = "Write the outlines of Sweden and Turkey from world-atlas's countries-50m.json."

    def add_arguments(self, parser):
        parser.add_argument("topojson", help="countries-50m.json from the npm package world-atlas")

    def handle(self, *args, topojson, **options):
        topology = json.loads(Path(topojson).read_text())
        arcs = decode_arcs(topology)
        geometries = {geometry.get("id"): geometry for geometry in topology["objects"]["countries"]["geometries"]}
        outlines = {}
        for country, code in COUNTRIES.items():
            geometry = geometries[code]
            polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
            # The outer ring of each polygon: lakes and other holes do not show at this size.
            outlines[country] = [ring(polygon[0], arcs) for polygon in polygons]
        document = {
            "source": "Natural Earth 1:50m Admin 0 countries, via the npm package world-atlas 2.0.2",
            "licence": "Natural Earth: public domain. world-atlas: ISC licence, copyright 2013-2019 Michael Bostock.",
            "countries": outlines,
        }
        OUTLINES_FILE.write_text(json.dumps(document, separators=(",", ":")) + "\n")
        points = sum(len(r) for rings in outlines.values() for r in rings)
        self.stdout.write(f"Wrote {OUTLINES_FILE.name}: {points} points")
