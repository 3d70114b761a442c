"""One page in several languages: its live versions, its fallback address, the source order.

A page that has no live translation in a language is still shown under that
language's prefix, inside that language's interface, at its *fallback address*:
the path of its translated ancestors in that language followed by the source
page's own slugs, e.g. ``/sv/kommuner-och-forbund/istanbul/``. Page routing
(``ContentPage.route``) resolves the same addresses, so a visitor who picked a
language keeps it while moving through pages that are not translated yet.
"""

from functools import reduce
from operator import or_

from django.conf import settings
from django.db.models import OuterRef, Q, Subquery
from django.db.models.functions import Substr
from django.urls import reverse
from django.utils import translation
from django.utils.translation import pgettext_lazy
from wagtail.models import Locale, Page

#: Each language's name written in that language, as the switcher shows it.
NATIVE_NAMES = {"en": "English", "tr": "Türkçe", "sv": "Svenska"}

#: Language names as they read inside a sentence ("svenska" is lower-case in Swedish).
NAMES_IN_TEXT = {
    "en": pgettext_lazy("language name inside a sentence", "English"),
    "tr": pgettext_lazy("language name inside a sentence", "Turkish"),
    "sv": pgettext_lazy("language name inside a sentence", "Swedish"),
}


def name_in_text(code):
    """A language's name as it reads inside a sentence of the active language ("engelska", "İngilizce")."""
    return NAMES_IN_TEXT.get(code, code)


#: Open Graph locale of each language (the country where it is the official language).
OPEN_GRAPH_LOCALES = {"en": "en_GB", "tr": "tr_TR", "sv": "sv_SE"}


class _LocaleCache:
    """The few ``Locale`` rows, kept in memory: pages need them on every request.

    Locales only change when an admin adds or edits one; the signal handlers in
    ``apps.py`` clear the cache then, and an unknown id or code reloads it.
    """

    def __init__(self):
        self.by_code, self.by_id = {}, {}

    def clear(self, **_signal_kwargs):
        self.by_code, self.by_id = {}, {}

    def load(self):
        locales = list(Locale.objects.all())
        self.by_code = {locale.language_code: locale for locale in locales}
        self.by_id = {locale.pk: locale for locale in locales}

    def for_language(self, language_code):
        code = translation.get_supported_language_variant(language_code)
        if code not in self.by_code:
            self.load()
        return self.by_code[code]

    def language_of(self, locale_id):
        if locale_id not in self.by_id:
            self.load()
        return self.by_id[locale_id].language_code


locales = _LocaleCache()


def active_locale(request=None):
    """The ``Locale`` of the active language (the language of the address)."""
    return locales.for_language(translation.get_language())


def language_home_url(language_code):
    """The relative address of a language's home page: ``/sv/``."""
    with translation.override(language_code):
        return reverse("wagtail_serve", args=[""])


#: The fields a page's address is made of (``fallback_urls``): enough for a link to it.
ADDRESS_FIELDS = ("path", "depth", "slug", "url_path", "locale", "translation_key")


def live_versions(page):
    """The live versions of a page, by language code (the page itself included when live), with their addresses."""
    versions = Page.objects.filter(translation_key=page.translation_key).live().only(*ADDRESS_FIELDS)
    return {locales.language_of(version.locale_id): version for version in versions}


def preferred_source(versions):
    """The version to show where a language is missing: English, else the original (oldest) one."""
    if settings.LANGUAGE_CODE in versions:
        return versions[settings.LANGUAGE_CODE]
    return min(versions.values(), key=lambda version: version.pk, default=None)


def _ancestor_paths(page):
    """Tree paths of the page's ancestors below the language's home page (depth 3 and deeper)."""
    step = Page.steplen
    return [page.path[:end] for end in range(3 * step, len(page.path), step)]


def fallback_urls(pages, locale):
    """Map each page's pk to its fallback address in ``locale``'s language, in one query.

    An ancestor contributes its slug in ``locale`` while it has a live version there (a draft
    translation's slug is not public); from the first ancestor without one, the source slugs follow.
    """
    pages = list(pages)
    if not pages:
        return {}
    paths = {path for page in pages for path in _ancestor_paths(page)}
    ancestors, translated_slugs = {}, {}
    if paths:
        in_locale = Page.objects.filter(locale=locale, translation_key=OuterRef("translation_key")).live()
        found = Page.objects.filter(path__in=paths).only("path", "slug", "translation_key")
        for ancestor in found.annotate(translated_slug=Subquery(in_locale.values("slug")[:1])):
            ancestors[ancestor.path] = ancestor
            if ancestor.translated_slug is not None:
                translated_slugs[ancestor.translation_key] = ancestor.translated_slug
    base = language_home_url(locale.language_code)
    urls = {}
    for page in pages:
        segments, still_translated = [], True
        for path in _ancestor_paths(page):
            ancestor = ancestors.get(path)
            if ancestor is None:
                break
            still_translated = still_translated and ancestor.translation_key in translated_slugs
            segments.append(translated_slugs[ancestor.translation_key] if still_translated else ancestor.slug)
        if page.depth > 2:
            segments.append(page.slug)
        urls[page.pk] = base + "".join(f"{segment}/" for segment in segments)
    return urls


def mark_fallbacks(pages, locale):
    """Flag the pages that are not in ``locale`` and give them their fallback address there.

    Sets ``is_fallback`` on every page, and on the flagged ones ``fallback_url`` (which
    templates link to instead of the page's own address) and ``content_language``
    (for the ``lang`` attribute of their title).
    """
    pages = list(pages)
    foreign = [page for page in pages if page.locale_id != locale.pk]
    urls = fallback_urls(foreign, locale)
    for page in pages:
        page.is_fallback = page.pk in urls
        if page.is_fallback:
            page.fallback_url = urls[page.pk]
            page.content_language = locales.language_of(page.locale_id)
    return pages


def fallback_child(parent, slug, draft_child=None):
    """The live page to show for ``slug`` below ``parent`` when ``parent``'s language lacks it.

    ``draft_child`` is the parent's own child with that slug when it exists but is not
    live (an unpublished translation): its other live versions are shown instead.
    Otherwise the children of the parent's other versions are searched for the slug.
    """
    if draft_child is not None:
        candidates = Page.objects.filter(translation_key=draft_child.translation_key).live()
    else:
        counterparts = Page.objects.filter(translation_key=parent.translation_key).exclude(pk=parent.pk)
        parent_path_length = parent.depth * Page.steplen
        candidates = (
            Page.objects.filter(depth=parent.depth + 1, slug=slug)
            .live()
            .annotate(parent_path=Substr("path", 1, parent_path_length))
            .filter(parent_path__in=counterparts.values("path"))
        )
    versions = {locales.language_of(page.locale_id): page for page in candidates}
    return preferred_source(versions)


def in_source_order(pages):
    """Sort sibling pages of any language as their default-language versions are ordered.

    Wagtail places a new translation last among its siblings, so the translated trees
    drift from the English order; menus follow the English order instead, whatever
    order the translations were made, added or moved in. One query.
    """
    pages = list(pages)
    if not pages:
        return pages
    source_paths = dict(
        Page.objects.filter(
            translation_key__in={page.translation_key for page in pages},
            locale__language_code=settings.LANGUAGE_CODE,
        ).values_list("translation_key", "path")
    )
    step = Page.steplen
    return sorted(pages, key=lambda page: source_paths.get(page.translation_key, page.path)[-step:])


def one_per_page(objects, locale, key=lambda obj: obj.translation_key):
    """Map ``key(obj)`` to one version of each object, the one in ``locale`` where there is one."""
    chosen = {}
    for obj in objects:
        if key(obj) not in chosen or obj.locale_id == locale.pk:
            chosen[key(obj)] = obj
    return chosen


def children_in(page, locale, *, menu_only=False):
    """The live, public children of ``page`` as a visitor of ``locale`` sees them (private ones are left out).

    Children translated into ``locale`` come in that language; the others come in the
    default language at their fallback address, so nothing the English tree has is
    hidden from a Swedish visitor. In the English order; four queries at most.
    """
    parents = Page.objects.filter(translation_key=page.translation_key).filter(
        Q(locale=locale) | Q(locale__language_code=settings.LANGUAGE_CODE)
    )
    under_parent = reduce(or_, (Q(path__startswith=path) for path in parents.values_list("path", flat=True)), Q())
    children = Page.objects.filter(under_parent, depth=page.depth + 1).live().public()
    if menu_only:
        children = children.in_menu()
    return mark_fallbacks(in_source_order(one_per_page(children, locale).values()), locale)
