"""Demo campaign: milestones, accepted pledges of the contributors in the annex of the first
report (seed 003), written from what the report says of each (paraphrased), and a draft pledge
for the demo focal point's city so the multi-step form can be tried."""

from datetime import UTC, date, datetime, timedelta

from django.utils.text import slugify

from accounts.models import User
from campaign.models import (
    Campaign,
    Milestone,
    Pledge,
    PledgeInitiative,
    PledgeStatus,
    PledgeTransition,
)
from cities.demo import MEMBERS
from cities.models import Member
from newsfeed.models import NewsKind
from newsfeed.services import publish

NAME = "10, 100, 1000 Human Rights Cities and Territories by 2030"
DESCRIPTION = (
    "In July 2022 the cities of Barcelona, Grigny, Gwangju, Mexico City, Utrecht and Vienna, "
    "co-presidents of the UCLG Committee on Social Inclusion, Participatory Democracy and Human "
    "Rights, invited local and regional governments to commit to human rights. The first pioneer "
    "cities gathered at the UCLG World Congress in Daejeon (10–14 October 2022); by Human Rights "
    "Day, 10 December 2022, more than 100 pledges and 67 forms had arrived."
)
MILESTONES = [
    (10, "10 pioneer cities and territories", date(2022, 7, 15)),
    (100, "100 by the UCLG World Congress", date(2022, 10, 14)),
    (1000, "1000 human rights cities and territories by 2030", date(2030, 12, 10)),
]
# The contributors listed in the annex are the first 67 entries of the cities demo.
ANNEX = list(MEMBERS)[:67]

VISION_ESSENTIAL = (
    "As the level of government closest to the people, {name} knows the needs of its "
    "inhabitants and can turn human rights into services, participation and daily life."
)
VISION_FRAMEWORK = (
    "Human rights give {name} one framework that makes its policies coherent across sectors "
    "and links local action with the 2030 Agenda."
)
MOTIVATIONS = (
    "{name} joins to share what it does, learn from other cities and territories and "
    "strengthen its political commitment: {text}"
)


def load() -> None:
    campaign, _ = Campaign.objects.update_or_create(
        slug="10-100-1000",
        defaults={"name": NAME, "description": DESCRIPTION, "launched_on": date(2022, 7, 15)},
    )
    for target, label, due in MILESTONES:
        Milestone.objects.update_or_create(
            campaign=campaign, target=target, defaults={"label": label, "due_on": due}
        )
    secretariat = User.objects.filter(email="secretariat@example.org").first()
    members = {m.slug: m for m in Member.objects.prefetch_related("focus_areas")}
    accepted_at = datetime(2022, 10, 12, 10, tzinfo=UTC)
    for position, name in enumerate(ANNEX):
        member = members.get(slugify(name))
        if member is None:
            continue
        text = member.description
        pledge, created = Pledge.objects.get_or_create(
            member=member,
            campaign=campaign,
            status=PledgeStatus.ACCEPTED,
            defaults={
                "kind": member.kind if member.is_local_government else "",
                "vision_essential": VISION_ESSENTIAL.format(name=member.name),
                "vision_framework": VISION_FRAMEWORK.format(name=member.name),
                "motivations": MOTIVATIONS.format(name=member.name, text=text),
                "signatory_name": "",
                "signatory_title": "",
                "signed_on": date(2022, 10, 1),
                "with_form": True,
                "submitted_at": accepted_at - timedelta(days=10),
                "accepted_at": accepted_at + timedelta(hours=position),
            },
        )
        if not created:
            continue
        pledge.focus_areas.set(member.focus_areas.all())
        PledgeInitiative.objects.create(
            pledge=pledge,
            title=f"Local human rights plan of {member.name}",
            kind=PledgeInitiative.Kind.POLICY,
            description=text,
        )
        for before, after in [("", "draft"), ("draft", "submitted"), ("submitted", "accepted")]:
            PledgeTransition.objects.create(
                pledge=pledge, from_status=before, to_status=after, by=secretariat,
                at=pledge.accepted_at,
            )  # fmt: skip
        publish(
            kind=NewsKind.PLEDGE,
            title=f"{member.name} joined the campaign",
            about=pledge,
            summary=pledge.motivations[:300],
            link=member.get_absolute_url(),
            member=member,
            focus_areas=list(member.focus_areas.all()),
            published_at=pledge.accepted_at,
        )
    # The demo focal point (Gwangju) has a draft to try the form with.
    gwangju = members.get("gwangju")
    if (
        gwangju is not None
        and not Pledge.objects.filter(member=gwangju, campaign=campaign).exists()
    ):
        pledge = Pledge.objects.create(
            member=gwangju, campaign=campaign, kind=gwangju.kind,
            motivations="Gwangju hosts the World Human Rights Cities Forum and wants to ...",
        )  # fmt: skip
        PledgeTransition.objects.create(pledge=pledge, to_status="draft")
