"""URL configuration.

Admin, documents, the sitemap, robots.txt and the open data (/data/v1/) live
outside ``i18n_patterns``; ``/`` chooses a language and redirects. Public pages
are served under a language prefix (/en/, /tr/, /sv/), the search at a translated
address (/tr/ara/, where /tr/search/ and /tr/sok/ redirect), and Wagtail's page
serving last because it matches every remaining path.
"""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from partnerships import open_data, views
from partnerships.api import api_router
from partnerships.feeds import PostsAtomFeed, PostsFeed
from partnerships.sitemaps import MultilingualSitemap
from tusenet.ops import csp_reports, health, sign_out


def search_addresses():
    """The search's address in every language: under another language's prefix each redirects to that one's."""
    addresses = set()
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            addresses.add(str(_("search/")))
    return sorted(addresses)


urlpatterns = [
    path("", views.choose_language, name="choose_language"),
    path("admin/logout/", sign_out.sign_out, name="tusenet_sign_out"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": MultilingualSitemap}}, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("healthz", health.healthz, name="healthz"),
    path("csp-report/", csp_reports.csp_report, name="csp_report"),
    path("api/v2/", api_router.urls),
    path("data/v1/networks.json", open_data.networks_json, name="open_data_networks"),
    path("data/v1/municipalities.json", open_data.municipalities_json, name="open_data_municipalities"),
    path("data/v1/municipalities.csv", open_data.municipalities_csv, name="open_data_municipalities_csv"),
    path("data/v1/partners.geojson", open_data.partners_geojson, name="open_data_partners"),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += i18n_patterns(
    path(_("search/"), views.search, name="search"),
    *(path(address, views.search_at_another_languages_address) for address in search_addresses()),
    path("feeds/posts.rss", PostsFeed(), name="posts_rss"),
    path("feeds/posts.atom", PostsAtomFeed(), name="posts_atom"),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)
