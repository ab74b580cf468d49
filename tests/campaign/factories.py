from datetime import date

import factory

from campaign.models import Campaign, Milestone, Pledge, PledgeStatus
from campaign.services import (
    pledge_accept,
    pledge_for_focal_point,
    pledge_save_draft,
    pledge_submit,
)
from tests.accounts.factories import SecretariatFactory
from tests.cities.factories import MemberFactory, focal_point_of, focus_area


class CampaignFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Campaign
        django_get_or_create = ("slug",)
        skip_postgeneration_save = True

    name = "10, 100, 1000 Human Rights Cities and Territories by 2030"
    slug = "10-100-1000"
    launched_on = date(2022, 7, 15)

    @factory.post_generation
    def milestones(self, create, extracted, **kwargs):
        if create:
            for target, label in [(10, "10 pioneers"), (100, "100 by the World Congress"),
                                  (1000, "1000 by 2030")]:  # fmt: skip
                Milestone.objects.get_or_create(
                    campaign=self, target=target,
                    defaults={"label": label, "due_on": date(2030, 12, 10)},
                )  # fmt: skip


FULL_FORM = {
    "inhabitants": 1_500_000,
    "kind": "city",
    "representative_name": "Ana Torres",
    "representative_title": "Mayor",
    "vision_essential": "We are the closest government to the people.",
    "vision_framework": "Human rights make our policies coherent.",
    "motivations": "To learn from other cities.",
    "signatory_name": "Ana Torres",
    "signatory_title": "Mayor",
    "signed_on": date(2022, 10, 1),
}


def submitted_pledge(*, member=None, campaign=None, full=True, areas=("housing",)):
    """A pledge submitted by its member's focal point, through the services."""
    member = member or MemberFactory()
    campaign = campaign or CampaignFactory()
    focal = focal_point_of(member)
    pledge = pledge_for_focal_point(user=focal, campaign=campaign)
    statement = ("signatory_name", "signatory_title", "signed_on")
    fields = FULL_FORM if full else {key: FULL_FORM[key] for key in statement}
    pledge_save_draft(
        pledge=pledge, by=focal, fields=fields,
        focus_areas=[focus_area(slug) for slug in areas] if full else None,
        initiatives=[{"title": "Local human rights plan", "kind": "policy", "description": "",
                      "link": ""}] if full else None,
    )  # fmt: skip
    return pledge_submit(pledge=pledge, by=focal), focal


def accepted_pledge(**kwargs) -> Pledge:
    pledge, _focal = submitted_pledge(**kwargs)
    return pledge_accept(pledge=pledge, by=SecretariatFactory())


__all__ = ["CampaignFactory", "PledgeStatus", "accepted_pledge", "submitted_pledge"]


def pdf_bytes() -> bytes:
    """A real one-page PDF."""
    import io

    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()
