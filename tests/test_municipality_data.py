"""Municipalities' websites and today's names: verified addresses only, reaching databases loaded before them."""

import importlib

import pytest
from django.apps import apps

from partnerships.loading.data import load_partnership_data
from partnerships.models import Municipality

pytestmark = pytest.mark.django_db

migration = importlib.import_module("partnerships.migrations.0012_municipality_website")

#: The official websites docs/research/tusenet-sources.json verified, each with its source.
VERIFIED_HOSTS = {
    "tepebasi": "www.tepebasi.bel.tr",
    "nilufer": "www.nilufer.bel.tr",
    "gaziantep": "www.gaziantep.bel.tr",
    "tarsus": "www.tarsus.bel.tr",
    "mugla": "www.mugla.bel.tr",
    "ordu": "ordu.bel.tr",
    "karlstad": "karlstad.se",
    "umea": "www.umea.se",
    "kalmar": "www.kalmar.se",
    "nacka": "www.nacka.se",
    "malmo": "malmo.se",
    "stockholm": "start.stockholm",
}


def test_only_verified_websites_are_given(seed_data):
    """The twelve verified municipalities have their website; the seventeen others have none rather than a guess."""
    hosts = {m.slug: m.website_host for m in Municipality.objects.exclude(website="")}
    assert hosts == VERIFIED_HOSTS
    assert all(m.website.startswith("https://") for m in Municipality.objects.exclude(website=""))


def test_manisa_mugla_and_ordu_have_todays_name_beside_the_old_one(seed_data):
    """The three that became metropolitan municipalities in 2014 have today's name; the name of the time stays."""
    renamed = Municipality.objects.exclude(official_name_today="").order_by("slug")
    assert [(m.official_name, m.official_name_today) for m in renamed] == [
        ("Manisa Belediyesi", "Manisa Büyükşehir Belediyesi"),
        ("Muğla Belediyesi", "Muğla Büyükşehir Belediyesi"),
        ("Ordu Belediyesi", "Ordu Büyükşehir Belediyesi"),
    ]


def test_the_migration_fills_an_old_database_and_loading_again_saves_nothing(seed_data):
    """An old database gets the file's websites and names from the migration; loading again then changes nothing."""
    wanted = list(Municipality.objects.order_by("pk").values())
    Municipality.objects.update(website="", official_name_today="")
    migration.fill_empty_fields(apps, None)
    assert list(Municipality.objects.order_by("pk").values()) == wanted
    report = load_partnership_data()
    assert list(report.lines()) == ["Partnership data already up to date: nothing to change."]
    assert list(Municipality.objects.order_by("pk").values()) == wanted


def test_an_admins_website_survives_the_migration_and_the_loader(seed_data):
    """A website an admin changed, cleared or added is overwritten neither by the migration nor by load_tusenet."""
    Municipality.objects.filter(slug="umea").update(website="https://www.umea.se/en/")
    migration.fill_empty_fields(apps, None)
    assert Municipality.objects.get(slug="umea").website == "https://www.umea.se/en/"
    Municipality.objects.filter(slug="malmo").update(website="")
    Municipality.objects.filter(slug="osmaniye").update(website="https://www.osmaniye.bel.tr/")
    report = load_partnership_data()
    websites = dict(Municipality.objects.filter(slug__in=["umea", "malmo", "osmaniye"]).values_list("slug", "website"))
    assert websites == {"umea": "https://www.umea.se/en/", "malmo": "", "osmaniye": "https://www.osmaniye.bel.tr/"}
    assert sum("website" in line for line in report.kept) == 3
