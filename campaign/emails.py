from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from accounts.models import User
from campaign.models import Pledge


def send_review_email(*, pledge_id: int) -> None:
    """Tell the member's focal points that their pledge was accepted or returned."""
    pledge = Pledge.objects.select_related("member").get(pk=pledge_id)
    people = User.objects.filter(
        affiliation__member=pledge.member,
        affiliation__is_focal_point=True,
        affiliation__confirmed_at__isnull=False,
        is_active=True,
    )
    for person in people:
        with translation.override(person.language):
            context = {
                "pledge": pledge,
                "person": person,
                "site_name": settings.SITE_NAME,
                "pledge_url": settings.SITE_URL + reverse("campaign:my_pledge"),
            }
            subject = " ".join(
                render_to_string("campaign/email/review_subject.txt", context).split()
            )
            text = render_to_string("campaign/email/review.txt", context)
        message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, [person.email])
        message.send()
