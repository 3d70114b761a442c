"""``{% page_fragment "name" %}…{% endpage_fragment %}``: a page's rendered HTML kept as a fragment.

Everything a page's template shows depends on the page, its address, the language and the site's
content, so the rendered HTML is kept under those and the content version (``fragments``). Wagtail
still routes every request, checks its view restrictions and runs the page's ``serve``; only the
rendering is skipped. Never kept: previews and drafts (``request.is_preview``), requests with a query
string (filters, pages of a list: unbounded keys), other methods than GET and HEAD, anything rendered
without a page, and anything while ``DEBUG`` is on (``make run``: a template just edited shows at once).
"""

from django import template
from django.conf import settings
from django.utils import translation

from tusenet.caching import fragments

register = template.Library()


def is_kept(request, page):
    """Whether this rendering of ``page`` may be kept and shown to the next visitor of the same address."""
    return (
        not settings.DEBUG
        and request is not None
        and page is not None
        and request.method in ("GET", "HEAD")
        and not request.META.get("QUERY_STRING")
        and not getattr(request, "is_preview", False)
    )


class PageFragmentNode(template.Node):
    def __init__(self, name, nodelist):
        self.name = name
        self.nodelist = nodelist

    def render(self, context):
        request, page = context.get("request"), context.get("page")
        if not is_kept(request, page):
            return self.nodelist.render(context)
        parts = [fragments.site_of(request), translation.get_language(), request.path, page.pk]
        return fragments.get_or_render(self.name, parts, lambda: self.nodelist.render(context))


@register.tag
def page_fragment(parser, token):
    """Keep the enclosed HTML per page, address and language, until the site's content changes."""
    bits = token.split_contents()
    if len(bits) != 2 or bits[1][0] not in "\"'" or bits[1][-1] != bits[1][0]:
        raise template.TemplateSyntaxError(f"{bits[0]} takes one quoted fragment name")
    nodelist = parser.parse(("endpage_fragment",))
    parser.delete_first_token()
    return PageFragmentNode(bits[1][1:-1], nodelist)
