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


class TranslatorChooserMiddleware:
    """Open the page and snippet choosers of a translator in their own language.

    Wagtail's choosers list the admin language's pages (or every language's snippets)
    first; a Turkish translator should see the Turkish ones. When the chooser is opened
    without a language filter, the translator's language is filled in; the chooser's
    own language selector still shows the others.
    """

    CHOOSER_PATHS = ("/admin/choose-page/", "/admin/snippets/choose/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith(self.CHOOSER_PATHS) and "locale" not in request.GET:
            language = self.translation_language_of(request.user)
            if language:
                query = request.GET.copy()
                query["locale"] = language
                request.GET = query
        return self.get_response(request)

    @staticmethod
    def translation_language_of(user):
        from .roles import TRANSLATORS

        if not user.is_authenticated:
            return None
        groups = set(user.groups.values_list("name", flat=True))
        languages = [language for language, group in TRANSLATORS.items() if group in groups]
        return languages[0] if len(languages) == 1 else None
