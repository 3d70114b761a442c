"""The Wagtail ``Site`` record: the public address that absolute links use."""

from urllib.parse import urlsplit

from django.conf import settings
from wagtail.models import Site


def configure_default_site(base_url=None):
    """Give the default site the host and port of ``WAGTAILADMIN_BASE_URL``.

    Wagtail builds absolute page URLs (hreflang, canonical, sitemap) from this
    record, so it must name the host visitors use. Returns a line to report.
    """
    parts = urlsplit(base_url or settings.WAGTAILADMIN_BASE_URL)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    site = Site.objects.get(is_default_site=True)
    if (site.hostname, site.port, site.site_name) != (parts.hostname, port, settings.WAGTAIL_SITE_NAME):
        site.hostname, site.port, site.site_name = parts.hostname, port, settings.WAGTAIL_SITE_NAME
        site.save()
    return f"site address: {site.root_url}/"
