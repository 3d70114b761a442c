"""Addresses people put into content lead only to web pages, mail and phone numbers: never to script.

A ``javascript:`` link runs in the reader's browser. Wagtail's rich-text editor already drops such
links; wagtail-localize's translation editor lets a translator replace a link's address (a segment
override) with any text, which is answered here at its own address, ahead of it (``wagtail_hooks``).
Previews, which show such content inside the admin, get the public site's policy, under which no
script from content runs (``tusenet/ops/security.py``).
"""

import io
import re
from html import unescape

from django.http import JsonResponse, QueryDict
from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils.translation import gettext as _
from wagtail_localize.models import OverridableSegment
from wagtail_localize.views import edit_translation

SAFE_SCHEMES = {"http", "https", "mailto", "tel"}
SCHEME = re.compile(r"^([a-z][-+.a-z0-9]*):")
#: What browsers ignore inside a scheme (``jav\tascript:``), as Wagtail's own check does.
IGNORED_BY_BROWSERS = re.compile(r"[`\x00-\x20\x7f-\xa0\s\ufffd]+")


def is_safe_address(address):
    """Whether ``address`` is relative or uses http, https, mailto or tel."""
    normalised = IGNORED_BY_BROWSERS.sub("", unescape(address)).lower()
    scheme = SCHEME.match(normalised)
    return scheme is None or scheme.group(1) in SAFE_SCHEMES


def submitted_value(request):
    """The ``value`` field of a PUT form (wagtail-localize's editor sends multipart form data), or None."""
    if request.content_type == "multipart/form-data":
        data, _files = request.parse_file_upload(request.META, io.BytesIO(request.body))
    elif request.content_type == "application/x-www-form-urlencoded":
        data = QueryDict(request.body, encoding=request.encoding)
    else:
        return None
    return data.get("value")


def edit_override(request, translation_id, overridable_segment_id):
    """A translator's replacement for a link, image or document, checked before wagtail-localize saves it."""
    if request.method == "PUT":
        segment = get_object_or_404(OverridableSegment, id=overridable_segment_id)
        value = submitted_value(request)
        if value is None:
            return JsonResponse({"value": [_("Send the new value as form data in the field “value”.")]}, status=400)
        if isinstance(segment.data, str) and not is_safe_address(value):
            message = _("Use a web address (http or https), an e-mail address (mailto:) or a phone number (tel:).")
            return JsonResponse({"value": [message]}, status=400)
    return edit_translation.edit_override(request, translation_id, overridable_segment_id)


def checked_override_urls():
    """The admin address answered here before wagtail-localize (register it before its own)."""
    return [
        path(
            "localize/translate/<int:translation_id>/overrides/<int:overridable_segment_id>/edit/",
            edit_override,
            name="tusenet_edit_override",
        )
    ]
