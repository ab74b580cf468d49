"""Who may do what with the Charter-Agenda: the only place these decisions are written."""

import rules

from charter.models import AmendmentStatus, VersionStatus
from cities.rules import is_focal_point
from core.rules import is_approved_member, is_secretariat, is_steering_group


@rules.predicate
def version_is_published(user, version) -> bool:
    return version is not None and version.status != VersionStatus.DRAFTING


@rules.predicate
def round_is_open(user, version) -> bool:
    return version is not None and version.round_is_open()


@rules.predicate
def is_amendment_author(user, amendment) -> bool:
    return amendment is not None and user.is_authenticated and amendment.author_id == user.pk


@rules.predicate
def amendment_is_pending(user, amendment) -> bool:
    return amendment is not None and amendment.status == AmendmentStatus.SUBMITTED


# Read a version: published ones for everyone; drafts for the secretariat and the steering group.
rules.add_perm("charter.read_version", version_is_published | is_secretariat | is_steering_group)
# Comment on, and propose changes to, a version's rights: members, while its round is open.
rules.add_perm("charter.comment", is_approved_member & version_is_published & round_is_open)
rules.add_perm("charter.propose", is_approved_member & version_is_published & round_is_open)
rules.add_perm("charter.withdraw_amendment", is_amendment_author & amendment_is_pending)
# Decide amendments, and see the review page: the steering group.
rules.add_perm("charter.decide_amendment", is_steering_group)
# Edit the text, open and close rounds, publish and adopt versions: the secretariat.
rules.add_perm("charter.manage_version", is_secretariat)
# Local practices: a member's focal point proposes, the secretariat publishes.
rules.add_perm("charter.submit_practice", is_focal_point | is_secretariat)
rules.add_perm("charter.publish_practice", is_secretariat)
