from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation

from charter.models import Amendment


def send_decision_email(*, amendment_id: int) -> None:
    """Tell the author what became of their proposal, with the steering group's response."""
    amendment = Amendment.objects.select_related("author", "right_text__version").get(
        pk=amendment_id
    )
    person = amendment.author
    if not person.is_active:
        return
    with translation.override(person.language):
        context = {
            "amendment": amendment,
            "person": person,
            "site_name": settings.SITE_NAME,
            "right_url": settings.SITE_URL
            + amendment.right_text.get_absolute_url()
            + f"#amendment-{amendment.pk}",
        }
        subject = " ".join(render_to_string("charter/email/decision_subject.txt", context).split())
        text = render_to_string("charter/email/decision.txt", context)
    EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, [person.email]).send()
