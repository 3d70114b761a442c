"""RSS and Atom feeds of the recent posts, one per language (``/tr/feeds/posts.atom``), dated by the posts' dates."""

import datetime
from dataclasses import dataclass

from django.contrib.syndication.views import Feed
from django.http import HttpRequest
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _
from wagtail.models import Locale

from tusenet.i18n import multilingual

from . import public_addresses, queries

FEED_LENGTH = 20


@dataclass
class FeedContext:
    """What one request's feed is about (the view instance is shared between requests)."""

    request: HttpRequest
    locale: Locale
    #: The site's own address: links never take the request's Host header.
    root: str


class PostsFeed(Feed):
    """The newest posts in the language of the address, with English ones not yet translated."""

    feed_type = Rss201rev2Feed

    def get_object(self, request, *args, **kwargs):
        return FeedContext(request, multilingual.active_locale(request), public_addresses.site_root(request))

    def title(self, obj):
        return _("Tusenet: recent posts")

    def description(self, obj):
        return _("News from the Swedish-Turkish municipal partnership networks.")

    def link(self, obj):
        return obj.root + multilingual.language_home_url(obj.locale.language_code)

    def feed_url(self, obj):
        return obj.root + obj.request.path

    def items(self, obj):
        posts = queries.recent_posts(obj.locale, FEED_LENGTH)
        for post in posts:
            post.feed_guid = post.get_full_url(obj.request)
            post.feed_link = obj.root + post.fallback_url if post.is_fallback else post.feed_guid
        return posts

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.intro

    def item_link(self, item):
        return item.feed_link

    def item_guid(self, item):
        return item.feed_guid

    item_guid_is_permalink = True

    def item_pubdate(self, item):
        """The post's own date (the day of its news), at midnight where the site is."""
        if item.date is None:  # only a post saved without validation
            return None
        return timezone.make_aware(datetime.datetime.combine(item.date, datetime.time.min))

    def item_updateddate(self, item):
        return item.last_published_at


class PostsAtomFeed(PostsFeed):
    feed_type = Atom1Feed

    def subtitle(self, obj):
        return self.description(obj)
