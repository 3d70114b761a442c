"""The partner map of a page (``partnerships.maps``)."""

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from partnerships import cache_tags, page_urls
from partnerships.maps import partner_map

register = template.Library()


@register.simple_tag(takes_context=True)
def network_map(context, summaries, title, description_id):
    """The map of these networks, named ``title`` and described by the element ``description_id``."""
    request = context.get("request")

    def url_of(page):
        return page.fallback_url if getattr(page, "is_fallback", False) else page_urls.relative_url(page, request)

    networks = [summary.network.pk for summary in summaries]
    key = cache_tags.fragment_key("map", get_language(), title, description_id, *networks)

    def draw():
        for summary in summaries:  # loaded before: the map shows them all
            links = summary.swedish + summary.turkish
            cache_tags.note_instances(
                summary.network, summary.page, *(x for link in links for x in (link.member, link.page))
            )
        return partner_map(summaries, title, url_of, description_id)

    svg = cache_tags.get_or_render(key, draw, cache_tags.FRAGMENT_SECONDS)
    # Safe: the map is partner_map()'s format_html output, which escapes every value, as cached.
    return mark_safe(svg)  # nosec B308, B703
