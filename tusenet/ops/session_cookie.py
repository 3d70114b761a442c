"""Session cookies that no session store could have issued are ignored."""

from django.conf import settings


class IgnoreForgedSessionCookieMiddleware:
    """Treat a visitor whose session cookie holds control characters as having none.

    Django looks a session key up in the database as it comes. PostgreSQL refuses text
    containing NUL, so ``Cookie: sessionid=abcdefgh%00`` (sent raw) made every page that
    reads the session, the admin login first, a server error. Session stores only issue
    printable ASCII keys, so nothing real is lost. Runs before ``SessionMiddleware``.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = request.COOKIES.get(settings.SESSION_COOKIE_NAME)
        if key is not None and not (key.isascii() and key.isprintable()):
            del request.COOKIES[settings.SESSION_COOKIE_NAME]
        return self.get_response(request)
