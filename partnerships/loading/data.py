"""Load the partnership data (municipalities, associations, modules, networks) from CSV files.

The files live in ``partnerships/data/``. Loading is all or nothing: every row is
validated with the models' own rules, and the first bad value stops the load with
an error naming the file, line, record and field, before anything is committed.

Records are matched by their natural key (slug or number). A record that exists
and differs from the file was edited by an admin: it is kept as it is unless
``reset`` is set. A column added to a file later reaches databases loaded before
it through the migration that adds its field, which fills the field where it is
empty (``0012_municipality_website``); the loader then finds nothing to change.
"""

import csv
import json
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from wagtail.models import Locale, ReferenceIndex

from ..models.library import Publication
from ..models.partners import (
    Association,
    Membership,
    Module,
    Municipality,
    Network,
    WorkingArea,
    network_member_errors,
)
from .translation import translate_object

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


class DataFileError(Exception):
    """A bad value in a data file, located precisely enough to fix it."""

    def __init__(self, path, line, record, field_name, message):
        self.path, self.line, self.record, self.field_name = Path(path), line, record, field_name
        super().__init__(f"{self.path.name}, line {line} (record “{record}”), field “{field_name}”: {message}")


@dataclass
class LoadReport:
    created: dict = field(default_factory=dict)
    kept: list = field(default_factory=list)
    updated: list = field(default_factory=list)

    def count(self, label, number=1):
        self.created[label] = self.created.get(label, 0) + number

    def lines(self):
        if not self.created and not self.kept and not self.updated:
            yield "Partnership data already up to date: nothing to change."
        for label, number in self.created.items():
            yield f"Created {number} {label}."
        for name in self.updated:
            yield f"Reset to the data file: {name}."
        for name in self.kept:
            yield f"Kept an admin's edits (use --reset to overwrite): {name}."


@dataclass
class Row:
    path: Path
    line: int
    values: dict

    @property
    def record(self):
        return self.values.get("slug") or self.values.get("number") or self.values.get("network") or "?"

    def error(self, field_name, message):
        return DataFileError(self.path, self.line, self.record, field_name, message)

    def decimal(self, field_name):
        try:
            return Decimal(self.values[field_name])
        except InvalidOperation:
            raise self.error(field_name, f"“{self.values[field_name]}” is not a number.") from None

    def integer(self, field_name):
        try:
            return int(self.values[field_name])
        except ValueError:
            raise self.error(field_name, f"“{self.values[field_name]}” is not a whole number.") from None


def read_rows(path, columns, optional=()):
    """Yield the rows of a CSV file, checking its header and that no cell is empty but in ``optional`` columns."""
    if not path.exists():
        raise DataFileError(path, 0, "-", "-", "the file is missing.")
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [column for column in (*columns, *optional) if column not in (reader.fieldnames or [])]
        if missing:
            raise DataFileError(path, 1, "header", missing[0], "this column is missing.")
        for values in reader:
            row = Row(path, reader.line_num, {k: (v or "").strip() for k, v in values.items() if k})
            for column in columns:
                if not row.values.get(column):
                    raise row.error(column, "this value is empty.")
            yield row


def validate(row, instance, exclude=()):
    try:
        instance.full_clean(exclude=list(exclude))
    except ValidationError as error:
        field_name, messages = next(iter(error.message_dict.items()))
        raise row.error(field_name if field_name != "__all__" else "-", " ".join(messages)) from None


class Loader:
    def __init__(self, data_dir, reset, report):
        self.data_dir, self.reset, self.report = Path(data_dir), reset, report

    def upsert(self, row, model, lookup, values, label, initial=None):
        """Create the record, or reconcile it with the file according to ``reset``.

        ``initial`` fields are written when the record is created or reset, never compared.
        """
        initial = initial or {}
        instance = model.objects.filter(**lookup).first()
        if instance is None:
            instance = model(**lookup, **values, **initial)
            validate(row, instance)
            instance.save()
            self.report.count(label)
            return instance
        differences = [name for name, value in values.items() if getattr(instance, name) != value]
        if differences and self.reset:
            for name, value in {**values, **initial}.items():
                setattr(instance, name, value)
            validate(row, instance)
            instance.save()
            self.report.updated.append(str(instance))
        elif differences:
            self.report.kept.append(f"{instance} ({', '.join(differences)})")
        return instance

    def municipalities(self):
        columns = ["slug", "name", "official_name", "country", "kind", "region", "latitude", "longitude"]
        optional = ["official_name_today", "website"]
        for row in read_rows(self.data_dir / "municipalities.csv", columns, optional):
            values = {c: row.values[c] for c in [*columns[1:6], *optional]}
            values["latitude"] = row.decimal("latitude")
            values["longitude"] = row.decimal("longitude")
            self.upsert(row, Municipality, {"slug": row.values["slug"]}, values, "municipalities")

    def associations(self):
        columns = ["slug", "acronym", "name", "local_acronym", "local_name", "country", "latitude", "longitude"]
        for row in read_rows(self.data_dir / "associations.csv", columns):
            values = {c: row.values[c] for c in columns[1:6]}
            values["latitude"] = row.decimal("latitude")
            values["longitude"] = row.decimal("longitude")
            self.upsert(row, Association, {"slug": row.values["slug"]}, values, "associations")

    def modules(self):
        for row in read_rows(self.data_dir / "modules.csv", ["number", "slug"]):
            values = {"slug": row.values["slug"]}
            self.upsert(row, Module, {"number": row.integer("number")}, values, "modules")

    def publications(self):
        """Newsletters and products, each citing its entry in ``sources.json``; an attached file is never touched."""
        sources = json.loads((self.data_dir / "sources.json").read_text(encoding="utf-8"))
        for row in read_rows(self.data_dir / "publications.csv", ["slug", "kind", "title", "parts", "source"]):
            source = sources.get(row.values["source"])
            if source is None:
                raise row.error("source", f"sources.json has no “{row.values['source']}”.")
            module = None
            if row.values.get("module"):
                module = Module.objects.filter(number=row.integer("module")).first()
                if module is None:
                    raise row.error("module", f"there is no module {row.values['module']}.")
            values = {
                "kind": row.values["kind"],
                "module": module,
                "issue": row.values.get("issue", ""),
                "title": row.values["title"],
                "year": row.integer("year") if row.values.get("year") else None,
                "languages": row.values.get("languages", ""),
                "parts": row.integer("parts"),
            }
            initial = {"source": [("source", source)]}
            self.upsert(row, Publication, {"slug": row.values["slug"]}, values, "publications", initial)

    def working_areas(self):
        source_locale = Locale.get_default()
        target_locales = list(Locale.objects.exclude(pk=source_locale.pk))
        codes = ["en"] + [locale.language_code for locale in target_locales]
        for row in read_rows(self.data_dir / "working_areas.csv", ["module", "position", *codes]):
            module = Module.objects.filter(number=row.integer("module")).first()
            if module is None:
                raise row.error("module", f"there is no module {row.values['module']}.")
            lookup = {"module": module, "sort_order": row.integer("position"), "locale": source_locale}
            area = self.upsert(row, WorkingArea, lookup, {"name": row.values["en"]}, "working areas")
            for locale in target_locales:
                if not WorkingArea.objects.filter(translation_key=area.translation_key, locale=locale).exists():
                    translate_object(area, locale, {area.name: row.values[locale.language_code]})
                    self.report.count(f"working-area translations ({locale.language_code})")

    def networks(self):
        for row in read_rows(self.data_dir / "networks.csv", ["number", "slug", "module"]):
            module = Module.objects.filter(number=row.integer("module")).first()
            if module is None:
                raise row.error("module", f"there is no module {row.values['module']}.")
            values = {"slug": row.values["slug"], "module": module}
            self.upsert(row, Network, {"number": row.integer("number")}, values, "networks")

    def memberships(self):
        rows_by_network = {}
        for row in read_rows(self.data_dir / "memberships.csv", ["network", "member", "role"]):
            rows_by_network.setdefault(row.integer("network"), []).append(row)
        for number, rows in rows_by_network.items():
            network = Network.objects.filter(number=number).first()
            if network is None:
                raise rows[0].error("network", f"there is no network {number}.")
            wanted = [self.membership(network, row, position) for position, row in enumerate(rows)]
            errors = network_member_errors([membership.member for membership in wanted])
            if errors:
                raise rows[0].error("member", " ".join(errors))
            existing = [(m.municipality_id, m.association_id, m.role) for m in network.memberships.all()]
            target = [(m.municipality_id, m.association_id, m.role) for m in wanted]
            if not existing:
                Membership.objects.bulk_create(wanted)
                self.report.count("memberships", len(wanted))
            elif sorted(existing, key=str) != sorted(target, key=str):
                if self.reset:
                    network.memberships.all().delete()
                    Membership.objects.bulk_create(wanted)
                    self.report.updated.append(f"{network} members")
                else:
                    self.report.kept.append(f"{network} (members)")

    def membership(self, network, row, position):
        slug = row.values["member"]
        municipality = Municipality.objects.filter(slug=slug).first()
        association = None if municipality else Association.objects.filter(slug=slug).first()
        if municipality is None and association is None:
            raise row.error("member", f"no municipality or association has the slug “{slug}”.")
        membership = Membership(
            network=network,
            municipality=municipality,
            association=association,
            role=row.values["role"],
            sort_order=position,
        )
        validate(row, membership, exclude=["network"])
        return membership


def load_partnership_data(*, data_dir=DATA_DIR, reset=False):
    """Load every data file in one transaction and return what changed."""
    report = LoadReport()
    loader = Loader(data_dir, reset, report)
    with transaction.atomic():
        loader.municipalities()
        loader.associations()
        loader.modules()
        loader.publications()
        loader.working_areas()
        loader.networks()
        loader.memberships()
        # bulk_create skips the signals that keep Wagtail's reference index current;
        # the admin relies on it to refuse deleting what networks still use.
        for network in Network.objects.all():
            ReferenceIndex.create_or_update_for_object(network)
    return report
