"""Images in rich text: responsive WebP renditions in place of Wagtail's single-size originals.

Wagtail's formats render one rendition in the uploaded format (a 2 MB JPEG stays a JPEG). Ours
render WebP renditions at a few widths in ``srcset`` with ``sizes``, so a phone downloads the small
one, with ``width``/``height`` (no layout shift) and lazy loading. Wagtail finds this module by its
name (``image_formats``) and the formats replace its own under the same names.
"""

from django.utils.html import escape
from wagtail.images.formats import FORMATS_BY_NAME, Format, register_image_format, unregister_image_format

#: The widths offered to the browser; the largest is the widest the content column shows.
WIDTHS = {"fullwidth": (400, 800, 1200), "left": (300, 500), "right": (300, 500)}
SIZES = {"fullwidth": "(max-width: 50rem) 100vw, 50rem", "left": "(max-width: 40rem) 100vw, 20rem"}


class ResponsiveFormat(Format):
    def __init__(self, name, label, classname):
        widths = WIDTHS[name]
        super().__init__(name, label, classname, f"width-{widths[-1]}|format-webp")
        self.widths = widths

    def image_to_html(self, image, alt_text, extra_attributes=None):
        specs = [f"width-{width}|format-webp" for width in self.widths]
        renditions = image.get_renditions(*specs)
        largest = renditions[specs[-1]]
        srcset = ", ".join(f"{renditions[spec].url} {renditions[spec].width}w" for spec in specs)
        attributes = {
            **(extra_attributes or {}),
            "alt": escape(alt_text),
            "class": escape(self.classname),
            "srcset": srcset,
            "sizes": SIZES.get(self.name, SIZES["left"]),
            "loading": "lazy",
            "decoding": "async",
        }
        return largest.img_tag(attributes)


for name in WIDTHS:
    wagtails_own = FORMATS_BY_NAME[name]  # its translated label and CSS classes stay
    unregister_image_format(name)
    register_image_format(ResponsiveFormat(name, wagtails_own.label, wagtails_own.classname))
