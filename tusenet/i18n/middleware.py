"""Language handling around Django's ``LocaleMiddleware``."""

import re

from django.conf import settings
from django.middleware.locale import LocaleMiddleware

#: A first path segment shaped like a language code: ``de``, ``fr-ca``, ``zh-hans``.
LANGUAGE_PREFIX = re.compile(r"^/([a-z]{2,3}(?:-[a-z0-9]{2,8})?)(?:/|$)", re.IGNORECASE)


class TusenetLocaleMiddleware(LocaleMiddleware):
    """Django's ``LocaleMiddleware``, minus its redirect for unknown language prefixes.

    Django answers a 404 at ``/de/x/`` with a redirect to ``/en/de/x/``, which is a 404
    again. An address that starts with a language we do not offer is answered at once
    with a 404 in the visitor's language. Other unprefixed addresses (``/about/``) are
    still redirected into the visitor's language, as Django does.
    """

    def process_response(self, request, response):
        if response.status_code == 404 and self.has_foreign_prefix(request.path_info):
            return response
        return super().process_response(request, response)

    @staticmethod
    def has_foreign_prefix(path):
        match = LANGUAGE_PREFIX.match(path)
        offered = {code for code, _name in settings.LANGUAGES}
        return match is not None and match.group(1).lower() not in offered
