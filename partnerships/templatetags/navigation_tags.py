"""Site navigation and head metadata: language switcher, hreflang, menu, breadcrumbs, recent posts.

Everything here is built in the language of the address (the active language),
which differs from the page's own language when a page is shown as a fallback.
Each tag costs one or two queries, whatever the size of the tree.
"""

from django import template
from django.conf import settings
from django.urls import Resolver404, resolve, translate_url
from wagtail.models import Page

from partnerships import queries
from tusenet.caching import fragments
from tusenet.i18n import multilingual

register = template.Library()


def _request_cache(request, name, compute):
    """Compute a value once per request (several tags share it)."""
    attribute = f"_tusenet_{name}"
    if request is None:
        return compute()
    if not hasattr(request, attribute):
        setattr(request, attribute, compute())
    return getattr(request, attribute)


def _site_wide(request, name, compute):
    """A value the same on every page of the active language: cached across requests and workers."""
    if request is None:
        return compute()
    parts = [fragments.site_of(request), multilingual.active_locale(request).language_code]
    return _request_cache(request, name, lambda: fragments.get_or_render(name, parts, compute))


@register.filter
def language_in_text(code):
    """A language's name as it reads inside a sentence of the active language ("engelska", "İngilizce")."""
    return multilingual.name_in_text(code)


@register.simple_tag(takes_context=True)
def home_page(context):
    """The home page of the active language (the root of its tree)."""
    request = context.get("request")

    def find_home():
        locale = multilingual.active_locale(request)
        homes = Page.objects.filter(depth=2).live()
        return min(homes, key=lambda home: home.locale_id != locale.pk, default=None)

    return _site_wide(request, "home", find_home)


@register.simple_tag(takes_context=True)
def page_url(context, page):
    """A page's address in the active language: its own, or its fallback address."""
    if getattr(page, "is_fallback", False):
        return page.fallback_url
    return page.get_url(context.get("request"))


def page_versions(context):
    """The live versions of the current page by language, looked up once per request."""
    page = context.get("page")
    if page is None:
        return {}

    def versions():
        return fragments.get_or_render("versions", [page.pk], lambda: multilingual.live_versions(page))

    return _request_cache(context.get("request"), "versions", versions)


def _non_page_urls(request):
    """Addresses in each language for a view that is not a Wagtail page (search, 404)."""
    try:
        match = resolve(request.path_info)
    except Resolver404:
        match = None
    if match is not None and match.url_name != "wagtail_serve":
        return {code: translate_url(request.get_full_path(), code) for code, _name in settings.LANGUAGES}
    return {code: multilingual.language_home_url(code) for code, _name in settings.LANGUAGES}


@register.inclusion_tag("tags/language_switcher.html", takes_context=True)
def language_switcher(context):
    """Every language, leading to the same page: its translation or its fallback address."""
    page = context.get("page")
    request = context.get("request")
    current = multilingual.active_locale(request).language_code
    versions = page_versions(context)
    if page is not None:
        source = multilingual.preferred_source(versions) or page
        missing = [code for code, _name in settings.LANGUAGES if code not in versions]
        urls = {code: version.get_url(request) for code, version in versions.items()}
        for code in missing:
            urls[code] = multilingual.fallback_urls([source], multilingual.locales.for_language(code))[source.pk]
        if request is not None and request.GET:
            # Filters (?swedish=kalmar) mean the same in every language: keep them when switching.
            query = request.GET.urlencode()
            urls = {code: f"{url}?{query}" for code, url in urls.items()}
    else:
        urls = _non_page_urls(request) if request is not None else {}
    languages = [
        {
            "code": code,
            "name": multilingual.NATIVE_NAMES[code],
            "url": urls.get(code),
            "is_current": code == current,
            "is_translated": page is None or code in versions,
        }
        for code, _name in settings.LANGUAGES
    ]
    return {"languages": languages}


@register.inclusion_tag("tags/page_metadata.html", takes_context=True)
def page_metadata(context):
    """Canonical link, hreflang alternates and Open Graph tags for the page's ``<head>``.

    A fallback page points to the real page as canonical and is not indexed; it is never
    listed as an alternate, because only live translations are.
    """
    page = context.get("page")
    request = context.get("request")
    language = multilingual.active_locale(request).language_code
    metadata = {"og_locale": multilingual.OPEN_GRAPH_LOCALES[language], "fallback": context.get("fallback")}
    if page is None or metadata["fallback"]:
        return metadata
    versions = page_versions(context)
    alternates = [
        {"language": code, "url": versions[code].get_full_url(request)}
        for code, _name in settings.LANGUAGES
        if code in versions
    ]
    default = versions.get(settings.LANGUAGE_CODE)
    metadata.update(
        canonical_url=page.get_full_url(request),
        alternates=alternates,
        x_default=default.get_full_url(request) if default else None,
        og_alternates=[multilingual.OPEN_GRAPH_LOCALES[a["language"]] for a in alternates if a["language"] != language],
    )
    return metadata


#: Length of a section's (depth 3) path: Wagtail's tree paths take four characters per level.
SECTION_PATH_LENGTH = 3 * Page.steplen


@register.inclusion_tag("tags/main_menu.html", takes_context=True)
def main_menu(context):
    """The sections of the active language's home page (untranslated ones at their fallback address).

    The sections, and the pages of the section the visitor is in, are site-wide
    fragments: cached, and evicted when one of them changes.
    """
    page = context.get("page")
    request = context.get("request")
    home = home_page(context)
    if home is None:
        return {"sections": []}
    locale = multilingual.active_locale(request)

    def find_sections():
        sections = multilingual.children_in(home, locale, menu_only=True)
        versions = Page.objects.filter(translation_key__in=[section.translation_key for section in sections])
        return {"sections": sections, "keys_by_path": dict(versions.values_list("path", "translation_key"))}

    menu = _site_wide(request, "menu", find_sections)
    current_key = None
    if page is not None and page.depth >= 3:
        current_key = menu["keys_by_path"].get(page.path[:SECTION_PATH_LENGTH])
    current_section = next((s for s in menu["sections"] if s.translation_key == current_key), None)
    children = []
    if current_section is not None:
        children = _site_wide(request, f"menu-{current_key}", lambda: multilingual.children_in(current_section, locale))
    return {
        "home": home,
        "sections": menu["sections"],
        "current_section": current_section,
        "section_children": children,
        "current_key": page.translation_key if page is not None else None,
        "request": request,
    }


@register.inclusion_tag("tags/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    """The page's ancestors in the active language (at their fallback address where missing)."""
    page = context.get("page")
    request = context.get("request")
    if page is None or page.depth <= 2:
        return {"ancestors": []}
    locale = multilingual.active_locale(request)

    def find_ancestors():
        ancestors = list(page.get_ancestors().filter(depth__gt=2).only("title", *multilingual.ADDRESS_FIELDS))
        if page.locale_id != locale.pk and ancestors:
            translated = {
                version.translation_key: version
                for version in Page.objects.filter(
                    translation_key__in=[a.translation_key for a in ancestors], locale=locale
                )
                .live()
                .only("title", *multilingual.ADDRESS_FIELDS)
            }
            ancestors = [translated.get(ancestor.translation_key, ancestor) for ancestor in ancestors]
        return multilingual.mark_fallbacks(ancestors, locale)

    return {
        "home": home_page(context),
        "ancestors": fragments.get_or_render("breadcrumbs", [locale.language_code, page.pk], find_ancestors),
        "page": page,
        "fallback": context.get("fallback"),
        "request": request,
    }


@register.inclusion_tag("tags/recent_posts.html", takes_context=True)
def recent_posts(context, count=3):
    """The newest posts in the active language, with untranslated ones in English."""
    request = context.get("request")
    locale = multilingual.active_locale(request)
    posts = _site_wide(request, f"recent-posts-{count}", lambda: queries.recent_posts(locale, count))
    return {"posts": posts, "request": request}


#: The English slugs of the pages every footer links to (partnerships/data/site_content.json).
FOOTER_PAGE_SLUGS = ("open-data", "accessibility")


@register.simple_tag(takes_context=True)
def footer_pages(context):
    """The open-data page and the accessibility statement in the active language (or at their
    fallback address), in that order; a page that is not live is left out."""
    request = context.get("request")

    def find():
        english = Page.objects.filter(
            depth=3, slug__in=FOOTER_PAGE_SLUGS, locale__language_code=settings.LANGUAGE_CODE
        ).live()
        sources = sorted(english, key=lambda page: FOOTER_PAGE_SLUGS.index(page.slug))
        locale = multilingual.active_locale(request)
        translated = {
            version.translation_key: version
            for version in Page.objects.filter(
                translation_key__in=[source.translation_key for source in sources], locale=locale
            ).live()
        }
        return multilingual.mark_fallbacks([translated.get(s.translation_key, s) for s in sources], locale)

    return _site_wide(request, "footer_pages", find)
