"""factory_boy factories for the partnership data."""

from decimal import Decimal

import factory
from wagtail.models import Locale

from partnerships.models import (
    Association,
    Country,
    Membership,
    Module,
    Municipality,
    MunicipalityKind,
    Network,
    Publication,
    PublicationKind,
    Role,
    WorkingArea,
)


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality

    name = factory.Sequence(lambda n: f"Kommun {n}")
    official_name = factory.LazyAttribute(lambda o: f"{o.name} kommun")
    slug = factory.Sequence(lambda n: f"municipality-{n}")
    country = Country.SWEDEN
    kind = MunicipalityKind.KOMMUN
    region = "Kalmar län"
    latitude = Decimal("56.66340")
    longitude = Decimal("16.35680")

    class Params:
        turkish = factory.Trait(
            name=factory.Sequence(lambda n: f"Belde {n}"),
            official_name=factory.LazyAttribute(lambda o: f"{o.name} Belediyesi"),
            country=Country.TURKEY,
            kind=MunicipalityKind.DISTRICT,
            region="İzmir",
            latitude=Decimal("38.46600"),
            longitude=Decimal("27.21600"),
        )


class AssociationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Association

    name = factory.Sequence(lambda n: f"Association {n}")
    acronym = factory.Sequence(lambda n: f"A{n}")
    local_name = factory.Sequence(lambda n: f"Förbund {n}")
    slug = factory.Sequence(lambda n: f"association-{n}")
    country = Country.SWEDEN


class ModuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Module

    number = factory.Sequence(lambda n: 100 + n)
    slug = factory.Sequence(lambda n: f"module-{n}")


class WorkingAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkingArea

    module = factory.SubFactory(ModuleFactory)
    name = factory.Sequence(lambda n: f"Working area {n}")
    locale = factory.LazyFunction(Locale.get_default)
    sort_order = factory.Sequence(lambda n: n)


class PublicationFactory(factory.django.DjangoModelFactory):
    """A newsletter listed by an example source; ``product=True`` makes it a product of a new module."""

    class Meta:
        model = Publication

    class Params:
        product = factory.Trait(kind=PublicationKind.PRODUCT, module=factory.SubFactory(ModuleFactory))

    slug = factory.Sequence(lambda n: f"publication-{n}")
    kind = PublicationKind.NEWSLETTER
    issue = factory.Sequence(lambda n: f"{n}/2008")
    title = factory.Sequence(lambda n: f"Publication {n}")
    year = 2008
    languages = "en"
    source = factory.Sequence(
        lambda n: [
            (
                "source",
                {
                    "publisher": "Example publisher",
                    "title": f"List {n}",
                    "date": "",
                    "url": f"https://example.org/list-{n}",
                    "language": "en",
                },
            )
        ]
    )


class NetworkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Network

    number = factory.Sequence(lambda n: 100 + n)
    slug = factory.Sequence(lambda n: f"network-{100 + n}")
    module = factory.SubFactory(ModuleFactory)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    network = factory.SubFactory(NetworkFactory)
    municipality = factory.SubFactory(MunicipalityFactory)
    association = None
    role = factory.LazyAttribute(
        lambda o: (
            Role.SWEDISH_PARTNER
            if (o.municipality or o.association).country == Country.SWEDEN
            else Role.TURKISH_PARTNER
        )
    )


def network_with_members(swedish=1, turkish=3, **kwargs):
    """A network with the given number of Swedish and Turkish municipalities."""
    network = NetworkFactory(**kwargs)
    for _ in range(swedish):
        MembershipFactory(network=network, municipality=MunicipalityFactory())
    for _ in range(turkish):
        MembershipFactory(network=network, municipality=MunicipalityFactory(turkish=True))
    return network


class UserFactory(factory.django.DjangoModelFactory):
    """An admin user in one of the editorial groups (tusenet/editorial/roles.py): ``UserFactory(role="Editors")``."""

    class Meta:
        model = "auth.User"
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    password = factory.django.Password("a-long-test-password")

    @factory.post_generation
    def role(self, create, extracted, **kwargs):
        if create and extracted:
            from django.contrib.auth.models import Group

            self.groups.add(Group.objects.get(name=extracted))
