"""Content-Security-Policy: a strict one for the public site, a working one for Wagtail's admin.

The public pages run one script file and no inline script or style, so their policy
(``CONTENT_SECURITY_POLICY``) allows scripts only from the site itself. Wagtail's admin
still renders inline scripts and styles, and shows previews in a frame of its own, so
admin addresses get ``TUSENET_ADMIN_CSP`` instead. django-csp builds both; as neither
uses nonces or per-view changes, each header is built once and reused on every answer
(the page cache's hits included).
"""

from functools import cache

from csp.constants import HEADER
from csp.middleware import CSPMiddleware
from csp.utils import build_policy
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver

#: Addresses served by Wagtail's admin, its previews included.
ADMIN_PREFIXES = ("/admin/",)
#: What a view can set to change the policy of its answer (django-csp's decorators).
PER_VIEW_CHANGES = ("_csp_config", "_csp_update", "_csp_replace", "_csp_exempt")


@cache
def _policy(for_admin):
    directives = settings.TUSENET_ADMIN_CSP if for_admin else settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]
    return build_policy(config=directives)


@receiver(setting_changed)
def _forget_policies(setting, **kwargs):
    if setting in ("CONTENT_SECURITY_POLICY", "TUSENET_ADMIN_CSP"):
        _policy.cache_clear()


class TusenetCSPMiddleware(CSPMiddleware):
    def process_response(self, request, response):
        for_admin = request.path_info.startswith(ADMIN_PREFIXES)
        if for_admin and HEADER in response:
            # A preview is rendered by running a copy of the request for the page's own address
            # through the middleware: the public policy it got gives way to the admin's.
            del response[HEADER]
        plain = getattr(request, "_csp_nonce", None) is None and not any(
            hasattr(response, change) for change in PER_VIEW_CHANGES
        )
        if plain and HEADER not in response:
            response[HEADER] = _policy(for_admin)
            return response
        return super().process_response(request, response)

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and parts.config is None and request.path_info.startswith(ADMIN_PREFIXES):
            parts.config = settings.TUSENET_ADMIN_CSP
        return parts
