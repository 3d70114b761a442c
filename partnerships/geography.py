"""Rough geographic bounds used to catch coordinates typed into the wrong country.

The boxes are the countries' extreme latitudes and longitudes (rounded outwards),
so they accept every point in the country and reject swapped or mistyped values
such as a Turkish town placed in the Baltic; they are not exact borders.
"""

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path


@dataclass(frozen=True)
class Bounds:
    min_latitude: Decimal
    max_latitude: Decimal
    min_longitude: Decimal
    max_longitude: Decimal

    def latitude_within(self, latitude: Decimal) -> bool:
        return self.min_latitude <= latitude <= self.max_latitude

    def longitude_within(self, longitude: Decimal) -> bool:
        return self.min_longitude <= longitude <= self.max_longitude


COUNTRY_BOUNDS = {
    "SE": Bounds(Decimal("55.0"), Decimal("69.1"), Decimal("10.9"), Decimal("24.2")),
    "TR": Bounds(Decimal("35.8"), Decimal("42.2"), Decimal("25.6"), Decimal("44.9")),
}

#: Outlines of Sweden and Turkey (see manage.py build_country_outlines and its licence note).
OUTLINES_FILE = Path(__file__).resolve().parent / "data" / "country_outlines.json"
