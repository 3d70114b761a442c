"""Content-Security-Policy: a strict one for the public site and for previews, a working one for Wagtail's admin.

The public pages run one script file and no inline script or style, so their policy
(``CONTENT_SECURITY_POLICY``) allows scripts only from the site itself. Wagtail's admin
still renders inline scripts and styles, so admin addresses get ``TUSENET_ADMIN_CSP`` instead.
A preview shows content nobody has approved yet inside the admin: it keeps the public policy,
under which no script from content runs, framed only by the admin (``TUSENET_PREVIEW_CSP``).
django-csp builds all three.
"""

from csp.constants import HEADER
from csp.middleware import CSPMiddleware
from django.conf import settings

#: Addresses served by Wagtail's admin, its previews included.
ADMIN_PREFIXES = ("/admin/",)


class TusenetCSPMiddleware(CSPMiddleware):
    def process_response(self, request, response):
        for_admin = request.path_info.startswith(ADMIN_PREFIXES)
        if for_admin and HEADER in response:
            # A preview is rendered by running a copy of the request for the page's own address
            # through the middleware: it got the public policy, which gives way to the preview's.
            del response[HEADER]
            response.tusenet_is_preview = True
        return super().process_response(request, response)

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and parts.config is None and request.path_info.startswith(ADMIN_PREFIXES):
            is_preview = getattr(response, "tusenet_is_preview", False)
            parts.config = settings.TUSENET_PREVIEW_CSP if is_preview else settings.TUSENET_ADMIN_CSP
        return parts
