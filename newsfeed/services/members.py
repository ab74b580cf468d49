"""Publishing a member announces it: the newsfeed sits above cities, so it does both."""

from django.db import transaction
from django.utils.translation import gettext as _

from cities.models import Member
from cities.services import member_set_published
from newsfeed.models import NewsKind
from newsfeed.services import publish


def member_publish(*, member: Member, by) -> Member:
    """Show the member in the directory and on the map, and announce once that it joined.

    The secretariat publishes from the admin (the action, or ticking "published"); members
    loaded by the CSV import are not announced, since an import brings in those who joined
    long ago."""
    with transaction.atomic():
        member, changed = member_set_published(member=member, by=by, published=True)
        if changed:
            publish(
                kind=NewsKind.MEMBER_JOINED,
                title=_("%(member)s joined the community") % {"member": member.name},
                about=member,
                summary=member.description[:300],
                link=member.get_absolute_url(),
                member=member,
                actor=by,
                focus_areas=list(member.focus_areas.all()),
            )
    return member
