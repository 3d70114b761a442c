"""Request bodies are refused by their declared size before anything reads them (413).

64 KB for public addresses and the sign-in pages, 32 MB in the rest of the admin (uploads), the same
sizes the front refuses first (``deploy/nginx.conf.template``). This holds where Django is reached
without the front (``make run``, a proxy set up otherwise): Django would stream a large multipart
body into the temporary folder while the CSRF check reads the form, and a worker killed meanwhile
leaves the file behind.
"""

from django.http import HttpResponse
from django.utils.translation import gettext as _

PUBLIC_LIMIT = 64 * 1024
ADMIN_LIMIT = 32 * 1024 * 1024
ADMIN_PREFIX = "/admin/"
#: Admin addresses anybody can post to without signing in.
SIGN_IN_PATHS = ("/admin/login/", "/admin/password_reset/")


def limit_for(path):
    """The largest body, in bytes, a request to ``path`` may carry."""
    if path.startswith(ADMIN_PREFIX) and not path.startswith(SIGN_IN_PATHS):
        return ADMIN_LIMIT
    return PUBLIC_LIMIT


class RequestSizeLimitMiddleware:
    """Answer 413 to a body larger than its address allows; placed before anything reads the body."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0  # Django reads no body without a valid length
        if length > limit_for(request.path_info):
            message = _("This request is larger than this address accepts.")
            return HttpResponse(message, status=413, content_type="text/plain; charset=utf-8")
        return self.get_response(request)
