"""The data model's rules: coordinates, kinds, names, memberships and networks."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from partnerships.models import Membership, Role
from partnerships.models.partners import network_member_errors

from .factories import AssociationFactory, MembershipFactory, MunicipalityFactory, NetworkFactory

pytestmark = pytest.mark.django_db


def test_coordinates_outside_the_country_are_a_field_error():
    """A Swedish municipality placed in Turkey is rejected on latitude and longitude."""
    municipality = MunicipalityFactory.build(latitude=Decimal("39.9"), longitude=Decimal("32.8"))
    with pytest.raises(ValidationError) as error:
        municipality.full_clean()
    assert {"latitude", "longitude"} <= set(error.value.message_dict)


def test_coordinates_inside_the_country_are_accepted():
    """Umeå's real coordinates are valid for a Swedish kommun."""
    MunicipalityFactory.build(latitude=Decimal("63.8258"), longitude=Decimal("20.2630")).full_clean()


def test_kind_must_exist_in_the_country():
    """A Swedish municipality cannot be a Turkish 'metropolitan municipality'."""
    municipality = MunicipalityFactory.build(kind="metropolitan")
    with pytest.raises(ValidationError) as error:
        municipality.full_clean()
    assert "kind" in error.value.message_dict


def test_names_are_unique_per_country_with_a_field_error():
    """Two Swedish municipalities may not share a name; the error is on the name field."""
    MunicipalityFactory(name="Kalmar")
    duplicate = MunicipalityFactory.build(name="Kalmar", slug="kalmar-2")
    with pytest.raises(ValidationError) as error:
        duplicate.full_clean()
    assert "name" in error.value.message_dict


def test_the_same_name_is_allowed_in_another_country():
    """Uniqueness of names is per country."""
    MunicipalityFactory(name="Ordu")
    MunicipalityFactory.build(name="Ordu", slug="ordu-tr", turkish=True).full_clean()


def test_membership_needs_exactly_one_member_in_the_database():
    """The database itself refuses a membership with both a municipality and an association."""
    network = NetworkFactory()
    with pytest.raises(IntegrityError):
        Membership.objects.create(
            network=network,
            municipality=MunicipalityFactory(),
            association=AssociationFactory(),
            role=Role.SWEDISH_PARTNER,
        )


def test_membership_role_must_match_the_members_country():
    """A Turkish municipality cannot be listed as the Swedish partner."""
    membership = MembershipFactory.build(
        network=NetworkFactory(), municipality=MunicipalityFactory(turkish=True), role=Role.SWEDISH_PARTNER
    )
    with pytest.raises(ValidationError) as error:
        membership.full_clean()
    assert "role" in error.value.message_dict


def test_a_municipality_is_only_once_in_a_network():
    """The database refuses the same municipality twice in one network."""
    membership = MembershipFactory()
    with pytest.raises(IntegrityError):
        MembershipFactory(network=membership.network, municipality=membership.municipality)


def test_a_member_listed_twice_in_a_network_is_named():
    """The loader's check (the admin's formset refuses the duplicate row before it) names the member."""
    kalmar, konak = MunicipalityFactory(name="Kalmar"), MunicipalityFactory(turkish=True)
    assert network_member_errors([kalmar, konak, kalmar]) == ["Kalmar is listed twice."]


def test_a_network_has_at_most_forty_members():
    """The admin form shows at most that many member rows; the loader refuses more."""
    members = [
        MunicipalityFactory.build(pk=1),
        *(MunicipalityFactory.build(pk=pk, turkish=True) for pk in range(2, 41)),
    ]
    assert network_member_errors(members) == []
    members.append(MunicipalityFactory.build(pk=41, turkish=True))
    assert network_member_errors(members) == ["A network has at most 40 members."]


def test_network_needs_a_swedish_and_a_turkish_member():
    """Only-Turkish members are an error; one of each side, or the two associations, are fine."""
    turkish = [MunicipalityFactory(turkish=True), MunicipalityFactory(turkish=True)]
    assert network_member_errors(turkish)
    assert network_member_errors([MunicipalityFactory(), *turkish]) == []
    associations = [AssociationFactory(country="SE"), AssociationFactory(country="TR")]
    assert network_member_errors(associations) == []
