"""The one entry point other apps call to tell the newsfeed what happened."""

from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils import timezone

from core.visibility import Visibility
from newsfeed.models import NewsItem, NewsKind


def publish(
    *,
    kind: str,
    title: str,
    about: models.Model | None = None,
    summary: str = "",
    link: str = "",
    member=None,
    actor=None,
    focus_areas: Iterable = (),
    visibility: str = Visibility.PUBLIC,
    published_at=None,
) -> NewsItem:
    """Record one news item; at most one per (object, kind), so nothing is announced twice.

    Call it from your own service, inside its transaction: the item commits (or rolls back)
    with the change it announces. Publishing the same (object, kind) again updates the item.
    """
    if kind not in NewsKind.values:
        raise ValueError(f"Unknown news kind {kind!r}")
    fields = {
        "title": title[:300],
        "summary": summary[:2000],
        "link": link,
        "member": member,
        "actor": actor,
        "visibility": visibility,
    }
    content_type = ContentType.objects.get_for_model(about) if about is not None else None
    item = NewsItem(
        kind=kind,
        content_type=content_type,
        object_id=about.pk if about is not None else None,
        published_at=published_at or timezone.now(),
        **fields,
    )
    # Every field's rules (a safe link, above all) before anything is written; one item per
    # (object, kind) is get_or_create's to keep, under the row lock.
    item.full_clean(validate_constraints=False)
    with transaction.atomic():
        if about is None:
            item.save()
        else:
            item, created = NewsItem.objects.select_for_update().get_or_create(
                content_type=content_type,
                object_id=about.pk,
                kind=kind,
                defaults={**fields, "published_at": item.published_at},
            )
            if not created:
                for name, value in fields.items():
                    setattr(item, name, value)
                if published_at is not None:
                    item.published_at = published_at
                item.full_clean()
                item.save()
        item.focus_areas.set(focus_areas)
    return item


def withdraw(*, about: models.Model) -> int:
    """Take back the news about an object (it was deleted, or is no longer published): call it
    from your own service, inside its transaction. Returns how many items went."""
    deleted, _by_model = NewsItem.objects.filter(
        content_type=ContentType.objects.get_for_model(about), object_id=about.pk
    ).delete()
    return deleted


def announcement_publish(*, announcement, by=None) -> NewsItem:
    """Save an announcement and its news item (one per announcement, updated on each save)."""
    from django.urls import reverse

    with transaction.atomic():
        if by is not None and announcement.author_id is None:
            announcement.author = by
        announcement.full_clean()
        announcement.save()
        return publish(
            kind=NewsKind.ANNOUNCEMENT,
            title=announcement.title,
            about=announcement,
            summary=announcement.summary,
            link=reverse("newsfeed:announcement", kwargs={"pk": announcement.pk}),
            actor=announcement.author,
            visibility=announcement.visibility,
            published_at=announcement.publish_at,
        )
