"""sitemap.xml: every live page of every language, each with its alternates."""

from django.conf import settings
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page

from . import view_restrictions
from .multilingual import locales


class MultilingualSitemap(Sitemap):
    """Wagtail's sitemap lists one tree; this one lists all language trees.

    Each entry carries ``alternates`` (the other live versions, plus ``x-default``
    for the English one), which Django's sitemap template renders as
    ``<xhtml:link rel="alternate" hreflang>``. The alternates come from the listed
    pages themselves, so they cost no extra query.
    """

    def items(self):
        site = self.get_wagtail_site()
        homes = Page.objects.filter(translation_key=site.root_page.translation_key)
        pages = Page.objects.none()
        for home in homes:
            pages |= Page.objects.descendant_of(home, inclusive=True)
        return view_restrictions.public(pages.live()).order_by("path").defer_streamfields().specific()

    def _urls(self, page, protocol, domain):
        urls = super()._urls(page, protocol, domain)
        by_key = {}
        for item in self.paginator.page(page).object_list:
            by_key.setdefault(item.translation_key, []).append(item)
        by_location = {}
        for versions in by_key.values():
            alternates = [
                {"lang_code": locales.language_of(version.locale_id), "location": version.get_full_url(self.request)}
                for version in sorted(versions, key=lambda version: locales.language_of(version.locale_id))
            ]
            default = next((a for a in alternates if a["lang_code"] == settings.LANGUAGE_CODE), None)
            if default:
                alternates.append({"lang_code": "x-default", "location": default["location"]})
            for alternate in alternates[: len(versions)]:
                by_location[alternate["location"]] = alternates
        for url in urls:
            url["alternates"] = by_location.get(url["location"], [])
        return urls
