"""The partner map of a page (``partnerships.maps``)."""

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from partnerships.maps import partner_map
from tusenet.caching import fragments

register = template.Library()


@register.simple_tag(takes_context=True)
def network_map(context, summaries, title, description_id):
    """The map of these networks, named ``title`` and described by the element ``description_id``."""
    request = context.get("request")

    def url_of(page):
        return page.fallback_url if getattr(page, "is_fallback", False) else page.get_url(request)

    networks = [summary.network.pk for summary in summaries]

    def draw():
        return partner_map(summaries, title, url_of, description_id)

    parts = [fragments.site_of(request), get_language(), title, description_id, *networks]
    svg = fragments.get_or_render("map", parts, draw)
    # Safe: the map is partner_map()'s format_html output, which escapes every value, as cached.
    return mark_safe(svg)  # nosec B308, B703
