"""The partner map of a page (``partnerships.maps``)."""

from django import template

from partnerships.maps import partner_map

register = template.Library()


@register.simple_tag(takes_context=True)
def network_map(context, summaries, title):
    request = context.get("request")

    def url_of(page):
        return page.fallback_url if getattr(page, "is_fallback", False) else page.get_url(request)

    return partner_map(summaries, title, url_of)
