"""Signing out of the admin is a POST that ends the session; any other request changes nothing.

Wagtail's sign-out view deletes the session cookie on every answer, the 405 it gives a GET included,
so a link or an image on another site could throw an editor out of the admin while the session it
belonged to stayed valid on the server. Mounted at Wagtail's own address, ahead of it (``tusenet/urls.py``).
"""

from django.http import HttpResponseNotAllowed
from wagtail.admin.views.account import LogoutView

_wagtail_sign_out = LogoutView.as_view()


def sign_out(request):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    return _wagtail_sign_out(request)
