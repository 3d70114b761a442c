"""Views outside the page tree: the language choice at ``/``, robots.txt and search."""

from django.core.paginator import Paginator
from django.http import HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation
from django.utils.cache import add_never_cache_headers, patch_vary_headers
from django.views.decorators.http import require_safe

from tusenet.i18n import multilingual

from . import public_addresses
from .search import present, search_pages

SEARCH_RESULTS_PER_PAGE = 10
#: Longer queries are cut: nobody types more, and the search backend must stay cheap.
SEARCH_QUERY_MAX_LENGTH = 200


@require_safe
def choose_language(request):
    """Send ``/`` to the home page in the visitor's language.

    In order: the language chosen before in the switcher (Django's language
    cookie), then the browser's ``Accept-Language`` with its q-values, then
    English. Django's parser ignores malformed headers and unknown languages.
    The answer differs per visitor, so it is never cached.
    """
    language = translation.get_language_from_request(request)
    response = HttpResponseRedirect(multilingual.language_home_url(language))
    patch_vary_headers(response, ("Accept-Language", "Cookie"))
    add_never_cache_headers(response)
    return response


@require_safe
def robots_txt(request):
    """Allow everything public and point crawlers to the sitemap of all languages."""
    sitemap = public_addresses.site_root(request) + reverse("sitemap")
    lines = ["User-agent: *", "Disallow: /admin/", f"Sitemap: {sitemap}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


@require_safe
def search(request):
    """Search every language, the visitor's first; case and accents do not matter (``partnerships.search``)."""
    query = _clean_query(request.GET.get("q", ""))
    locale = multilingual.active_locale(request)
    found, words = search_pages(query, locale)
    paginator = Paginator(found, SEARCH_RESULTS_PER_PAGE)
    results_page = paginator.get_page(request.GET.get("page"))
    context = {
        "query": query,
        "results": results_page,
        "shown": present(results_page.object_list, words, locale),
        "count": paginator.count,
    }
    return TemplateResponse(request, "partnerships/search.html", context)


@require_safe
def search_at_another_languages_address(request):
    """``/sv/search/?q=x`` (the search's English address under the Swedish prefix) → ``/sv/sok/?q=x``.

    Django's language redirect turns ``/search/`` into ``/sv/search/`` for a Swedish visitor,
    and shared links mix languages the same way; pages are redirected like this by their router.
    """
    query = request.META.get("QUERY_STRING", "")
    return HttpResponseRedirect(reverse("search") + (f"?{query}" if query else ""))


def _clean_query(raw):
    """A query safe to hand to the search backend: printable text, bounded length."""
    text = "".join(char for char in raw if char.isprintable())
    return " ".join(text.split())[:SEARCH_QUERY_MAX_LENGTH]
