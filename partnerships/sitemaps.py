"""sitemap.xml: every live page of every language, each with its alternates."""

from django.conf import settings
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page

from tusenet.caching import fragments
from tusenet.i18n.multilingual import locales


class MultilingualSitemap(Sitemap):
    """Wagtail's sitemap lists one tree; this one lists all language trees.

    Each entry carries ``alternates`` (the other live versions, plus ``x-default``
    for the English one), which Django's sitemap template renders as
    ``<xhtml:link rel="alternate" hreflang>``. The alternates come from the listed
    pages themselves, so they cost no extra query.
    """

    def items(self):
        """Every live, public page of the site's trees (which ones: a cached fragment)."""
        site = self.get_wagtail_site()

        def public_page_ids():
            homes = Page.objects.filter(translation_key=site.root_page.translation_key)
            found = Page.objects.none()
            for home in homes:
                found |= Page.objects.descendant_of(home, inclusive=True)
            return list(found.live().public().values_list("pk", flat=True))

        ids = fragments.get_or_render("sitemap-pages", [site.pk], public_page_ids)
        return Page.objects.filter(pk__in=ids).order_by("path").defer_streamfields().specific()

    def get_urls(self, page=1, site=None, protocol=None):
        urls = super().get_urls(page=page, site=site, protocol=protocol)
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
