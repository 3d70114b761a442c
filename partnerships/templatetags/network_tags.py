"""The list of network cards, a fragment of the fragment cache (home, networks index, module pages)."""

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from tusenet.caching import fragments

register = template.Library()


@register.simple_tag(takes_context=True)
def network_list(context, summaries, level):
    """The cards of these networks (``queries.NetworkSummary``) with headings at ``level``."""
    request = context.get("request")
    networks = [summary.network.pk for summary in summaries]

    def render():
        return render_to_string("tags/network_list.html", {"networks": summaries, "level": level}, request=request)

    parts = [fragments.site_of(request), get_language(), level, *networks]
    cards = fragments.get_or_render("network-list", parts, render)
    # Safe: the cards are rendered by an autoescaping template (render_to_string), as cached.
    return mark_safe(cards)  # nosec B308, B703
