"""The admin's image form: a damaged or cut-short image file is a field error, never a server error.

Wagtail's image field reads the whole image to check its size in pixels; Pillow raises ``OSError``
("image file is truncated", "broken data stream") for a file that ends early, which reached the
editor as a 500. Installed with Wagtail's ``WAGTAILIMAGES_IMAGE_FORM_BASE`` setting, for the single
and the multiple uploader.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm


class CheckedImageField(WagtailImageField):
    """Wagtail's image field; an image file Pillow cannot read to the end is refused with a message."""

    def to_python(self, data):
        try:
            return super().to_python(data)
        except OSError as error:
            raise ValidationError(
                _("This image file is damaged or incomplete: save it again from an image program and upload it."),
                code="damaged_image",
            ) from error


class ImageForm(BaseImageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "file" in self.fields:  # made per form, like Wagtail's: it reads the upload limits then
            made_by_wagtail = self.fields["file"]
            self.fields["file"] = CheckedImageField(
                label=made_by_wagtail.label, required=made_by_wagtail.required, widget=made_by_wagtail.widget
            )
