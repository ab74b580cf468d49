from datetime import date

import factory

from campaign.models import Campaign, Milestone, Pledge, PledgeStatus
from campaign.services import (
    SECTIONS,
    pledge_accept,
    pledge_for_focal_point,
    pledge_save_section,
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
    fill_pledge(pledge, by=focal, full=full, areas=areas)
    return pledge_submit(pledge=pledge, by=focal), focal


def fill_pledge(pledge, *, by, full=True, areas=("housing",)):
    """Answer the form section by section, as the focal point would (statement only, or all)."""
    for section, names in SECTIONS.items():
        if not full and section != "statement":
            continue
        answers = {name: FULL_FORM[name] for name in names if name in FULL_FORM}
        extra = {}
        if section == "focus":
            extra = {
                "focus_areas": [focus_area(slug) for slug in areas],
                "initiatives": [{"title": "Local human rights plan", "kind": "policy",
                                 "description": "", "link": ""}],
            }  # fmt: skip
        pledge = pledge_save_section(
            pledge=pledge, by=by, section=section, answers=answers, **extra
        )
    return pledge


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
