"""Whether any page has a view restriction: while none has, serving a page skips Wagtail's check of its own.

Wagtail checks the restrictions of a page and its ancestors before serving it, in two
queries a page. Sites rarely restrict pages, so the answer to "is any page restricted
at all?" is kept as a fragment (``partnerships.cache_tags``), evicted whenever a
restriction is saved or deleted (``partnerships.cache_eviction``); while it is no, the
check has nothing to find.
"""

from wagtail.models import PageViewRestriction

from . import cache_tags

#: The tag evicted by every saved or deleted view restriction.
TAG = cache_tags.listing_tag(PageViewRestriction)


def any_page_restricted():
    def find():
        cache_tags.note(TAG)
        return PageViewRestriction.objects.exists()

    return cache_tags.get_or_render("tusenet:any-view-restriction", find, cache_tags.FRAGMENT_SECONDS)


def public(pages):
    """``pages.public()``: without its query (all restrictions, read to exclude their branches) while there are none."""
    return pages.public() if any_page_restricted() else pages
