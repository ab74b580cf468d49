import re

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from newsfeed import selectors

# XML 1.0 cannot carry these: one in a title would make the whole feed fail.
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _text(value: str) -> str:
    return _CONTROL_CHARACTERS.sub("", value)


class PlainTextAtomFeed(Atom1Feed):
    """Atom whose summaries are plain text: what people typed, never markup a reader would run."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, {**item, "description": None})
        if item["description"]:
            handler.addQuickElement("summary", item["description"], {"type": "text"})


class NewsAtomFeed(Feed):
    """Public news only, whoever asks (feed readers have no session)."""

    feed_type = PlainTextAtomFeed
    title = _("Human Rights Cities — news")
    subtitle = _("What happens across the community of human rights cities.")

    def link(self):
        return reverse("newsfeed:list")

    def items(self):
        return selectors.news_feed_items()

    def item_title(self, item):
        return _text(item.title)

    def item_description(self, item):
        return _text(item.summary)

    def item_link(self, item):
        return item.safe_link or f"{reverse('newsfeed:list')}#news-{item.pk}"

    def item_guid(self, item):
        return f"{settings.SITE_URL}/news/#news-{item.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.published_at

    def item_author_name(self, item):
        return _text(item.member.name) if item.member else None
