"""Content-Security-Policy: a strict one for the public site, a working one for Wagtail's admin.

The public pages run one script file and no inline script or style, so their policy
(``CONTENT_SECURITY_POLICY``) allows scripts only from the site itself. Wagtail's admin
still renders inline scripts and styles, and shows previews in a frame of its own, so
admin addresses get ``TUSENET_ADMIN_CSP`` instead. django-csp builds both.
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
            # through the middleware: the public policy it got gives way to the admin's.
            del response[HEADER]
        return super().process_response(request, response)

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and parts.config is None and request.path_info.startswith(ADMIN_PREFIXES):
            parts.config = settings.TUSENET_ADMIN_CSP
        return parts
