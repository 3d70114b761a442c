"""The page a visitor sees when django-axes has paused sign-in after too many failed attempts.

Axes counts failures per username and address (``AXES_LOCKOUT_PARAMETERS``) and, once the
limit is reached, answers every further attempt with this page until the cool-off has
passed, whether the password is right or not. Instead of axes' one-line English text it is
a page in the admin's look, in the visitor's language, saying how long to wait.
"""

import math

from axes.helpers import get_cool_off
from django.shortcuts import render
from django.urls import reverse
from wagtail.admin.views.account import password_reset_enabled

#: Too Many Requests: the attempt was refused because of the ones before it.
LOCKED_OUT_STATUS = 429


def lockout_response(request, original_response=None, credentials=None):
    """Axes' ``AXES_LOCKOUT_CALLABLE``: the sign-in form's address, answered with a translated lockout page."""
    cool_off = get_cool_off(request)
    context = {
        "cooloff_minutes": math.ceil(cool_off.total_seconds() / 60),
        "login_url": request.get_full_path(),
        "password_reset_url": reverse("wagtailadmin_password_reset") if password_reset_enabled() else None,
    }
    return render(request, "ops/locked_out.html", context, status=LOCKED_OUT_STATUS)
