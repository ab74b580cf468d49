from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from accounts.models import User


def send_approval_email(*, user_id: int) -> None:
    user = User.objects.get(pk=user_id)
    with translation.override(user.language):
        context = {
            "user": user,
            "site_name": settings.SITE_NAME,
            "home_url": settings.SITE_URL + reverse("portal:home"),
        }
        subject = render_to_string("accounts/email/approved_subject.txt", context).strip()
        text = render_to_string("accounts/email/approved.txt", context)
        html = render_to_string("accounts/email/approved.html", context)
    message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, [user.email])
    message.attach_alternative(html, "text/html")
    message.send()
