from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from newsfeed import selectors


class NewsAtomFeed(Feed):
    """Public news only, whoever asks (feed readers have no session)."""

    feed_type = Atom1Feed
    title = _("Human Rights Cities — news")
    subtitle = _("What happens across the community of human rights cities.")

    def link(self):
        return reverse("newsfeed:list")

    def items(self):
        return selectors.news_feed_items()

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        if item.link.startswith(("http://", "https://")):
            return item.link
        return item.link or f"{reverse('newsfeed:list')}#news-{item.pk}"

    def item_guid(self, item):
        return f"{settings.SITE_URL}/news/#news-{item.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.published_at

    def item_author_name(self, item):
        return item.member.name if item.member else None
