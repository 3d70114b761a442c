"""Images in page text are served as responsive WebP renditions."""

import io

import pytest
from django.core.files.images import ImageFile
from PIL import Image as PillowImage
from wagtail.images.models import Image
from wagtail.models import Page

pytestmark = pytest.mark.django_db


def uploaded_image(width=1600, height=900):
    buffer = io.BytesIO()
    PillowImage.new("RGB", (width, height), (0, 90, 140)).save(buffer, format="JPEG")
    return Image.objects.create(title="Kalmar harbour", file=ImageFile(buffer, name="harbour.jpg"))


def test_an_image_in_the_body_has_webp_renditions_in_several_widths(client, small_site):
    image = uploaded_image()
    about = Page.objects.get(pk=small_site["about"].pk).specific
    about.body = f'<p>Text</p><embed embedtype="image" id="{image.pk}" format="fullwidth" alt="The harbour"/>'
    about.save_revision().publish()

    html = client.get(about.url).content.decode()

    start = html.index('<img alt="The harbour"')
    img = html[start : html.index(">", start) + 1]
    assert 'loading="lazy"' in img and 'width="1200"' in img and 'height="675"' in img
    srcset = img[img.index('srcset="') + 8 :].split('"')[0]
    assert [entry.split()[1] for entry in srcset.split(", ")] == ["400w", "800w", "1200w"]
    assert all(entry.split()[0].endswith(".webp") for entry in srcset.split(", "))
    assert 'sizes="' in img
