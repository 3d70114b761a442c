"""Site navigation: language switcher, menu, breadcrumbs and the recent-posts box.

Each tag costs one or two queries, whatever the size of the tree.
"""

from django import template
from django.conf import settings
from django.utils import translation
from wagtail.models import Locale, Page

from partnerships.models import PostPage

register = template.Library()

#: Each language's name written in that language, as the switcher shows it.
NATIVE_NAMES = {"en": "English", "tr": "Türkçe", "sv": "Svenska"}


def current_home(page):
    """The home page of the page's language tree (depth 2)."""
    if page is None:
        return Page.objects.filter(depth=2, locale=Locale.get_active()).first()
    if page.depth == 2:
        return page
    return Page.objects.ancestor_of(page).filter(depth=2).first()


@register.simple_tag(takes_context=True)
def home_page(context):
    """The current language's home page, looked up once per request."""
    request = context.get("request")
    if not hasattr(request, "_tusenet_home"):
        request._tusenet_home = current_home(context.get("page"))
    return request._tusenet_home


@register.inclusion_tag("tags/language_switcher.html", takes_context=True)
def language_switcher(context):
    page = context.get("page")
    request = context.get("request")
    current = translation.get_language()
    if page is not None:
        versions = Page.objects.translation_of(page, inclusive=True).live().select_related("locale")
    else:
        versions = Page.objects.filter(depth=2).live().select_related("locale")
    by_language = {version.locale.language_code: version for version in versions}
    homes = {}
    if len(by_language) < len(settings.LANGUAGES):
        homes = {
            home.locale.language_code: home for home in Page.objects.filter(depth=2).live().select_related("locale")
        }
    languages = []
    for code, _name in settings.LANGUAGES:
        target = by_language.get(code)
        destination = target or homes.get(code)
        languages.append(
            {
                "code": code,
                "name": NATIVE_NAMES[code],
                "url": destination.get_url(request) if destination else None,
                "is_current": code == current,
                "is_translated": target is not None,
            }
        )
    return {"languages": languages}


@register.inclusion_tag("tags/main_menu.html", takes_context=True)
def main_menu(context):
    page = context.get("page")
    home = home_page(context)
    if home is None:
        return {"sections": []}
    sections = list(home.get_children().live().in_menu().specific())
    ancestors = set(page.get_ancestors(inclusive=True).values_list("pk", flat=True)) if page else set()
    current_section = next((s for s in sections if s.pk in ancestors), None)
    children = []
    if current_section is not None:
        children = list(current_section.get_children().live().order_by("path"))
    return {
        "home": home,
        "sections": sections,
        "current_section": current_section,
        "section_children": children,
        "page": page,
        "request": context.get("request"),
    }


@register.inclusion_tag("tags/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    page = context.get("page")
    if page is None or page.depth <= 2:
        return {"ancestors": []}
    ancestors = page.get_ancestors().filter(depth__gte=2)
    return {"ancestors": ancestors, "page": page, "request": context.get("request")}


@register.inclusion_tag("tags/recent_posts.html", takes_context=True)
def recent_posts(context, count=3):
    page = context.get("page")
    locale_id = page.locale_id if page is not None else Locale.get_active().pk
    posts = PostPage.objects.live().filter(locale_id=locale_id).order_by("-first_published_at")[:count]
    return {"posts": posts, "request": context.get("request")}
