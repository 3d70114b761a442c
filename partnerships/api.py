"""Wagtail's read-only API v2 for pages (``/api/v2/pages/?locale=tr``): live, public pages only.

Every malformed parameter is answered with a 400 and a JSON message, never a server error:
Wagtail hands some parameters to the database or the search backend unchecked (found by
``tests/test_fuzzing.py``), so they are checked here first.
"""

from django.core.exceptions import ValidationError
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.renderers import JSONRenderer
from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet

#: Far beyond any listing of this site, and within every database's integer range.
MAX_OFFSET = 2**31 - 1
SEARCH_OPERATORS = ("and", "or")


class JSONOnly(BaseContentNegotiation):
    """Always JSON: ``?format=`` or an ``Accept`` header cannot ask for another format.

    The REST framework's default answers ``?format=xml`` with an empty 404 message and
    ``?format=api`` with its browsable HTML page, which a public data API does not need.
    """

    def select_parser(self, request, parsers):
        return parsers[0]

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


class BoundedPagination(WagtailPagination):
    """Wagtail's paging; an offset past the database's integer range was a server error."""

    def paginate_queryset(self, queryset, request, view=None):
        try:
            too_far = int(request.GET.get("offset", 0)) > MAX_OFFSET
        except ValueError:
            too_far = False  # not a number: Wagtail says so
        if too_far:
            raise BadRequestError(f"offset cannot be higher than {MAX_OFFSET}")
        return super().paginate_queryset(queryset, request, view)


class PublicPagesAPIViewSet(PagesAPIViewSet):
    """Wagtail's pages endpoint, answering any origin (the data is public and read-only)."""

    renderer_classes = [JSONRenderer]
    content_negotiation_class = JSONOnly
    pagination_class = BoundedPagination

    def initial(self, request, *args, **kwargs):
        """Refuse what the database or search backend cannot take before Wagtail passes it on.

        PostgreSQL refuses text containing NUL characters (``?locale=%00``, ``?search=%00``,
        ``?html_path=%00``, ``?site=%00`` were server errors); the search backend raises on an
        operator other than "and" or "or".
        """
        super().initial(request, *args, **kwargs)
        for name, values in request.GET.lists():
            if any("\x00" in value for value in values):
                raise BadRequestError(f"{name}: null characters are not allowed")
        operator = request.GET.get("search_operator", "")
        if operator and operator.lower() not in SEARCH_OPERATORS:
            raise BadRequestError("search_operator must be 'and' or 'or'")

    def filter_queryset(self, queryset):
        """Wagtail's filters; a value its field cannot hold (``?first_published_at=x``) was a server error."""
        try:
            return super().filter_queryset(queryset)
        except ValidationError as error:
            raise BadRequestError(f"field filter error: {' '.join(error.messages)}") from error

    def find_object(self, queryset, request):
        """Wagtail's find view, with ``?id=abc`` refused instead of failing on the database lookup."""
        try:
            return super().find_object(queryset, request)
        except ValueError as error:
            raise BadRequestError("id must be a positive integer") from error

    def handle_exception(self, exc):
        """Wagtail's answers; a 404 raised without a message (a page's address with ``?search=``) says why."""
        response = super().handle_exception(exc)
        if response.status_code == 404 and not response.data.get("message"):
            response.data["message"] = "No live, public page matches this request."
        return response

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Access-Control-Allow-Origin"] = "*"
        return response


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PublicPagesAPIViewSet)
