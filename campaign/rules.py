"""Who may do what with a pledge: the only place these decisions are written."""

import rules

from campaign.models import PledgeStatus
from cities.rules import is_focal_point, is_focal_point_of
from core.rules import is_secretariat


@rules.predicate
def is_pledge_focal_point(user, pledge) -> bool:
    return pledge is not None and is_focal_point_of(user, pledge.member)


@rules.predicate
def pledge_is_editable(user, pledge) -> bool:
    """Drafts and returned pledges change; submitted, accepted and withdrawn ones do not."""
    return pledge is not None and pledge.status in PledgeStatus.editable()


@rules.predicate
def pledge_is_open(user, pledge) -> bool:
    """Not yet decided: a focal point may still take it back."""
    return pledge is not None and pledge.status in PledgeStatus.open()


@rules.predicate
def pledge_is_withdrawn(user, pledge) -> bool:
    return pledge is not None and pledge.status == PledgeStatus.WITHDRAWN


@rules.predicate
def pledge_is_public(user, pledge) -> bool:
    """Accepted, of a published member: what the wall, the report and the map show."""
    return (
        pledge is not None and pledge.status == PledgeStatus.ACCEPTED and pledge.member.is_published
    )


# A confirmed focal point may start (or resume) their member's pledge.
rules.add_perm("campaign.start_pledge", is_focal_point)
# Change a section, or submit: the focal point, while the pledge is a draft or returned.
rules.add_perm("campaign.edit_pledge", is_pledge_focal_point & pledge_is_editable)
rules.add_perm(
    "campaign.withdraw_pledge",
    ((is_pledge_focal_point & pledge_is_open) | is_secretariat) & ~pledge_is_withdrawn,
)
rules.add_perm("campaign.review_pledge", is_secretariat)
rules.add_perm("campaign.view_statement", pledge_is_public | is_pledge_focal_point | is_secretariat)
