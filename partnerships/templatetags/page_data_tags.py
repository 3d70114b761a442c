"""The partnership data each page type shows, read through the fragment cache (``tusenet.caching``).

The page models give their templates the page and the language; the templates ask these tags for the
data, so that the models need neither the read queries nor the cache. Each result is kept until the
content changes, keyed by the language it is shown in and the page or record it belongs to.
"""

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from partnerships import directory, queries
from tusenet.caching import fragments
from tusenet.i18n import multilingual

register = template.Library()


def _cached(context, name, parts, compute):
    """``compute(locale)``, kept per language of the request and ``parts``."""
    locale = multilingual.active_locale(context["request"])
    return fragments.get_or_render(name, [locale.language_code, *parts], lambda: compute(locale))


@register.simple_tag(takes_context=True)
def network_summaries(context):
    """Every network with its page and members (home page)."""
    return _cached(context, "network-summaries", [], queries.network_summaries)


@register.simple_tag(takes_context=True)
def network_directory(context):
    """The directory's filters read from the address, and the networks they match (networks index)."""
    choices = _cached(context, "directory-choices", [], directory.choices)
    found = directory.apply(context["request"].GET, choices)
    networks = network_summaries(context)
    if found.network_ids is not None:
        networks = [summary for summary in networks if summary.network.pk in found.network_ids]
    return {"directory": found, "networks": networks}


@register.simple_tag(takes_context=True)
def network_details(context, page):
    """A network's members, module page and working areas (network page)."""
    return _cached(
        context, "network-details", [page.network_id], lambda locale: queries.network_details(page.network_id, locale)
    )


@register.simple_tag(takes_context=True)
def member_networks(context, member):
    """The networks of a municipality or association (their pages)."""
    parts = [type(member).__name__, member.pk]
    return _cached(context, "member-networks", parts, lambda locale: queries.networks_of(member, locale))


@register.simple_tag(takes_context=True)
def member_directory(context):
    """Every municipality and association with its page and networks (municipalities index), as HTML.

    Kept as HTML, not as data: its hundreds of entries took longer to render than to read.
    """
    request = context["request"]

    def render(locale):
        return render_to_string("tags/member_directory.html", queries.member_directory(locale), request=request)

    # Safe: rendered by an autoescaping template (render_to_string), as cached.
    return mark_safe(_cached(context, "member-directory-html", [fragments.site_of(request)], render))  # nosec B308, B703


@register.simple_tag(takes_context=True)
def module_summaries(context, products_page):
    """The module pages under the products page with their working areas."""
    return _cached(
        context, "module-summaries", [products_page.pk], lambda locale: queries.module_summaries(products_page, locale)
    )


@register.simple_tag
def languages_in_text(codes):
    """Language names joined as a sentence reads them ("English and Turkish", "engelska och turkiska")."""
    names = [str(multilingual.name_in_text(code)) for code in codes]
    if len(names) < 2:
        return "".join(names)
    return _("%(names)s and %(last)s") % {"names": ", ".join(names[:-1]), "last": names[-1]}


@register.simple_tag(takes_context=True)
def module_details(context, module_page):
    """A module's working areas, the networks running it and its documents (module page)."""
    return _cached(
        context, "module-details", [module_page.pk], lambda locale: queries.module_details(module_page, locale)
    )


@register.simple_tag(takes_context=True)
def newsletters(context):
    """The programme's listed newsletters (products page)."""
    return _cached(context, "newsletters", [], lambda locale: queries.newsletters())


@register.simple_tag
def with_sources(page, publications, modules=()):
    """The page's sources, then those of the publications (and the modules' products) it does not cite already."""
    sources = list(page.sources)
    cited = {source.value["url"] for source in sources}
    for publication in [*publications, *(product for module in modules for product in module["products"])]:
        listed_by = publication.listed_by
        if listed_by["url"] not in cited:
            cited.add(listed_by["url"])
            sources.append({"value": listed_by})
    return sources
