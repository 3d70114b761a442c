"""Admin choosers that open in a translator's own language."""

from .roles import TRANSLATORS


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
        if not user.is_authenticated:
            return None
        groups = set(user.groups.values_list("name", flat=True))
        languages = [language for language, group in TRANSLATORS.items() if group in groups]
        return languages[0] if len(languages) == 1 else None
