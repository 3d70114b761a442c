"""Open data: the partnership data as versioned JSON, CSV and GeoJSON files under ``/data/v1/``.

Identifiers are the records' slugs, which never change with translations; names are
given in the local language (``Umeå``, ``İstanbul``); each record links to its page
in every language it exists in. The files are read-only, may be fetched from any
origin, and are cached for an hour. Documented in docs/open-data.md.
"""

import csv
import io
import json

from django.conf import settings
from django.http import HttpResponse
from django.views.decorators.http import require_safe

from tusenet.i18n.multilingual import locales
from tusenet.ops import spreadsheets

from .models import (
    Association,
    AssociationPage,
    Membership,
    Module,
    Municipality,
    MunicipalityPage,
    Network,
    NetworkPage,
    WorkingArea,
)

VERSION = "1"
LICENCE = "CC0-1.0"
CACHE_SECONDS = 3600


def _respond(body, content_type):
    response = HttpResponse(body, content_type=content_type)
    response["Access-Control-Allow-Origin"] = "*"
    response["Cache-Control"] = f"public, max-age={CACHE_SECONDS}"
    return response


def _json(document, content_type="application/json"):
    return _respond(json.dumps(document, ensure_ascii=False, indent=2), f"{content_type}; charset=utf-8")


def _page_urls(request, page_model, field_name):
    """{record id: {language: absolute URL}} of the live pages of one page type."""
    urls = {}
    for page in page_model.objects.live().public():
        record_id = getattr(page, f"{field_name}_id")
        urls.setdefault(record_id, {})[locales.language_of(page.locale_id)] = page.get_full_url(request)
    return urls


def _networks_of(field_name):
    """{member id: [network numbers]} for municipalities or associations."""
    numbers = {}
    for member_id, number in Membership.objects.filter(**{f"{field_name}__isnull": False}).values_list(
        f"{field_name}_id", "network__number"
    ):
        numbers.setdefault(member_id, []).append(number)
    return {member_id: sorted(values) for member_id, values in numbers.items()}


def _coordinate(value):
    return float(value) if value is not None else None


def municipality_records(request):
    pages = _page_urls(request, MunicipalityPage, "municipality")
    networks = _networks_of("municipality")
    return [
        {
            "id": municipality.slug,
            "name": municipality.name,
            "official_name": municipality.official_name,
            "country": municipality.country,
            "kind": municipality.kind,
            "region": municipality.region,
            "latitude": _coordinate(municipality.latitude),
            "longitude": _coordinate(municipality.longitude),
            "networks": networks.get(municipality.pk, []),
            "pages": pages.get(municipality.pk, {}),
        }
        for municipality in Municipality.objects.order_by("country", "slug")
    ]


def association_records(request):
    pages = _page_urls(request, AssociationPage, "association")
    networks = _networks_of("association")
    return [
        {
            "id": association.slug,
            "name": association.local_name,
            "acronym": association.local_acronym or association.acronym,
            "name_en": association.name,
            "acronym_en": association.acronym,
            "country": association.country,
            "latitude": _coordinate(association.latitude),
            "longitude": _coordinate(association.longitude),
            "networks": networks.get(association.pk, []),
            "pages": pages.get(association.pk, {}),
        }
        for association in Association.objects.order_by("country", "slug")
    ]


def network_records(request):
    pages = _page_urls(request, NetworkPage, "network")
    areas = {}
    for area in WorkingArea.objects.order_by("sort_order", "pk"):
        areas.setdefault(area.module_id, {}).setdefault(locales.language_of(area.locale_id), []).append(area.name)
    modules = {module.pk: module for module in Module.objects.all()}
    members = {}
    memberships = Membership.objects.select_related("municipality", "association").order_by("sort_order", "pk")
    for membership in memberships:
        member = membership.member
        members.setdefault(membership.network_id, []).append(
            {
                "id": member.slug,
                "type": "municipality" if membership.municipality_id else "association",
                "country": member.country,
                "role": membership.role,
            }
        )
    return [
        {
            "id": network.slug,
            "number": network.number,
            "module": {
                "id": modules[network.module_id].slug,
                "number": modules[network.module_id].number,
                "working_areas": areas.get(network.module_id, {}),
            },
            "members": members.get(network.pk, []),
            "pages": pages.get(network.pk, {}),
        }
        for network in Network.objects.order_by("number")
    ]


def _envelope(name, records):
    return {"version": VERSION, "licence": LICENCE, name: records}


@require_safe
def networks_json(request):
    return _json(_envelope("networks", network_records(request)))


@require_safe
def municipalities_json(request):
    return _json(_envelope("municipalities", municipality_records(request)))


CSV_COLUMNS = ["id", "name", "official_name", "country", "kind", "region", "latitude", "longitude", "networks"]


@require_safe
def municipalities_csv(request):
    languages = [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([*CSV_COLUMNS, *(f"page_{code}" for code in languages)])
    for record in municipality_records(request):
        row = [record[column] for column in CSV_COLUMNS[:-1]]
        row.append(" ".join(str(number) for number in record["networks"]))
        row += [record["pages"].get(code, "") for code in languages]
        writer.writerow([spreadsheets.as_text_cell(cell) for cell in row])
    response = _respond(buffer.getvalue(), "text/csv; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="tusenet-municipalities-v1.csv"'
    return response


@require_safe
def partners_geojson(request):
    """Every partner (municipalities and associations) as a GeoJSON point (WGS 84, longitude first)."""
    features = []
    for kind, records in (
        ("municipality", municipality_records(request)),
        ("association", association_records(request)),
    ):
        for record in records:
            if record["latitude"] is None or record["longitude"] is None:
                continue
            properties = {key: value for key, value in record.items() if key not in ("latitude", "longitude")}
            features.append(
                {
                    "type": "Feature",
                    "id": f"{kind}/{record['id']}",
                    "geometry": {"type": "Point", "coordinates": [record["longitude"], record["latitude"]]},
                    "properties": {"type": kind, **properties},
                }
            )
    document = {"type": "FeatureCollection", "version": VERSION, "licence": LICENCE, "features": features}
    return _json(document, "application/geo+json")
