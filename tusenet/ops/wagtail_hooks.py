"""Bounds on the image renditions the admin's preview address can be asked for."""

from django.urls import path
from wagtail import hooks

from .uploads import bounded_image_preview


@hooks.register("register_admin_urls", order=-1)
def bounded_image_preview_urls():
    """Answer Wagtail's image preview address before it does (see ``tusenet.ops.uploads``)."""
    return [
        path(
            "images/<int:image_id>/preview/<str:filter_spec>/",
            bounded_image_preview,
            name="partnerships_image_preview",
        )
    ]
