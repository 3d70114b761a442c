"""The admin in its user's language for the whole request, not only inside Wagtail's views."""

from django.urls import reverse
from django.utils import translation
from wagtail.users.models import UserProfile


class AdminLanguageMiddleware:
    """Answer a signed-in user's admin request in the admin language they chose.

    Wagtail switches to that language only while its view runs: what is written after the view has returned
    (the "Sorry, you do not have permission to access this area." of a refused request, a message from a
    middleware) came out in English in a Turkish or Swedish admin.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path_info.startswith(reverse("wagtailadmin_home")) or not request.user.is_authenticated:
            return self.get_response(request)
        with translation.override(UserProfile.get_for_user(request.user).get_preferred_language()):
            return self.get_response(request)
