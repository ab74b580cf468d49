"""Reads of the newsfeed: pages, the Atom feed, profile and home blocks, digests."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from cities.models import FocusArea
from newsfeed.models import Announcement, NewsItem

DIGEST_ITEM_LIMIT = 40


def _news() -> QuerySet[NewsItem]:
    """Every read of news starts here, so news about an unpublished member (whose links would
    lead to a 404) is hidden from pages, the feed and digests alike."""
    return NewsItem.objects.about_published_members()


def _news_for(user) -> QuerySet[NewsItem]:
    return (
        _news()
        .published()
        .visible_to(user)
        .select_related("member")
        .prefetch_related(Prefetch("focus_areas", queryset=FocusArea.objects.order_by("order")))
    )


def news_list(*, user) -> QuerySet[NewsItem]:
    """/news/: what the user may see, newest first (the view filters it with NewsFilter)."""
    return _news_for(user)


def news_latest(*, user, limit: int = 5) -> list[NewsItem]:
    return list(_news_for(user)[:limit])


def news_for_member(*, member, user, limit: int = 5) -> list[NewsItem]:
    return list(_news_for(user).filter(member=member)[:limit])


def news_feed_items(*, limit: int = 50) -> list[NewsItem]:
    """The Atom feed: public items only, whoever asks."""
    return list(_news().published().public().select_related("member")[:limit])


def announcement_detail(*, pk: int, user) -> Announcement | None:
    from django.utils import timezone

    return (
        Announcement.objects.visible_to(user)
        .filter(pk=pk, publish_at__lte=timezone.now())
        .select_related("author")
        .first()
    )


def digest_items(*, user, period_start, period_end) -> tuple[list[NewsItem], int]:
    """The news of a period the user may see, newest first: at most DIGEST_ITEM_LIMIT items,
    and how many there were in all."""
    items = (
        _news().visible_to(user).filter(published_at__gte=period_start, published_at__lt=period_end)
    )
    chosen = list(
        items.select_related("member").order_by("-published_at", "-pk")[:DIGEST_ITEM_LIMIT]
    )
    total = len(chosen) if len(chosen) < DIGEST_ITEM_LIMIT else items.count()
    return chosen, total
