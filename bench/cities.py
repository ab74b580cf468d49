"""Directory, profile, GeoJSON and open data with 1,000 published members."""

import random
from decimal import Decimal

from django.core.cache import cache

from cities.models import FocusArea, Member, Network, Region

COUNT = 1000


def _generate():
    rng = random.Random(2030)
    regions = list(Region.objects.all())
    areas = list(FocusArea.objects.all())
    networks = [
        Network.objects.get_or_create(slug=f"bench-net-{n}", defaults={"name": f"Net {n}"})[0]
        for n in range(8)
    ]
    kinds = [kind for kind, _label in Member.Kind.choices]
    countries = ["ES", "FR", "KR", "BR", "AR", "MX", "SN", "MA", "DE", "IT", "US", "CA", "KE"]
    members = Member.objects.bulk_create(
        Member(
            name=f"Bench city {n:04d}",
            slug=f"bench-city-{n:04d}",
            kind=rng.choice(kinds),
            country=rng.choice(countries),
            region=rng.choice(regions),
            latitude=Decimal(f"{rng.uniform(-60, 70):.5f}"),
            longitude=Decimal(f"{rng.uniform(-170, 170):.5f}"),
            inhabitants=rng.randint(5_000, 5_000_000),
            description="A generated member for the benchmark.",
        )
        for n in range(COUNT)
    )
    Member.networks.through.objects.bulk_create(
        Member.networks.through(member_id=m.pk, network_id=rng.choice(networks).pk) for m in members
    )
    Member.focus_areas.through.objects.bulk_create(
        Member.focus_areas.through(member_id=m.pk, focusarea_id=area.pk)
        for m in members
        for area in rng.sample(areas, 3)
    )
    return members


def run(harness):
    # The demo data first: the directory a newcomer sees after `make run`.
    from cities import demo

    demo.load()
    harness.analyze()
    harness.page("directory, demo data (page 1)", "/members/", target="< 10 ms")

    def directory_uncached():
        cache.clear()
        assert harness.client().get("/members/").status_code == 200

    harness.time("directory, demo data, uncached", directory_uncached)
    harness.page("map page, demo data", "/map/")
    Member.objects.filter(slug__in=demo_slugs()).delete()

    members = _generate()
    harness.analyze()
    cache.clear()

    def geojson_uncached():
        cache.clear()
        response = harness.client().get("/map/members.geojson")
        assert response.status_code == 200

    harness.time("GeoJSON, 1,000 members (uncached)", geojson_uncached, target="< 50 ms, ≤ 3 q")
    harness.page("GeoJSON, 1,000 members (cached)", "/map/members.geojson")
    harness.page("GeoJSON filtered by focus area", "/map/members.geojson?focus_area=housing")
    harness.page("directory, 1,000 members, page 1", "/members/", target="< 60 ms")
    harness.page(
        "directory, region + focus area + sort",
        "/members/?region=europe&focus_area=housing&sort=-inhabitants",
        target="< 60 ms",
    )
    harness.page("map page", "/map/")
    harness.page("member profile", members[500].get_absolute_url())
    harness.page("open data CSV, 1,000 members", "/members.csv", repeat=5)


def demo_slugs() -> list[str]:
    from django.utils.text import slugify

    from cities import demo

    return [slugify(name) for name in demo.MEMBERS]
