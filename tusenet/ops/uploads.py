"""Bounds on the image sizes anyone can ask the site to render.

Visitors cannot choose a size: renditions are made only for the filter specs written in
templates and image formats, and Wagtail's dynamic image view (any size in the address) is
not routed. One admin address still takes a spec from its URL: the image preview
``/admin/images/<id>/preview/<spec>/``. Wagtail checks the operation names there but not
the numbers: ``fill-0x0`` raises a server error, and ``fill-1x99999`` turns a 4×3 pixel image
into one 99 999 pixels tall. ``bounded_image_preview`` answers such specs with 400 before
Wagtail's view runs.
"""

from django.http import HttpResponseBadRequest
from django.utils.translation import gettext
from wagtail.images.exceptions import InvalidFilterSpecError
from wagtail.images.models import Filter
from wagtail.images.views.images import preview

#: The largest width or height, in pixels, a preview may ask for (twice the widest rendition the site uses).
MAX_PREVIEW_SIZE = 2400
#: The attributes in which Wagtail's resize and crop operations keep their sizes.
SIZE_ATTRIBUTES = ("width", "height", "size")


def requested_sizes(filter_spec):
    """Every width and height the spec asks for; raises InvalidFilterSpecError for a malformed spec."""
    return [
        getattr(operation, attribute)
        for operation in Filter(spec=filter_spec).operations
        for attribute in SIZE_ATTRIBUTES
        if isinstance(getattr(operation, attribute, None), int)
    ]


def bounded_image_preview(request, image_id, filter_spec):
    """Wagtail's image preview, for specs whose every size is between 1 and ``MAX_PREVIEW_SIZE`` pixels."""
    try:
        sizes = requested_sizes(filter_spec)
    except InvalidFilterSpecError:
        return preview(request, image_id, filter_spec)  # Wagtail answers a malformed spec with 400 itself
    if not all(1 <= size <= MAX_PREVIEW_SIZE for size in sizes):
        message = gettext("Image sizes must be between 1 and %(max_size)s pixels.") % {"max_size": MAX_PREVIEW_SIZE}
        return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
    return preview(request, image_id, filter_spec)
