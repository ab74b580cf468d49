"""Demo news: members joining, and announcements of the secretariat (one for members only)."""

from datetime import timedelta

from django.utils import timezone

from accounts.models import User
from cities.models import Member
from core.visibility import Visibility
from newsfeed.models import Announcement, NewsKind
from newsfeed.services import announcement_publish, publish

JOINED = [
    "gwangju", "barcelona", "vienna", "utrecht", "grigny", "mexico-city", "bogota", "rabat",
    "sao-paulo", "leuven", "saint-louis", "lyon",
]  # fmt: skip

ANNOUNCEMENTS = [
    {
        "title": "The update of the Global Charter-Agenda opens for comments",
        "summary": "Members can comment on each right of the draft and propose amendments.",
        "body": "The steering group invites every member city to read the draft of the "
        "**Global Charter-Agenda for Human Rights in the City** and to comment on each right. "
        "Local practices for the *Agenda* part are welcome too.",
        "visibility": Visibility.PUBLIC,
        "days_ago": 2,
    },
    {
        "title": "Working session of focal points: agenda and connection details",
        "summary": "The online working session of the campaign's focal points meets next month.",
        "body": "The agenda, the guiding questions and the link to the online meeting are in "
        "the members' area. Please confirm your participation to the secretariat.",
        "visibility": Visibility.MEMBERS,
        "days_ago": 1,
    },
]


def load() -> None:
    now = timezone.now()
    members = {m.slug: m for m in Member.objects.filter(slug__in=JOINED)}
    for position, slug in enumerate(JOINED):
        member = members.get(slug)
        if member is None:
            continue
        publish(
            kind=NewsKind.MEMBER_JOINED,
            title=f"{member.name} joined the community",
            about=member,
            summary=member.description[:300],
            link=member.get_absolute_url(),
            member=member,
            focus_areas=list(member.focus_areas.all()),
            published_at=now - timedelta(days=3 + position),
        )
    author = User.objects.filter(email="secretariat@example.org").first()
    for data in ANNOUNCEMENTS:
        announcement = Announcement.objects.filter(title=data["title"]).first() or Announcement(
            title=data["title"]
        )
        announcement.summary = data["summary"]
        announcement.body = data["body"]
        announcement.visibility = data["visibility"]
        if announcement.pk is None:
            announcement.publish_at = now - timedelta(days=data["days_ago"])
        announcement_publish(announcement=announcement, by=author)
