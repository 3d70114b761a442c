"""URL configuration.

Admin, documents, the sitemap and robots.txt live outside ``i18n_patterns``; ``/``
chooses a language and redirects. Public pages are served under a language
prefix (/en/, /tr/, /sv/), the search at a translated address (/tr/ara/), and
Wagtail's page serving last because it matches every remaining path.
"""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from partnerships import views
from partnerships.feeds import PostsAtomFeed, PostsFeed
from partnerships.sitemaps import MultilingualSitemap

urlpatterns = [
    path("", views.choose_language, name="choose_language"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": MultilingualSitemap}}, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += i18n_patterns(
    path(_("search/"), views.search, name="search"),
    path("feeds/posts.rss", PostsFeed(), name="posts_rss"),
    path("feeds/posts.atom", PostsAtomFeed(), name="posts_atom"),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)
