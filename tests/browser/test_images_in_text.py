"""An image in a page's text keeps its proportions at desktop and phone widths."""

import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.images import ImageFile
from PIL import Image as PillowImage

from partnerships.models import StandardPage

from . import SCREENSHOTS

pytestmark = pytest.mark.browser


@pytest.fixture
def about_with_a_3_2_image(loaded_site, django_db_blocker):
    """The English About page with a 1500 × 1000 image at the end of its text; put back afterwards."""
    from wagtail.images.models import Image

    with django_db_blocker.unblock():
        buffer = io.BytesIO()
        PillowImage.new("RGB", (1500, 1000), (0, 90, 140)).save(buffer, format="JPEG")
        image = Image.objects.create(title="Three by two", file=ImageFile(buffer, name="three-by-two.jpg"))
        about = StandardPage.objects.get(locale__language_code="en", slug="about-tusenet")
        published = about.live_revision
        about.body += f'<embed embedtype="image" id="{image.pk}" format="fullwidth" alt="A 3:2 test image"/>'
        about.save_revision().publish()
    yield about.url
    with django_db_blocker.unblock():
        published.publish()
        image.delete()


def serve_media(route):
    """The live server serves no uploads (DEBUG is off): the test hands the browser the rendition file itself."""
    relative = route.request.url.split(settings.MEDIA_URL, 1)[1].split("?")[0]
    route.fulfill(path=Path(settings.MEDIA_ROOT) / relative)


@pytest.mark.parametrize("width", [1280, 375])
def test_an_image_in_page_text_keeps_its_proportions(browser, loaded_site, about_with_a_3_2_image, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    tab = context.new_page()
    tab.route("**/media/**", serve_media)
    tab.goto(f"{loaded_site.url}{about_with_a_3_2_image}")
    image = tab.get_by_role("img", name="A 3:2 test image")
    image.scroll_into_view_if_needed()
    tab.wait_for_function("alt => document.querySelector(`img[alt='${alt}']`).complete", arg="A 3:2 test image")
    box = image.bounding_box()
    SCREENSHOTS.mkdir(exist_ok=True)
    image.screenshot(path=SCREENSHOTS / f"image-in-text-{width}.png")
    natural = tab.evaluate("alt => document.querySelector(`img[alt='${alt}']`).naturalWidth", "A 3:2 test image")
    context.close()
    assert natural > 0  # the picture itself was shown, not a broken-image box
    assert box["width"] <= width
    assert box["width"] / box["height"] == pytest.approx(1.5, abs=0.02)
