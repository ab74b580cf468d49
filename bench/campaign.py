"""/campaign/, the pledge wall and the report with 1,000 accepted pledges."""

import random
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from campaign.models import Campaign, Milestone, Pledge, PledgeInitiative, PledgeStatus
from cities.models import FocusArea, Member, Region

COUNT = 1000


def _generate():
    rng = random.Random(1000)
    campaign = Campaign.objects.create(
        name="10, 100, 1000 (bench)", slug="bench-10-100-1000", launched_on=date(2022, 7, 15)
    )
    for target in (10, 100, 1000):
        Milestone.objects.create(
            campaign=campaign, target=target, label=f"{target}", due_on=date(2030, 12, 10)
        )
    regions = list(Region.objects.all())
    areas = list(FocusArea.objects.all())
    members = Member.objects.bulk_create(
        Member(
            name=f"Pledged city {n:04d}", slug=f"pledged-city-{n:04d}", kind="city",
            country=rng.choice(["ES", "FR", "KR", "BR", "SN", "MA", "MX"]),
            region=rng.choice(regions),
            latitude=Decimal(f"{rng.uniform(-50, 60):.5f}"),
            longitude=Decimal(f"{rng.uniform(-120, 140):.5f}"),
        )
        for n in range(COUNT)
    )  # fmt: skip
    accepted = datetime(2022, 10, 12, tzinfo=UTC)
    pledges = Pledge.objects.bulk_create(
        Pledge(
            campaign=campaign, member=m, status=PledgeStatus.ACCEPTED, with_form=n % 3 != 0,
            vision_essential="Proximity and participation make local governments essential.",
            vision_framework="Human rights make local policies coherent.",
            motivations="Mutual learning, political commitment and cooperation.",
            signatory_name="Mayor", signatory_title="Mayor", signed_on=date(2022, 10, 1),
            submitted_at=accepted, accepted_at=accepted + timedelta(minutes=n),
        )
        for n, m in enumerate(members)
    )  # fmt: skip
    Pledge.focus_areas.through.objects.bulk_create(
        Pledge.focus_areas.through(pledge_id=p.pk, focusarea_id=a.pk)
        for p in pledges
        for a in rng.sample(areas, 3)
    )
    PledgeInitiative.objects.bulk_create(
        PledgeInitiative(pledge=p, title="Local human rights plan", kind="policy") for p in pledges
    )


def run(harness):
    _generate()
    harness.analyze()
    harness.page("/campaign/, 1,000 accepted pledges", "/campaign/", target="< 100 ms")
    harness.page("pledge wall, page 1", "/campaign/pledges/", target="< 100 ms")
    harness.page(
        "pledge wall, region + focus area", "/campaign/pledges/?region=europe&focus_area=housing",
        target="< 100 ms",
    )  # fmt: skip
    harness.page(
        "campaign report, 1,000 pledges", "/campaign/report/", target="< 100 ms", repeat=10
    )
    harness.page("pledges GeoJSON", "/campaign/pledges.geojson")
