"""Links to pages inside rich text, in the reader's language."""

from django.db.models import Q
from django.utils.html import escape
from wagtail.models import Page
from wagtail.rich_text.pages import PageLinkHandler

from . import multilingual


class LocalizedPageLinkHandler(PageLinkHandler):
    """Link to the linked page's live version in the active language, else to its fallback address.

    Wagtail's handler falls back to the English page, which drops a Swedish reader
    into the English interface. Three queries for all the links of a text.
    """

    @classmethod
    def expand_db_attributes_many(cls, attrs_list):
        pages = cls.get_many(attrs_list)
        linked = [page for page in pages if page is not None]
        if not linked:
            return ["<a>" for _page in pages]
        locale = multilingual.active_locale()
        keys = {page.translation_key for page in linked}
        versions = Page.objects.filter(translation_key__in=keys).live()
        versions = versions.filter(Q(locale=locale) | Q(pk__in=[page.pk for page in linked]))
        in_language = {page.translation_key: page for page in versions if page.locale_id == locale.pk}
        missing = [page for page in linked if page.translation_key not in in_language]
        fallbacks = multilingual.fallback_urls(missing, locale)
        html = []
        for page in pages:
            if page is None:
                html.append("<a>")
            elif page.translation_key in in_language:
                html.append(f'<a href="{escape(in_language[page.translation_key].url)}">')
            else:
                html.append(f'<a href="{escape(fallbacks[page.pk])}">')
        return html
