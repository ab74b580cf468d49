import rules

from cities.rules import is_focal_point_of
from core.rules import is_secretariat


@rules.predicate
def is_pledge_focal_point(user, pledge) -> bool:
    return pledge is not None and is_focal_point_of(user, pledge.member)


@rules.predicate
def pledge_is_editable(user, pledge) -> bool:
    return pledge is not None and pledge.status in ("draft", "returned")


rules.add_perm("campaign.edit_pledge", is_pledge_focal_point & pledge_is_editable)
rules.add_perm("campaign.withdraw_pledge", is_pledge_focal_point | is_secretariat)
rules.add_perm("campaign.review_pledge", is_secretariat)
