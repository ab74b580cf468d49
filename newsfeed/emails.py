"""The digest e-mail: HTML and text parts, in the person's language and time zone."""

import zoneinfo

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from newsfeed.models import NewsKind


def _grouped(items) -> list[dict]:
    """Items grouped by kind, groups in the order of their newest item."""
    labels = dict(NewsKind.choices)
    groups: dict[str, dict] = {}
    for item in items:
        group = groups.setdefault(
            item.kind, {"label": labels.get(item.kind, item.kind), "items": []}
        )
        group["items"].append(item)
    return list(groups.values())


def _absolute(link: str) -> str:
    if not link or link.startswith(("http://", "https://")):
        return link
    return settings.SITE_URL + link


def _line_link(link: str) -> str:
    """A section's link: a path on the portal or a web address, nothing else."""
    if link.startswith("/") and not link.startswith("//"):
        return settings.SITE_URL + link
    return link if link.startswith(("http://", "https://")) else ""


def send_digest(
    *, user, run, items, total, unsubscribe_token, sections=(), connection=None
) -> None:
    """``sections`` are the person's own (newsfeed.digest_sections), shown after the news."""
    unsubscribe_url = settings.SITE_URL + reverse(
        "newsfeed:unsubscribe", kwargs={"token": unsubscribe_token}
    )
    try:
        zone = zoneinfo.ZoneInfo(user.time_zone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        zone = zoneinfo.ZoneInfo("UTC")
    with translation.override(user.language), timezone.override(zone):
        for item in items:
            item.absolute_link = _absolute(item.safe_link)
        context = {
            "user": user,
            "run": run,
            "groups": _grouped(items),
            "shown": len(items),
            "total": total,
            "sections": [
                {
                    "heading": section.heading,
                    "lines": [
                        {"line": line, "absolute_link": _line_link(line.link)}
                        for line in section.lines
                    ],
                }
                for section in sections
            ],
            "item_count": total + sum(len(section.lines) for section in sections),
            "site_name": settings.SITE_NAME,
            "news_url": settings.SITE_URL + reverse("newsfeed:list"),
            "settings_url": settings.SITE_URL + reverse("accounts:settings"),
            "unsubscribe_url": unsubscribe_url,
        }
        subject = " ".join(render_to_string("newsfeed/email/digest_subject.txt", context).split())
        text = render_to_string("newsfeed/email/digest.txt", context)
        html = render_to_string("newsfeed/email/digest.html", context)
    message = EmailMultiAlternatives(
        subject,
        text,
        settings.DEFAULT_FROM_EMAIL,
        [user.email],
        connection=connection,
        headers={
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Auto-Submitted": "auto-generated",
        },
    )
    message.attach_alternative(html, "text/html")
    message.send()
