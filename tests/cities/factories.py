from decimal import Decimal

import factory
from django.utils import timezone
from django.utils.text import slugify

from cities.models import Affiliation, FocusArea, Member, Network, Region
from tests.accounts.factories import UserFactory


def region(slug: str = "europe") -> Region:
    """Regions come from the vocabulary migration."""
    return Region.objects.get(slug=slug)


def focus_area(slug: str = "housing") -> FocusArea:
    """Focus areas come from the vocabulary migration."""
    return FocusArea.objects.get(slug=slug)


class NetworkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Network
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Network {n}")
    acronym = factory.Sequence(lambda n: f"NET{n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))


class MemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Member
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"City {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    kind = Member.Kind.CITY
    country = "ES"
    region = factory.LazyFunction(lambda: region("europe"))
    inhabitants = 250_000
    latitude = Decimal("41.38879")
    longitude = Decimal("2.15899")
    description = "A city committed to human rights."
    is_published = True
    joined_on = factory.LazyFunction(lambda: timezone.localdate())

    @factory.post_generation
    def focus_areas(self, create, extracted, **kwargs):
        if create and extracted:
            self.focus_areas.set(extracted)

    @factory.post_generation
    def networks(self, create, extracted, **kwargs):
        if create and extracted:
            self.networks.set(extracted)


class AffiliationFactory(factory.django.DjangoModelFactory):
    """A confirmed affiliation; pass ``is_focal_point=True`` for a focal point."""

    class Meta:
        model = Affiliation

    user = factory.SubFactory(UserFactory)
    member = factory.SubFactory(MemberFactory)
    role_title = "Human rights officer"
    is_focal_point = False
    confirmed_at = factory.LazyFunction(timezone.now)


def focal_point_of(member, **user_fields):
    """An approved user who is the confirmed focal point of ``member``."""
    return AffiliationFactory(
        member=member, is_focal_point=True, user=UserFactory(**user_fields)
    ).user
